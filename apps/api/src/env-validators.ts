import { type CleanedEnv, cleanEnv, EnvError, makeValidator, type ValidatorSpec } from 'envalid';

/**
 * envalid validators for what its built-ins get wrong for us: `num` takes "12abc" as 12 and has
 * no range; `port` refuses 0, which tests and supervisors use to ask for any free port. Each
 * message names what is expected; a value is echoed only where it cannot be a secret.
 */

const INTEGER = /^-?\d+$/;

/** An integer in `[min, max]`. */
export const intIn = (min: number, max: number) =>
  makeValidator<number>((input: string) => {
    const n = Number(input);
    if (!INTEGER.test(input.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new EnvError(`must be an integer from ${min} to ${max} (got "${input}")`);
    }
    return n;
  });

/** Any TCP port, 0 meaning "any free one". */
export const listenPort = intIn(0, 65_535);

const DATABASE_SCHEMES = /^(sqlite:|postgres:\/\/|postgresql:\/\/|mysql:\/\/|mariadb:\/\/)/;

/** `sqlite:<file>` (or `sqlite::memory:`), `postgres[ql]://...`, `mysql://...` or `mariadb://...`. */
export const databaseUrl = makeValidator<string>((input: string) => {
  const scheme = input.split(':')[0] ?? '';
  if (!DATABASE_SCHEMES.test(input)) {
    throw new EnvError(`must start with sqlite:, postgres://, postgresql://, mysql:// or mariadb:// (got "${scheme}:")`);
  }
  if (input.startsWith('sqlite:')) {
    if (input.length === 'sqlite:'.length) throw new EnvError('must name a file after sqlite: (e.g. sqlite:./data/gavel.db)');
    return input;
  }
  try {
    const u = new URL(input);
    if (!u.hostname) throw new Error('no host');
  } catch {
    // The URL may carry a password: never echo it.
    throw new EnvError(`is not a valid ${scheme} URL (expected ${scheme}://user:password@host:port/database)`);
  }
  return input;
});

/** An HMAC key for HS256: at least 32 bytes (RFC 7518 §3.2). Never echoed. */
export const jwtSecret = makeValidator<string>((input: string) => {
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes < 32) throw new EnvError(`must be at least 32 bytes (got ${bytes}); e.g. openssl rand -base64 48`);
  return input;
});

/** A comma-separated list of exact origins (`https://shop.example.com`, no path). */
export const originList = makeValidator<readonly string[]>((input: string) => {
  const items = input.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const bad = items.filter((o) => {
    try {
      const u = new URL(o);
      return (u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== o.replace(/\/$/, '');
    } catch {
      return true;
    }
  });
  if (bad.length > 0) throw new EnvError(`must be comma-separated origins like https://app.example.com (bad: ${bad.join(', ')})`);
  return items.map((o) => o.replace(/\/$/, ''));
});

export type EnvProblems = Record<string, string>;

export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: EnvProblems };

/**
 * Decodes `env` with envalid, collecting every bad or missing variable instead of envalid's
 * default reporter (which prints and exits on its own): the caller decides how to report.
 * Empty strings count as unset, as `PORT=` in a compose file means "no value", not "port ''".
 */
export const decodeEnv = <S extends Record<string, ValidatorSpec<unknown>>>(env: NodeJS.ProcessEnv, specs: S): Decoded<CleanedEnv<S>> => {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const problems: EnvProblems = {};
  const cleaned = cleanEnv(present, specs, {
    reporter: ({ errors }) => {
      for (const [name, err] of Object.entries(errors)) {
        if (!err) continue;
        const missing = err instanceof ReferenceError;
        problems[name] = missing ? `is required: ${err.message}` : err.message;
      }
    },
  });
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value: cleaned };
};

/** One line per variable, for humans reading a failed start. */
export const formatProblems = (problems: EnvProblems): string =>
  ['Invalid configuration (environment variables):', ...Object.entries(problems).map(([name, why]) => `  ${name}: ${why}`)].join('\n');
