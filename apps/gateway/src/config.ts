import { type ApiConfig, apiConfigFrom, apiEnvSpecs, type Decoded, decodeEnv, intIn, listenPort } from '@gavel/app-api';
import { bool } from 'envalid';

/**
 * The api app's variables (the same database, JWT secret, issuer and audience: a token the API
 * issued opens a socket here) with the gateway's own port and knobs.
 */
export const gatewayEnvSpecs = () => ({
  ...apiEnvSpecs(),
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
}

export const readGatewayConfig = (env: NodeJS.ProcessEnv): Decoded<GatewayConfig> => {
  const decoded = decodeEnv(env, gatewayEnvSpecs());
  if (!decoded.ok) return decoded;
  const api = apiConfigFrom(decoded.value);
  if (!api.ok) return api;
  const v = decoded.value;
  return {
    ok: true,
    value: {
      api: api.value, allowAnonymous: v.ALLOW_ANONYMOUS_WATCHERS,
      maxHttpBufferSize: v.WS_MAX_BUFFER_BYTES, eventsPerSecond: v.WS_EVENTS_PER_SECOND,
    },
  };
};
