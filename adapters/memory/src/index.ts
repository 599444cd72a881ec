export * from './clocks';
export * from './id-generators';
export * from './memory-database';
export * from './memory-event-stream';
export * from './memory-state';
export * from './memory-transaction';
export * from './memory-unit-of-work';
export * from './memory-idempotency-store';
