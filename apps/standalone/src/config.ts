import { type ApiConfig, apiConfigFrom, apiEnvSpecs, type Decoded, decodeEnv } from '@gavel/app-api';
import { reconcileEnvSpecs } from '@gavel/app-worker';
import { bothDecoded, endingNoticeEnvSpecs, endingNoticesFrom } from '@gavel/app-gateway';
import type { EndingNoticePolicy } from '@gavel/core';
import { bool } from 'envalid';

/**
 * The api app's variables (DATABASE_URL defaulting to the SQLite file), the gateway's ending
 * notices (the same Socket.IO gateway runs here) and the standalone's own.
 */
export const standaloneEnvSpecs = () => ({
  ...apiEnvSpecs({ databaseUrl: 'always' }),
  ...endingNoticeEnvSpecs(),
  DEMO_DATA: bool({ default: true, desc: 'seed demo accounts and auctions when the demo seller is absent' }),
  ...reconcileEnvSpecs(),
  ALLOW_ANONYMOUS_WATCHERS: bool({ default: true, desc: 'let sockets without a token watch auction rooms (a demo shows the live page before logging in)' }),
});

export interface StandaloneConfig {
  readonly api: ApiConfig;
  readonly demoData: boolean;
  readonly reconcileIntervalMs: number;
  readonly allowAnonymousWatchers: boolean;
  /** `auction_ending` notices; `false`: none. */
  readonly endingNotices: EndingNoticePolicy | false;
}

export const readStandaloneConfig = (env: NodeJS.ProcessEnv): Decoded<StandaloneConfig> => {
  const decoded = decodeEnv(env, standaloneEnvSpecs());
  if (!decoded.ok) return decoded;
  const v = decoded.value;
  const checked = bothDecoded(apiConfigFrom(v), endingNoticesFrom(v));
  if (!checked.ok) return checked;
  const [api, endingNotices] = checked.value;
  return {
    ok: true,
    value: {
      api, demoData: v.DEMO_DATA, reconcileIntervalMs: v.RECONCILE_INTERVAL_MS,
      allowAnonymousWatchers: v.ALLOW_ANONYMOUS_WATCHERS, endingNotices,
    },
  };
};
