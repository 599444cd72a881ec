/** Produces UUID strings (v4 or v7) for new auctions, bids and findings. */
export interface IdGenerator {
  next(): string;
}
