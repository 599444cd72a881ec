import * as t from 'io-ts';
import { ErrorCode } from './error-codes.codec';
import { IsoDateTime } from './primitives.codec';

/** SPEC, "Envelope" (seed 003): every success answer wraps its `data` like this. */
export const SuccessEnvelope = <C extends t.Mixed>(data: C) =>
  t.exact(
    t.intersection([
      t.type({ success: t.literal(true), data, timestamp: IsoDateTime }),
      t.partial({ message: t.string }),
    ]),
    `SuccessEnvelope<${data.name}>`,
  );

/** Per-field reasons of a 400 VALIDATION_ERROR: `{ "bid_amount": "must be a positive integer amount" }`. */
export const ErrorDetails = t.record(t.string, t.string, 'ErrorDetails');
export type ErrorDetails = t.TypeOf<typeof ErrorDetails>;

export const ErrorEnvelope = t.exact(
  t.intersection([
    t.type({ success: t.literal(false), error: t.string, code: ErrorCode, message: t.string, timestamp: IsoDateTime }),
    t.partial({ details: ErrorDetails }),
  ]),
  'ErrorEnvelope',
);
export type ErrorEnvelope = t.TypeOf<typeof ErrorEnvelope>;
