/** What the bench and its API process (bench-server.ts) say to each other over the IPC channel. */

export type ServerRequest = { readonly kind: 'cpu'; readonly id: number } | { readonly kind: 'stop' };

export type ServerMessage =
  | { readonly kind: 'ready'; readonly url: string; readonly dialect: string; readonly poolMax: number }
  | { readonly kind: 'cpu'; readonly id: number; readonly usage: NodeJS.CpuUsage };
