import type { Logger } from 'pino';

export type Exit = (code: number) => void;

/**
 * SIGTERM (orchestrators) and SIGINT (Ctrl-C) close the app gracefully and exit 0; a second
 * signal while that runs exits at once with 1, for an operator who will not wait.
 */
export const exitOnSignals = (close: () => Promise<void>, logger: Logger, exit: Exit = (code) => process.exit(code)): (() => void) => {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    close().then(
      () => {
        logger.info('stopped');
        exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
};
