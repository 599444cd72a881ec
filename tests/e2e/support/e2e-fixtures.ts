import { randomUUID } from 'node:crypto';
import { AuctionView, PlaceBidResponseData, RegisterResponseData } from '@gavel/contracts';
import { type ApiResponse, expectOk } from './api-client';
import type { E2eApp } from './e2e-app';

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly email: string;
  readonly password: string;
  /** The display name (bid histories show it, masked for others). */
  readonly name: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

let counter = 0;
/** Unique across files and dialects (one database per file, but readable in failures). */
const unique = (): string => `${(counter++).toString(36)}${randomUUID().slice(0, 6)}`;

export const PASSWORD = 'correct horse battery staple';

/** Registers a user through `POST /auth/register` (201) and returns its session. */
export const registerUser = async (app: E2eApp, opts: { readonly name?: string; readonly prefix?: string } = {}): Promise<TestUser> => {
  const tag = unique();
  const username = `${opts.prefix ?? 'user'}_${tag}`;
  const email = `${username}@example.test`;
  const name = opts.name ?? `User ${tag}`;
  const res = await app.client.post('/auth/register', { body: { username, email, password: PASSWORD, name } });
  const data = expectOk(res, RegisterResponseData, 201);
  return { id: data.user.id, username, email, password: PASSWORD, name, accessToken: data.accessToken, refreshToken: data.refreshToken };
};

/** A registered user made admin through the app's storage (no route can create the first admin). */
export const registerAdmin = async (app: E2eApp): Promise<TestUser> => {
  const user = await registerUser(app, { prefix: 'admin', name: 'Ada Admin' });
  await app.setRole(user.id, 'admin');
  return user;
};

export interface AuctionBody {
  readonly [key: string]: unknown;
}

/** SPEC's auction body with test defaults: forward, USD, 10.00 start, fixed 1.00 step, an hour long. */
export const auctionBody = (app: E2eApp, overrides: AuctionBody = {}): AuctionBody => ({
  title: `Lot ${unique()}`,
  description: 'A thing to sell',
  type: 'forward',
  currency: 'USD',
  startingPrice: 1000,
  increment: 100,
  extension: { windowSeconds: 120, extendBySeconds: 120 },
  endTime: new Date(app.clock.now() + 60 * 60_000).toISOString(),
  ...overrides,
});

/** `POST /auctions` by `seller`; published (LIVE) unless `publish: false` is in the overrides. */
export const createAuction = async (app: E2eApp, seller: TestUser, overrides: AuctionBody = {}): Promise<AuctionView> => {
  const res = await app.client.post('/auctions', { token: seller.accessToken, body: auctionBody(app, { publish: true, ...overrides }) });
  return expectOk(res, AuctionView, 201);
};

export const bidRequest = (auctionId: string, amount: number, maxAmount?: number) => ({
  auction_id: auctionId,
  bid_amount: amount,
  ...(maxAmount !== undefined ? { max_amount: maxAmount } : {}),
});

/** `POST /bids/place` as `bidder`. */
export const placeBid = (app: E2eApp, bidder: TestUser, auctionId: string, amount: number, maxAmount?: number, headers?: Record<string, string>): Promise<ApiResponse> =>
  app.client.post('/bids/place', { token: bidder.accessToken, body: bidRequest(auctionId, amount, maxAmount), ...(headers ? { headers } : {}) });

/** A bid that must be accepted (201), decoded. */
export const placeBidOk = async (app: E2eApp, bidder: TestUser, auctionId: string, amount: number, maxAmount?: number): Promise<PlaceBidResponseData> =>
  expectOk(await placeBid(app, bidder, auctionId, amount, maxAmount), PlaceBidResponseData, 201);

/** `GET /auctions/:id` as `viewer` (anonymous without one). */
export const viewAuction = async (app: E2eApp, id: string, viewer?: TestUser): Promise<AuctionView> =>
  expectOk(await app.client.get(`/auctions/${id}`, viewer ? { token: viewer.accessToken } : {}), AuctionView);

/** An id no row has. */
export const unknownId = (): string => randomUUID();
