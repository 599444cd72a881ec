import { type RelayLoop, startRelayLoop, TOKENS } from '@gavel/app-api';
import { type AccessTokens, type Clock, EventRelay, type Gavel, type Marketplace } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import { createRealtimeGateway, type RealtimeGateway } from '@gavel/socketio';
import type { Container } from 'inversify';
import type http from 'node:http';
import type { Logger } from 'pino';

export interface RealtimeOptions {
  readonly corsOrigins: readonly string[];
  readonly allowAnonymous: boolean;
  readonly relayPollMs: number;
  readonly maxHttpBufferSize?: number;
  readonly eventsPerSecond?: number;
}

export interface Realtime {
  readonly relay: EventRelay;
  readonly loop: RelayLoop;
  readonly gateway: RealtimeGateway;
  /** Stops relaying and closes the sockets; the HTTP server and the database stay open. */
  close(): Promise<void>;
}

/**
 * The outbox relay of this process, driven by the database's outbox signal and a poll, and the
 * Socket.IO gateway on `httpServer` fed by it. Shared by the gateway app and the standalone app
 * (which attaches it to the API's own server: one port for both).
 */
export const attachRealtime = async (container: Container, httpServer: http.Server, opts: RealtimeOptions): Promise<Realtime> => {
  const db = container.get<KnexDatabase>(TOKENS.Database);
  const logger = container.get<Logger>(TOKENS.Logger);
  const gavel = container.get<Gavel>(TOKENS.Gavel);
  const marketplace = container.get<Marketplace>(TOKENS.Marketplace);
  const clock = container.get<Clock>(TOKENS.Clock);
  const relay = new EventRelay({
    stream: db.events,
    clock,
    onListenerError: (err, event) => logger.error({ err, auctionId: event.auctionId, seq: event.seq }, 'relay: a listener failed'),
    onSkip: (skip) => logger.warn({ skip }, 'relay: gave up waiting for an event; watchers resync from snapshots'),
  });
  // Watchers joining now get a snapshot; the relay starts at the outbox's end.
  await relay.start('end');
  const gateway = createRealtimeGateway(
    {
      accessTokens: container.get<AccessTokens>(TOKENS.AccessTokens),
      resolveActor: (userId) => marketplace.resolveActor.execute({ userId }),
      snapshot: (auctionId, viewer) => gavel.getAuction.execute({ auctionId, viewer }),
      events: relay,
      clock,
      logger,
    },
    {
      corsOrigins: opts.corsOrigins,
      allowAnonymous: opts.allowAnonymous,
      httpServer,
      ...(opts.maxHttpBufferSize !== undefined ? { maxHttpBufferSize: opts.maxHttpBufferSize } : {}),
      ...(opts.eventsPerSecond !== undefined ? { eventsPerSecond: opts.eventsPerSecond } : {}),
    },
  );
  const loop = startRelayLoop(relay, { intervalMs: opts.relayPollMs, signal: db.outboxSignal, logger });
  await loop.kick();
  return {
    relay, loop, gateway,
    close: async () => {
      await loop.stop();
      await gateway.close();
    },
  };
};
