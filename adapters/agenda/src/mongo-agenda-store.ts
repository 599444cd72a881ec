import { MongoBackend } from '@agendajs/mongo-backend';
import type { Db } from 'mongodb';
import type { AgendaStore } from './agenda-store';

export const DEFAULT_MONGO_COLLECTION = 'gavelAgendaJobs';

export interface MongoAgendaConfig {
  readonly kind: 'mongo';
  /** The backend opens its own client from this, and the scheduler closes it on `close()`. */
  readonly url?: string;
  /** Or a database handle the caller owns and closes (the scheduler never does). */
  readonly db?: Db;
  /** Default `gavelAgendaJobs`. */
  readonly collection?: string;
}

/**
 * Agenda's MongoDB backend, as Agenda ships it. Compiled and wired, but NOT tested here: no
 * MongoDB server runs on the machines this repository is tested on. The contract suite runs
 * against it when GAVEL_TEST_MONGO_URL is set.
 */
export class MongoAgendaStore implements AgendaStore {
  readonly backend: MongoBackend;
  private readonly ownsClient: boolean;

  constructor(config: MongoAgendaConfig) {
    const collection = config.collection ?? DEFAULT_MONGO_COLLECTION;
    if (config.db) {
      this.backend = new MongoBackend({ mongo: config.db, collection });
      this.ownsClient = false;
    } else if (config.url) {
      this.backend = new MongoBackend({ address: config.url, collection });
      this.ownsClient = true;
    } else {
      throw new Error('mongo backend: give a url or a db');
    }
  }

  async prepare(): Promise<void> {}

  isDuplicate(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === 11000;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.backend.disconnect();
  }
}
