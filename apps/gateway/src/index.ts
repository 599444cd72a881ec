export * from './config';
export * from './realtime-composition';
export * from './gateway-server';
