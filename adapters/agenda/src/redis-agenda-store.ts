import { RedisBackend, type RedisJobRepository } from '@agendajs/redis-backend';
import type { Redis } from 'ioredis';
import { type AgendaStore, type StoreErrorSink } from './agenda-store';

export const DEFAULT_REDIS_PREFIX = 'gavel:agenda:';

export interface RedisAgendaConfig {
  readonly kind: 'redis';
  /** The backend opens its own client from this, and the scheduler closes it on `close()`. */
  readonly url?: string;
  /** Or a client the caller owns and closes (the scheduler never does). */
  readonly redis?: Redis;
  /** Prefix of every key (default `gavel:agenda:`); the pub/sub channel is `<prefix>notifications`. */
  readonly keyPrefix?: string;
}

/**
 * Agenda's Redis backend. It works (the contract suite runs against a real Redis), but its
 * upsert and its find-and-lock read every job of a name (a SMEMBERS and one hash per job), so
 * its cost grows with the pending jobs; see docs/scheduling-agenda.md.
 */
export class RedisAgendaStore implements AgendaStore {
  readonly backend: RedisBackend;
  private readonly ownsClient: boolean;

  constructor(config: RedisAgendaConfig, onError: StoreErrorSink) {
    const keyPrefix = config.keyPrefix ?? DEFAULT_REDIS_PREFIX;
    const channelName = `${keyPrefix}notifications`;
    if (config.redis) {
      this.backend = new RedisBackend({ redis: config.redis, keyPrefix, channelName });
      this.ownsClient = false;
    } else if (config.url) {
      this.backend = new RedisBackend({ connectionString: config.url, keyPrefix, channelName });
      this.ownsClient = true;
      // ioredis reconnects by itself; an error event without a listener would only be printed.
      (this.backend.repository as RedisJobRepository).getRedis().on('error', onError);
    } else {
      throw new Error('redis backend: give a url or a client');
    }
  }

  /** A PING: a server that is away fails here, not inside Agenda's constructor. */
  async prepare(): Promise<void> {
    await this.backend.repository.connect();
  }

  isDuplicate(): boolean {
    return false;
  }

  async close(): Promise<void> {
    if (this.ownsClient) await this.backend.disconnect();
  }
}
