import type { AgendaStore, StoreErrorSink } from './agenda-store';
import { MongoAgendaStore, type MongoAgendaConfig } from './mongo-agenda-store';
import { PostgresAgendaStore, type PostgresAgendaConfig } from './postgres-agenda-store';
import { RedisAgendaStore, type RedisAgendaConfig } from './redis-agenda-store';

/** Where the jobs live: PostgreSQL (the tested default), Redis (tested), MongoDB (untested here). */
export type AgendaBackendConfig = PostgresAgendaConfig | MongoAgendaConfig | RedisAgendaConfig;

export const storeFor = (config: AgendaBackendConfig, onError: StoreErrorSink): AgendaStore => {
  switch (config.kind) {
    case 'postgres':
      return new PostgresAgendaStore(config, onError);
    case 'mongo':
      return new MongoAgendaStore(config);
    case 'redis':
      return new RedisAgendaStore(config, onError);
  }
};
