import { createLogger, exitOnSignals, formatProblems } from '@gavel/app-api';
import { readStandaloneConfig } from './config';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-data';
import { startStandalone } from './standalone';

/** `npm start`: the whole product on the embedded SQLite file, no external service. */
const main = async (): Promise<void> => {
  const decoded = readStandaloneConfig(process.env);
  if (!decoded.ok) {
    console.error(formatProblems(decoded.problems));
    process.exit(1);
  }
  const config = decoded.value;
  const logger = createLogger(config.api.logLevel, 'standalone');
  if (config.api.jwt.generated) {
    logger.warn('JWT_SECRET is not set: using a random secret for this process; sign in again after a restart');
  }
  const app = await startStandalone(config, { logger });
  exitOnSignals(app.close, logger);
  const lines = [
    '',
    `Gavel is running at ${app.url}  (database: ${config.api.database.url.replace(/\/\/[^@/]*@/, '//***@')})`,
    `  health   ${app.url}/health`,
    `  API      ${app.url}/api/v1`,
    ...(config.api.http.docs ? [`  docs     ${app.url}/docs`] : []),
  ];
  if (config.demoData) {
    lines.push(`  demo logins (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')}`);
  }
  lines.push('  Ctrl-C stops it.', '');
  process.stdout.write(lines.join('\n') + '\n');
};

main().catch((err: unknown) => {
  console.error('Gavel failed to start:', err);
  process.exit(1);
});
