export * from './agenda-scheduler';
export type { AgendaBackendConfig } from './agenda-backends';
export { DEFAULT_PG_TABLE, dropAgendaTable, migrateAgendaTable, type PostgresAgendaConfig } from './postgres-agenda-store';
export { DEFAULT_REDIS_PREFIX, type RedisAgendaConfig } from './redis-agenda-store';
export { DEFAULT_MONGO_COLLECTION, type MongoAgendaConfig } from './mongo-agenda-store';
