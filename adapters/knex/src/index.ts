export * from './connection';
export * from './dialect';
export * from './knex-database';
export * from './knex-event-stream';
export * from './knex-transaction';
export * from './knex-unit-of-work';
export * from './migrations';
export * from './rows';
