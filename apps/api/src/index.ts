export * from './api-server';
export * from './config';
export * from './container';
export * from './env-validators';
export * from './logger';
export * from './shutdown';
export * from './tokens';
export * from './relay-loop';
