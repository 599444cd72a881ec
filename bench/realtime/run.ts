import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runRealtimeBench } from './realtime-bench';

/**
 * The realtime fan-out bench alone (`npm run bench` runs it after the HTTP bench):
 * `npm run build && GAVEL_SERVICES=pg bash scripts/with-services.sh node bench/dist/bench/realtime/run.js`.
 * `BENCH_RT_RESULTS=dir` writes realtime.json there instead of bench/results (trial runs).
 */
const RESULTS = process.env.BENCH_RT_RESULTS ?? join(__dirname, '..', '..', '..', 'results');

runRealtimeBench().then(
  (report) => {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'realtime.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written ${join(RESULTS, 'realtime.json')}`);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
