import { createLogger, exitOnSignals, formatProblems } from '@gavel/app-api';
import { readWorkerConfig } from './config';
import { startWorker } from './worker-server';

/** `node apps/worker/dist/main.js`: the scheduler worker on the database DATABASE_URL names. */
const main = async (): Promise<void> => {
  const decoded = readWorkerConfig(process.env);
  if (!decoded.ok) {
    console.error(formatProblems(decoded.problems));
    process.exit(1);
  }
  const config = decoded.value;
  const logger = createLogger(config.api.logLevel, 'worker');
  if (config.scheduler.backend === 'in-process') logger.warn('SCHEDULER_BACKEND is in-process: jobs live in this process only; run exactly one worker');
  const worker = await startWorker(config, { logger });
  exitOnSignals(worker.close, logger);
  logger.info({ url: worker.url, name: config.name, backend: config.scheduler.backend }, `Gavel worker running (${config.scheduler.backend})`);
};

main().catch((err: unknown) => {
  console.error('Gavel worker failed to start:', err);
  process.exit(1);
});
