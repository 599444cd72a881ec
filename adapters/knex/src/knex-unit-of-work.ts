import type { AuctionId, Clock, TransactionContext, UnitOfWork } from '@gavel/core';
import type { Knex } from 'knex';
import type { Dialect } from './dialect';
import type { RowMapper } from './rows';
import { KnexTransaction } from './knex-transaction';

/** Deadlocks and serialization failures: the database undid the work, so running it again is safe. */
const isTransient = (err: unknown): boolean => {
  const e = err as { code?: string; errno?: number } | null;
  return e?.code === '40001' || e?.code === '40P01' || e?.errno === 1213 || e?.code === 'ER_LOCK_DEADLOCK';
};

const MAX_ATTEMPTS = 5;

/**
 * A unit of work is one database transaction at READ COMMITTED. `withAuction` first locks the
 * auction's row (`SELECT ... FOR UPDATE` on PostgreSQL and MySQL; SQLite runs one write
 * transaction at a time through its single connection), so every command on one auction sees
 * the previous one's commit and none is lost. A transient failure (deadlock, serialization)
 * re-runs the whole work in a fresh transaction: the caller gets a decision, not a lock error.
 */
export class KnexUnitOfWork implements UnitOfWork {
  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
    private readonly rows: RowMapper,
    private readonly clock: Clock,
  ) {}

  withAuction<T>(auctionId: AuctionId, work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.transact(async (tx) => {
      await tx.lock(auctionId);
      return work(tx);
    });
  }

  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.transact(work);
  }

  private async transact<T>(work: (tx: KnexTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.knex.transaction(
          (trx) => work(new KnexTransaction(trx, this.dialect, this.rows, () => this.clock.now())),
          this.dialect.name === 'sqlite' ? {} : { isolationLevel: 'read committed' },
        );
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !isTransient(err)) throw err;
      }
    }
  }
}
