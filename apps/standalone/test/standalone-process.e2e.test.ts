import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const main = join(root, 'apps/standalone/dist/main.js');

/**
 * What `npm start` runs, as a separate process: the built app (tsc -b is incremental, so the
 * build here is quick when the test command has just built everything) prints its URL, answers
 * /health, and exits 0 on SIGTERM.
 */
describe('standalone app as a process (node apps/standalone/dist/main.js)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-standalone-proc-'));
  let child: ChildProcess | undefined;

  beforeAll(() => {
    execFileSync('npx', ['tsc', '-b', 'apps/standalone'], { cwd: root, stdio: 'pipe' });
  }, 240_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL, answers /health, and exits 0 on SIGTERM', async () => {
    child = spawn(process.execPath, [main], {
      cwd: dir, // the default ./data/gavel.db lands in the temp dir
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'development', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child!.on('exit', (code) => r(code)));

    const url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no URL printed within 30 s:\n${output}`)), 30_000);
      const look = () => {
        const m = /running at (http:\/\/\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          res(m[1]!);
        }
      };
      child!.stdout!.on('data', look);
      void exited.then((code) => rej(new Error(`exited with ${code} before printing a URL:\n${output}`)));
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { success: boolean }).success).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
