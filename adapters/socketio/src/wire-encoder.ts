import { decode, ServerEvents, SubscribeAck } from '@gavel/contracts';
import type { ErrorCode } from '@gavel/core';
import type { WireEvent } from './wire-events.mapper';

// The codecs' `encode` takes their branded decoded type; the mapper builds the same shape from
// core values (plain strings and numbers), so the brand is the only difference.
interface Encoder {
  encode(value: unknown): unknown;
}

export type Encoded = { readonly ok: true; readonly payload: unknown } | { readonly ok: false; readonly details: Record<string, string> };

/**
 * The payload as its codec puts it on the wire (unknown keys stripped). With `validate`, the
 * result is decoded again: a payload that would not decode on the client is a bug, caught here
 * instead of in every browser.
 */
export const encodeWire = (event: WireEvent, validate: boolean): Encoded => {
  const codec = ServerEvents[event.name];
  const payload = (codec as unknown as Encoder).encode(event.payload);
  if (!validate) return { ok: true, payload };
  const decoded = decode(codec, payload);
  return decoded.ok ? { ok: true, payload } : { ok: false, details: decoded.details };
};

export type AckAnswer = { readonly ok: true; readonly seq: number } | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

/** An ack as `SubscribeAck` encodes it. */
export const encodeAck = (answer: AckAnswer): unknown => (SubscribeAck as unknown as Encoder).encode(answer);

export const refusal = (code: ErrorCode, message: string): AckAnswer => ({ ok: false, code, message });
