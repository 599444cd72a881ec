import type { Clock } from '../ports/clock.port';
import type { EventStream, StoredEvent } from '../ports/event-stream.port';
import type { RelaySkip } from './auction-sequencer';

/** What an `EventRelay` reads from, and its limits; only `stream` is required. */
export interface EventRelayDeps {
  readonly stream: EventStream;
  /** Rows per `readAfter` (default 500). */
  readonly batchSize?: number;
  /** Times holes and gaps (default: the system clock). */
  readonly clock?: Clock;
  /**
   * How long a position the cursor passed without a row is re-read before it counts as a
   * rolled back insert (default 15 s): a transaction slower than that to commit is still
   * delivered when its auction's next event shows the seq gap.
   */
  readonly holeGraceMs?: number;
  /** How long an auction may wait for a missing seq before it is skipped and reported (default 60 s). */
  readonly gapTimeoutMs?: number;
  /** Held events per auction beyond which its gap is skipped and reported (default 10,000). */
  readonly maxHeldPerAuction?: number;
  /** Hole ranges remembered, oldest dropped first (default 10,000). */
  readonly maxHoles?: number;
  /** A listener threw: the others still got the event. */
  readonly onListenerError?: (error: unknown, event: StoredEvent) => void;
  /** Seqs given up on (see `gapTimeoutMs`, `maxHeldPerAuction`): watchers must resync. */
  readonly onSkip?: (skip: RelaySkip) => void;
}
