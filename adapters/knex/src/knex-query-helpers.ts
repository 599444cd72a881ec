import type { Knex } from 'knex';
import { safeNumber } from './connection';

/**
 * The shape of a stored id. PostgreSQL's `uuid` columns reject anything else with an error
 * where SQLite and MySQL would just find nothing: the read side drops such ids first, so every
 * dialect answers "not found" alike.
 */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const uuidsOnly = <T extends string>(ids: readonly T[]): T[] => [...new Set(ids)].filter((id) => UUID_SHAPE.test(id));

export const isUuidShaped = (id: string): boolean => UUID_SHAPE.test(id);

/**
 * A LIKE pattern for "contains `text`", lower-cased, with `!` as the escape character: `%`, `_`
 * and `!` itself match literally. Not the backslash, which MySQL/MariaDB also read as an escape
 * inside string literals (and PostgreSQL does not), so one spelling would not fit all three.
 */
export const containsPattern = (text: string): string => `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;

/** `COUNT(*)` of a query, as a number on every driver (PostgreSQL answers BIGINT). */
export const countOf = async (query: Knex.QueryBuilder): Promise<number> => {
  const row = (await query.clearSelect().clearOrder().count({ n: '*' }).first()) as { n: unknown } | undefined;
  return row ? safeNumber(row.n) : 0;
};

/** A primary-key or unique violation, by each driver's code. */
export const isDuplicateKey = (err: unknown): boolean => {
  const e = err as { code?: string; errno?: number } | null;
  return e?.code === '23505' || e?.errno === 1062 || e?.code === 'ER_DUP_ENTRY' || /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(e?.code ?? '');
};
