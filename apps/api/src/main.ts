import { readApiConfig } from './config';
import { startApi } from './api-server';
import { formatProblems } from './env-validators';
import { createLogger } from './logger';
import { exitOnSignals } from './shutdown';

/** `node apps/api/dist/main.js`: the HTTP API on the database DATABASE_URL names. */
const main = async (): Promise<void> => {
  const decoded = readApiConfig(process.env);
  if (!decoded.ok) {
    console.error(formatProblems(decoded.problems));
    process.exit(1);
  }
  const config = decoded.value;
  const logger = createLogger(config.logLevel, 'api');
  if (config.jwt.generated) {
    logger.warn('JWT_SECRET is not set: using a random secret for this process; tokens will not survive a restart');
  }
  const api = await startApi(config, { logger });
  exitOnSignals(api.close, logger);
  logger.info({ url: api.url, dialect: api.database.dialect.name }, `Gavel API listening on ${api.url}`);
};

main().catch((err: unknown) => {
  console.error('Gavel API failed to start:', err);
  process.exit(1);
});
