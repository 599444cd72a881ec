import { type ApiConfig, apiConfigFrom, apiEnvSpecs, type Decoded, decodeEnv, intIn } from '@gavel/app-api';
import { bool } from 'envalid';

/** The api app's variables (DATABASE_URL defaulting to the SQLite file) plus the standalone's own. */
export const standaloneEnvSpecs = () => ({
  ...apiEnvSpecs({ databaseUrl: 'always' }),
  DEMO_DATA: bool({ default: true, desc: 'seed demo accounts and auctions when the demo seller is absent' }),
  AUCTION_TIMER_INTERVAL_MS: intIn(100, 60_000)({ default: 1000, desc: 'how often auctions due to open or close are looked for' }),
  ALLOW_ANONYMOUS_WATCHERS: bool({ default: true, desc: 'let sockets without a token watch auction rooms (a demo shows the live page before logging in)' }),
});

export interface StandaloneConfig {
  readonly api: ApiConfig;
  readonly demoData: boolean;
  readonly timerIntervalMs: number;
  readonly allowAnonymousWatchers: boolean;
}

export const readStandaloneConfig = (env: NodeJS.ProcessEnv): Decoded<StandaloneConfig> => {
  const decoded = decodeEnv(env, standaloneEnvSpecs());
  if (!decoded.ok) return decoded;
  const api = apiConfigFrom(decoded.value);
  if (!api.ok) return api;
  const v = decoded.value;
  return {
    ok: true,
    value: {
      api: api.value, demoData: v.DEMO_DATA, timerIntervalMs: v.AUCTION_TIMER_INTERVAL_MS,
      allowAnonymousWatchers: v.ALLOW_ANONYMOUS_WATCHERS,
    },
  };
};
