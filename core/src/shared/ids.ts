declare const brand: unique symbol;
/** A string that the type system keeps apart from other strings; decoded at the edge. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type AuctionId = Brand<string, 'AuctionId'>;
export type UserId = Brand<string, 'UserId'>;
export type BidId = Brand<string, 'BidId'>;
export type EventId = Brand<string, 'EventId'>;
export type FindingId = Brand<string, 'FindingId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

export const AuctionId = (value: string): AuctionId => value as AuctionId;
export const UserId = (value: string): UserId => value as UserId;
export const BidId = (value: string): BidId => value as BidId;
