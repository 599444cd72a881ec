import { randomUUID } from 'node:crypto';
import { AuctionView, RegisterResponseData } from '@gavel/contracts';
import { type ApiClient, expectOk } from '../../e2e/support/api-client';

export interface Session {
  readonly id: string;
  readonly username: string;
  readonly accessToken: string;
}

/** `POST /auth/register` (201). The API allows 10 a window per IP: register on more APIs for more. */
export const register = async (client: ApiClient, prefix: string): Promise<Session> => {
  const username = `${prefix}_${randomUUID().slice(0, 8)}`;
  const res = await client.post('/auth/register', {
    body: { username, email: `${username}@example.test`, password: 'correct horse battery staple', name: `User ${username}` },
  });
  const data = expectOk(res, RegisterResponseData, 201);
  return { id: data.user.id, username, accessToken: data.accessToken };
};

/** A published (LIVE) forward auction, USD, start 10.00, step 1.00, ending in an hour unless overridden. */
export const createLiveAuction = async (client: ApiClient, seller: Session, overrides: Record<string, unknown> = {}): Promise<AuctionView> => {
  const res = await client.post('/auctions', {
    token: seller.accessToken,
    body: {
      title: `Lot ${randomUUID().slice(0, 8)}`, description: 'Watched by many', type: 'forward', currency: 'USD',
      startingPrice: 1_000, increment: 100, extension: { windowSeconds: 120, extendBySeconds: 120 },
      endTime: new Date(Date.now() + 60 * 60_000).toISOString(), publish: true, ...overrides,
    },
  });
  return expectOk(res, AuctionView, 201);
};

/** `GET /auctions/:id` anonymously: the server's state and `seq`, what every watcher must end at. */
export const readAuction = async (client: ApiClient, id: string): Promise<AuctionView> =>
  expectOk(await client.get(`/auctions/${id}`), AuctionView);

/** Waits until `check` holds (polled), or fails with `describe()` after `ms`. */
export const eventually = async (check: () => boolean | Promise<boolean>, ms: number, describe: () => string): Promise<number> => {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms: ${describe()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
