/**
 * Next runs of any recurrence the gateway understands.
 *
 * Remembered per rule (by content) and zone: a dashboard asks for the same rule's next run many
 * times (a VM's nextBackupAt, then each VM's and disk's `schedules { nextRuns }`, a CloudSigma
 * scheduler shared by many drives, BILLmanager instances whose schedules repeat a handful of
 * rules), each time a little later. The runs strictly after a later instant are the remembered
 * ones after it, so a later ask is answered from them while enough remain; otherwise the runs
 * are computed afresh and remembered instead.
 */
import type { Recurrence, RecurrenceRule } from '../model.js';
import { nextCronLikeRuns } from './cronlike.js';
import { nextWeeklyRuns } from './weekly.js';

interface KnownRuns {
  afterMs: number;
  runs: Date[];
  /** Fewer runs than asked for came back: there are no more after `afterMs`. */
  exhausted: boolean;
}

/** Rule object -> its content as a key (rules are never mutated: they are built per upstream answer). */
const keys = new WeakMap<RecurrenceRule, string>();
const known = new Map<string, KnownRuns>();
const RULES_KEPT = 10_000;
/** Longer lists (a calendar's) are computed each time rather than kept. */
const RUNS_KEPT = 100;

export function nextRuns(recurrence: Recurrence, after: Date, count: number): Date[] {
  const rule = recurrence.rule;
  if (!rule || count <= 0) return [];
  const afterMs = after.getTime();
  const key = `${recurrence.timezone}\u0000${keyOf(rule)}`;
  const seen = known.get(key);
  if (seen && seen.afterMs <= afterMs) {
    const rest = seen.runs.filter((run) => run.getTime() > afterMs);
    if (rest.length >= count) return rest.slice(0, count).map(copy);
    // "No more runs" holds only for the instant it was computed from (a search may have a horizon).
    if (seen.exhausted && seen.afterMs === afterMs) return rest.map(copy);
  }
  const runs = compute(rule, recurrence.timezone, after, count);
  if (runs.length <= RUNS_KEPT) {
    if (known.size >= RULES_KEPT) known.clear();
    known.set(key, { afterMs, runs, exhausted: runs.length < count });
  }
  return runs.map(copy);
}

function keyOf(rule: RecurrenceRule): string {
  let key = keys.get(rule);
  if (key === undefined) keys.set(rule, (key = JSON.stringify(rule)));
  return key;
}

/** Callers get their own Date objects (remembered ones are shared). */
function copy(run: Date): Date {
  return new Date(run.getTime());
}

function compute(rule: RecurrenceRule, timeZone: string, after: Date, count: number): Date[] {
  switch (rule.kind) {
    case 'weekly':
      return nextWeeklyRuns(rule, timeZone, after, count);
    case 'cronlike':
      return nextCronLikeRuns(rule, timeZone, after, count);
  }
}
