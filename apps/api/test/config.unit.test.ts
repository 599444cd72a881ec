import { defaultHttpOptions } from '@gavel/koa-http';
import { DEFAULT_SQLITE_URL, formatProblems, readApiConfig } from '@gavel/app-api';

const SECRET = 's'.repeat(40);

const problemsOf = (env: NodeJS.ProcessEnv, defaults?: Parameters<typeof readApiConfig>[1]): Record<string, string> => {
  const r = readApiConfig(env, defaults);
  if (r.ok) throw new Error(`expected problems, got a config for ${JSON.stringify(env)}`);
  return r.problems;
};

const configOf = (env: NodeJS.ProcessEnv) => {
  const r = readApiConfig(env);
  if (!r.ok) throw new Error(formatProblems(r.problems));
  return r.value;
};

describe('api config from the environment', () => {
  it('starts from documented defaults when nothing is set (outside production)', () => {
    const c = configOf({});
    expect(c.nodeEnv).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.database).toEqual({ url: DEFAULT_SQLITE_URL, poolMax: 10, migrate: true });
    expect(c.jwt.generated).toBe(true);
    expect(Buffer.byteLength(c.jwt.secret)).toBeGreaterThanOrEqual(32);
    expect(c.jwt).toMatchObject({ issuer: 'gavel', audience: 'gavel-api', accessTtlSeconds: 900 });
    expect(c.refreshTtlSeconds).toBe(14 * 86_400);
    expect(c.bcryptCost).toBe(12);
    expect(c.logLevel).toBe('info');
    expect(c.shutdownTimeoutMs).toBe(10_000);
    expect(c.http).toEqual(defaultHttpOptions);
  });

  it('gives each process its own random secret when JWT_SECRET is unset', () => {
    expect(configOf({}).jwt.secret).not.toBe(configOf({}).jwt.secret);
  });

  it('maps every variable onto the app config and the HTTP options', () => {
    const c = configOf({
      NODE_ENV: 'production', PORT: '8080', HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://gavel:pw@db.internal:5432/gavel', DATABASE_POOL_MAX: '25', DATABASE_MIGRATE: 'false',
      JWT_SECRET: SECRET, JWT_ISSUER: 'https://auth.example.com', JWT_AUDIENCE: 'shop',
      ACCESS_TOKEN_TTL: '600', REFRESH_TOKEN_TTL: '86400', BCRYPT_COST: '13',
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173/', BODY_LIMIT: '65536', TRUST_PROXY: 'true',
      RATE_LIMIT_LOGIN_POINTS: '10', RATE_LIMIT_LOGIN_WINDOW_SECONDS: '600', RATE_LIMIT_BIDS_PER_SECOND: '3',
      LOG_LEVEL: 'warn', DOCS_ENABLED: 'false', SHUTDOWN_TIMEOUT_MS: '5000',
      HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '20000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '4000',
      HTTP_CONNECTIONS_CHECK_INTERVAL_MS: '500',
    });
    expect(c).toMatchObject({
      nodeEnv: 'production', port: 8080, host: '127.0.0.1',
      database: { url: 'postgres://gavel:pw@db.internal:5432/gavel', poolMax: 25, migrate: false },
      jwt: { secret: SECRET, generated: false, issuer: 'https://auth.example.com', audience: 'shop', accessTtlSeconds: 600 },
      refreshTtlSeconds: 86_400, bcryptCost: 13, logLevel: 'warn', shutdownTimeoutMs: 5000,
    });
    expect(c.http).toEqual({
      ...defaultHttpOptions,
      corsOrigins: ['https://shop.example.com', 'http://localhost:5173'],
      bodyLimitBytes: 65_536,
      trustProxy: true,
      rateLimits: { ...defaultHttpOptions.rateLimits, login: { points: 10, durationSeconds: 600 }, bid: { points: 3, durationSeconds: 1 } },
      docs: false,
      server: { headersTimeoutMs: 5000, requestTimeoutMs: 20_000, keepAliveTimeoutMs: 4000, connectionsCheckingIntervalMs: 500 },
    });
  });

  it.each([
    ['sqlite:./data/gavel.db'], ['sqlite::memory:'], ['postgres://u:p@h:5432/d'], ['postgresql://u@h/d'],
    ['mysql://u:p@h:3306/d'], ['mariadb://u:p@h/d'],
  ])('accepts DATABASE_URL %s', (url) => {
    expect(configOf({ DATABASE_URL: url }).database.url).toBe(url);
  });

  it.each([
    ['PORT', 'http', 'must be an integer from 0 to 65535 (got "http")'],
    ['PORT', '70000', 'must be an integer from 0 to 65535'],
    ['PORT', '80.5', 'must be an integer'],
    ['NODE_ENV', 'staging', 'not in choices'],
    ['DATABASE_URL', 'mongodb://h/d', 'must start with sqlite:, postgres://, postgresql://, mysql:// or mariadb:// (got "mongodb:")'],
    ['DATABASE_URL', 'sqlite:', 'must name a file after sqlite:'],
    ['DATABASE_URL', 'postgres://', 'is not a valid postgres URL'],
    ['DATABASE_POOL_MAX', '0', 'must be an integer from 1 to 1000'],
    ['DATABASE_MIGRATE', 'maybe', 'Invalid bool input'],
    ['JWT_SECRET', 'short', 'must be at least 32 bytes (got 5)'],
    ['ACCESS_TOKEN_TTL', '10', 'must be an integer from 30 to 86400'],
    ['REFRESH_TOKEN_TTL', 'forever', 'must be an integer from 60 to'],
    ['BCRYPT_COST', '10', 'must be an integer from 12 to 31'],
    ['CORS_ORIGINS', 'https://ok.example.com,*', 'bad: *'],
    ['CORS_ORIGINS', 'https://shop.example.com/path', 'bad: https://shop.example.com/path'],
    ['CORS_ORIGINS', 'ftp://files.example.com', 'bad: ftp://files.example.com'],
    ['BODY_LIMIT', '1kb', 'must be an integer from 1024 to'],
    ['TRUST_PROXY', 'sometimes', 'Invalid bool input'],
    ['RATE_LIMIT_LOGIN_POINTS', '-1', 'must be an integer from 1 to'],
    ['RATE_LIMIT_LOGIN_WINDOW_SECONDS', '0', 'must be an integer from 1 to 86400'],
    ['RATE_LIMIT_BIDS_PER_SECOND', 'lots', 'must be an integer from 1 to'],
    ['LOG_LEVEL', 'verbose', 'not in choices'],
    ['DOCS_ENABLED', 'y', 'Invalid bool input'],
    ['SHUTDOWN_TIMEOUT_MS', '1e4', 'must be an integer from 0 to 600000'],
    ['HTTP_HEADERS_TIMEOUT_MS', '10', 'must be an integer from 1000 to'],
    ['HTTP_REQUEST_TIMEOUT_MS', 'x', 'must be an integer from 1000 to'],
    ['HTTP_KEEP_ALIVE_TIMEOUT_MS', '-5', 'must be an integer from 0 to'],
    ['HTTP_CONNECTIONS_CHECK_INTERVAL_MS', '99', 'must be an integer from 100 to 60000'],
  ])('refuses %s=%s with a message saying what is expected', (name, value, message) => {
    const problems = problemsOf({ [name]: value });
    expect(Object.keys(problems)).toEqual([name]);
    expect(problems[name]).toContain(message);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', BCRYPT_COST: '4', DATABASE_URL: 'redis://h', LOG_LEVEL: 'loud' });
    expect(Object.keys(problems).sort()).toEqual(['BCRYPT_COST', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    const text = formatProblems(problems);
    expect(text.split('\n')).toHaveLength(5);
    expect(text).toMatch(/^Invalid configuration/);
    expect(text).toContain('  PORT: must be an integer from 0 to 65535 (got "x")');
  });

  it('refuses production without JWT_SECRET or DATABASE_URL: no default secrets in production (SPEC)', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(Object.keys(problems).sort()).toEqual(['DATABASE_URL', 'JWT_SECRET']);
    expect(problems.JWT_SECRET).toMatch(/^is required: .*at least 32 bytes/);
    expect(problems.DATABASE_URL).toMatch(/^is required/);
    expect(problemsOf({ NODE_ENV: 'production', DATABASE_URL: 'sqlite:./x.db' })).toEqual({ JWT_SECRET: expect.any(String) });
  });

  it('lets the standalone flavour default the database in production too, but never the secret', () => {
    expect(problemsOf({ NODE_ENV: 'production' }, { databaseUrl: 'always' })).toEqual({ JWT_SECRET: expect.any(String) });
    const ok = readApiConfig({ NODE_ENV: 'production', JWT_SECRET: SECRET }, { databaseUrl: 'always' });
    expect(ok.ok && ok.value.database.url).toBe(DEFAULT_SQLITE_URL);
  });

  it('never echoes a secret or a database password in a message', () => {
    const secret = 'hunter2-is-not-long-enough';
    const problems = problemsOf({ JWT_SECRET: secret, DATABASE_URL: 'postgres://gavel:s3cr3t-pw@' });
    expect(JSON.stringify(problems)).not.toContain(secret);
    expect(JSON.stringify(problems)).not.toContain('s3cr3t-pw');
  });

  it('treats an empty value as unset (PORT= in a compose file)', () => {
    expect(configOf({ PORT: '', LOG_LEVEL: '' })).toMatchObject({ port: 3000, logLevel: 'info' });
  });

  it('accepts PORT=0 (any free port) and refuses a headers timeout above the request timeout', () => {
    expect(configOf({ PORT: '0' }).port).toBe(0);
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toEqual({
      HTTP_HEADERS_TIMEOUT_MS: 'must not exceed HTTP_REQUEST_TIMEOUT_MS (30000)',
    });
  });
});
