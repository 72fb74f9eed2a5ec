/**
 * The schedule engine and the schedule value formats.
 *
 * Each schedule fires on its weekdays at `rotation_time`, provider-local (`timezone`, DST per
 * zone.ts: a time in the spring gap fires shifted forward, a time in the autumn overlap fires
 * once). A firing starts an automatic backup of the instance (Saving -> Active after `backupMs`);
 * when it completes, rotation keeps the newest `backup_rotation` automatic backups.
 *
 * `evaluate(now)` runs every firing in (last evaluation, now] in time order, settling the
 * backups due before each one, so a clock jump replays the skipped span. The span replayed is
 * bounded by `catchUpMs` (default 31 days: more than `backup_rotation` ≤ 10 weekly firings
 * could ever keep). A firing that finds the instance busy (a backup still Saving, or a rebuild)
 * is skipped and logged in `state.scheduleRuns`.
 */
import type { BillmanagerState, ScheduleRecord } from './state.js';
import { civilDatesAround, formatDateTime, zonedToEpoch } from './zone.js';

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/**
 * `rotation_days` as clients may send it: "1,2,3" (the documented form), "1, 2", "1 2 3",
 * repeated fields or `rotation_days[]`, "[1,2]", and English day names ("Monday Tuesday",
 * "mon,tue"). Numbers must be 0-6 (Sunday = 0). Returns undefined for an empty or bad list.
 */
export function parseRotationDays(values: string[]): number[] | undefined {
  const tokens = values.flatMap((v) => v.split(/[\s,;|[\]]+/)).filter((t) => t.length > 0);
  if (tokens.length === 0) return undefined;
  const days = new Set<number>();
  for (const token of tokens) {
    const day = dayOf(token);
    if (day === undefined) return undefined;
    days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

function dayOf(token: string): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= 0 && n <= 6 ? n : undefined;
  }
  const lower = token.toLowerCase();
  const index = DAY_NAMES.findIndex((name) => {
    const full = name.toLowerCase();
    return lower === full || (lower.length >= 3 && full.startsWith(lower));
  });
  return index >= 0 ? index : undefined;
}

/** The list form: English names, Sunday first, space-separated with a trailing space (as in Zomro's docs sample). */
export function formatRotationDays(days: number[]): string {
  return days.map((d) => `${DAY_NAMES[d]} `).join('');
}

/** `HH:MM` (also `H:MM`), 00:00-23:59; returns the normalised `HH:MM` or undefined. */
export function parseRotationTime(value: string): string | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${m[2]}`;
}

/** Firing instants of a schedule in (fromMs, toMs]. */
export function firings(schedule: Pick<ScheduleRecord, 'days' | 'time'>, fromMs: number, toMs: number, timeZone: string): number[] {
  if (toMs <= fromMs) return [];
  const [hour, minute] = schedule.time.split(':').map(Number);
  const out: number[] = [];
  for (const date of civilDatesAround(fromMs, toMs, timeZone)) {
    if (!schedule.days.includes(date.getUTCDay())) continue;
    const t = zonedToEpoch(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute, timeZone);
    if (t > fromMs && t <= toMs) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

const MINUTE_MS = 60_000;

export interface ScheduleEngineOptions {
  timezone: string;
  /** Longest span replayed by one evaluation. */
  catchUpMs?: number;
}

export class ScheduleEngine {
  private lastEvaluated: number;
  readonly timezone: string;
  readonly catchUpMs: number;

  constructor(
    private readonly state: BillmanagerState,
    options: ScheduleEngineOptions,
    startAt: number,
  ) {
    this.timezone = options.timezone;
    this.catchUpMs = options.catchUpMs ?? 31 * 86_400_000;
    this.lastEvaluated = startAt;
  }

  /** The instant up to which firings have been run. */
  get evaluatedUpTo(): number {
    return this.lastEvaluated;
  }

  /** Run the firings due in (last evaluation, now] and settle everything due by `now`. */
  evaluate(now: number): void {
    // Firings fall on whole minutes: none can lie between two instants of the same minute, and
    // skipping the replay then keeps a request from paying for every schedule (load tests).
    const sameMinute = Math.floor(now / MINUTE_MS) === Math.floor(this.lastEvaluated / MINUTE_MS);
    if (now > this.lastEvaluated && sameMinute) this.lastEvaluated = now;
    else if (now > this.lastEvaluated) {
      this.replay(this.state.schedules.values(), Math.max(this.lastEvaluated, now - this.catchUpMs), now);
      this.lastEvaluated = now;
    }
    this.state.settle(now);
  }

  /**
   * Run the firings of just these schedules in (from, to], in time order, settling before each
   * (no cursor involved). The bench seed back-fills its own schedules with it.
   */
  replay(schedules: Iterable<ScheduleRecord>, from: number, to: number): void {
    const due: Array<{ at: number; schedule: ScheduleRecord }> = [];
    for (const schedule of schedules) {
      for (const at of firings(schedule, Math.max(from, schedule.updatedAt), to, this.timezone)) due.push({ at, schedule });
    }
    due.sort((a, b) => a.at - b.at || Number(a.schedule.id) - Number(b.schedule.id));
    for (const { at, schedule } of due) {
      this.state.settle(at);
      this.fire(schedule, at);
    }
  }

  private fire(schedule: ScheduleRecord, at: number): void {
    if (!this.state.instances.has(schedule.instanceId)) return;
    const busy = this.state.busyReason(schedule.instanceId);
    if (busy) {
      this.state.recordRun({ scheduleId: schedule.id, instanceId: schedule.instanceId, at, skipped: `${busy} running` });
      return;
    }
    const backup = this.state.createBackup({
      instanceId: schedule.instanceId,
      name: `${schedule.name} ${formatDateTime(at, this.timezone).slice(0, 16)}`,
      kind: 'auto',
      at,
      scheduleId: schedule.id,
    });
    this.state.recordRun({ scheduleId: schedule.id, instanceId: schedule.instanceId, at, backupId: backup.id });
  }
}
