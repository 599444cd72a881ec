import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nativeWsAddons } from '@gavel/socketio';
import { Server } from 'socket.io';
import { failStart, serveChild } from './child';
import { loopDelay } from './loop-delay';

/**
 * The ceiling: a bare Socket.IO server with the gateway's engine options (websocket without
 * per-message deflate, no HTTP compression, `ws` with bufferutil when installed), whose
 * `subscribe` only joins the room, broadcasting a `bid_update` of the gateway's shape and size
 * to that room on its own timer. No database, no relay, no codec: what Socket.IO itself costs.
 */

export interface BroadcastArgs {
  readonly auctionId: string;
  readonly perSecond: number;
  readonly count: number;
}

const httpServer = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(httpServer, {
  path: '/socket.io',
  serveClient: false,
  maxHttpBufferSize: 16 * 1024,
  perMessageDeflate: false,
  httpCompression: false,
  transports: ['polling', 'websocket'],
  connectTimeout: 10_000,
});

io.on('connection', (socket) => {
  socket.on('subscribe', (req: { auctionId?: unknown }, ack?: (a: unknown) => void) => {
    if (typeof req?.auctionId === 'string') void socket.join(`auction:${req.auctionId}`);
    ack?.({ ok: true, seq: 0 });
  });
});

/** What the gateway sends for one accepted bid (field for field, as its codec encodes it), stamped `at` (epoch ms). */
const bidUpdate = (auctionId: string, seq: number, price: number, at: number) => ({
  auctionId, seq, timestamp: new Date(at).toISOString(),
  currentPrice: price, bidCount: seq, leaderId: null, previousLeaderId: null, reserveMet: true, minNextBid: price + 1,
  buyNowAvailable: false, endTime: '2030-01-01T00:00:00.000Z',
  bids: [{ id: randomUUID(), bidderId: null, amount: price, kind: 'manual', isAuto: false }],
});

/** The room's stream position: it goes on rising across calls, as an auction's `seq` does. */
let seq = 0;

/**
 * `count` broadcasts at `perSecond`, each due at start + i / rate and stamped with that due time,
 * as a bid is stamped when it is decided: a server too busy to emit on time shows it as latency
 * (stamping at the emit would hide it, and the rate would quietly drop).
 */
const broadcast = (args: BroadcastArgs): Promise<{ sent: number; ms: number }> =>
  new Promise((resolve) => {
    const start = performance.now();
    const room = io.local.to(`auction:${args.auctionId}`);
    const due = (i: number) => start + (i * 1000) / args.perSecond;
    let sent = 0;
    const tick = () => {
      seq += 1;
      room.emit('bid_update', bidUpdate(args.auctionId, seq, 1_000 + 10 * seq, performance.timeOrigin + due(sent)));
      sent += 1;
      if (sent >= args.count) return resolve({ sent, ms: Math.round(performance.now() - start) });
      setTimeout(tick, Math.max(0, due(sent) - performance.now()));
    };
    tick();
  });

const loop = loopDelay();

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  try {
    serveChild({ url: `http://127.0.0.1:${port}`, nativeWs: nativeWsAddons() }, {
      broadcast: (a) => broadcast(a as BroadcastArgs),
      resetStats: () => loop.reset(),
      stats: () => ({ sockets: io.of('/').sockets.size, loopDelayMs: loop.summary() }),
    }, async () => {
      io.engine.close();
      httpServer.closeAllConnections();
      await new Promise<void>((r) => httpServer.close(() => r()));
    });
  } catch (err) {
    failStart('bare socket.io server')(err);
  }
});
