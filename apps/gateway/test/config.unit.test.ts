import { readGatewayConfig } from '@gavel/app-gateway';

const ENV = { NODE_ENV: 'test', JWT_SECRET: 'gateway-config-test-secret-of-32-bytes!' };

describe('gateway config: auction_ending notices (ENDING_NOTICE_WITHIN_S, ENDING_NOTICE_EVERY_S)', () => {
  it('defaults to every 30 s in the last 5 minutes (the seed), in milliseconds', () => {
    expect(readGatewayConfig(ENV)).toMatchObject({ ok: true, value: { endingNotices: { withinMs: 300_000, everyMs: 30_000 } } });
  });

  it('takes both in seconds; a window equal to the period gives one notice', () => {
    expect(readGatewayConfig({ ...ENV, ENDING_NOTICE_WITHIN_S: '120', ENDING_NOTICE_EVERY_S: '10' }))
      .toMatchObject({ ok: true, value: { endingNotices: { withinMs: 120_000, everyMs: 10_000 } } });
    expect(readGatewayConfig({ ...ENV, ENDING_NOTICE_WITHIN_S: '60', ENDING_NOTICE_EVERY_S: '60' }))
      .toMatchObject({ ok: true, value: { endingNotices: { withinMs: 60_000, everyMs: 60_000 } } });
  });

  it('ENDING_NOTICE_WITHIN_S=0 turns them off, whatever the period', () => {
    expect(readGatewayConfig({ ...ENV, ENDING_NOTICE_WITHIN_S: '0', ENDING_NOTICE_EVERY_S: '900' }))
      .toMatchObject({ ok: true, value: { endingNotices: false } });
  });

  it('refuses a period longer than the window, with the api cross-checks in the same report', () => {
    const r = readGatewayConfig({
      ...ENV, ENDING_NOTICE_WITHIN_S: '30', ENDING_NOTICE_EVERY_S: '60', HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.problems).sort()).toEqual(['ENDING_NOTICE_EVERY_S', 'HTTP_HEADERS_TIMEOUT_MS']);
    expect(r.problems.ENDING_NOTICE_EVERY_S).toMatch(/must not exceed ENDING_NOTICE_WITHIN_S \(30\)/);
  });

  it('refuses values that are not integers in range', () => {
    const r = readGatewayConfig({ ...ENV, ENDING_NOTICE_WITHIN_S: '-1', ENDING_NOTICE_EVERY_S: '0' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toMatchObject({ ENDING_NOTICE_WITHIN_S: expect.stringMatching(/integer from 0/), ENDING_NOTICE_EVERY_S: expect.stringMatching(/integer from 1/) });
  });
});
