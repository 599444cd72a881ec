export * from './config';
export * from './container';
export * from './demo-data';
export * from './event-feed';
export * from './standalone';
export * from './tokens';
