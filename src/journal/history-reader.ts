/**
 * backupHistory from the journal: the matrix's days (the window and the day before) counted
 * from the journal's facts, with settled days kept in memory where the store reports its
 * changes (history-cache.ts). Days are read in contiguous runs, each with the margin its
 * counts need; so a warm matrix reads today (and the day before it) and whatever a write
 * changed, not the month.
 */
import {
  assembleHistory,
  countDays,
  distinctRefs,
  HISTORY_OPERATION_KINDS,
  historyDays,
  refKey,
  RESTORE_POINT_SLACK_MS,
  settled,
  type BackupHistory,
  type DayCounts,
  type HistoryResource,
} from '../domain/history.js';
import { HistoryCache } from './history-cache.js';
import { EVERYTHING } from './history-changes.js';
import type { JournalStore } from './store.js';

const DAY_MS = 86_400_000;

export interface HistoryQuery<R extends HistoryResource> {
  /** The rows (the resources the providers list now), with their parts. */
  resources: R[];
  providerIds: string[];
  now: Date;
  days: number;
  timezone: string;
}

export class HistoryReader {
  private readonly cache?: HistoryCache;
  /** How far beyond a run of days its facts are read: what links a due run to a backup, or a restore point to a (long) run. */
  private readonly marginMs: number;

  /** `keepSettledDays: false` counts every day on each query, as on a store that does not report its changes (benchmarks compare the two). */
  constructor(
    private readonly store: JournalStore,
    private readonly graceMinutes: number,
    options: { keepSettledDays?: boolean } = {},
  ) {
    this.marginMs = Math.max(DAY_MS, graceMinutes * 60_000 + RESTORE_POINT_SLACK_MS);
    if (store.onHistoryChange && options.keepSettledDays !== false) {
      const cache = new HistoryCache(graceMinutes * 60_000 + RESTORE_POINT_SLACK_MS);
      store.onHistoryChange((changes) => cache.invalidate(changes));
      this.cache = cache;
    }
  }

  async backupHistory<R extends HistoryResource>(query: HistoryQuery<R>): Promise<BackupHistory<R>> {
    const { now, timezone } = query;
    const days = historyDays(now, query.days, timezone);
    const refs = distinctRefs(query.resources);
    const keys = refs.map(refKey);
    const counts: DayCounts[][] = refs.map(() => new Array<DayCounts>(days.length));
    let cache = this.cache;
    // PostgreSQL: other instances' changes must have been heard before kept days are used.
    if (cache && this.store.historyCaughtUp && !(await this.store.historyCaughtUp().catch(() => false))) {
      cache.invalidate(EVERYTHING);
      cache = undefined;
    }
    cache?.prepare(timezone, now);

    // A day is read unless every resource's counts of it are kept.
    const toRead = days.map(() => cache === undefined);
    if (cache) {
      for (let r = 0; r < refs.length; r++) {
        const kept = cache.daysOf(timezone, keys[r]);
        for (let i = 0; i < days.length; i++) {
          const found = kept?.get(days[i].date);
          if (found === undefined) toRead[i] = true;
          else counts[r][i] = found;
        }
      }
    }
    for (const [first, last] of runsOf(toRead)) {
      const run = days.slice(first, last + 1);
      const generation = cache?.generation;
      const facts = await this.store.historyFacts({
        from: new Date(run[0].start.getTime() - this.marginMs),
        // Earlier restore points are neither counted nor a backup near a due run of these days.
        pointsFrom: new Date(run[0].start.getTime() - this.graceMinutes * 60_000),
        to: new Date(run[run.length - 1].end.getTime() + this.marginMs),
        dueFrom: run[0].start,
        dueTo: run[run.length - 1].end,
        providerIds: query.providerIds,
        kinds: [...HISTORY_OPERATION_KINDS],
      });
      const counted = countDays(refs, facts, run, now, this.graceMinutes);
      // Keep settled days, unless the journal changed while it was read (the counts may predate the change).
      const keeping = cache !== undefined && cache.generation === generation ? cache : undefined;
      run.forEach((day, offset) => {
        const index = first + offset;
        const final = keeping !== undefined && settled(day, now, this.graceMinutes);
        for (let r = 0; r < refs.length; r++) {
          counts[r][index] = counted[r][offset];
          if (final) keeping.put(timezone, keys[r], day, counted[r][offset]);
        }
      });
    }
    const byKey = new Map(keys.map((key, r) => [key, counts[r]]));
    return assembleHistory(query.resources, days, timezone, (ref) => byKey.get(refKey(ref))!);
  }
}

/** Contiguous runs of true, as [first, last] indexes. */
function runsOf(flags: boolean[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  flags.forEach((flag, index) => {
    if (!flag) return;
    const last = runs[runs.length - 1];
    if (last && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  });
  return runs;
}
