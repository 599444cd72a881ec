/** One parsed server-sent event. */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
  readonly id: string | undefined;
}

export interface SseClient {
  readonly response: Response;
  /** Every event received so far, in order. */
  readonly events: SseEvent[];
  /** The `retry:` values received. */
  readonly retries: number[];
  /** The next event not yet taken, waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Takes events until one matches; answers it and those skipped before it. */
  until(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<{ hit: SseEvent; skipped: SseEvent[] }>;
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  close(): void;
}

/**
 * A hand-rolled EventSource over fetch's body reader (text/event-stream framing: `field: value`
 * lines, a blank line ends an event), so tests see exactly what went over the wire.
 */
export const openSse = async (url: string, headers: Record<string, string> = {}): Promise<SseClient> => {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: SseEvent[] = [];
  const retries: number[] = [];
  let taken = 0;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const parse = (block: string) => {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry') retries.push(Number(value));
    }
    if (data.length > 0) events.push({ event, id, data: JSON.parse(data.join('\n')) });
  };
  const ended = (async () => {
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        notify();
      }
    } catch {
      // Aborted by `close()`.
    } finally {
      notify();
    }
  })();
  let done = false;
  void ended.then(() => (done = true));
  const next = async (timeoutMs = 5_000): Promise<SseEvent> => {
    const deadline = Date.now() + timeoutMs;
    while (taken >= events.length) {
      if (done) throw new Error(`stream ended after ${events.length} events`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms (got ${JSON.stringify(events.map((e) => e.event))})`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, Math.min(left, 50));
      });
    }
    return events[taken++]!;
  };
  const until = async (match: (e: SseEvent) => boolean, timeoutMs = 5_000) => {
    const skipped: SseEvent[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = await next(Math.max(1, deadline - Date.now()));
      if (match(e)) return { hit: e, skipped };
      skipped.push(e);
    }
  };
  return { response, events, retries, next, until, ended, close: () => abort.abort() };
};

/** Polls `check` until it holds or `timeoutMs` passes. */
export const eventually = async (check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};
