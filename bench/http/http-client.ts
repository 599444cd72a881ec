import { Agent, request } from 'node:http';

/**
 * A minimal JSON client on node:http with keep-alive: one socket per request in flight, reused
 * by the next request, so N loops hold N connections. Lighter than fetch on a machine where the
 * load generator and the server share the cores.
 */

export interface JsonReply {
  readonly status: number;
  /** The parsed body, or null when it is not JSON. */
  readonly body: unknown;
}

const REQUEST_TIMEOUT_MS = 30_000;

export class JsonClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets: number) {
    const u = new URL(baseUrl);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(method: 'GET' | 'POST', path: string, body?: unknown, token?: string, extraHeaders: Record<string, string> = {}): Promise<JsonReply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string | number> = { accept: 'application/json', ...extraHeaders };
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, method, path, headers, agent: this.agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            parsed = null;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** `data` of a success envelope, or an error naming the status and code. */
  async data<T>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<T> {
    const r = await this.send(method, path, body, token);
    const b = r.body as { success?: boolean; data?: T; code?: string } | null;
    if (r.status >= 300 || !b?.success) throw new Error(`${method} ${path}: ${r.status} ${b?.code ?? JSON.stringify(r.body).slice(0, 200)}`);
    return b.data as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The `code` of an error envelope, if the body is one. */
export const errorCodeOf = (body: unknown): string | null => {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
};

/** Runs `work` over `items`, `concurrency` at a time, keeping the order of results. */
export const mapLimit = async <T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
};
