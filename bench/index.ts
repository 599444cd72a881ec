import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { scenarios } from './core-bench';
import { runDbBench } from './db-bench';
import { runHttpBench } from './http/http-bench';
import { runRealtimeBench } from './realtime/realtime-bench';
import { runSchedulingBench } from './scheduling/lateness-bench';

/**
 * `npm run bench`: bid decisions per second, first in memory (the core), then through the Knex
 * adapter on SQLite and PostgreSQL (bench/db-bench.ts), then over HTTP against the api app
 * (bench/http/http-bench.ts), then the realtime fan-out (bench/realtime/), then close lateness with
 * scheduler workers (bench/scheduling/). Reports go to bench/results/.
 */

const RESULTS = join(__dirname, '..', '..', 'results');

const writeReport = (file: string, report: unknown) => {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, file), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${join('bench', 'results', file)}`);
};

/**
 * Each task runs a batch of decisions per sample, so timer overhead is negligible; ops/s below
 * are decisions per second (batch × samples / time). tinybench's default minimums (64 samples,
 * 16 warm-up samples) kept the slow use-case scenarios, ~0.5 s per sample, running for minutes;
 * ten samples of a batch of thousands of decisions already give a steady mean.
 */
const runCoreBench = async () => {
  // tinybench is ESM-only; Node ≥ 20.19 loads it through require(esm).
  const { Bench } = await import('tinybench');
  const rows = [];
  for (const build of scenarios) {
    const s = await build();
    const bench = new Bench({ time: Number(process.env.BENCH_MS ?? 1_500), warmupTime: 300, iterations: 10, warmupIterations: 2 });
    bench.add(s.name, s.run);
    await bench.run();
    const meanMs = (bench.results[0] as { latency?: { mean: number } } | undefined)?.latency?.mean ?? NaN;
    rows.push({
      scenario: s.name,
      'decisions/s': Math.round((s.batch / meanMs) * 1000),
      'µs/decision': +((meanMs * 1000) / s.batch).toFixed(3),
      batch: s.batch,
    });
  }
  console.table(rows);
  writeReport('core.json', { node: process.version, cpu: cpus()[0]?.model, at: new Date().toISOString(), rows });
};

const main = async () => {
  await runCoreBench();
  writeReport('db.json', await runDbBench());
  writeReport('http.json', await runHttpBench());
  writeReport('realtime.json', await runRealtimeBench());
  writeReport('scheduling.json', await runSchedulingBench());
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
