import { PassThrough } from 'node:stream';
import type Koa from 'koa';

/**
 * One `text/event-stream` response. The body is a PassThrough that Koa pipes to the socket as
 * is: each event is written at once (no compression in this app, `no-transform` and
 * `X-Accel-Buffering: no` for proxies that would buffer or gzip). The connection closes when the
 * client goes (the response's `close`: the request's fires as soon as its body is read) or when
 * `close()` is called; cleanups run once either way.
 */
export class SseConnection {
  private readonly body = new PassThrough();
  private readonly cleanups: Array<() => void> = [];
  private closed = false;

  constructor(ctx: Koa.Context, retryMs: number, private readonly maxBufferedBytes: number) {
    const socket = ctx.req.socket;
    // A long-lived response: no idle timeout on the socket, and small writes go out at once.
    socket.setTimeout(0);
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
    ctx.status = 200;
    ctx.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', 'X-Accel-Buffering': 'no' });
    ctx.body = this.body;
    ctx.res.once('close', () => this.close());
    this.write(`retry: ${retryMs}\n\n`);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** One event; `id` becomes the browser's `Last-Event-ID`. JSON has no raw newline, so one `data:` line. */
  send(event: string, data: unknown, id?: number): void {
    this.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Runs `cleanup` when the stream closes (at once if it already has). */
  onClose(cleanup: () => void): void {
    if (this.closed) cleanup();
    else this.cleanups.push(cleanup);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.body.end();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private write(chunk: string): void {
    if (this.closed) return;
    this.body.write(chunk);
    // A client that stopped reading would hold its backlog in memory for ever.
    if (this.body.writableLength > this.maxBufferedBytes) this.close();
  }
}
