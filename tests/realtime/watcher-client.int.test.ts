import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { eventually } from './support/http-fixtures';
import { exactDeliveryProblems, type Finals, orderProblems } from './support/stream-checks';
import { WatcherClient } from './support/watcher-client';

const AUCTION = '5b0f3c1e-8a4e-4c1a-9d7e-2f6a1b3c4d5e';
const T = '2026-01-01T00:00:00.000Z';

const snapshot = (seq: number) => ({ auctionId: AUCTION, seq, timestamp: T, status: 'LIVE', currentPrice: seq * 100, bidCount: seq, endTime: T });
const bid = (seq: number) => ({ auctionId: AUCTION, seq, timestamp: T, currentPrice: seq * 100, bidCount: seq, endTime: T });
const finals = (seq: number): Finals => new Map([[AUCTION, { ...snapshot(seq), seq } as never]]);

/**
 * The checker the multi-process tests rely on, against a scripted Socket.IO server: it must
 * notice a gap (and resync), a repeat and a step back, or those tests could not fail.
 */
describe('the realtime tests\' watcher client', () => {
  let io: Server;
  let server: http.Server;
  let url: string;
  /** What the scripted server sends after each subscribe: the n-th subscribe runs script[n]. */
  let script: ((socket: Socket) => void)[];
  let subscribes: number;
  const watchers: WatcherClient[] = [];

  beforeEach(async () => {
    server = http.createServer();
    io = new Server(server, { transports: ['websocket'] });
    subscribes = 0;
    io.on('connection', (socket) => {
      socket.on('subscribe', (_body: unknown, ack: (a: unknown) => void) => {
        const run = script[subscribes++];
        run?.(socket);
        ack({ ok: true, seq: 0 });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    watchers.splice(0).forEach((w) => w.close());
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });

  const watch = (): WatcherClient => {
    const w = new WatcherClient({ url, auctionIds: [AUCTION], reconnection: false });
    watchers.push(w);
    return w;
  };

  it('applies a clean stream and finds nothing wrong', async () => {
    script = [(s) => {
      s.emit('bid_update', bid(3)); // before the snapshot, already in it
      s.emit('auction_snapshot', snapshot(3));
      for (const seq of [4, 5, 6]) s.emit('bid_update', bid(seq));
    }];
    const w = watch();
    await eventually(() => w.tracks.get(AUCTION)?.state?.seq === 6, 5_000, () => 'not at 6');
    expect(exactDeliveryProblems(w, finals(6), 'w')).toEqual([]);
  });

  it('detects a gap, subscribes again and continues from the new snapshot', async () => {
    script = [
      (s) => {
        s.emit('auction_snapshot', snapshot(3));
        s.emit('bid_update', bid(4));
        s.emit('bid_update', bid(6)); // 5 is missing
      },
      (s) => {
        s.emit('auction_snapshot', snapshot(6));
        s.emit('bid_update', bid(7));
      },
    ];
    const w = watch();
    await eventually(() => w.tracks.get(AUCTION)?.state?.seq === 7, 5_000, () => 'not at 7');
    const track = w.tracks.get(AUCTION)!;
    expect(subscribes).toBe(2);
    expect(track).toMatchObject({ gapsInStream: 1, gapsFilledBySnapshot: 1, seqsRecovered: 2, applied: [4, 7] });
    // The strict scale-out rule refuses it: a gap and a second snapshot.
    expect(exactDeliveryProblems(w, finals(7), 'w').join('\n')).toMatch(/2 snapshots/);
  });

  it('reports a repeat and a step back in the stream', async () => {
    script = [(s) => {
      s.emit('auction_snapshot', snapshot(1));
      for (const seq of [2, 3, 3, 2, 4]) s.emit('bid_update', bid(seq));
    }];
    const w = watch();
    await eventually(() => w.tracks.get(AUCTION)?.state?.seq === 4, 5_000, () => 'not at 4');
    expect(orderProblems(w)).toEqual([
      `${AUCTION} connection 1: seq 3 (bid_update) after 3`,
      `${AUCTION} connection 1: seq 2 (bid_update) after 3`,
    ]);
    expect(exactDeliveryProblems(w, finals(4), 'w').join('\n')).toMatch(/got 5 events for 3 expected/);
  });
});
