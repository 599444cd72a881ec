import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSchedulingBench } from './lateness-bench';

/**
 * The close-lateness bench alone (`npm run bench` runs it last):
 * `npm run build && GAVEL_SERVICES=pg bash scripts/with-services.sh node bench/dist/bench/scheduling/run.js`.
 * `BENCH_SCHED_RESULTS=dir` writes scheduling.json there instead of bench/results (trial runs).
 */
const RESULTS = process.env.BENCH_SCHED_RESULTS ?? join(__dirname, '..', '..', '..', 'results');

runSchedulingBench().then(
  (report) => {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'scheduling.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written ${join(RESULTS, 'scheduling.json')}`);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
