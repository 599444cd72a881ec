import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * The realtime bench's processes (servers, watchers) and the bench talk over the IPC channel
 * with one small request/reply protocol: the child says `ready` once, then answers each request
 * `{ id, op, args }` with `{ id, result }` or `{ id, error }`. `cpu` and `stop` are built in.
 */

type Handler = (args: unknown) => unknown;

interface Request {
  readonly id: number;
  readonly op: string;
  readonly args?: unknown;
}
type Reply = { readonly id: number; readonly result?: unknown; readonly error?: string };
type ChildMessage = { readonly kind: 'ready'; readonly info: unknown } | ({ readonly kind: 'reply' } & Reply);

export interface Child<Info> {
  readonly info: Info;
  readonly pid: number;
  call<T>(op: string, args?: unknown): Promise<T>;
  /** CPU time the process has used so far (user + system, µs). */
  cpuMicros(): Promise<number>;
  /** Graceful stop (the child's `stop` handler), then SIGKILL after 15 s; resolves once exited. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** BENCH_RT_PROFILE=dir: every child writes a V8 CPU profile there when it stops. */
const PROFILE = process.env.BENCH_RT_PROFILE;

/** Forks `script` (a sibling of this file once built) with `env` added, and waits for its `ready`. */
export const forkChild = <Info>(script: string, env: Record<string, string>): Promise<Child<Info>> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = fork(join(__dirname, script), [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [],
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
    let nextId = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const err = new Error(`${script} exited (code ${code}, signal ${signal})`);
      reject(err); // ignored once resolved
      for (const p of pending.values()) p.fail(err);
      pending.clear();
    });
    const call = <T>(op: string, args?: unknown): Promise<T> =>
      new Promise<T>((ok, fail) => {
        if (child.exitCode !== null || child.signalCode !== null) return fail(new Error(`${script} is not running`));
        const id = nextId++;
        pending.set(id, { ok: ok as (v: unknown) => void, fail });
        child.send({ id, op, args } satisfies Request);
      });
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'reply') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error !== undefined) p?.fail(new Error(`${script} ${m.error}`));
        else p?.ok(m.result);
        return;
      }
      clearTimeout(timer);
      resolve({
        info: m.info as Info,
        pid: child.pid ?? -1,
        call,
        cpuMicros: async () => {
          const u = await call<NodeJS.CpuUsage>('cpu');
          return u.user + u.system;
        },
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          call('stop').catch(() => undefined);
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(kill);
        },
      });
    });
  });

/**
 * The child's side: answers requests with `handlers` (plus `cpu`, and `stop`, which runs
 * `close` and exits), and exits when the bench goes away.
 */
export const serveChild = (info: unknown, handlers: Record<string, Handler>, close: () => Promise<void>): void => {
  const send = (m: ChildMessage) => process.send?.(m);
  const stop = () => void close().then(() => process.exit(0), () => process.exit(1));
  const all: Record<string, Handler> = { ...handlers, cpu: () => process.cpuUsage() };
  process.on('message', (m: Request) => {
    if (m.op === 'stop') return stop();
    const handler = all[m.op];
    if (!handler) return send({ kind: 'reply', id: m.id, error: `unknown op ${m.op}` });
    Promise.resolve()
      .then(() => handler(m.args))
      .then(
        (result) => send({ kind: 'reply', id: m.id, result: result ?? null }),
        (err: unknown) => send({ kind: 'reply', id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) }),
      );
  });
  // The bench died: do not outlive it.
  process.on('disconnect', stop);
  send({ kind: 'ready', info });
};

/** The child's side when start-up fails: say why on stderr and exit non-zero. */
export const failStart = (name: string) => (err: unknown): void => {
  console.error(`${name} failed:`, err);
  process.exit(1);
};
