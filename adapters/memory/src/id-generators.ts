import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '@gavel/core';

export class RandomUuidGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}

/**
 * Deterministic UUID v4-shaped ids (`<prefix>-0000-4000-8000-<counter>`): the same run gives the
 * same ids, which makes replays and failing property cases reproducible.
 */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = '00000000') {}

  next(): string {
    this.counter += 1;
    return `${this.prefix}-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}
