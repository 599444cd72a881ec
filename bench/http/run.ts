import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runHttpBench } from './http-bench';

/**
 * The HTTP bench alone (`npm run bench` runs it after the core and database benches):
 * `npm run build && GAVEL_SERVICES=pg bash scripts/with-services.sh node bench/dist/bench/http/run.js`.
 * `BENCH_HTTP_RESULTS=dir` writes http.json there instead of bench/results (trial runs, profiling).
 */
const RESULTS = process.env.BENCH_HTTP_RESULTS ?? join(__dirname, '..', '..', '..', 'results');

runHttpBench().then(
  (report) => {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'http.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written ${join(RESULTS, 'http.json')}`);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
