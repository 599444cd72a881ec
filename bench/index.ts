import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarios } from './core-bench';

/**
 * `npm run bench`: bid decisions per second. Each task runs a batch of decisions per sample, so
 * timer overhead is negligible; ops/s below are decisions per second (batch × samples / time).
 */
const main = async () => {
  // tinybench is ESM-only; Node ≥ 20.19 loads it through require(esm).
  const { Bench } = await import('tinybench');
  const rows = [];
  for (const build of scenarios) {
    const s = await build();
    const bench = new Bench({ time: Number(process.env.BENCH_MS ?? 1_500), warmupTime: 300 });
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
  const dir = join(__dirname, '..', '..', 'results');
  mkdirSync(dir, { recursive: true });
  const report = { node: process.version, cpu: require('node:os').cpus()[0]?.model, at: new Date().toISOString(), rows };
  writeFileSync(join(dir, 'core.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`written ${join('bench', 'results', 'core.json')}`);
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
