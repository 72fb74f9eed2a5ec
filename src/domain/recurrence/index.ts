/**
 * Next runs of any recurrence the gateway understands.
 *
 * Remembered per rule object: a dashboard asks for the same schedule's next run many times
 * (a VM's nextBackupAt, then each VM's and disk's `schedules { nextRuns }`, a CloudSigma
 * scheduler shared by many drives), each time a few ms later. The runs strictly after a later
 * instant are the remembered ones after it, so a later ask is answered from them while enough
 * remain; otherwise the runs are computed afresh. Rules are never mutated (they are built per
 * upstream answer), so the object is a safe key.
 */
import type { Recurrence, RecurrenceRule } from '../model.js';
import { nextCronLikeRuns } from './cronlike.js';
import { nextWeeklyRuns } from './weekly.js';

interface KnownRuns {
  timeZone: string;
  afterMs: number;
  runs: Date[];
  /** Fewer runs than asked for came back: there are no more after `afterMs`. */
  exhausted: boolean;
}

const known = new WeakMap<RecurrenceRule, KnownRuns>();

export function nextRuns(recurrence: Recurrence, after: Date, count: number): Date[] {
  const rule = recurrence.rule;
  if (!rule || count <= 0) return [];
  const afterMs = after.getTime();
  const seen = known.get(rule);
  if (seen && seen.timeZone === recurrence.timezone && seen.afterMs <= afterMs) {
    const rest = seen.runs.filter((run) => run.getTime() > afterMs);
    if (rest.length >= count) return rest.slice(0, count);
    // "No more runs" holds only for the instant it was computed from (a search may have a horizon).
    if (seen.exhausted && seen.afterMs === afterMs) return rest;
  }
  const runs = compute(rule, recurrence.timezone, after, count);
  known.set(rule, { timeZone: recurrence.timezone, afterMs, runs, exhausted: runs.length < count });
  return [...runs];
}

function compute(rule: RecurrenceRule, timeZone: string, after: Date, count: number): Date[] {
  switch (rule.kind) {
    case 'weekly':
      return nextWeeklyRuns(rule, timeZone, after, count);
    case 'cronlike':
      return nextCronLikeRuns(rule, timeZone, after, count);
  }
}
