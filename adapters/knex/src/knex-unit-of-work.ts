import type { AuctionId, Clock, TransactionContext, UnitOfWork } from '@gavel/core';
import type { Knex } from 'knex';
import type { Dialect } from './dialect';
import type { RowMapper } from './rows';
import { KnexTransaction } from './knex-transaction';

type DbError = { code?: string; errno?: number; message?: string } | null;

/** Deadlocks and serialization failures: the database undid the work, so running it again is safe. */
const isConflict = (err: unknown): boolean => {
  const e = err as DbError;
  return e?.code === '40001' || e?.code === '40P01' || e?.errno === 1213 || e?.code === 'ER_LOCK_DEADLOCK';
};

/**
 * The connection died (a restarted or killed server, a pooled socket that was already closed).
 * Before COMMIT was sent that means nothing was committed; during COMMIT the outcome is unknown.
 */
const PG_CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006']);
const NET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', 'ER_SERVER_SHUTDOWN']);
const isConnectionLoss = (err: unknown): boolean => {
  const e = err as DbError;
  if (!e) return false;
  if (e.code !== undefined && (PG_CONNECTION_CODES.has(e.code) || NET_CODES.has(e.code))) return true;
  // node-postgres reports a socket closed under a query without a code.
  return /Connection terminated|connection is closed|Client has encountered a connection error/i.test(e.message ?? '');
};

const MAX_ATTEMPTS = 10;
/** Upper bound of commands decided in one transaction: keeps the row lock's hold time bounded. */
const MAX_BATCH = 100;

interface Waiting {
  readonly work: (tx: TransactionContext) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (err: unknown) => void;
}

/** Thrown inside a batch to roll it back when one member's work failed (a bug, not a refusal). */
class MemberFailed extends Error {
  constructor(readonly index: number, override readonly cause: unknown) {
    super('a batched unit of work failed');
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A unit of work is one database transaction at READ COMMITTED. `withAuction` first locks the
 * auction's row (`SELECT ... FOR UPDATE` on PostgreSQL and MySQL; SQLite runs one write
 * transaction at a time through its single connection), so every command on one auction sees
 * the previous one's commit and none is lost. A transient failure (deadlock, serialization)
 * re-runs the whole work in a fresh transaction: the caller gets a decision, not a lock error.
 */
export class KnexUnitOfWork implements UnitOfWork {
  private readonly queues = new Map<AuctionId, Waiting[]>();

  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
    private readonly rows: RowMapper,
    private readonly clock: Clock,
    private readonly groupCommit = true,
    /** Called after each commit that published events (the in-process outbox signal). */
    private readonly afterPublish: () => void = () => undefined,
  ) {}

  /**
   * With group commit (the default), commands on one auction queue in this process: the first
   * runs at once, and whatever arrives meanwhile is decided in arrival order in the next
   * transaction, under one row lock and one commit. Every caller is answered only after the
   * commit that made its command durable. A hot auction then pays one commit per batch instead
   * of one per bid, and waiting bidders hold no database connection.
   */
  withAuction<T>(auctionId: AuctionId, work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    if (!this.groupCommit) {
      return this.transact(async (tx) => {
        await tx.lock(auctionId);
        return work(tx);
      });
    }
    return new Promise<T>((resolve, reject) => {
      const waiting: Waiting = { work, resolve: resolve as (v: unknown) => void, reject };
      const queue = this.queues.get(auctionId);
      if (queue) {
        queue.push(waiting);
        return;
      }
      this.queues.set(auctionId, [waiting]);
      void this.drain(auctionId);
    });
  }

  /**
   * One transaction that locks every auction first (`SELECT ... WHERE id IN (...) ORDER BY id
   * FOR UPDATE`: rows are locked in id order, so two such units cannot deadlock each other),
   * outside the group-commit queues: the row locks serialize it with them.
   */
  withAuctions<T>(auctionIds: readonly AuctionId[], work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    const ids = [...new Set(auctionIds)].sort();
    return this.transact(async (tx) => {
      await tx.lockMany(ids);
      return work(tx);
    });
  }

  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.transact(work);
  }

  private async drain(auctionId: AuctionId): Promise<void> {
    const queue = this.queues.get(auctionId)!;
    while (queue.length > 0) await this.runBatch(auctionId, queue.splice(0, MAX_BATCH));
    this.queues.delete(auctionId);
  }

  /**
   * Decides a batch in one transaction. A member whose work throws (a bug; refusals are values)
   * rolls the batch back: it alone is rejected and the others run again without it, so no
   * member ever sees another's failure. A failed commit rejects every member.
   */
  private async runBatch(auctionId: AuctionId, batch: Waiting[]): Promise<void> {
    let pending = batch;
    while (pending.length > 0) {
      const results: unknown[] = [];
      try {
        await this.transact(async (tx) => {
          results.length = 0;
          await tx.lock(auctionId);
          for (let i = 0; i < pending.length; i++) {
            try {
              results.push(await pending[i]!.work(tx));
            } catch (err) {
              if (isConflict(err) || isConnectionLoss(err)) throw err;
              throw new MemberFailed(i, err);
            }
          }
        });
        pending.forEach((w, i) => w.resolve(results[i]));
        return;
      } catch (err) {
        if (!(err instanceof MemberFailed)) {
          pending.forEach((w) => w.reject(err));
          return;
        }
        pending[err.index]!.reject(err.cause);
        pending = pending.filter((_, i) => i !== err.index);
      }
    }
  }

  /**
   * Runs `work` in a transaction, again when the database undid it: after a deadlock, or after
   * the connection died before the work was done (nothing can have committed then). A connection
   * lost during COMMIT is not retried: the bid may be stored, and running it twice could place
   * it twice; the caller sees the error and an idempotent retry (issue 4) settles it.
   */
  private async transact<T>(work: (tx: KnexTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let workDone = false;
      let tx: KnexTransaction | null = null;
      try {
        const committed = await this.knex.transaction(async (trx) => {
          tx = new KnexTransaction(trx, this.dialect, this.rows, () => this.clock.now());
          const result = await work(tx);
          workDone = true;
          return result;
        }, this.dialect.name === 'sqlite' ? {} : { isolationLevel: 'read committed' });
        if ((tx as KnexTransaction | null)?.published) {
          try {
            this.afterPublish();
          } catch {
            // Committed is committed: a failing signal must not turn it into an error.
          }
        }
        return committed;
      } catch (err) {
        const retry = isConflict(err) || (!workDone && isConnectionLoss(err));
        if (attempt >= MAX_ATTEMPTS || !retry) throw err;
        // Lets the pool see the other broken sockets close before the next attempt takes one.
        if (!isConflict(err)) await pause(20 * attempt);
      }
    }
  }
}
