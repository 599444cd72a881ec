import { toIso, type Instant } from '@gavel/core';
import type { Knex } from 'knex';

export type DialectName = 'sqlite' | 'pg' | 'mysql';

/**
 * What differs between the three databases, in one place: how instants and JSON are stored and
 * read back, and how an auction row is locked for the length of a transaction.
 */
export interface Dialect {
  readonly name: DialectName;
  instant(value: Instant): unknown;
  readInstant(value: unknown): Instant;
  json(value: unknown): unknown;
  readJson<T>(value: unknown): T;
  /** Applies the row lock of a unit of work on one auction to a `SELECT` of its row. */
  lockRow(query: Knex.QueryBuilder): Knex.QueryBuilder;
}

const readDate = (value: unknown): Instant => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  throw new TypeError(`not a timestamp: ${String(value)}`);
};

const readJsonValue = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/**
 * SQLite has no timestamp type: ISO 8601 text in UTC sorts and compares correctly and is what
 * its date functions read. It has one writer at a time, so it needs no row lock: a transaction
 * that writes holds the database for its whole length (see docs/persistence.md).
 */
const sqlite: Dialect = {
  name: 'sqlite',
  instant: (v) => toIso(v),
  readInstant: readDate,
  json: (v) => JSON.stringify(v),
  readJson: readJsonValue,
  lockRow: (q) => q,
};

/** PostgreSQL: `timestamptz(3)`, `jsonb`, and a row lock with `SELECT ... FOR UPDATE`. */
const pg: Dialect = {
  name: 'pg',
  instant: (v) => new Date(v),
  readInstant: readDate,
  json: (v) => JSON.stringify(v),
  readJson: readJsonValue,
  lockRow: (q) => q.forUpdate(),
};

/** MySQL/MariaDB: `datetime(3)` in UTC (the session time zone is +00:00), JSON as text, `FOR UPDATE`. */
const mysql: Dialect = { ...pg, name: 'mysql' };

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = { sqlite, pg, mysql };
