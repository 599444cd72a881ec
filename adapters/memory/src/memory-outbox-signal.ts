import type { OutboxSignal } from '@gavel/core';
import type { MemoryUnitOfWork } from './memory-unit-of-work';

/**
 * Fires after each unit of work that published events commits: one process, one state, so
 * every commit is seen (a relay over memory never needs to poll, though it may).
 */
export class MemoryOutboxSignal implements OutboxSignal {
  constructor(private readonly uow: MemoryUnitOfWork) {}

  subscribe(listener: () => void): () => void {
    // onCommit isolates a throwing listener from the commit and from the other listeners.
    return this.uow.onCommit(() => listener());
  }
}
