import type { AccountView, PageRequest, Result } from '@gavel/core';
import { DEFAULT_LIMIT, DEFAULT_PAGE, type UserView } from '@gavel/contracts';
import type { Plain } from '../route';

/** SPEC's `?page&limit`, with its defaults. */
export const pageRequest = (q: { readonly page?: number; readonly limit?: number } | undefined): PageRequest => ({
  page: q?.page ?? DEFAULT_PAGE,
  limit: q?.limit ?? DEFAULT_LIMIT,
});

/** A wire ISO time (already checked by the codec) as core's epoch milliseconds. */
export const instantOf = (iso: string): number => Date.parse(iso);

/** Core's account view on the wire: an unset name is absent, not null (seed 003's `user`). */
export const userView = (a: AccountView): Plain<UserView> => ({
  id: a.id, username: a.username, email: a.email, role: a.role, status: a.status, createdAt: a.createdAt,
  ...(a.name !== null ? { name: a.name } : {}),
});

export const mapOk = <A, B>(r: Result<A>, f: (a: A) => B): Result<B> => (r.ok ? { ok: true, value: f(r.value) } : r);
