import { type ApiConfig, apiConfigFrom, apiEnvSpecs, type Decoded, decodeEnv, type EnvProblems, intIn, listenPort } from '@gavel/app-api';
import type { EndingNoticePolicy } from '@gavel/core';
import { bool } from 'envalid';

/**
 * The `auction_ending` schedule (seed: "updates every 30 seconds for auctions ending within 5
 * minutes"), in seconds. Shared with the standalone app, which runs the same gateway.
 */
export const endingNoticeEnvSpecs = () => ({
  ENDING_NOTICE_WITHIN_S: intIn(0, 86_400)({ default: 300, desc: 'auction_ending notices start this many seconds before the end (0: none)' }),
  ENDING_NOTICE_EVERY_S: intIn(1, 86_400)({ default: 30, desc: 'seconds between two auction_ending notices' }),
});

/** The ending notices' policy (`false`: none), or the problem with the pair. */
export const endingNoticesFrom = (v: { readonly ENDING_NOTICE_WITHIN_S: number; readonly ENDING_NOTICE_EVERY_S: number }): Decoded<EndingNoticePolicy | false> => {
  if (v.ENDING_NOTICE_WITHIN_S === 0) return { ok: true, value: false };
  if (v.ENDING_NOTICE_EVERY_S > v.ENDING_NOTICE_WITHIN_S) {
    return { ok: false, problems: { ENDING_NOTICE_EVERY_S: `must not exceed ENDING_NOTICE_WITHIN_S (${v.ENDING_NOTICE_WITHIN_S}), or set ENDING_NOTICE_WITHIN_S=0 for no notices` } };
  }
  return { ok: true, value: { withinMs: v.ENDING_NOTICE_WITHIN_S * 1_000, everyMs: v.ENDING_NOTICE_EVERY_S * 1_000 } };
};

/** Every problem of two checks at once, or both values. */
export const bothDecoded = <A, B>(a: Decoded<A>, b: Decoded<B>): Decoded<readonly [A, B]> => {
  if (a.ok && b.ok) return { ok: true, value: [a.value, b.value] };
  const problems: EnvProblems = { ...(a.ok ? {} : a.problems), ...(b.ok ? {} : b.problems) };
  return { ok: false, problems };
};

/**
 * The api app's variables (the same database, JWT secret, issuer and audience: a token the API
 * issued opens a socket here) with the gateway's own port and knobs.
 */
export const gatewayEnvSpecs = () => ({
  ...apiEnvSpecs(),
  ...endingNoticeEnvSpecs(),
  PORT: listenPort({ default: 3001, desc: 'Socket.IO port of the gateway (0: any free port)' }),
  ALLOW_ANONYMOUS_WATCHERS: bool({ default: false, desc: 'let sockets without a token watch auction rooms' }),
  WS_MAX_BUFFER_BYTES: intIn(1024, 1_048_576)({ default: 16_384, desc: 'largest message a client may send' }),
  WS_EVENTS_PER_SECOND: intIn(1, 10_000)({ default: 20, desc: 'client events per second per socket' }),
});

export interface GatewayConfig {
  readonly api: ApiConfig;
  readonly allowAnonymous: boolean;
  readonly maxHttpBufferSize: number;
  readonly eventsPerSecond: number;
  /** `auction_ending` notices; `false`: none. */
  readonly endingNotices: EndingNoticePolicy | false;
}

export const readGatewayConfig = (env: NodeJS.ProcessEnv): Decoded<GatewayConfig> => {
  const decoded = decodeEnv(env, gatewayEnvSpecs());
  if (!decoded.ok) return decoded;
  const v = decoded.value;
  const checked = bothDecoded(apiConfigFrom(v), endingNoticesFrom(v));
  if (!checked.ok) return checked;
  const [api, endingNotices] = checked.value;
  return {
    ok: true,
    value: {
      api, allowAnonymous: v.ALLOW_ANONYMOUS_WATCHERS,
      maxHttpBufferSize: v.WS_MAX_BUFFER_BYTES, eventsPerSecond: v.WS_EVENTS_PER_SECOND, endingNotices,
    },
  };
};
