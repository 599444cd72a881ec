import { decode, describeCodec, errorDetails, IsoDateTime, nullable, PositiveAmount, ROOT_PATH, Uuid } from '@gavel/contracts';
import { isLeft } from 'fp-ts/Either';
import * as t from 'io-ts';

const Tier = t.strict({ from: PositiveAmount, step: PositiveAmount }, 'Tier');
const Body = t.exact(
  t.intersection([
    t.type({ id: Uuid, nested: t.strict({ list: t.array(Tier), when: nullable(IsoDateTime) }) }),
    t.partial({ choice: t.union([t.literal('a'), t.array(Tier)]) }),
  ]),
  'Body',
);
const ID = '49fbe6e1-84dc-4d25-a3b3-19f546b4c38e';
const good = { id: ID, nested: { list: [{ from: 1, step: 2 }], when: null } };

describe('decode', () => {
  it('returns the value, stripped of unknown keys at every depth', () => {
    expect(decode(Body, { ...good, extra: 1, nested: { ...good.nested, extra: 2, list: [{ from: 1, step: 2, extra: 3 }] } })).toEqual({ ok: true, value: good });
  });

  it('maps dotted paths through objects, arrays and intersections to short reasons', () => {
    expect(decode(Body, { id: 'x', nested: { list: [{ from: 1, step: 2 }, { from: 0 }], when: 'soon' } })).toEqual({
      ok: false,
      details: {
        id: 'must be a UUID',
        'nested.list.1.from': 'must be a positive integer amount in minor units',
        'nested.list.1.step': 'is required',
        'nested.when': 'must be an ISO 8601 UTC date-time such as 2026-01-01T12:00:00.000Z or null',
      },
    });
  });

  it('reports a failure of the whole input under the root key', () => {
    expect(ROOT_PATH).toBe('$');
    expect(decode(Body, undefined)).toEqual({ ok: false, details: { $: 'is required' } });
    expect(decode(Body, [])).toEqual({ ok: false, details: { $: 'must be an object' } });
    expect(decode(PositiveAmount, '5')).toEqual({ ok: false, details: { $: 'must be a positive integer amount in minor units' } });
  });

  it('reports a union once, or the member that came closest', () => {
    expect(decode(Body, { ...good, choice: 'b' })).toEqual({ ok: false, details: { choice: 'must be "a" or an array' } });
    expect(decode(Body, { ...good, choice: [{ from: 1, step: 0 }] })).toEqual({ ok: false, details: { 'choice.0.step': 'must be a positive integer amount in minor units' } });
  });

  it('keeps odd field names as plain keys', () => {
    const Dict = t.record(t.string, PositiveAmount);
    const details = decode(Dict, JSON.parse('{"__proto__": 0, "constructor": -1}'));
    expect(details.ok).toBe(false);
    expect(!details.ok && Object.keys(details.details).sort()).toEqual(['__proto__', 'constructor']);
    expect(!details.ok && Object.getPrototypeOf(details.details)).toBe(Object.prototype);
  });

  it('keeps a custom failure message', () => {
    const Even = new t.Type<number, number, unknown>('Even', (u): u is number => typeof u === 'number' && u % 2 === 0,
      (u, c) => (typeof u === 'number' && u % 2 === 0 ? t.success(u) : t.failure(u, c, 'must be even')), (n) => n);
    const result = t.strict({ n: Even }).decode({ n: 3 });
    expect(isLeft(result) && errorDetails(result.left)).toEqual({ n: 'must be even' });
  });

  it('describes codecs as noun phrases', () => {
    expect(describeCodec(Uuid)).toBe('a UUID');
    expect(describeCodec(t.keyof({ x: null, y: null }))).toBe('one of x, y');
    expect(describeCodec(nullable(t.string))).toBe('a string or null');
    expect(describeCodec(Tier)).toBe('an object');
  });
});
