import { randomUUID } from 'node:crypto';
import { ACCEPTED, type LoadResult, runLoops } from '../load';
import { JsonClient } from './http-client';
import { API, STARTING_PRICE } from './market';
import { startServerProcess } from './server-process';

/** The same client against bench/http/bare-server.ts: what HTTP alone costs on this machine. */
export interface Ceiling {
  readonly connections: number;
  readonly windowMs: number;
  readonly requests: number;
  readonly spurious: number;
  readonly requestsPerSec: number;
  readonly latencyMs: LoadResult['latencyMs'];
  readonly clientCpuMsPerRequest: number;
  readonly serverCpuMsPerRequest: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export const measureCeiling = async (connections: number, windowMs: number, warmupMs: number): Promise<Ceiling> => {
  const server = await startServerProcess('', 'bare-server.js');
  const client = new JsonClient(server.url, connections);
  try {
    const body = { auction_id: randomUUID(), bid_amount: STARTING_PRICE };
    const cpuFrom = await server.cpuMicros();
    let total = 0;
    const r = await runLoops(connections, windowMs, warmupMs, async () => {
      total++;
      const reply = await client.send('POST', `${API}/bids/place`, body, 'token');
      return reply.status === 201 ? ACCEPTED : { kind: 'other', code: `HTTP ${reply.status}` };
    });
    const serverCpuMs = ((await server.cpuMicros()) - cpuFrom) / 1000;
    const requests = r.accepted + r.spurious;
    const ceiling: Ceiling = {
      connections, windowMs: r.windowMs, requests, spurious: r.spurious,
      requestsPerSec: Math.round((requests / r.windowMs) * 1000), latencyMs: r.latencyMs,
      clientCpuMsPerRequest: r.cpuMsPerDecision, serverCpuMsPerRequest: round2(serverCpuMs / Math.max(1, total)),
    };
    console.error(`  bare node:http: ${ceiling.requestsPerSec} req/s, p50 ${r.latencyMs.p50} ms, server CPU ${ceiling.serverCpuMsPerRequest} ms/req`);
    return ceiling;
  } finally {
    client.close();
    await server.stop();
  }
};
