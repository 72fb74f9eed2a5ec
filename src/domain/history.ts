/**
 * Backup history: the per-day matrix (one row per resource, one cell per local day) and missed
 * runs, from what the journal recorded. Pure: the caller reads the journal and the providers.
 *
 * Decisions (the README's "how a day's status is decided" follows them):
 * - Backups are operations of kind BACKUP, SNAPSHOT and REMOTE_SNAPSHOT, and restore points.
 *   An OFFSITE_COPY is not a backup of the day: it copies a restore point that already exists,
 *   so it neither counts nor clears a missed run; its own restore point (the copy) is absorbed
 *   by it like any other operation's, so the copy is not counted either.
 * - An operation belongs to the day it started in (startedAt, else finishedAt, else updatedAt):
 *   a nightly run that starts at 23:30 and ends at 00:20 is that night's backup, the same
 *   instant missed-run detection looks at. A restore point belongs to the day it was created
 *   (createdAt, else when the journal first saw it).
 * - A restore point is a success of its day unless an operation accounts for it: one with the
 *   same provider and native id (CloudSigma snapshots and BILLmanager images are their own
 *   operations), or a SUCCEEDED operation of the same resource whose
 *   [startedAt - 5 min, finishedAt + 5 min] holds its createdAt.
 * - failed counts FAILED and ABORTED; an UNKNOWN outcome counts neither way.
 * - Status: SUCCEEDED if any succeeded; else RUNNING if today and a backup of the resource is
 *   QUEUED or RUNNING; else FAILED if any failed; else MISSED if any run was missed; else NONE.
 *   A resource with no due runs and no backups is NONE every day, never MISSED.
 * - A row may have parts (a CloudSigma server's drives, which its snapshots target): their
 *   backups and missed runs count in the row too.
 */
import { ValidationError } from './errors.js';
import type { OperationKind, OperationStatus, ResourceRef } from './model.js';
import { instantOf, isValidTimeZone, wallTimeOf } from './time.js';

export const MAX_HISTORY_DAYS = 90;
export const MAX_MISSED_WINDOW_DAYS = 92;
/** How far a restore point's creation may lie outside its operation's run and still be that run's. */
export const RESTORE_POINT_SLACK_MS = 5 * 60_000;

/** Operation kinds that make a backup of the day. */
export const BACKUP_OPERATION_KINDS: readonly OperationKind[] = ['BACKUP', 'SNAPSHOT', 'REMOTE_SNAPSHOT'];
/** Kinds the history reads: the backups, plus offsite copies (only to absorb the restore points they make). */
export const HISTORY_OPERATION_KINDS: readonly OperationKind[] = [...BACKUP_OPERATION_KINDS, 'OFFSITE_COPY'];

export type HistoryDayStatus = 'SUCCEEDED' | 'FAILED' | 'MISSED' | 'RUNNING' | 'NONE';

/** What the history needs of an operation (a journal row fits). */
export interface HistoryOperation {
  providerId: string;
  nativeId: string;
  kind: OperationKind;
  status: OperationStatus;
  target?: ResourceRef;
  startedAt?: Date;
  updatedAt: Date;
  finishedAt?: Date;
}

/** What the history needs of a restore point (a journal row fits). */
export interface HistoryRestorePoint {
  providerId: string;
  nativeId: string;
  resource: ResourceRef;
  createdAt?: Date;
  firstSeenAt: Date;
}

/** A run that was due (a journal row fits). */
export interface HistoryDueRun {
  providerId: string;
  resource: ResourceRef;
  scheduleId?: string;
  dueAt: Date;
}

/** One row of the matrix. */
export interface HistoryResource extends ResourceRef {
  name?: string;
  /** Resources whose backups and missed runs count for this row too (a VM's disks). */
  parts?: ResourceRef[];
  /** A success known from elsewhere (the provider's listing, an older journal row), maybe before the window. */
  lastSuccessAt?: Date;
}

export interface HistoryDay {
  /** The local day, YYYY-MM-DD in the window's zone. */
  date: string;
  status: HistoryDayStatus;
  succeeded: number;
  failed: number;
  missed: number;
}

export interface ResourceHistory<R extends HistoryResource = HistoryResource> {
  resource: R;
  /** Oldest first, one per day of the window. */
  days: HistoryDay[];
  lastSuccessAt?: Date;
}

export interface MissedRun {
  providerId: string;
  resource: ResourceRef;
  scheduleId?: string;
  dueAt: Date;
  /** dueAt + grace: when it became certain that the run did not happen. */
  detectedAt: Date;
}

export interface HistoryInput<R extends HistoryResource> {
  resources: R[];
  operations: HistoryOperation[];
  restorePoints: HistoryRestorePoint[];
  dueRuns: HistoryDueRun[];
  now: Date;
  days: number;
  timezone: string;
  graceMinutes: number;
}

export interface BackupHistory<R extends HistoryResource> {
  /** First and last day (YYYY-MM-DD) in `timezone`. */
  from: string;
  to: string;
  timezone: string;
  resources: Array<ResourceHistory<R>>;
}

export interface LocalDay {
  date: string;
  start: Date;
  /** The next day's start (23 or 25 hours later on a DST change). */
  end: Date;
}

export function validateDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
    throw new ValidationError(`days must be a whole number from 1 to ${MAX_HISTORY_DAYS}; got ${days}`, 'days');
  }
  return days;
}

export function validateTimezone(timezone: string): string {
  if (typeof timezone !== 'string' || timezone.length === 0 || !isValidTimeZone(timezone)) {
    throw new ValidationError(`timezone must be an IANA time zone such as Europe/Zurich or UTC; got ${JSON.stringify(timezone)}`, 'timezone');
  }
  return timezone;
}

/** from <= to, at most 92 days apart. */
export function validateMissedWindow(from: Date, to: Date): void {
  if (from.getTime() > to.getTime()) throw new ValidationError('from must not be after to', 'from');
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days > MAX_MISSED_WINDOW_DAYS) {
    throw new ValidationError(`the window is ${days.toFixed(1)} days; at most ${MAX_MISSED_WINDOW_DAYS} days are allowed`, 'to');
  }
}

/** The `days` local days ending with today in `timezone`, oldest first; each from its local midnight. */
export function localDays(now: Date, days: number, timezone: string): LocalDay[] {
  validateDays(days);
  validateTimezone(timezone);
  return daysEndingToday(now, days, timezone);
}

function daysEndingToday(now: Date, days: number, timezone: string): LocalDay[] {
  const today = wallTimeOf(now, timezone);
  const result: LocalDay[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const next = new Date(Date.UTC(today.year, today.month - 1, today.day - back + 1));
    result.push({ date: date.toISOString().slice(0, 10), start: midnight(date, timezone), end: midnight(next, timezone) });
  }
  return result;
}

/** Where midnight is skipped (a few zones change at 00:00), the day starts when the clocks jump. */
function midnight(utcDate: Date, timezone: string): Date {
  return instantOf({ year: utcDate.getUTCFullYear(), month: utcDate.getUTCMonth() + 1, day: utcDate.getUTCDate(), hour: 0, minute: 0, second: 0 }, timezone);
}

export function refKey(ref: { providerId: string; type: string; nativeId: string }): string {
  return `${ref.providerId}\u0000${ref.type}\u0000${ref.nativeId}`;
}

const SUCCESS = new Set<OperationStatus>(['SUCCEEDED']);
const FAILURE = new Set<OperationStatus>(['FAILED', 'ABORTED']);
const ACTIVE = new Set<OperationStatus>(['QUEUED', 'RUNNING']);
const BACKUP_KINDS = new Set<OperationKind>(BACKUP_OPERATION_KINDS);

/** The instant an operation is dated by. */
export function operationAt(op: HistoryOperation): Date {
  return op.startedAt ?? op.finishedAt ?? op.updatedAt;
}

function restorePointAt(point: HistoryRestorePoint): Date {
  return point.createdAt ?? point.firstSeenAt;
}

/** Everything known of one resource: looked up once per row, never by building string keys per row. */
interface Slot {
  ref: ResourceRef;
  /** Matrix rows this resource counts in (its own, and the row it is a part of). */
  rows: number[];
  /** Operations of a backup kind. */
  operations: HistoryOperation[];
  /** Restore points no operation accounts for: each is a success of its own. */
  unaccounted: HistoryRestorePoint[];
  /** When its backups started (operations of a backup kind, unaccounted restore points), ascending. */
  starts?: Float64Array;
  startList: number[];
  succeededRuns: Array<[number, number]>;
}

/** Resource -> slot, nested by provider, type and native id (a dashboard passes tens of thousands of rows). */
class Slots {
  private readonly byProvider = new Map<string, Map<string, Map<string, Slot>>>();

  get(ref: ResourceRef): Slot {
    let byType = this.byProvider.get(ref.providerId);
    if (!byType) this.byProvider.set(ref.providerId, (byType = new Map()));
    let byId = byType.get(ref.type);
    if (!byId) byType.set(ref.type, (byId = new Map()));
    let slot = byId.get(ref.nativeId);
    if (!slot) byId.set(ref.nativeId, (slot = { ref, rows: [], operations: [], unaccounted: [], startList: [], succeededRuns: [] }));
    return slot;
  }

  *all(): Iterable<Slot> {
    for (const byType of this.byProvider.values()) for (const byId of byType.values()) yield* byId.values();
  }
}

/** Sort operations and restore points into slots, drop the restore points operations account for. */
function indexBackups(slots: Slots, operations: HistoryOperation[], restorePoints: HistoryRestorePoint[]): void {
  const ids = new Map<string, Set<string>>();
  for (const op of operations) {
    let set = ids.get(op.providerId);
    if (!set) ids.set(op.providerId, (set = new Set()));
    set.add(op.nativeId);
    if (!op.target) continue;
    const slot = slots.get(op.target);
    if (BACKUP_KINDS.has(op.kind)) {
      slot.operations.push(op);
      slot.startList.push(operationAt(op).getTime());
    }
    if (SUCCESS.has(op.status)) {
      const start = (op.startedAt ?? op.finishedAt ?? op.updatedAt).getTime() - RESTORE_POINT_SLACK_MS;
      const end = (op.finishedAt ?? op.updatedAt).getTime() + RESTORE_POINT_SLACK_MS;
      slot.succeededRuns.push([start, end]);
    }
  }
  const intervals = new Map<Slot, Intervals>();
  for (const point of restorePoints) {
    // Same native id: the restore point is that operation (CloudSigma snapshots, BILLmanager images).
    if (ids.get(point.providerId)?.has(point.nativeId)) continue;
    const slot = slots.get(point.resource);
    if (point.createdAt && slot.succeededRuns.length > 0) {
      let found = intervals.get(slot);
      if (!found) intervals.set(slot, (found = Intervals.of(slot.succeededRuns)));
      if (found.contains(point.createdAt.getTime())) continue;
    }
    slot.unaccounted.push(point);
    // One an operation accounts for is that operation's (whose start counts, or an offsite copy: no backup).
    if (point.createdAt) slot.startList.push(point.createdAt.getTime());
  }
  for (const slot of slots.all()) slot.starts = Float64Array.from(slot.startList).sort();
}

/**
 * Closed intervals sorted by start, with the running maximum of their ends, so "does any hold
 * t" is a binary search and a short walk back: a dashboard asks it for every restore point of
 * a thousand resources.
 */
class Intervals {
  private constructor(
    private readonly starts: Float64Array,
    private readonly maxEnds: Float64Array,
    private readonly ends: Float64Array,
  ) {}

  static of(list: Array<[number, number]>): Intervals {
    const sorted = [...list].sort((a, b) => a[0] - b[0]);
    const starts = Float64Array.from(sorted, (i) => i[0]);
    const ends = Float64Array.from(sorted, (i) => i[1]);
    const maxEnds = new Float64Array(ends.length);
    ends.forEach((end, i) => (maxEnds[i] = i === 0 ? end : Math.max(maxEnds[i - 1], end)));
    return new Intervals(starts, maxEnds, ends);
  }

  contains(t: number): boolean {
    for (let i = lastAtOrBefore(this.starts, t); i >= 0 && this.maxEnds[i] >= t; i--) {
      if (this.ends[i] >= t) return true;
    }
    return false;
  }
}

/** Index of the last value <= t in an ascending array, or -1. */
function lastAtOrBefore(values: Float64Array, t: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= t) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * Due runs that did not happen: dueAt + grace <= now and no backup of the resource (an
 * operation's start, any outcome, or a restore point's creation) in [dueAt - grace, dueAt + grace].
 * Oldest first. The caller passes operations and restore points from `grace` around the due runs.
 */
export function detectMissedRuns(
  dueRuns: HistoryDueRun[],
  operations: HistoryOperation[],
  restorePoints: HistoryRestorePoint[],
  now: Date,
  graceMinutes: number,
): MissedRun[] {
  const slots = new Slots();
  indexBackups(slots, operations, restorePoints);
  return missedFrom(dueRuns, slots, now, graceMinutes).map((m) => m.run);
}

function missedFrom(dueRuns: HistoryDueRun[], slots: Slots, now: Date, graceMinutes: number): Array<{ run: MissedRun; slot: Slot }> {
  const graceMs = validateGrace(graceMinutes) * 60_000;
  const missed: Array<{ run: MissedRun; slot: Slot }> = [];
  for (const run of dueRuns) {
    const due = run.dueAt.getTime();
    if (due + graceMs > now.getTime()) continue;
    const slot = slots.get(run.resource);
    const starts = slot.starts ?? new Float64Array();
    // The first start at or after dueAt - grace must not be later than dueAt + grace.
    const next = lastAtOrBefore(starts, due - graceMs - 1) + 1;
    if (next < starts.length && starts[next] <= due + graceMs) continue;
    missed.push({
      slot,
      run: {
        providerId: run.providerId,
        resource: run.resource,
        ...(run.scheduleId !== undefined ? { scheduleId: run.scheduleId } : {}),
        dueAt: run.dueAt,
        detectedAt: new Date(due + graceMs),
      },
    });
  }
  return missed.sort((a, b) => a.run.dueAt.getTime() - b.run.dueAt.getTime() || compare(refKey(a.run.resource), refKey(b.run.resource)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validateGrace(graceMinutes: number): number {
  if (!Number.isFinite(graceMinutes) || graceMinutes < 0) throw new ValidationError('graceMinutes must be zero or more minutes', 'graceMinutes');
  return graceMinutes;
}

/** What one resource counted on one day. */
export interface DayCounts {
  succeeded: number;
  failed: number;
  missed: number;
  /** Backups of the day still QUEUED or RUNNING (the row shows RUNNING today while one is). */
  active: number;
  /** The newest success counted that day, in ms. */
  lastSuccess?: number;
}

/** A day with nothing: shared, never changed. */
export const NOTHING: Readonly<DayCounts> = Object.freeze({ succeeded: 0, failed: 0, missed: 0, active: 0 });

/** What the matrix reads: the operations, restore points and due runs around its days. */
export interface HistoryFactsInput {
  operations: HistoryOperation[];
  restorePoints: HistoryRestorePoint[];
  dueRuns: HistoryDueRun[];
}

/**
 * Per resource (in the order of `refs`) and day (in the order of `days`, contiguous local days):
 * what it counted. The facts must reach `graceMinutes` (and at least a day, for restore points a
 * long run made) before the first day and `graceMinutes` after the last; those outside the days
 * still absorb restore points and settle due runs, but only those in a day are counted. The
 * counts of a day are final once its end is `graceMinutes` past (`now` decides nothing else).
 */
export function countDays(refs: readonly ResourceRef[], facts: HistoryFactsInput, days: readonly LocalDay[], now: Date, graceMinutes: number): DayCounts[][] {
  const result: DayCounts[][] = refs.map(() => days.map(() => NOTHING));
  if (days.length === 0) return result;
  const starts = Float64Array.from(days, (d) => d.start.getTime());
  const end = days[days.length - 1].end.getTime();
  const dayIndex = (at: Date): number => {
    const t = at.getTime();
    return t >= end ? -1 : lastAtOrBefore(starts, t);
  };
  const slots = new Slots();
  refs.forEach((ref, index) => slots.get(ref).rows.push(index));
  const cell = (index: number, day: number): DayCounts => {
    let counts = result[index][day];
    if (counts === NOTHING) result[index][day] = counts = { succeeded: 0, failed: 0, missed: 0, active: 0 };
    return counts;
  };
  const success = (counts: DayCounts, at: number) => {
    counts.succeeded++;
    if (counts.lastSuccess === undefined || at > counts.lastSuccess) counts.lastSuccess = at;
  };

  indexBackups(slots, facts.operations, facts.restorePoints);
  for (const slot of slots.all()) {
    if (slot.rows.length === 0) continue;
    for (const op of slot.operations) {
      const day = dayIndex(operationAt(op));
      if (day < 0) continue;
      for (const index of slot.rows) {
        if (SUCCESS.has(op.status)) success(cell(index, day), (op.finishedAt ?? operationAt(op)).getTime());
        else if (FAILURE.has(op.status)) cell(index, day).failed++;
        else if (ACTIVE.has(op.status)) cell(index, day).active++;
      }
    }
    for (const point of slot.unaccounted) {
      const day = dayIndex(restorePointAt(point));
      if (day < 0) continue;
      for (const index of slot.rows) success(cell(index, day), restorePointAt(point).getTime());
    }
  }
  const dueInDays = facts.dueRuns.filter((run) => dayIndex(run.dueAt) >= 0);
  for (const { run, slot } of missedFrom(dueInDays, slots, now, graceMinutes)) {
    const day = dayIndex(run.dueAt);
    for (const index of slot.rows) cell(index, day).missed++;
  }
  return result;
}

/** Whether a day's counts can no longer change with time alone: every run due in it is decided. */
export function settled(day: LocalDay, now: Date, graceMinutes: number): boolean {
  return day.end.getTime() + graceMinutes * 60_000 <= now.getTime();
}

/**
 * The matrix from per-resource day counts. `counts(ref)` gives a resource's counts over
 * `[dayBefore, ...window]`, as `historyDays` returns them: the day before only adds to
 * lastSuccessAt. A row sums its own counts and its parts'.
 */
export function assembleHistory<R extends HistoryResource>(resources: readonly R[], days: readonly LocalDay[], timezone: string, counts: (ref: ResourceRef) => readonly DayCounts[]): BackupHistory<R> {
  const window = days.slice(1);
  const today = window.length - 1;
  return {
    from: window[0].date,
    to: window[today].date,
    timezone,
    resources: resources.map((resource) => {
      const own = [counts(resource), ...(resource.parts ?? []).map(counts)];
      let lastSuccess = resource.lastSuccessAt?.getTime();
      let running = false;
      for (const list of own) {
        for (let i = 0; i < list.length; i++) {
          const day = list[i];
          if (day.lastSuccess !== undefined && (lastSuccess === undefined || day.lastSuccess > lastSuccess)) lastSuccess = day.lastSuccess;
          if (i > 0 && day.active > 0) running = true;
        }
      }
      return {
        resource,
        days: window.map((day, index) => {
          let succeeded = 0;
          let failed = 0;
          let missed = 0;
          for (const list of own) {
            const c = list[index + 1];
            succeeded += c.succeeded;
            failed += c.failed;
            missed += c.missed;
          }
          const cell = { succeeded, failed, missed };
          return { date: day.date, status: statusOf(cell, index === today && running), ...cell };
        }),
        ...(lastSuccess !== undefined ? { lastSuccessAt: new Date(lastSuccess) } : {}),
      };
    }),
  };
}

/** The matrix's days: the day before the window (for lastSuccessAt), then the window, oldest first. */
export function historyDays(now: Date, days: number, timezone: string): LocalDay[] {
  validateDays(days);
  validateTimezone(timezone);
  return daysEndingToday(now, days + 1, timezone);
}

/**
 * The matrix: one row per resource, one cell per day of the window, from facts read from a day
 * (or `graceMinutes`, if longer) before the window to its end.
 */
export function backupHistory<R extends HistoryResource>(input: HistoryInput<R>): BackupHistory<R> {
  const days = historyDays(input.now, input.days, input.timezone);
  const refs = distinctRefs(input.resources);
  const counted = countDays(refs, input, days, input.now, input.graceMinutes);
  const byKey = new Map(refs.map((ref, index) => [refKey(ref), counted[index]]));
  return assembleHistory(input.resources, days, input.timezone, (ref) => byKey.get(refKey(ref))!);
}

/** Every resource a matrix counts, once: the rows and their parts. */
export function distinctRefs(resources: readonly HistoryResource[]): ResourceRef[] {
  const seen = new Map<string, ResourceRef>();
  for (const resource of resources) {
    for (const ref of [resource, ...(resource.parts ?? [])]) {
      const key = refKey(ref);
      if (!seen.has(key)) seen.set(key, { providerId: ref.providerId, type: ref.type, nativeId: ref.nativeId });
    }
  }
  return [...seen.values()];
}

function statusOf(cell: { succeeded: number; failed: number; missed: number }, runningToday: boolean): HistoryDayStatus {
  if (cell.succeeded > 0) return 'SUCCEEDED';
  if (runningToday) return 'RUNNING';
  if (cell.failed > 0) return 'FAILED';
  if (cell.missed > 0) return 'MISSED';
  return 'NONE';
}
