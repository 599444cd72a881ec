import { pino, type Logger } from 'pino';
import type { LogLevel } from './config';

/**
 * JSON lines on stdout (SPEC "Operations": structured logs); pretty printing is left to the
 * reader (`| npx pino-pretty`), so production output is never accidentally human-formatted.
 */
export const createLogger = (level: LogLevel, app: string): Logger =>
  pino({ level, base: { app }, timestamp: pino.stdTimeFunctions.isoTime });
