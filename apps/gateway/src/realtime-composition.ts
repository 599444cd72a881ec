import { type RelayRuntime, TOKENS } from '@gavel/app-api';
import { type AccessTokens, type Clock, type EndingNoticePolicy, type EventRelay, type Gavel, type Marketplace, NotificationRelay } from '@gavel/core';
import { createRealtimeGateway, type RealtimeGateway } from '@gavel/socketio';
import type { Container } from 'inversify';
import type http from 'node:http';
import type { Logger } from 'pino';

export interface RealtimeOptions {
  readonly corsOrigins: readonly string[];
  readonly allowAnonymous: boolean;
  readonly maxHttpBufferSize?: number;
  readonly eventsPerSecond?: number;
  /** `auction_ending` notices (`ENDING_NOTICE_*`); default the core's policy, `false` none. */
  readonly endingNotices?: EndingNoticePolicy | false;
}

export interface Realtime {
  readonly relay: EventRelay;
  readonly runtime: RelayRuntime;
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
  const logger = container.get<Logger>(TOKENS.Logger);
  const gavel = container.get<Gavel>(TOKENS.Gavel);
  const marketplace = container.get<Marketplace>(TOKENS.Marketplace);
  const clock = container.get<Clock>(TOKENS.Clock);
  // One relay per process, shared with the API's SSE streams when both run here (standalone).
  const runtime = container.get<RelayRuntime>(TOKENS.Relay);
  await runtime.start();
  const relay = runtime.relay;
  const gateway = createRealtimeGateway(
    {
      accessTokens: container.get<AccessTokens>(TOKENS.AccessTokens),
      resolveActor: (userId) => marketplace.resolveActor.execute({ userId }),
      snapshot: (auctionId, viewer) => gavel.getAuction.execute({ auctionId, viewer }),
      events: relay,
      // Pumped by the gateway after each event that notifies someone (written in its transaction).
      notifications: new NotificationRelay({
        feed: marketplace.notificationFeed,
        clock,
        onListenerError: (err) => logger.error({ err }, 'realtime: a notification listener failed'),
      }),
      clock,
      logger,
    },
    {
      corsOrigins: opts.corsOrigins,
      allowAnonymous: opts.allowAnonymous,
      httpServer,
      ...(opts.maxHttpBufferSize !== undefined ? { maxHttpBufferSize: opts.maxHttpBufferSize } : {}),
      ...(opts.eventsPerSecond !== undefined ? { eventsPerSecond: opts.eventsPerSecond } : {}),
      ...(opts.endingNotices !== undefined ? { endingNotices: opts.endingNotices } : {}),
    },
  );
  return {
    relay, runtime, gateway,
    // The relay runtime belongs to the process (its owner stops it after the sockets close).
    close: () => gateway.close(),
  };
};
