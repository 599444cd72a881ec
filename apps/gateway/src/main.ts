import { createLogger, exitOnSignals, formatProblems } from '@gavel/app-api';
import { readGatewayConfig } from './config';
import { startGateway } from './gateway-server';

/** `node apps/gateway/dist/main.js`: the Socket.IO gateway on the database DATABASE_URL names. */
const main = async (): Promise<void> => {
  const decoded = readGatewayConfig(process.env);
  if (!decoded.ok) {
    console.error(formatProblems(decoded.problems));
    process.exit(1);
  }
  const config = decoded.value;
  const logger = createLogger(config.api.logLevel, 'gateway');
  if (config.api.jwt.generated) logger.warn('JWT_SECRET is not set: no token issued by another process will open a socket here');
  const gateway = await startGateway(config, { logger });
  exitOnSignals(gateway.close, logger);
  logger.info({ url: gateway.url }, `Gavel gateway listening on ${gateway.url}`);
};

main().catch((err: unknown) => {
  console.error('Gavel gateway failed to start:', err);
  process.exit(1);
});
