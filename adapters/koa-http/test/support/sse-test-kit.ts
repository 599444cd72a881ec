import type { AddressInfo } from 'node:net';
import { type AuctionId, type EventStream, type StoredEvent, UserId } from '@gavel/core';
import { createHttpApp, createHttpServer, type EventSource, type HttpOptions, type SseOptions, sseHubOf } from '@gavel/koa-http';
import { forwardTerms } from '../../../../tests/builders/terms.builder';
import { buildDeps } from './http-test-kit';

export const SELLER = UserId('5e11e000-0000-4000-8000-00000000000a');
export const ANN = UserId('a0000000-0000-4000-8000-00000000000b');
export const BEN = UserId('b0000000-0000-4000-8000-00000000000c');

/** An event source the test drives by hand (to skip or reorder what the relay would deliver). */
export class ManualSource implements EventSource {
  readonly listeners = new Set<(e: StoredEvent) => void>();
  subscribe(listener: (e: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  push(...events: StoredEvent[]): void {
    for (const e of events) for (const l of this.listeners) l(e);
  }
}

export interface SseKitOptions {
  readonly sse?: Partial<SseOptions>;
  readonly http?: Partial<HttpOptions>;
  /** Live events: every commit of the memory database (default), a hand-driven source, or none. */
  readonly source?: 'commits' | ManualSource | 'none';
  /** Wraps the outbox reader (to gate a replay). */
  readonly stream?: (inner: EventStream) => EventStream;
}

/** The API on the memory adapters with SSE, a seller and two bidders, on an ephemeral port. */
export const startSseApi = async (opts: SseKitOptions = {}) => {
  const kit = await buildDeps();
  const { db, deps } = kit;
  for (const id of [SELLER, ANN, BEN]) await db.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  const source = opts.source ?? 'commits';
  const events: EventSource | null = source === 'none' ? null
    : source === 'commits' ? { subscribe: (l) => db.uow.onCommit((committed) => committed.forEach(l)) } : source;
  const stream = opts.stream ? opts.stream(db.events) : db.events;
  const http: Partial<HttpOptions> = { docs: false, ...opts.http };
  const app = createHttpApp(events ? { ...deps, sse: { events, stream } } : deps, { ...http, sse: { pollMs: 25, heartbeatMs: 60_000, ...opts.sse } });
  const server = createHttpServer(app, http);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const createAuction = async (seller = SELLER, publish = true, title = 'Vintage camera'): Promise<AuctionId> => {
    const r = await deps.gavel.createAuction.execute({ actor: { userId: seller, role: 'user' }, terms: { ...forwardTerms({ title }), commissionBps: undefined }, publish });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.id;
  };
  const bid = async (auctionId: AuctionId, bidderId: UserId, amount: number) => {
    const r = await deps.gavel.placeBid.execute({ auctionId, bidderId, amount });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  return {
    ...kit,
    url,
    api: `${url}/api/v1`,
    app,
    server,
    hub: sseHubOf(app)!,
    auth: (userId: UserId) => ({ Authorization: `Bearer ${kit.token(userId)}` }),
    createAuction,
    bid,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
};

export type SseApi = Awaited<ReturnType<typeof startSseApi>>;
