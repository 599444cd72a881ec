import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const API_MAIN = join(ROOT, 'apps', 'api', 'dist', 'main.js');
export const GATEWAY_MAIN = join(ROOT, 'apps', 'gateway', 'dist', 'main.js');
export const WORKER_MAIN = join(ROOT, 'apps', 'worker', 'dist', 'main.js');

/**
 * Runs before the app's main: when the test process dies (its end of our stdin pipe closes),
 * the child dies too. afterAll kills children on a normal end; this covers a killed jest worker.
 */
const ORPHAN_GUARD = [
  "process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL'));",
  "process.stdin.on('error', () => process.kill(process.pid, 'SIGKILL'));",
  'process.stdin.resume();',
  // The pipe must not keep a shut-down app alive.
  'process.stdin.unref();',
  'require(process.argv[1]);',
].join('\n');

/** Every child started by this test process and not seen exiting: the last-resort sweep kills them. */
const LIVE = new Map<number, ChildProcess>();
process.once('exit', () => {
  for (const child of LIVE.values()) child.kill('SIGKILL');
});

/** A port free now on 127.0.0.1 (the child binds it a moment later; a clash fails its start loudly). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export interface ChildServiceOptions {
  /** Shown in failures: `api-1`, `gateway-b`. */
  readonly name: string;
  readonly main: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  /** Longest wait for `GET /health` to answer 200 (default 30 s). */
  readonly readyTimeoutMs?: number;
}

/** Output lines kept per process, for failure messages. */
const KEEP_LINES = 200;

/**
 * One app (`apps/*\/dist/main.js`) as its own Node process on a fixed loopback port, logging
 * JSON lines (the tests set LOG_LEVEL=warn, so every kept line is worth reading). `start()`
 * again after `stop()` brings it back on the same port with the same environment.
 */
export class ChildService {
  readonly url: string;
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  private readonly lines: string[] = [];
  /** Every log line at warn or above since the first start, across restarts. */
  readonly warnings: string[] = [];
  starts = 0;

  constructor(private readonly opts: ChildServiceOptions) {
    this.url = `http://127.0.0.1:${opts.port}`;
  }

  get name(): string {
    return this.opts.name;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process and resolves once `/health` answers 200; rejects if it exits first. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    if (!existsSync(this.opts.main)) throw new Error(`${this.opts.main} is missing: run \`npx tsc -b\` first`);
    this.starts += 1;
    const child = spawn(process.execPath, ['-e', ORPHAN_GUARD, this.opts.main], {
      env: { PATH: process.env.PATH ?? '', ...this.opts.env, PORT: String(this.opts.port), HOST: '127.0.0.1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    const pid = child.pid;
    if (pid !== undefined) LIVE.set(pid, child);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (pid !== undefined) LIVE.delete(pid);
        // Kept for the log, not counted as a warning: the tests stop processes on purpose.
        this.keep(`[${this.name} exited: code ${code ?? '-'} signal ${signal ?? '-'}]`);
        resolve(code);
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const parts = (rest + chunk).split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) if (line.trim() !== '') this.note(line);
      });
    }
    await this.waitReady(child);
  }

  /**
   * SIGTERM (graceful: the app closes its sockets and pool, then exits) or SIGKILL (a crash).
   * Resolves when the process is gone; a graceful stop that hangs is killed after `graceMs`.
   */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** The kept output, for a failure message. */
  log(): string {
    return `--- ${this.name} (pid ${this.pid ?? '-'}, ${this.starts} start(s)) ---\n${this.lines.join('\n')}`;
  }

  private keep(line: string): void {
    this.lines.push(line);
    if (this.lines.length > KEEP_LINES) this.lines.shift();
  }

  private note(line: string): void {
    this.keep(line);
    // pino levels: 40 warn, 50 error, 60 fatal; anything not JSON (a crash trace) counts too.
    const level = /^\{.*"level":(\d+)/.exec(line)?.[1];
    if (level === undefined || Number(level) >= 40) this.warnings.push(line);
  }

  private async waitReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + (this.opts.readyTimeoutMs ?? 30_000);
    let gone = false;
    void this.exited.then(() => (gone = true));
    while (Date.now() < deadline) {
      if (gone || child !== this.child) throw new Error(`${this.name} exited during start\n${this.log()}`);
      try {
        const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`${this.name} did not answer /health within ${this.opts.readyTimeoutMs ?? 30_000} ms\n${this.log()}`);
  }
}
