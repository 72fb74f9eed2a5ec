/**
 * Retention simulation: which backups a policy keeps, and which rule keeps each one. Pure; no
 * GraphQL. The semantics follow /work/shared/reference/backup-semantics.md §3.
 *
 * Output: one decision per input backup, sorted **newest first**; backups with the same instant
 * keep their input order (stable). `keptBy` holds the policy's own rule objects.
 *
 * ANY_RULE_KEEPS (CloudSigma `retention_policy`, §3.3 "GFS_UNION"/"AGE"): every rule is judged on
 * its own, relative to `now`; a backup is kept when any rule keeps it, and `keptBy` lists every
 * rule that keeps it, in policy order.
 * - DAYS n / WEEKS n: age windows of exactly n x 24 h / n x 7 x 24 h: kept when `at > now - span`
 *   (a backup exactly n days old is gone). Elapsed time, not local calendar days, as the CloudSigma
 *   simulator (src/simulators/cloudsigma/retention.ts) prunes.
 * - MONTHS n / YEARS n: `at > now - n calendar months (12n for YEARS)`, computed on the wall
 *   clock in the zone (day clamped: 31 March - 1 month = 28/29 February, same time of day).
 * - Without an anchor a rule keeps *every* backup in its window (an age rule). This is the
 *   reading CloudSigma's own examples force: "Weekdays at 03:00, keep 3 weeks" and "weekends,
 *   keep 1 month" (cloudsigma.md §4.6, §4.7) would keep one snapshot if a week/month rule kept
 *   only the newest backup of each period. It also matches the simulator.
 * - WEEKS anchor d: only backups whose **local** weekday is d (0 = Sunday) within the window;
 *   MONTHS anchor d: only backups whose local day of month is d. No clamping: anchor 31 matches
 *   nothing in a 30-day month (as the simulator). YEARS takes no anchor.
 * - LAST n: the n newest backups, regardless of `now`.
 * - Backups after `now` have a negative age: inside every window.
 *
 * IN_ORDER (Proxmox Backup Server `prune.rs` `mark_selections`, §3.1-3.2): the period keys are
 * LAST = unique per backup, DAYS = local `%Y-%m-%d`, WEEKS = ISO `%G-%V` (local date), MONTHS =
 * `%Y-%m`, YEARS = `%Y`. Rules run in the fixed PBS order LAST, DAYS, WEEKS, MONTHS, YEARS
 * (whatever order the policy lists them in). For each rule: every period already holding a
 * backup marked kept is skipped and does not use the count; walking newest to oldest, the first
 * unmarked backup of a new period is kept, older unmarked backups of a period this rule already
 * took are marked removed (so later rules cannot keep them either), and the rule stops when it
 * meets an (n+1)-th new period. Where §3.2 says implementations differ, this follows PBS:
 * - a period is skipped when *any* kept backup lies in it (borg: only when its *newest* backup
 *   was kept; they differ between WEEKS and MONTHS, see the unit tests);
 * - no oldest-backup fallback (restic and newer borg keep the oldest when a count is left);
 * - no protected/partial snapshots (the input is bare instants).
 * `now` is not used. Anchors mean nothing here and are refused, as are two rules of one unit.
 * `keptBy` is the single rule that marked the backup.
 *
 * KEEP_LAST (BILLmanager `backup_rotation`): the newest n are kept, n from the policy's one LAST
 * rule; `now` is not used.
 *
 * An empty rule list keeps everything (no rule removes anything; PBS and the CloudSigma
 * simulator agree), with `keptBy` empty.
 */
import { ValidationError } from './errors.js';
import type { RetentionPolicy, RetentionRule, RetentionUnit } from './model.js';
import { instantOf, wallTimeOf, type WallTime } from './time.js';

export type RetentionSemantics = NonNullable<RetentionPolicy['semantics']>;

export const RETENTION_SEMANTICS = ['ANY_RULE_KEEPS', 'IN_ORDER', 'KEEP_LAST'] as const satisfies readonly RetentionSemantics[];

/** The most backups one simulation takes. */
export const MAX_SIMULATED_BACKUPS = 10_000;

export interface RetentionDecision {
  at: Date;
  kept: boolean;
  /** The rules that keep the backup; empty when it is removed. */
  keptBy: RetentionRule[];
}

/** A policy's semantics: its own, else KEEP_LAST for a lone LAST rule, else ANY_RULE_KEEPS. */
export function semanticsOf(policy: Pick<RetentionPolicy, 'rules' | 'semantics'>): RetentionSemantics {
  if (policy.semantics) return policy.semantics;
  return policy.rules.length === 1 && policy.rules[0].unit === 'LAST' ? 'KEEP_LAST' : 'ANY_RULE_KEEPS';
}

/**
 * What a semantics cannot express (ValidationError naming `${field}[i].…`). Rule-level checks
 * (count, anchor range) are `validateRetention`'s.
 */
export function checkRulesFor(semantics: RetentionSemantics, rules: RetentionRule[], field = 'rules'): void {
  if (semantics === 'KEEP_LAST') {
    const other = rules.findIndex((r) => r.unit !== 'LAST');
    if (other >= 0) throw new ValidationError(`${field}[${other}].unit: KEEP_LAST takes one LAST rule only`, `${field}[${other}].unit`);
    if (rules.length !== 1) throw new ValidationError(`${field}: KEEP_LAST takes exactly one LAST rule`, field);
  }
  if (semantics === 'IN_ORDER') {
    const seen = new Set<RetentionUnit>();
    rules.forEach((rule, index) => {
      if (rule.anchor !== undefined && rule.anchor !== null) {
        throw new ValidationError(`${field}[${index}].anchor: IN_ORDER keeps the newest backup of each period; anchors apply only to ANY_RULE_KEEPS`, `${field}[${index}].anchor`);
      }
      if (seen.has(rule.unit)) throw new ValidationError(`${field}[${index}].unit: IN_ORDER takes at most one ${rule.unit} rule`, `${field}[${index}].unit`);
      seen.add(rule.unit);
    });
  }
}

interface Entry {
  index: number;
  at: Date;
  ms: number;
  wall?: WallTime;
  keptBy: RetentionRule[];
  removed: boolean;
}

export function simulateRetention(
  policy: { rules: RetentionRule[]; semantics: RetentionSemantics },
  backups: Date[],
  now: Date,
  timeZone: string,
): RetentionDecision[] {
  checkRulesFor(policy.semantics, policy.rules);
  const entries: Entry[] = backups.map((at, index) => {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new ValidationError(`backups[${index}] is not a valid instant`, `backups[${index}]`);
    return { index, at, ms: at.getTime(), keptBy: [], removed: false };
  });
  entries.sort((a, b) => b.ms - a.ms || a.index - b.index);

  if (policy.rules.length === 0) return entries.map((e) => ({ at: e.at, kept: true, keptBy: [] }));
  const wall = (e: Entry): WallTime => (e.wall ??= wallTimeOf(e.at, timeZone));

  switch (policy.semantics) {
    case 'KEEP_LAST':
      keepNewest(entries, policy.rules[0]);
      break;
    case 'ANY_RULE_KEEPS':
      for (const rule of policy.rules) anyRuleKeeps(entries, rule, now, timeZone, wall);
      break;
    case 'IN_ORDER':
      for (const rule of [...policy.rules].sort((a, b) => UNIT_ORDER[a.unit] - UNIT_ORDER[b.unit])) inOrder(entries, rule, wall);
      break;
  }
  return entries.map((e) => ({ at: e.at, kept: e.keptBy.length > 0, keptBy: e.keptBy }));
}

const DAY_MS = 86_400_000;

function keepNewest(entries: Entry[], rule: RetentionRule): void {
  for (const e of entries.slice(0, rule.count)) e.keptBy.push(rule);
}

function anyRuleKeeps(entries: Entry[], rule: RetentionRule, now: Date, timeZone: string, wall: (e: Entry) => WallTime): void {
  if (rule.unit === 'LAST') return keepNewest(entries, rule);
  const cutoff =
    rule.unit === 'DAYS'
      ? now.getTime() - rule.count * DAY_MS
      : rule.unit === 'WEEKS'
        ? now.getTime() - rule.count * 7 * DAY_MS
        : monthsBefore(now, rule.unit === 'MONTHS' ? rule.count : rule.count * 12, timeZone).getTime();
  const anchor = rule.anchor ?? undefined;
  for (const e of entries) {
    if (e.ms <= cutoff) break; // newest first: everything after is older still
    if (anchor !== undefined) {
      const w = wall(e);
      if (rule.unit === 'WEEKS' && weekdayOf(w) !== anchor) continue;
      if (rule.unit === 'MONTHS' && w.day !== anchor) continue;
    }
    e.keptBy.push(rule);
  }
}

/** PBS `mark_selections`, one rule. */
function inOrder(entries: Entry[], rule: RetentionRule, wall: (e: Entry) => WallTime): void {
  const keyOf = (e: Entry): string => periodKey(rule.unit, e, wall);
  const alreadyIncluded = new Set(entries.filter((e) => e.keptBy.length > 0).map(keyOf));
  const included = new Set<string>();
  for (const e of entries) {
    if (e.keptBy.length > 0 || e.removed) continue;
    const key = keyOf(e);
    if (alreadyIncluded.has(key)) continue;
    if (!included.has(key)) {
      if (included.size >= rule.count) break;
      included.add(key);
      e.keptBy.push(rule);
    } else {
      e.removed = true;
    }
  }
}

const UNIT_ORDER: Record<RetentionUnit, number> = { LAST: 0, DAYS: 1, WEEKS: 2, MONTHS: 3, YEARS: 4 };

function periodKey(unit: RetentionUnit, e: Entry, wall: (e: Entry) => WallTime): string {
  if (unit === 'LAST') return `#${e.index}`;
  const w = wall(e);
  switch (unit) {
    case 'DAYS':
      return `${w.year}-${w.month}-${w.day}`;
    case 'WEEKS': {
      const { isoYear, isoWeek } = isoWeekOf(w);
      return `${isoYear}-W${isoWeek}`;
    }
    case 'MONTHS':
      return `${w.year}-${w.month}`;
    case 'YEARS':
      return `${w.year}`;
  }
}

/** 0 = Sunday .. 6 = Saturday, of a wall date. */
function weekdayOf(w: WallTime): number {
  return new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
}

/** ISO 8601 week and week-year (`%G-%V`) of a wall date. */
export function isoWeekOf(w: Pick<WallTime, 'year' | 'month' | 'day'>): { isoYear: number; isoWeek: number } {
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day));
  const isoWeekday = date.getUTCDay() || 7; // Monday 1 .. Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - isoWeekday); // the Thursday of this week decides the year
  const isoYear = date.getUTCFullYear();
  const isoWeek = Math.ceil(((date.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS + 1) / 7);
  return { isoYear, isoWeek };
}

/** `now` minus n calendar months on the zone's wall clock, day clamped to the month's length. */
function monthsBefore(now: Date, months: number, timeZone: string): Date {
  const w = wallTimeOf(now, timeZone);
  const monthIndex = w.year * 12 + (w.month - 1) - months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return instantOf({ ...w, year, month, day: Math.min(w.day, lastDay) }, timeZone);
}
