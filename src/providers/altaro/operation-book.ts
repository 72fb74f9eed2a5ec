/**
 * What the Altaro provider remembers per operation, bounded: the operations it started or saw
 * listed (until they end), and the states of ended ones (a capped, time-limited LRU, so a late
 * subscriber still gets the final state without the map growing with every operation).
 */
import type { Operation, OperationKind, ResourceRef } from '../../domain/model.js';

/**
 * The newest report and the `vms/list` summary of a VM for one kind of operation, read before
 * the operation could have finished. A later answer that differs names this operation's outcome,
 * whatever zone the server writes its dates in.
 */
export interface Baseline {
  /** The newest report's signature; null = no report yet; 'unavailable' = no report route answers; undefined = not read. */
  report?: string | null | 'unavailable';
  /** `Last<kind>Time|Result|Duration` in vms/list; null = never ran; undefined = not read or no such field for the kind. */
  summary?: string | null;
}

export interface KnownOperation {
  nativeId: string;
  kind: OperationKind;
  /** Where a report, list or status item named the VM; undefined while nothing does. */
  target?: ResourceRef;
  /** When this process started or first saw it. */
  startedAt: Date;
  /** Baseline of the target VM (when known at first sight). */
  baseline?: Baseline;
  /** vms/list summaries of every VM at first sight (when the target was not known then). */
  fleet?: Map<string, string | null>;
  /** The baseline was read while the operation was still in progress (seen so afterwards). */
  trusted: boolean;
  /** The last state seen in operation-status. */
  last?: Operation;
  /** The raw Status text last listed. */
  lastStatusText?: string;
  /** When it was first found gone from operation-status, and how many reads found it gone. */
  goneAt?: number;
  goneRounds: number;
}

export interface BookLimits {
  /** Most operations followed at once (running or waiting for their outcome). */
  maxKnown: number;
  /** Most ended states kept, and for how long. */
  maxEnded: number;
  endedTtlMs: number;
}

export const DEFAULT_BOOK_LIMITS: BookLimits = { maxKnown: 1000, maxEnded: 256, endedTtlMs: 15 * 60_000 };

export class OperationBook {
  private readonly known = new Map<string, KnownOperation>();
  private readonly ended = new Map<string, { operation: Operation; at: number }>();

  constructor(private readonly limits: BookLimits = DEFAULT_BOOK_LIMITS) {}

  /** Sizes, for tests and metrics. */
  get sizes(): { known: number; ended: number } {
    return { known: this.known.size, ended: this.ended.size };
  }

  get(nativeId: string): KnownOperation | undefined {
    return this.known.get(nativeId);
  }

  all(): IterableIterator<KnownOperation> {
    return this.known.values();
  }

  follow(entry: KnownOperation): KnownOperation {
    this.known.delete(entry.nativeId);
    this.known.set(entry.nativeId, entry);
    // Oldest first: a follower that overflows the cap is the one least likely still running.
    while (this.known.size > this.limits.maxKnown) this.known.delete(this.known.keys().next().value!);
    return entry;
  }

  /** The operation is over: stop following it and keep its final state for a while. */
  end(operation: Operation, now = Date.now()): Operation {
    this.known.delete(operation.nativeId);
    this.ended.delete(operation.nativeId);
    this.ended.set(operation.nativeId, { operation, at: now });
    this.prune(now);
    return operation;
  }

  endedState(nativeId: string, now = Date.now()): Operation | undefined {
    this.prune(now);
    return this.ended.get(nativeId)?.operation;
  }

  private prune(now: number): void {
    for (const [id, { at }] of this.ended) {
      if (this.ended.size <= this.limits.maxEnded && now - at < this.limits.endedTtlMs) break;
      this.ended.delete(id);
    }
  }
}
