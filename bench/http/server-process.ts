import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { ServerMessage, ServerRequest } from './server-messages';

/** The API under test, running in a child process, as the bench sees it. */
export interface ServerProcess {
  readonly url: string;
  readonly dialect: string;
  readonly poolMax: number;
  /** CPU time the server process has used so far (user + system, µs). */
  cpuMicros(): Promise<number>;
  /** Graceful stop; resolves when the process has exited. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;

/**
 * Node flags of the server process. BENCH_HTTP_PROFILE=dir: a V8 CPU profile of the server,
 * written there when it stops. BENCH_HTTP_NODE_ARGS: more flags, space-separated (for example
 * `--perf-basic-prof` to read the server with Linux perf).
 */
const serverNodeArgs = (env: NodeJS.ProcessEnv): string[] => [
  ...(env.BENCH_HTTP_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_HTTP_PROFILE}`] : []),
  ...(env.BENCH_HTTP_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
];

/** Forks `script` (bench-server.js: the api app on `databaseUrl`) and waits until it listens. */
export const startServerProcess = (databaseUrl: string, script = 'bench-server.js'): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(__dirname, script), [], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: serverNodeArgs(process.env),
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bench server did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bench server exited with code ${code}`)); // ignored once resolved
    });

    let nextId = 0;
    const pending = new Map<number, (usage: NodeJS.CpuUsage) => void>();
    const request = (m: ServerRequest) => child.send(m);
    child.on('message', (m: ServerMessage) => {
      if (m.kind === 'cpu') {
        pending.get(m.id)?.(m.usage);
        pending.delete(m.id);
        return;
      }
      clearTimeout(timer);
      resolve({
        url: m.url,
        dialect: m.dialect,
        poolMax: m.poolMax,
        cpuMicros: () => new Promise((done) => {
          const id = nextId++;
          pending.set(id, (u) => done(u.user + u.system));
          request({ kind: 'cpu', id });
        }),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            request({ kind: 'stop' });
            const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(kill);
          }
        },
      });
    });
  });
