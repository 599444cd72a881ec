import { type ApiConfig, readApiConfig, type RunningApi, startApi } from '@gavel/app-api';
import { pino } from 'pino';
import { dialectsUnderTest, freshDatabase } from '../../../adapters/knex/test/dialects';

const configFor = (databaseUrl: string): ApiConfig => {
  const r = readApiConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
};

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, any> });

/** SPEC "Operations": the api runs on SQLite, PostgreSQL or MariaDB by configuration alone. */
describe.each(dialectsUnderTest())('api app on %s', (dialect) => {
  let api: RunningApi;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await freshDatabase(dialect);
    drop = fresh.drop;
    api = await startApi(configFor(fresh.url), { logger: pino({ level: 'silent' }) });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await drop?.();
  });

  it('answers /health and /ready over HTTP', async () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    const ready = await json(await fetch(`${api.url}/ready`));
    expect(ready.status).toBe(200);
    expect(JSON.stringify(ready.body)).toContain('database');
  });

  it('serves the API: register, then the session works with the token it issued', async () => {
    const name = `u${Date.now().toString(36)}`;
    const reg = await json(await fetch(`${api.url}/api/v1/auth/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, email: `${name}@example.com`, password: 'correct horse battery' }),
    }));
    expect(reg.status).toBe(201);
    const me = await json(await fetch(`${api.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${reg.body.data.accessToken}` } }));
    expect(me.status).toBe(200);
    expect(me.body.data.username ?? me.body.data.user?.username).toBe(name);
  });

  it('reports not ready when the database is gone, and closes gracefully anyway', async () => {
    await api.database.close();
    const ready = await fetch(`${api.url}/ready`);
    expect(ready.status).toBe(503);
    await api.close();
    await expect(fetch(`${api.url}/health`)).rejects.toThrow();
  });
});
