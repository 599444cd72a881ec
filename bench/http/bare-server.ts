import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerMessage, ServerRequest } from './server-messages';

/**
 * The ceiling row's server: node:http alone, reading the JSON body and answering 201 with a
 * small JSON envelope, no framework, no database. Same IPC protocol as bench-server.ts.
 */
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown;
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, data: { received: body }, timestamp: new Date().toISOString() }));
  });
});

const send = (m: ServerMessage) => process.send?.(m);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ kind: 'ready', url: `http://127.0.0.1:${port}`, dialect: 'none', poolMax: 0 });
});
process.on('message', (m: ServerRequest) => {
  if (m.kind === 'cpu') send({ kind: 'cpu', id: m.id, usage: process.cpuUsage() });
  if (m.kind === 'stop') {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
process.on('disconnect', () => process.exit(0));
