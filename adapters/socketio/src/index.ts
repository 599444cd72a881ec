export * from './wire-events.mapper';
export * from './wire-encoder';
export * from './gateway-deps';
export { auctionRoom, userRoom, type FanoutCounters } from './event-fanout';
export { EndingTicker, type EndingTickerDeps } from './ending-ticker';
export { HandshakeError, type SocketData } from './handshake.middleware';
export { nativeWsAddons } from './native-addons';
export { notificationEventOf } from './notification-push';
export * from './realtime-gateway';
