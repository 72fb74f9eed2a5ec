/**
 * The scheduler's own recurrence evaluator for `incremental_backup` + `manual_incremental_backup`
 * + `user_timezone` (contract §2.3). Pure functions: compile a scheduler's fields once, then list
 * the instants at which it fires inside a time span.
 *
 * Semantics (the contract marks the backend as an APScheduler-like guess, so these are choices [I]):
 * - Day filters: `month`, `day_of_month` and `day_of_week` are ANDed (they "narrow the schedule").
 *   `"*"`, `""`, `[]` and `[""]` mean "any". Items may be values, ranges `a-b`, steps `*\/n`,
 *   `a-b/n`, `a/n`; `day_of_week` uses `mon..sun` (numbers follow APScheduler: 0 = mon .. 6 = sun);
 *   `day_of_month` also accepts `last`. Filters apply to the local calendar date of each run.
 * - Mode 1, manual: a non-empty `manual_incremental_backup` ("HH:MM,...") is used *instead of*
 *   hour/minute/repeat (the docs: "only at those times").
 * - Mode 2, interval: `repeat.hour = "*\/N"` and/or `repeat.minute = "*\/N"` (step = N h + N min)
 *   gives runs every step, anchored each day at the window start (or 00:00 without a window) and
 *   running through the window (or the whole day). `hour`/`minute` are ignored in this mode.
 *   So `*\/12` with 07:00->06:45 runs at 07:00 and 19:00; `*\/1` 20:00->23:00 runs 20,21,22,23:00;
 *   `*\/45` without a window runs 32 times a day (00:00, 00:45, ... 23:15).
 * - Mode 3, fixed: every combination of `hour` x `minute`. `hour` "*" = every hour; `minute` that is
 *   `""` or `"*"` means minute 0 (a per-minute snapshot schedule is never produced). `hour` `""` with
 *   a concrete `minute` = every hour at that minute; both empty (and no repeat/manual) = never.
 * - Window `start_time`/`end_time` (either with an empty hour = no window) is inclusive at both ends
 *   and may wrap past midnight; a wrap that leaves a gap of <= 15 minutes (07:00->06:45) or
 *   start == end means the whole day. Fixed and manual times outside the window are skipped.
 * - Local times are converted with the zone's rules; a time in a DST gap shifts forward by the gap,
 *   an ambiguous time fires once (its first occurrence).
 */
import { civilFromDayNumber, dayNumber, localParts, localToUtc } from './tz.js';

export class RecurrenceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface RecurrenceInput {
  incremental_backup: unknown;
  manual_incremental_backup?: unknown;
  user_timezone: string;
}

export interface CompiledRecurrence {
  tz: string;
  months: Set<number> | null;
  daysOfMonth: Set<number> | null;
  daysOfWeek: Set<number> | null;
  /** Daily window in minutes of the day; null = the whole day. */
  window: { start: number; end: number } | null;
  /** Interval anchor (window start, or 0). */
  anchor: number;
  /** Interval mode: the step in minutes. */
  stepMinutes: number | null;
  /** Fixed/manual mode: sorted minutes of the day. */
  fixedTimes: number[];
}

const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const LAST_DAY = 32;

type FieldValue = { kind: 'empty' } | { kind: 'any' } | { kind: 'set'; values: Set<number> };

function asItems(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  if (Array.isArray(raw)) return raw.flatMap((item) => asItems(item));
  if (typeof raw === 'number') return [String(raw)];
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  throw new Error(`expected a string or a list, got ${JSON.stringify(raw)}`);
}

function parseValue(token: string, min: number, max: number, names?: Record<string, number>): number {
  const lower = token.toLowerCase();
  if (names && lower in names) return names[lower]!;
  if (!/^\d+$/.test(token)) throw new Error(`"${token}" is not a valid value`);
  const n = Number(token);
  if (n < min || n > max) throw new Error(`${n} is out of range ${min}-${max}`);
  return n;
}

/** Parse one cron-like field into a set of values in [min, max]. */
function parseField(
  raw: unknown,
  min: number,
  max: number,
  opts: { names?: Record<string, number>; mapNumber?: (n: number) => number; allowLast?: boolean } = {},
): FieldValue {
  const items = asItems(raw);
  if (items.length === 0) return { kind: 'empty' };
  if (items.every((item) => item === '*' || item === '?')) return { kind: 'any' };
  const values = new Set<number>();
  const value = (token: string): number => {
    const lower = token.toLowerCase();
    if (opts.names && lower in opts.names) return opts.names[lower]!;
    const n = parseValue(token, min, max);
    return opts.mapNumber ? opts.mapNumber(n) : n;
  };
  for (const item of items) {
    if (opts.allowLast && item.toLowerCase() === 'last') {
      values.add(LAST_DAY);
      continue;
    }
    const [range, stepText] = item.split('/');
    if (range === undefined || item.split('/').length > 2) throw new Error(`"${item}" is not a valid expression`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new Error(`"${item}" has a bad step`);
      step = Number(stepText);
    }
    if (range === '*' || range === '?') {
      for (let v = min; v <= max; v += step) values.add(opts.mapNumber ? opts.mapNumber(v) : v);
      continue;
    }
    const bounds = range.split('-');
    if (bounds.length === 1) {
      const start = value(bounds[0]!);
      if (stepText === undefined) values.add(start);
      else for (let v = start; v <= max; v += step) values.add(v);
      continue;
    }
    if (bounds.length !== 2) throw new Error(`"${item}" is not a valid range`);
    const a = value(bounds[0]!);
    const b = value(bounds[1]!);
    if (opts.names) {
      // Day-of-week ranges are cyclic in name order mon..sun (so "fri-mon" works).
      const order = [1, 2, 3, 4, 5, 6, 0];
      let i = order.indexOf(a);
      const end = order.indexOf(b);
      let k = 0;
      for (;;) {
        if (k % step === 0) values.add(order[i]!);
        if (i === end) break;
        i = (i + 1) % 7;
        k += 1;
      }
      continue;
    }
    if (a > b) throw new Error(`"${item}" is an empty range`);
    for (let v = a; v <= b; v += step) values.add(v);
  }
  return { kind: 'set', values };
}

function timeValue(raw: unknown, max: number): number | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const text = String(raw).trim();
  if (!/^\d{1,2}$/.test(text)) throw new Error(`"${text}" is not a valid time value`);
  const n = Number(text);
  if (n > max) throw new Error(`${n} is out of range 0-${max}`);
  return n;
}

function parseTimeOfDay(raw: unknown, name: string): number | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${name} must be an object {hour, minute}`);
  const obj = raw as Record<string, unknown>;
  const hour = timeValue(obj.hour, 23);
  const minute = timeValue(obj.minute, 59);
  if (hour === null) return null;
  return hour * 60 + (minute ?? 0);
}

function parseStep(raw: unknown, name: string): number {
  if (raw === undefined || raw === null || raw === '' || raw === '*') return 0;
  const text = String(raw).trim();
  const match = /^(?:\*\/)?(\d+)$/.exec(text);
  if (!match || Number(match[1]) < 1) throw new Error(`repeat.${name} "${text}" must look like "*/N"`);
  return Number(match[1]);
}

/** Parse `manual_incremental_backup` ("HH:MM,HH:MM"); empty -> []. */
export function parseManualTimes(raw: unknown): number[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'string') throw new RecurrenceError('manual_incremental_backup', 'Must be a string of HH:MM times');
  const text = raw.trim();
  if (text === '') return [];
  const times = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\d{2}):(\d{2})$/.exec(part.trim());
    if (!match) {
      throw new RecurrenceError('manual_incremental_backup', `"${part.trim()}" is not a HH:MM time; expected e.g. "02:00,06:00"`);
    }
    const h = Number(match[1]);
    const m = Number(match[2]);
    if (h > 23 || m > 59) throw new RecurrenceError('manual_incremental_backup', `"${part.trim()}" is not a valid time of day`);
    times.add(h * 60 + m);
  }
  return [...times].sort((a, b) => a - b);
}

export function compileRecurrence(input: RecurrenceInput): CompiledRecurrence {
  const ib = input.incremental_backup;
  if (ib === null || typeof ib !== 'object' || Array.isArray(ib)) {
    throw new RecurrenceError('incremental_backup', 'Must be an object');
  }
  const spec = ib as Record<string, unknown>;
  const field = <T>(name: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof RecurrenceError) throw error;
      throw new RecurrenceError('incremental_backup', `${name}: ${(error as Error).message}`);
    }
  };
  const asSet = (v: FieldValue): Set<number> | null => (v.kind === 'set' ? v.values : null);

  const months = asSet(field('month', () => parseField(spec.month, 1, 12)));
  const daysOfMonth = asSet(field('day_of_month', () => parseField(spec.day_of_month, 1, 31, { allowLast: true })));
  const daysOfWeek = asSet(
    field('day_of_week', () => parseField(spec.day_of_week, 0, 6, { names: DOW_NAMES, mapNumber: (n) => (n + 1) % 7 })),
  );
  const hour = field('hour', () => parseField(spec.hour, 0, 23));
  const minute = field('minute', () => parseField(spec.minute, 0, 59));
  const repeat = spec.repeat;
  if (repeat !== undefined && repeat !== null && (typeof repeat !== 'object' || Array.isArray(repeat))) {
    throw new RecurrenceError('incremental_backup', 'repeat must be an object {hour, minute}');
  }
  const rep = (repeat ?? {}) as Record<string, unknown>;
  const stepMinutes = field('repeat', () => parseStep(rep.hour, 'hour') * 60 + parseStep(rep.minute, 'minute'));
  const start = field('start_time', () => parseTimeOfDay(spec.start_time, 'start_time'));
  const end = field('end_time', () => parseTimeOfDay(spec.end_time, 'end_time'));
  const manual = parseManualTimes(input.manual_incremental_backup);

  let window: { start: number; end: number } | null = null;
  if (start !== null && end !== null) {
    const gap = (start - end + 1440) % 1440;
    const wholeDay = start === end || (start > end && gap <= 15);
    if (!wholeDay) window = { start, end };
  }
  const anchor = start ?? 0;

  let fixedTimes: number[] = [];
  let step: number | null = null;
  if (manual.length > 0) fixedTimes = manual;
  else if (stepMinutes > 0) step = stepMinutes;
  else if (!(hour.kind === 'empty' && minute.kind !== 'set')) {
    const hours = hour.kind === 'set' ? [...hour.values] : Array.from({ length: 24 }, (_, i) => i);
    const minutes = minute.kind === 'set' ? [...minute.values] : [0];
    fixedTimes = hours.flatMap((h) => minutes.map((m) => h * 60 + m)).sort((a, b) => a - b);
  }
  return { tz: input.user_timezone, months, daysOfMonth, daysOfWeek, window, anchor, stepMinutes: step, fixedTimes };
}

function inWindow(rec: CompiledRecurrence, minuteOfDay: number): boolean {
  const w = rec.window;
  if (!w) return true;
  return w.start <= w.end
    ? minuteOfDay >= w.start && minuteOfDay <= w.end
    : minuteOfDay >= w.start || minuteOfDay <= w.end;
}

function dayMatches(rec: CompiledRecurrence, day: { year: number; month: number; day: number; weekday: number }): boolean {
  if (rec.months && !rec.months.has(day.month)) return false;
  if (rec.daysOfWeek && !rec.daysOfWeek.has(day.weekday)) return false;
  if (rec.daysOfMonth) {
    const last = new Date(Date.UTC(day.year, day.month, 0)).getUTCDate();
    if (!rec.daysOfMonth.has(day.day) && !(rec.daysOfMonth.has(LAST_DAY) && day.day === last)) return false;
  }
  return true;
}

/** Whether the compiled schedule can ever fire (used to warn/skip quickly). */
export function everFires(rec: CompiledRecurrence): boolean {
  return rec.stepMinutes !== null || rec.fixedTimes.some((t) => inWindow(rec, t));
}

/** The instants (epoch ms, ascending) in (fromExclusive, toInclusive] at which the schedule fires. */
export function occurrencesBetween(rec: CompiledRecurrence, fromExclusive: number, toInclusive: number): number[] {
  if (toInclusive <= fromExclusive || !everFires(rec)) return [];
  const first = localParts(fromExclusive, rec.tz);
  const last = localParts(toInclusive, rec.tz);
  const d0 = dayNumber(first.year, first.month, first.day) - 1;
  const d1 = dayNumber(last.year, last.month, last.day);
  const out: number[] = [];
  const push = (dayNo: number, minuteOfDay: number) => {
    const civil = civilFromDayNumber(dayNo);
    if (!dayMatches(rec, civil)) return;
    const at = localToUtc(civil.year, civil.month, civil.day, minuteOfDay, rec.tz);
    if (at > fromExclusive && at <= toInclusive) out.push(at);
  };
  for (let d = d0; d <= d1; d += 1) {
    if (rec.stepMinutes !== null) {
      const span = rec.window ? (rec.window.end - rec.window.start + 1440) % 1440 : 1439;
      for (let off = 0; off <= span; off += rec.stepMinutes) {
        const m = rec.anchor + off;
        push(d + Math.floor(m / 1440), m % 1440);
      }
    } else {
      for (const t of rec.fixedTimes) if (inWindow(rec, t)) push(d, t);
    }
  }
  out.sort((a, b) => a - b);
  return out.filter((t, i) => i === 0 || t !== out[i - 1]);
}
