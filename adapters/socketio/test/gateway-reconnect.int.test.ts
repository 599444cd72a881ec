import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { ALICE, BOB, CAROL, expectOk } from '../../../tests/builders/harness.builder';
import { connected, eventually, startWorld, type World } from './support/gateway-test-kit';

const SOCKETS = 500;

/**
 * A client as docs/realtime.md describes it, reduced to what the test checks: it subscribes
 * again on every connect, takes the snapshot's seq, and counts gaps and repeats in the stream.
 */
class ResyncingClient {
  seq: number | null = null;
  gaps = 0;
  repeats = 0;
  connects = 0;
  errors: unknown[] = [];

  constructor(readonly socket: ClientSocket, auctionId: string) {
    socket.on('connect', () => {
      this.connects += 1;
      this.seq = null;
      socket.timeout(20_000).emitWithAck('subscribe', { auctionId }).then(
        (ack: { ok: boolean }) => (ack.ok ? undefined : this.errors.push(ack)),
        (err: unknown) => this.errors.push(err),
      );
    });
    socket.on('connect_error', (err) => this.errors.push(err));
    socket.on('auction_snapshot', (s: { seq: number }) => (this.seq = s.seq));
    socket.on('bid_update', (e: { seq: number }) => {
      if (this.seq === null || e.seq <= this.seq) this.repeats += 1;
      else if (e.seq > this.seq + 1) this.gaps += 1;
      else this.seq = e.seq;
    });
  }
}

describe('realtime gateway: a reconnect storm', () => {
  let world: World;
  afterEach(() => world.close());

  it(`${SOCKETS} sockets dropped at once come back, resubscribe and follow the stream without errors`, async () => {
    world = await startWorld();
    const id = await world.liveAuction();
    const lastSeq = async () => (await world.db.events.readAuction(id, 0)).at(-1)!.seq;
    const clients = Array.from({ length: SOCKETS }, () => {
      const socket = connectClient(world.url, {
        transports: ['websocket'], forceNew: true, auth: { token: world.token(CAROL) }, reconnectionDelay: 100, reconnectionDelayMax: 1_000, timeout: 20_000,
      });
      return new ResyncingClient(socket, id);
    });
    try {
      await Promise.all(clients.map((c) => (c.socket.connected ? undefined : connected(c.socket))));
      await eventually(() => clients.every((c) => c.seq !== null), 30_000);
      expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
      await world.source.pump();
      const first = await lastSeq();
      await eventually(() => clients.every((c) => c.seq === first), 30_000);

      // Every transport cut at once, from the server side: clients see "transport close" and reconnect.
      for (const socket of world.gateway.io.of('/').sockets.values()) socket.conn.close();
      await eventually(() => clients.every((c) => c.connects === 2 && c.seq !== null), 60_000);
      expect(world.gateway.stats()).toMatchObject({ connections: SOCKETS, anonymous: 0, auctionRooms: 1 });

      expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 2_000 }));
      await world.source.pump();
      expect(await lastSeq()).toBe(first + 1);
      await eventually(() => clients.every((c) => c.seq === first + 1), 30_000);
      expect(clients.filter((c) => c.errors.length > 0 || c.gaps > 0).length).toBe(0);
      expect(world.gateway.stats()).toMatchObject({ rateLimited: 0, refusedHandshakes: 0, invalidPayloads: 0 });
    } finally {
      for (const c of clients) c.socket.disconnect();
    }
  }, 120_000);
});
