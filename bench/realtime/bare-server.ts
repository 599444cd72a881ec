import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nativeWsAddons } from '@gavel/socketio';
import { Server } from 'socket.io';
import { failStart, serveChild } from './child';

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

/** What the gateway sends for one accepted bid (field for field, as its codec encodes it). */
const bidUpdate = (auctionId: string, seq: number, price: number) => ({
  auctionId, seq, timestamp: new Date().toISOString(),
  currentPrice: price, bidCount: seq, leaderId: null, previousLeaderId: null, reserveMet: true, minNextBid: price + 1,
  buyNowAvailable: false, endTime: '2030-01-01T00:00:00.000Z',
  bids: [{ id: randomUUID(), bidderId: null, amount: price, kind: 'manual', isAuto: false }],
});

/** The room's stream position: it goes on rising across calls, as an auction's `seq` does. */
let seq = 0;

/** `count` broadcasts at `perSecond`, on a schedule that does not drift (each aimed at start + i/rate). */
const broadcast = (args: BroadcastArgs): Promise<{ sent: number; ms: number }> =>
  new Promise((resolve) => {
    const start = performance.now();
    const room = io.local.to(`auction:${args.auctionId}`);
    let sent = 0;
    const tick = () => {
      sent += 1;
      seq += 1;
      room.emit('bid_update', bidUpdate(args.auctionId, seq, 1_000 + 10 * seq));
      if (sent >= args.count) return resolve({ sent, ms: Math.round(performance.now() - start) });
      setTimeout(tick, Math.max(0, start + (sent * 1000) / args.perSecond - performance.now()));
    };
    tick();
  });

httpServer.listen(0, '127.0.0.1', () => {
  const { port } = httpServer.address() as AddressInfo;
  try {
    serveChild({ url: `http://127.0.0.1:${port}`, nativeWs: nativeWsAddons() }, {
      broadcast: (a) => broadcast(a as BroadcastArgs),
      resetStats: () => null,
      stats: () => ({ sockets: io.of('/').sockets.size }),
    }, async () => {
      io.engine.close();
      httpServer.closeAllConnections();
      await new Promise<void>((r) => httpServer.close(() => r()));
    });
  } catch (err) {
    failStart('bare socket.io server')(err);
  }
});
