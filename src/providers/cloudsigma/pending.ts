/**
 * Snapshots and clones in progress, as this gateway has seen them. CloudSigma documents no
 * failure state (§5.1, §6.2: `creating`, `transferring`, `available`), so a snapshot that never
 * becomes `available` would stay "in progress" for ever, and one that disappears says nothing
 * about why. Here:
 *
 * - an operation still in progress `waitMs` after this gateway first saw it ends as a final
 *   UNKNOWN that says so, and leaves `operations` (the upstream may still list it);
 * - one that disappears upstream after being seen in progress ends as a final UNKNOWN too: it was
 *   deleted, or its creation failed, and nothing says which;
 * - a confirmed end (`available`, an error status) is passed on as it is, and forgotten.
 *
 * "First seen" is this gateway's clock, not the snapshot's `timestamp`: the upstream's clock and
 * zone are not to be trusted for a deadline. Memory: one entry per operation in progress, gone when
 * it ends; at most `capacity` (operations stuck upstream stay until pushed out).
 */
import { isOver, type Operation } from '../../domain/model.js';
import { BoundedMap } from '../../operations/bounded-map.js';

/** Default wait for a snapshot or clone to end: an hour (a remote copy of a big drive takes a while). */
export const DEFAULT_PENDING_WAIT_MS = 60 * 60_000;
const CAPACITY = 10_000;

interface Seen {
  since: number;
  last: Operation;
}

export class PendingOperations {
  private readonly seen: BoundedMap<string, Seen>;

  constructor(
    readonly waitMs: number = DEFAULT_PENDING_WAIT_MS,
    capacity = CAPACITY,
    private readonly now: () => number = Date.now,
  ) {
    this.seen = new BoundedMap(capacity);
  }

  /** Operations remembered (for the bounded-memory test). */
  get size(): number {
    return this.seen.size;
  }

  /** An operation as read upstream -> as reported: over ones are forgotten, overdue ones end UNKNOWN. */
  follow(op: Operation): Operation {
    if (isOver(op)) {
      this.seen.delete(op.nativeId);
      return op;
    }
    const known = this.seen.get(op.nativeId);
    const since = known?.since ?? this.now();
    // Set again only when new: BoundedMap.set makes an entry newest, which would keep old stuck ones.
    if (known) known.last = op;
    else this.seen.set(op.nativeId, { since, last: op });
    if (this.now() - since < this.waitMs) return op;
    const what = op.phase ? `still "${op.phase}"` : 'still not finished';
    return {
      ...op,
      status: 'UNKNOWN',
      final: true,
      message: `${what} ${minutes(this.waitMs)} after it was first seen; CloudSigma reports no failure state, so whether it will finish is not known`,
    };
  }

  /** The upstream no longer has it: a final UNKNOWN if it was seen in progress, else undefined. */
  vanished(nativeId: string, now: Date): Operation | undefined {
    const known = this.seen.get(nativeId);
    if (!known) return undefined;
    this.seen.delete(nativeId);
    return {
      ...known.last,
      status: 'UNKNOWN',
      final: true,
      updatedAt: now,
      message: `it is gone upstream while it was "${known.last.phase ?? 'in progress'}": deleted, or its creation failed; CloudSigma does not say which`,
    };
  }

  /** Whether an operation was seen in progress and is not over yet (for listOperations' clean-up). */
  has(nativeId: string): boolean {
    return this.seen.has(nativeId);
  }

  forget(nativeId: string): void {
    this.seen.delete(nativeId);
  }
}

function minutes(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
