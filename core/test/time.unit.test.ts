import fc from 'fast-check';
import { toIso } from '@gavel/core';

describe('toIso', () => {
  it('formats like Date#toISOString at the edges of months, leap days and centuries', () => {
    const samples = [0, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, -62_167_219_200_000, 253_402_300_799_999, Date.UTC(2026, 1, 28, 23, 59, 59, 7)];
    for (const ms of samples) expect(toIso(ms)).toBe(new Date(ms).toISOString());
  });

  it('equals Date#toISOString for every instant of years 0000..9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), (ms) => toIso(ms) === new Date(ms).toISOString()),
      { numRuns: 20_000 },
    );
  });

  it('falls back to Date outside that range (signed, extended years)', () => {
    expect(toIso(253_402_300_800_000)).toBe('+010000-01-01T00:00:00.000Z');
  });
});
