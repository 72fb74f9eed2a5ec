/**
 * The provider-neutral evaluator for a CronLikeRule (model.ts): times of day, next runs, RRULE
 * text and a one-line description. CloudSigma's `incremental_backup` is read into this form by
 * cloudsigma.ts; a WeeklyRule is evaluated as one too (weekly.ts).
 *
 * Semantics:
 * - Dates: `months`, `daysOfMonth` (-1 = last) and `daysOfWeek` are ANDed and apply to the *local
 *   calendar date of each run* in the zone; '*' = any.
 * - Times of day, by precedence:
 *   1. manual: non-empty `manualTimes` replace hours, minutes and repeat; the window still applies;
 *   2. interval: `repeat` gives a step of N h + M min, anchored every day at the window start
 *      (00:00 without a window) and running through the window end (or until the day's 24 h are
 *      used up). The step restarts each day, so a step that does not divide 24 h leaves a shorter
 *      last interval (every 5 h: 00, 05, 10, 15, 20). `hours`/`minutes` are ignored;
 *   3. fixed: every `hours` x `minutes` ('*' hours = every hour; [] = no fixed time).
 * - Window: inclusive at both ends (20:00-23:00 hourly = 4 runs); it may wrap midnight
 *   (22:00->02:00 keeps 22:00..23:59 and 00:00..02:00 of every date — a time-of-day filter, not a
 *   session that starts on one date). An end 0-15 minutes before the start (07:00->06:45,
 *   start == end) is the whole day; its start still anchors intervals.
 * - DST: wall times, by dst.ts's policy (a gap time runs shifted forward by the gap; a repeated
 *   time runs once, at its first occurrence — also for intervals, which therefore pause during the
 *   repeated autumn hour). Runs that coincide after shifting run once. See instantsOn().
 *
 * RRULE: the runs are "matching dates x a fixed set of times of day", so they are always
 * expressible: FREQ=MONTHLY (days of month set), WEEKLY (only days of week) or DAILY, with
 * BYMONTH/BYMONTHDAY/BYDAY filters, and one RRULE line per group of hours sharing the same
 * minutes (a 45-minute step needs 3 lines). DTSTART is the first run on or after the anchor date,
 * so it belongs to the set. Unlike strict RFC 5545, the gateway shifts gap times instead of
 * skipping them. A rule that can never run gets no `rrule`.
 */
import type { CronLikeRule, Recurrence, TimeOfDay } from '../model.js';
import { offsetMs, wallTimeOf } from '../time.js';

const DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
/** A window whose end is at most this many minutes before its start covers the whole day. */
const WHOLE_DAY_GAP = 15;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const RRULE_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

// ---------------------------------------------------------------------------------------------
// Times of day and dates

function minutesOf(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}

function isWholeDay(window: { start: TimeOfDay; end: TimeOfDay }): boolean {
  return (minutesOf(window.start) - minutesOf(window.end) + MINUTES_PER_DAY) % MINUTES_PER_DAY <= WHOLE_DAY_GAP;
}

function inWindow(rule: CronLikeRule, minute: number): boolean {
  if (!rule.window || isWholeDay(rule.window)) return true;
  const start = minutesOf(rule.window.start);
  const end = minutesOf(rule.window.end);
  return start <= end ? minute >= start && minute <= end : minute >= start || minute <= end;
}

function stepMinutes(rule: CronLikeRule): number | undefined {
  if (!rule.repeat) return undefined;
  const step = (rule.repeat.everyHours ?? 0) * 60 + (rule.repeat.everyMinutes ?? 0);
  return step > 0 ? step : undefined;
}

type Mode = 'manual' | 'interval' | 'fixed';

function modeOf(rule: CronLikeRule): Mode {
  if (rule.manualTimes && rule.manualTimes.length > 0) return 'manual';
  return stepMinutes(rule) !== undefined ? 'interval' : 'fixed';
}

/** The sorted minutes of the day at which the rule runs on every matching date. */
export function timesOfDay(rule: CronLikeRule): number[] {
  const mode = modeOf(rule);
  let times: number[];
  if (mode === 'manual') {
    times = rule.manualTimes!.map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))).filter((m) => inWindow(rule, m));
  } else if (mode === 'interval') {
    const step = stepMinutes(rule)!;
    const whole = !rule.window || isWholeDay(rule.window);
    const anchor = rule.window ? minutesOf(rule.window.start) : 0;
    const span = whole ? MINUTES_PER_DAY - 1 : (minutesOf(rule.window!.end) - anchor + MINUTES_PER_DAY) % MINUTES_PER_DAY;
    times = [];
    for (let k = 0; k * step <= span; k++) times.push((anchor + k * step) % MINUTES_PER_DAY);
  } else {
    const hours = rule.hours === '*' ? range(0, 23) : rule.hours;
    times = [];
    for (const h of hours) for (const m of rule.minutes) if (inWindow(rule, h * 60 + m)) times.push(h * 60 + m);
  }
  return sortedUnique(times);
}

interface Compiled {
  times: number[];
  months: boolean[] | null; // index 1..12
  daysOfWeek: boolean[] | null; // index 0..6
  daysOfMonth: number[] | null; // 1..31, -1 = last
  possible: boolean;
}

const compiledCache = new WeakMap<CronLikeRule, Compiled>();

function compile(rule: CronLikeRule): Compiled {
  let compiled = compiledCache.get(rule);
  if (compiled) return compiled;
  const mask = (values: number[] | '*', size: number) => {
    if (values === '*') return null;
    const m = new Array<boolean>(size).fill(false);
    for (const v of values) m[v] = true;
    return m;
  };
  const months = mask(rule.months, 13);
  const daysOfMonth = rule.daysOfMonth === '*' ? null : sortedUnique(rule.daysOfMonth);
  const daysOfWeek = mask(rule.daysOfWeek, 7);
  const times = timesOfDay(rule);
  // A date exists unless every allowed day of month exceeds every allowed month's longest length.
  const datePossible =
    (daysOfWeek === null || daysOfWeek.some(Boolean)) &&
    (months === null || months.some(Boolean)) &&
    (daysOfMonth === null ||
      (daysOfMonth.length > 0 && range(1, 12).some((m) => (months === null || months[m]) && daysOfMonth.some((d) => d === -1 || d <= maxDaysIn(m)))));
  compiled = { times, months, daysOfWeek, daysOfMonth, possible: datePossible && times.length > 0 };
  compiledCache.set(rule, compiled);
  return compiled;
}

function maxDaysIn(month: number): number {
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Calls `visit(year, month, day, dayNumber)` for each local date the day filters allow, from the
 * given date on, in order, until `visit` returns false or 400 years have been scanned.
 */
function forEachDate(c: Compiled, year: number, month: number, day: number, visit: (y: number, m: number, d: number, dayNumber: number) => boolean): void {
  if (!c.possible) return;
  let y = year;
  let m = month;
  let firstDay = day;
  for (let i = 0; i < 12 * 400; i++) {
    if (c.months === null || c.months[m]) {
      const dim = daysIn(y, m);
      const monthStart = Date.UTC(y, m - 1, 1) / DAY;
      const days = c.daysOfMonth === null ? null : sortedUnique(c.daysOfMonth.map((d) => (d === -1 ? dim : d)).filter((d) => d <= dim));
      const consider = (d: number): boolean => {
        if (d < firstDay) return true;
        const dayNumber = monthStart + d - 1;
        if (c.daysOfWeek !== null && !c.daysOfWeek[(((dayNumber + 4) % 7) + 7) % 7]) return true;
        return visit(y, m, d, dayNumber);
      };
      if (days === null) {
        for (let d = firstDay; d <= dim; d++) if (!consider(d)) return;
      } else {
        for (const d of days) if (!consider(d)) return;
      }
    }
    firstDay = 1;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/**
 * The instants of `times` (minutes of the day) on one local date, by dst.ts's policy. Each date
 * is bracketed by [00:00 UTC - 14 h, 24:00 UTC + 12 h], which holds the whole local date in any
 * zone. If the offset is the same at both ends, the date has a steady offset (every real zone's
 * transitions are weeks apart) and the arithmetic is direct. Otherwise the transition instant is
 * found once (binary search, to the second) and each wall time w is read with the offsets before
 * (w - before, valid if earlier than the transition) and after (w - after, valid if not earlier):
 * both valid = the repeated autumn time, the earlier runs; neither = the spring gap, read with the
 * pre-gap offset, i.e. shifted forward by the gap. That is exactly runInstant() (the unit tests
 * cross-check it), at a few Intl calls per date instead of several per run.
 */
function instantsOn(dayNumber: number, times: number[], timeZone: string): number[] {
  const dayUtc = dayNumber * DAY;
  const { before, after, at } = offsetsOn(dayNumber, timeZone);
  if (before === after) return times.map((t) => dayUtc + t * 60_000 - before);
  return times.map((t) => {
    const wall = dayUtc + t * 60_000;
    const early = wall - before;
    const late = wall - after;
    const earlyValid = early < at;
    const lateValid = late >= at;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (lateValid) return late;
    return early; // valid, or in the gap: the pre-gap offset shifts it forward by the gap
  });
}

interface DayOffsets {
  before: number;
  after: number;
  /** The transition instant (first ms with `after`), when before !== after. */
  at: number;
}

/** Per zone, local date (day number) -> offsets; bounded, a refill costs two Intl calls a date. */
const offsetsCache = new Map<string, Map<number, DayOffsets>>();
const OFFSETS_PER_ZONE = 8192;

function offsetsOn(dayNumber: number, timeZone: string): DayOffsets {
  let byDay = offsetsCache.get(timeZone);
  if (!byDay) offsetsCache.set(timeZone, (byDay = new Map()));
  const cached = byDay.get(dayNumber);
  if (cached) return cached;
  let lo = dayNumber * DAY - 14 * 3_600_000;
  let hi = (dayNumber + 1) * DAY + 12 * 3_600_000;
  const before = offsetMs(new Date(lo), timeZone);
  const after = offsetMs(new Date(hi), timeZone);
  if (before !== after) {
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetMs(new Date(mid), timeZone) === before) lo = mid;
      else hi = mid;
    }
  }
  const offsets = { before, after, at: hi };
  if (byDay.size >= OFFSETS_PER_ZONE) byDay.clear();
  byDay.set(dayNumber, offsets);
  return offsets;
}

/** The next `count` runs strictly after `after`, evaluated in local wall time by dst.ts's policy. */
export function nextCronLikeRuns(rule: CronLikeRule, timeZone: string, after: Date, count: number): Date[] {
  const c = compile(rule);
  if (count <= 0 || !c.possible) return [];
  const afterMs = after.getTime();
  const found = new Set<number>();
  // Start a day early: a run on the previous local date can never be later, but DST shifts may
  // move a late-evening run onto the next date. Finish one extra date once enough are found, for
  // the same reason.
  const start = wallTimeOf(new Date(afterMs - DAY), timeZone);
  let extra = -1;
  forEachDate(c, start.year, start.month, start.day, (_y, _m, _d, dayNumber) => {
    for (const at of instantsOn(dayNumber, c.times, timeZone)) if (at > afterMs) found.add(at);
    if (extra >= 0) return false;
    if (found.size >= count) extra = 0;
    return true;
  });
  return [...found]
    .sort((a, b) => a - b)
    .slice(0, count)
    .map((t) => new Date(t));
}

// ---------------------------------------------------------------------------------------------
// Recurrence: RRULE text and description

export function cronLikeRecurrence(rule: CronLikeRule, timeZone: string, native: unknown, anchor: Date = new Date(Date.UTC(2026, 0, 1))): Recurrence {
  const recurrence: Recurrence = { timezone: timeZone, description: describeCronLike(rule, timeZone), native, rule };
  const rrule = cronLikeRRule(rule, timeZone, anchor);
  if (rrule !== undefined) recurrence.rrule = rrule;
  return recurrence;
}

/**
 * Computed RRULE texts: a dashboard maps hundreds of schedules per request, most of them the
 * same few rules, and the text depends only on the rule, the zone and the anchor.
 */
const rruleCache = new Map<string, string | undefined>();
const RRULE_CACHE_LIMIT = 10_000;

/** RFC 5545 text: DTSTART;TZID=... and one RRULE line per group of hours with equal minutes. */
export function cronLikeRRule(rule: CronLikeRule, timeZone: string, anchor: Date = new Date(Date.UTC(2026, 0, 1))): string | undefined {
  const key = `${timeZone}|${anchor.getTime()}|${JSON.stringify(rule)}`;
  if (rruleCache.has(key)) return rruleCache.get(key);
  const rrule = computeCronLikeRRule(rule, timeZone, anchor);
  if (rruleCache.size >= RRULE_CACHE_LIMIT) rruleCache.clear();
  rruleCache.set(key, rrule);
  return rrule;
}

function computeCronLikeRRule(rule: CronLikeRule, timeZone: string, anchor: Date): string | undefined {
  const c = compile(rule);
  if (!c.possible) return undefined;
  // DTSTART: the first run (as wall time) on or after the anchor's local date, so it is in the set.
  const from = wallTimeOf(anchor, timeZone);
  let dtstart: string | undefined;
  forEachDate(c, from.year, from.month, from.day, (y, m, d) => {
    const t = c.times[0];
    dtstart = `DTSTART;TZID=${timeZone}:${y}${pad(m)}${pad(d)}T${pad(Math.floor(t / 60))}${pad(t % 60)}00`;
    return false;
  });
  if (dtstart === undefined) return undefined;

  const filters: string[] = [];
  let freq = 'DAILY';
  if (c.daysOfMonth !== null) freq = 'MONTHLY';
  else if (c.daysOfWeek !== null) freq = 'WEEKLY';
  if (rule.months !== '*') filters.push(`BYMONTH=${rule.months.join(',')}`);
  if (rule.daysOfMonth !== '*') filters.push(`BYMONTHDAY=${sortedUnique(rule.daysOfMonth).filter((d) => d > 0).concat(rule.daysOfMonth.includes(-1) ? [-1] : []).join(',')}`);
  if (rule.daysOfWeek !== '*') filters.push(`BYDAY=${sortedUnique(rule.daysOfWeek).map((d) => RRULE_DAYS[d]).join(',')}`);

  // Group hours that share the same minutes: hours x minutes is then exact for each group.
  const minutesByHour = new Map<number, number[]>();
  for (const t of c.times) {
    const h = Math.floor(t / 60);
    minutesByHour.set(h, [...(minutesByHour.get(h) ?? []), t % 60]);
  }
  const groups = new Map<string, { hours: number[]; minutes: number[] }>();
  for (const [hour, minutes] of minutesByHour) {
    const key = minutes.join(',');
    const group = groups.get(key);
    if (group) group.hours.push(hour);
    else groups.set(key, { hours: [hour], minutes });
  }
  const rrules = [...groups.values()].map(({ hours, minutes }) => `RRULE:${[`FREQ=${freq}`, ...filters, `BYHOUR=${hours.join(',')}`, `BYMINUTE=${minutes.join(',')}`, 'BYSECOND=0'].join(';')}`);
  return [dtstart, ...rrules].join('\n');
}

/** One human line, e.g. "Mon–Fri at 03:00 (Etc/UTC)" or "Every 45 minutes (Europe/London)". */
export function describeCronLike(rule: CronLikeRule, timeZone: string): string {
  const c = compile(rule);
  const mode = modeOf(rule);
  if (c.times.length === 0) {
    const why =
      mode === 'fixed' && ((rule.hours !== '*' && rule.hours.length === 0) || rule.minutes.length === 0)
        ? 'no time of day is set (hour, minute, repeat and manual times are empty)'
        : `no ${mode === 'manual' ? 'manual time' : 'time of day'} falls in the window ${hhmm(minutesOf(rule.window!.start))}–${hhmm(minutesOf(rule.window!.end))}`;
    return `Never runs: ${why} (${timeZone})`;
  }
  const days = describeDates(rule);
  if (!c.possible) return `Never runs: ${days.text.charAt(0).toLowerCase()}${days.text.slice(1)} never occurs (${timeZone})`;
  let times: string;
  if (mode === 'interval') {
    const step = stepMinutes(rule)!;
    const whole = !rule.window || isWholeDay(rule.window);
    let text = `every ${describeStep(step)}`;
    if (rule.window && !whole) text += ` between ${hhmm(minutesOf(rule.window.start))} and ${hhmm(minutesOf(rule.window.end))}`;
    else if (rule.window && minutesOf(rule.window.start) !== 0) text += ` from ${hhmm(minutesOf(rule.window.start))}`;
    if (c.times.length <= 6 && (rule.window || c.times.length === 1)) text += ` — ${c.times.map(hhmm).join(', ')}`;
    times = text;
    return days.any ? `${capitalize(times)} (${timeZone})` : `${days.text}: ${times} (${timeZone})`;
  }
  const allHoursAtOneMinute = c.times.length === 24 && new Set(c.times.map((t) => t % 60)).size === 1;
  if (allHoursAtOneMinute) times = `every hour at :${pad(c.times[0] % 60)}`;
  else if (c.times.length > 12) times = `at ${c.times.length} times a day, ${hhmm(c.times[0])} to ${hhmm(c.times[c.times.length - 1])}`;
  else times = `at ${c.times.map(hhmm).join(', ')}`;
  if (allHoursAtOneMinute) return days.any ? `${capitalize(times)} (${timeZone})` : `${days.text}: ${times} (${timeZone})`;
  return `${days.text}${days.text.endsWith(' only') ? ',' : ''} ${times} (${timeZone})`;
}

function describeDates(rule: CronLikeRule): { any: boolean; text: string } {
  const months = rule.months === '*' ? undefined : rule.months.map((m) => MONTH_NAMES[m - 1]).join(', ');
  const dow = rule.daysOfWeek === '*' ? undefined : rule.daysOfWeek.length === 0 ? 'no weekday' : describeDays(rule.daysOfWeek);
  if (rule.daysOfMonth !== '*') {
    const dom = rule.daysOfMonth;
    const named = dom.filter((d) => d > 0);
    const parts = [...(named.length ? [`${named.length > 1 ? 'Days' : 'Day'} ${named.join(', ')}`] : []), ...(dom.includes(-1) ? [named.length ? 'the last day' : 'The last day'] : [])];
    let text = `${parts.join(' and ')} of ${months ?? 'every month'}`;
    if (dow) text += `, ${dow} only`;
    return { any: false, text };
  }
  if (dow && months) return { any: false, text: `${dow} in ${months}` };
  if (dow) return { any: false, text: dow === 'every day' ? 'Every day' : dow };
  if (months) return { any: false, text: `Every day in ${months}` };
  return { any: true, text: 'Every day' };
}

function describeStep(step: number): string {
  if (step === 60) return 'hour';
  if (step % 60 === 0) return `${step / 60} hours`;
  if (step < 60) return `${step} minutes`;
  return `${Math.floor(step / 60)} h ${step % 60} min`;
}

/** "Mon–Fri", "Sat, Sun", "every day" (days 0 = Sunday..6). */
export function describeDays(days: number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return 'every day';
  // Render Monday-first so Mon–Fri reads naturally; Sunday last.
  const mondayFirst = sorted.map((d) => (d + 6) % 7).sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const d of mondayFirst) {
    const last = runs.at(-1);
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  const name = (mondayIndex: number) => DAY_NAMES[(mondayIndex + 1) % 7];
  return runs.map(([a, b]) => (b - a >= 2 ? `${name(a)}–${name(b)}` : a === b ? name(a) : `${name(a)}, ${name(b)}`)).join(', ');
}

// ---------------------------------------------------------------------------------------------

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function hhmm(minuteOfDay: number): string {
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
