import { defaultHttpOptions } from '@gavel/koa-http';
import { ALICE_OTHER, buildDeps, json, startApi, USER, type RunningApi } from './support/http-test-kit';
import { Probe, testRoutes } from './support/test-routes';

describe('koa-http Idempotency-Key over HTTP', () => {
  let api: RunningApi;
  let kit: Awaited<ReturnType<typeof buildDeps>>;
  let probe: Probe;

  const post = (body: unknown, key: string | null, user = USER, path = '/things') =>
    fetch(`${api.url}/api/v1${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${kit.token(user)}`,
        'Content-Type': 'application/json',
        ...(key === null ? {} : { 'Idempotency-Key': key }),
      },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    kit = await buildDeps();
    probe = new Probe();
    // Generous: waiters must outlast the gated first request even on a loaded CI machine.
    api = await startApi(kit.deps, testRoutes(probe), { idempotencyWaitMs: 3_000 });
  });
  afterEach(() => api.close());

  it('replays the first reply (same status and body) for a retry with the same key and body', async () => {
    const first = await post({ name: 'lamp', amount: 500 }, 'key-1');
    const firstBody = await json(first);
    kit.clock.advance(5_000);
    // Same body, keys in another order: the same request.
    const retry = await post({ amount: 500, name: 'lamp' }, 'key-1');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(await json(retry)).toEqual(firstBody);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(probe.calls).toBe(1);
  });

  it('runs again without a key, and keeps keys apart per user', async () => {
    await post({ name: 'lamp', amount: 500 }, null);
    await post({ name: 'lamp', amount: 500 }, null);
    await post({ name: 'lamp', amount: 500 }, 'shared');
    const other = await post({ name: 'lamp', amount: 500 }, 'shared', ALICE_OTHER);
    expect(other.status).toBe(201);
    expect(((await json(other)).data as { by: string }).by).toBe(ALICE_OTHER);
    expect(probe.calls).toBe(4);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    await post({ name: 'lamp', amount: 500 }, 'key-2');
    const res = await post({ name: 'lamp', amount: 600 }, 'key-2');
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(probe.calls).toBe(1);
  });

  it('runs 50 parallel requests with one key once, and all get the same reply', async () => {
    let open!: () => void;
    probe.gate = new Promise<void>((resolve) => (open = resolve));
    const pending = Array.from({ length: 50 }, () => post({ name: 'lamp', amount: 700 }, 'storm'));
    await new Promise((r) => setTimeout(r, 100));
    open();
    const replies = await Promise.all(pending);
    const bodies = await Promise.all(replies.map((r) => r.text()));
    expect(probe.calls).toBe(1);
    expect(new Set(replies.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(bodies).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(49);
  });

  it('answers 409 saying it is still in progress when the first request outlasts the wait', async () => {
    await api.close();
    api = await startApi(kit.deps, testRoutes(probe), { idempotencyWaitMs: 300 });
    let open!: () => void;
    probe.gate = new Promise<void>((resolve) => (open = resolve));
    const first = post({ name: 'lamp', amount: 700 }, 'slow');
    await new Promise((r) => setTimeout(r, 50));
    const second = await post({ name: 'lamp', amount: 700 }, 'slow');
    expect(second.status).toBe(409);
    const body = await json(second);
    expect(body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(body.message).toMatch(/in progress/);
    open();
    expect((await first).status).toBe(201);
  });

  it('stores a domain refusal too: a retry gets the same 400', async () => {
    const first = await post({ name: 'low', amount: 500 }, 'refused');
    const retry = await post({ name: 'low', amount: 500 }, 'refused');
    expect(first.status).toBe(400);
    expect(retry.status).toBe(400);
    expect(await json(retry)).toEqual(await json(first));
    expect(probe.calls).toBe(1);
  });

  it('releases the key after a throw or a 5xx, so a retry runs again', async () => {
    const crashed = await post({ name: 'boom', amount: 500 }, 'crash');
    expect(crashed.status).toBe(500);
    const again = await post({ name: 'boom', amount: 500 }, 'crash');
    expect(again.status).toBe(500);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    const failed = await post({ name: 'internal', amount: 500 }, 'five');
    expect(failed.status).toBe(500);
    await post({ name: 'internal', amount: 500 }, 'five');
    expect(probe.calls).toBe(4);
  });

  it.each([
    ['an empty key', ''],
    ['a key of 256 characters', 'k'.repeat(256)],
    ['a key with a non-ASCII character', 'clé'],
  ])('answers 400 VALIDATION_ERROR for %s', async (_, key) => {
    const res = await fetch(`${api.url}/api/v1/things`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${kit.token(USER)}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ name: 'lamp', amount: 500 }),
    });
    expect(res.status).toBe(400);
    expect((await json(res)).details).toEqual({ 'Idempotency-Key': expect.any(String) });
    expect(probe.calls).toBe(0);
  });

  it('accepts a key of exactly 255 printable characters', async () => {
    const res = await post({ name: 'lamp', amount: 500 }, `${'~'.repeat(254)} `.slice(0, 255));
    expect(res.status).toBe(201);
  });

  it('does not spend the rate limit on replays of one idempotent request', async () => {
    await api.close();
    api = await startApi(kit.deps, testRoutes(probe), { rateLimits: { ...defaultHttpOptions.rateLimits, bid: { points: 1, durationSeconds: 60 } } });
    const first = await post({ amount: 100 }, 'bid-1', USER, '/bid');
    const retries = await Promise.all([1, 2, 3].map(() => post({ amount: 100 }, 'bid-1', USER, '/bid')));
    expect(first.status).toBe(201);
    expect(retries.map((r) => r.status)).toEqual([201, 201, 201]);
    const another = await post({ amount: 200 }, 'bid-2', USER, '/bid');
    expect(another.status).toBe(429);
    expect(probe.calls).toBe(1);
  });
});
