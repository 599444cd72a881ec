import * as t from 'io-ts';
import { refine } from './primitives.codec';

/**
 * Query strings arrive as text: `?page=2` is the string "2". This accepts a safe integer given
 * as a number or as a string of decimal digits, and nothing looser (no "2.0", "0x2", " 2", "").
 */
export const IntFromString = new t.Type<number, string, unknown>(
  'IntFromString',
  (u): u is number => Number.isSafeInteger(u),
  (u, c) => {
    if (typeof u === 'number') return Number.isSafeInteger(u) ? t.success(u) : t.failure(u, c);
    if (typeof u !== 'string' || !/^-?\d{1,16}$/.test(u)) return t.failure(u, c);
    const n = Number(u);
    return Number.isSafeInteger(n) ? t.success(n) : t.failure(u, c);
  },
  (n) => String(n),
);

/** `true` / `false` in a query string. */
export const BooleanFromString = new t.Type<boolean, string, unknown>(
  'BooleanFromString',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (typeof u === 'boolean' ? t.success(u) : u === 'true' ? t.success(true) : u === 'false' ? t.success(false) : t.failure(u, c)),
  (b) => String(b),
);

export const AmountFromString = refine(IntFromString, (n) => n >= 0, 'AmountFromString');
