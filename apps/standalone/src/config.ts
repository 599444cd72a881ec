import { type ApiConfig, apiConfigFrom, apiEnvSpecs, type Decoded, decodeEnv, intIn } from '@gavel/app-api';
import { bool } from 'envalid';

/** The api app's variables (DATABASE_URL defaulting to the SQLite file) plus the standalone's own. */
export const standaloneEnvSpecs = () => ({
  ...apiEnvSpecs({ databaseUrl: 'always' }),
  DEMO_DATA: bool({ default: true, desc: 'seed demo accounts and auctions when the demo seller is absent' }),
  AUCTION_TIMER_INTERVAL_MS: intIn(100, 60_000)({ default: 1000, desc: 'how often auctions due to open or close are looked for' }),
});

export interface StandaloneConfig {
  readonly api: ApiConfig;
  readonly demoData: boolean;
  readonly timerIntervalMs: number;
}

export const readStandaloneConfig = (env: NodeJS.ProcessEnv): Decoded<StandaloneConfig> => {
  const decoded = decodeEnv(env, standaloneEnvSpecs());
  if (!decoded.ok) return decoded;
  const api = apiConfigFrom(decoded.value);
  if (!api.ok) return api;
  return { ok: true, value: { api: api.value, demoData: decoded.value.DEMO_DATA, timerIntervalMs: decoded.value.AUCTION_TIMER_INTERVAL_MS } };
};
