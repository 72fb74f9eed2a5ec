/**
 * CloudSigma's cron-like recurrence (contract cloudsigma.md §2.3, §2.6): read a scheduler's
 * `incremental_backup` + `manual_incremental_backup` + `user_timezone` into a CronLikeRule, and turn
 * the portable weekly form back into CloudSigma fields. Evaluating the rule (next runs, RRULE text,
 * description, DST) is cronlike.ts's job; its header has the semantics.
 *
 * Reading the fields (the contract guesses an APScheduler-like backend; these are the gateway's
 * choices):
 * - Day filters `month`, `day_of_month`, `day_of_week`: `"*"`, `""`, `[]`, `[""]`, null and missing
 *   mean "any". Items may be values, ranges `a-b`, steps `*\/n`, `a-b/n`, `a/n`; `day_of_week`
 *   takes `mon..sun` (full names too; bare numbers follow APScheduler, 0 = mon .. 6 = sun),
 *   `month` takes `1..12` or `jan..dec`, `day_of_month` takes `1..31` or `last`.
 * - Times of day: a non-empty `manual_incremental_backup` ("HH:MM,...") becomes manual times;
 *   `repeat.hour = "*\/N"` and/or `repeat.minute = "*\/M"` an interval of N h + M min; otherwise
 *   `hour` x `minute`, where `hour` `"*"`/`""` = every hour and `minute` `"*"`/`""` = :00 (never a
 *   per-minute backup), and both `""` = no fixed time at all.
 * - Window `start_time`/`end_time` ({hour, minute} or "HH:MM"): an empty start or end hour means
 *   no window.
 */
import { ValidationError } from '../errors.js';
import type { CronLikeRule, Recurrence, TimeOfDay, WeeklyRule } from '../model.js';
import { isValidTimeZone } from '../time.js';
import { cronLikeRecurrence } from './cronlike.js';

const MINUTES_PER_DAY = 1440;
const DOW_TOKENS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']; // APScheduler order, 0 = mon
const DOW_FULL = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTH_TOKENS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SUNDAY_FIRST_TOKENS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELD = 'native.incremental_backup';

// ---------------------------------------------------------------------------------------------
// Parsing

interface FieldSpec {
  field: string;
  min: number;
  max: number;
  /** Token -> value, for names such as `mon` or `jan`. */
  names?: Record<string, number>;
  allowLast?: boolean;
  /** What the field takes, for messages. */
  expected: string;
}

/** Tokens of a string-or-list field ("1,15", ["1","15"], 3, ["mon"], [""]). */
function tokensOf(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const tokens: string[] = [];
  for (const item of items) {
    if (typeof item === 'number' && Number.isFinite(item)) tokens.push(String(item));
    else if (typeof item === 'string') tokens.push(...item.split(','));
    else throw new ValidationError(`${label(field)} must be a string or a list of strings, got ${JSON.stringify(item)}`, field);
  }
  return tokens.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
}

/** A cron-like field: the sorted values it allows, or '*' for "any" (also for empty forms). */
function parseField(value: unknown, spec: FieldSpec): number[] | '*' {
  const tokens = tokensOf(value, spec.field);
  if (tokens.length === 0 || tokens.includes('*')) return '*';
  const name = label(spec.field);
  const bad = (token: string, why: string) => new ValidationError(`${name} "${token}" ${why}`, spec.field);
  const single = (text: string, token: string): number => {
    if (spec.names && Object.hasOwn(spec.names, text)) return spec.names[text];
    if (!/^\d+$/.test(text)) throw bad(token, `cannot be read; expected ${spec.expected}`);
    const n = Number(text);
    if (n < spec.min || n > spec.max) throw bad(token, `is out of range ${spec.min}-${spec.max}`);
    return n;
  };
  const values = new Set<number>();
  for (const token of tokens) {
    if (spec.allowLast && token === 'last') {
      values.add(-1);
      continue;
    }
    const [range, stepText, ...rest] = token.split('/');
    if (rest.length > 0) throw bad(token, 'cannot be read');
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw bad(token, 'has a step that is not a positive integer');
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else if (range.includes('-')) {
      const [a, b, ...more] = range.split('-');
      if (more.length > 0) throw bad(token, 'cannot be read');
      [from, to] = [single(a, token), single(b, token)];
      if (from > to) throw bad(token, 'is a range that ends before it starts');
    } else {
      from = single(range, token);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function integerIn(value: unknown, min: number, max: number, field: string): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === undefined || !/^\d+$/.test(text)) throw new ValidationError(`${label(field)} ${JSON.stringify(value)} cannot be read as a whole number`, field);
  const n = Number(text);
  if (n < min || n > max) throw new ValidationError(`${label(field)} ${n} is out of range ${min}-${max}`, field);
  return n;
}

/** "native.incremental_backup.start_time.hour" -> "start_time.hour", for messages. */
function label(field: string): string {
  return field.replace(/^native\.(incremental_backup\.)?/, '');
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** `start_time`/`end_time`: {hour, minute} with integers or strings, "" hour = not set; also "HH:MM". */
function parseTimeOfDay(value: unknown, field: string): TimeOfDay | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === 'string') {
    const match = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
    if (!match) throw new ValidationError(`${label(field)} ${JSON.stringify(value)} cannot be read`, field);
    return { hour: integerIn(match[1], 0, 23, `${field}.hour`), minute: integerIn(match[2], 0, 59, `${field}.minute`) };
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(`${label(field)} must be an object {hour, minute}`, field);
  const { hour, minute } = value as { hour?: unknown; minute?: unknown };
  if (isBlank(hour)) return undefined;
  return { hour: integerIn(hour, 0, 23, `${field}.hour`), minute: isBlank(minute) ? 0 : integerIn(minute, 0, 59, `${field}.minute`) };
}

/** A `repeat` part: "" / null = unused, "*\/N" (or a bare N) = step N, "*" = step 1. */
function parseStep(value: unknown, max: number, field: string): number | undefined {
  if (isBlank(value)) return undefined;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (text === '*') return 1;
  const match = text === undefined ? null : /^(?:\*\/)?(\d+)$/.exec(text);
  if (!match) throw new ValidationError(`repeat ${JSON.stringify(value)} cannot be read; expected "*/N"`, field);
  return integerIn(match[1], 1, max, field);
}

function parseTimes(value: unknown, field: string): string[] {
  const tokens = tokensOf(value, field);
  const times = tokens.map((token) => {
    const match = /^(\d{1,2}):(\d{2})$/.exec(token);
    if (!match) throw new ValidationError(`manual time "${token}" cannot be read; expected HH:MM`, field);
    const hour = Number(match[1]);
    const minute = Number(match[2]);
    if (hour > 23 || minute > 59) throw new ValidationError(`manual time "${token}" is not a time of day`, field);
    return `${pad(hour)}:${pad(minute)}`;
  });
  return [...new Set(times)].sort();
}

const DOW_NAMES_MAP: Record<string, number> = Object.fromEntries([
  ...DOW_TOKENS.map((t, i) => [t, i] as const),
  ...DOW_FULL.map((t, i) => [t, i] as const),
]);
const MONTH_NAMES_MAP: Record<string, number> = Object.fromEntries(MONTH_TOKENS.map((t, i) => [t, i + 1] as const));

/**
 * Reads a scheduler (the object holding `incremental_backup`, `manual_incremental_backup` and
 * `user_timezone`, as the API returns or accepts it). `userTimezone` overrides the native zone;
 * without either, `Etc/UTC`. Throws ValidationError naming the field for what it cannot read.
 */
export function parseIncrementalBackup(native: unknown, userTimezone?: string): { rule: CronLikeRule; timezone: string } {
  if (typeof native !== 'object' || native === null || Array.isArray(native)) {
    throw new ValidationError('the scheduler must be an object', 'native');
  }
  const scheduler = native as Record<string, unknown>;
  const timezone = timeZoneOf(userTimezone ?? scheduler.user_timezone);
  const ib = scheduler.incremental_backup;
  if (typeof ib !== 'object' || ib === null || Array.isArray(ib)) {
    throw new ValidationError('incremental_backup must be an object', FIELD);
  }
  const inc = ib as Record<string, unknown>;

  const dowApscheduler = parseField(inc.day_of_week, { field: `${FIELD}.day_of_week`, min: 0, max: 6, names: DOW_NAMES_MAP, expected: 'mon..sun or *' });
  const daysOfWeek = dowApscheduler === '*' ? '*' : sortedUnique(dowApscheduler.map((d) => (d + 1) % 7));
  const daysOfMonth = parseField(inc.day_of_month, { field: `${FIELD}.day_of_month`, min: 1, max: 31, allowLast: true, expected: '1..31, last or *' });
  const months = parseField(inc.month, { field: `${FIELD}.month`, min: 1, max: 12, names: MONTH_NAMES_MAP, expected: '1..12 or *' });
  let hours = parseField(inc.hour, { field: `${FIELD}.hour`, min: 0, max: 23, expected: '0..23 or *' });
  const minuteField = parseField(inc.minute, { field: `${FIELD}.minute`, min: 0, max: 59, expected: '0..59 or *' });
  let minutes = minuteField === '*' ? [0] : minuteField;
  // Both "" (unused, as the UI sends them next to a repeat or manual times): no fixed time at all.
  if (tokensOf(inc.hour, `${FIELD}.hour`).length === 0 && tokensOf(inc.minute, `${FIELD}.minute`).length === 0) {
    hours = [];
    minutes = [];
  }

  const rule: CronLikeRule = { kind: 'cronlike', daysOfWeek: anyIfAll(daysOfWeek, 7), daysOfMonth, months: anyIfAll(months, 12), hours: anyIfAll(hours, 24), minutes };

  const repeat = inc.repeat;
  if (!isBlank(repeat)) {
    if (typeof repeat !== 'object' || Array.isArray(repeat)) throw new ValidationError('repeat must be an object {hour, minute}', `${FIELD}.repeat`);
    const everyHours = parseStep((repeat as Record<string, unknown>).hour, 24, `${FIELD}.repeat.hour`);
    const everyMinutes = parseStep((repeat as Record<string, unknown>).minute, MINUTES_PER_DAY, `${FIELD}.repeat.minute`);
    if (everyHours !== undefined || everyMinutes !== undefined) {
      rule.repeat = {};
      if (everyHours !== undefined) rule.repeat.everyHours = everyHours;
      if (everyMinutes !== undefined) rule.repeat.everyMinutes = everyMinutes;
    }
  }

  const start = parseTimeOfDay(inc.start_time, `${FIELD}.start_time`);
  const end = parseTimeOfDay(inc.end_time, `${FIELD}.end_time`);
  if (start && end) rule.window = { start, end };

  const manualTimes = parseTimes(scheduler.manual_incremental_backup, 'native.manual_incremental_backup');
  if (manualTimes.length > 0) rule.manualTimes = manualTimes;

  return { rule, timezone };
}

function timeZoneOf(value: unknown): string {
  if (isBlank(value)) return 'Etc/UTC';
  if (typeof value !== 'string' || !isValidTimeZone(value.trim())) {
    throw new ValidationError(`user_timezone ${JSON.stringify(value)} is not an IANA time zone`, 'native.user_timezone');
  }
  return value.trim();
}

function anyIfAll(values: number[] | '*', size: number): number[] | '*' {
  return values !== '*' && values.length >= size ? '*' : values;
}

function sortedUnique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Recurrence

/** Recurrence for a CloudSigma scheduler (see parseIncrementalBackup); `native` is kept untouched. */
export function cloudSigmaRecurrence(native: unknown, userTimezone?: string, anchor?: Date): Recurrence {
  const { rule, timezone } = parseIncrementalBackup(native, userTimezone);
  return cronLikeRecurrence(rule, timezone, native, anchor);
}

// ---------------------------------------------------------------------------------------------
// Portable weekly form -> CloudSigma

/** The scheduler fields a weekly rule becomes; merge them into the scheduler body. */
export interface CloudSigmaRecurrenceFields {
  incremental_backup: {
    day_of_week: string[];
    day_of_month: string;
    month: string;
    hour: string;
    minute: string;
    repeat: { hour: string; minute: string };
    start_time: { hour: number | string; minute: number | string };
    end_time: { hour: number | string; minute: number | string };
  };
  /** "" unless the times are not a hours x minutes grid. */
  manual_incremental_backup: string;
}

/**
 * Weekly (days x times) -> CloudSigma: days become `mon..sun` (`["*"]` for all seven); times that
 * form an hours x minutes grid become `hour`/`minute` lists ("1,13" / "0"); any other set of times
 * becomes `manual_incremental_backup` "HH:MM,HH:MM", which the contract allows together with
 * `day_of_week`. No window is sent (`""`), so no time is clipped. Throws ValidationError on
 * `weekly.daysOfWeek` (none: CloudSigma would read an empty list as every day) or `weekly.times`
 * (none, or not HH:MM).
 */
export function weeklyToIncrementalBackup(weekly: Pick<WeeklyRule, 'daysOfWeek' | 'times'>): CloudSigmaRecurrenceFields {
  const days = sortedUnique(weekly.daysOfWeek ?? []);
  if (days.length === 0) {
    throw new ValidationError('at least one day of the week is required; CloudSigma reads an empty day_of_week as every day', 'weekly.daysOfWeek');
  }
  for (const d of days) {
    if (!Number.isInteger(d) || d < 0 || d > 6) throw new ValidationError(`day of week ${d} is not 0 (Sunday) to 6`, 'weekly.daysOfWeek');
  }
  if (!weekly.times || weekly.times.length === 0) throw new ValidationError('at least one time of day is required', 'weekly.times');
  const times = sortedUnique(
    weekly.times.map((time) => {
      const match = /^(\d{1,2}):(\d{2})$/.exec(String(time).trim());
      if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
        throw new ValidationError(`time "${time}" is not a 24-hour HH:MM time; CloudSigma runs at whole minutes`, 'weekly.times');
      }
      return Number(match[1]) * 60 + Number(match[2]);
    }),
  );
  const hours = sortedUnique(times.map((t) => Math.floor(t / 60)));
  const minutes = sortedUnique(times.map((t) => t % 60));
  const grid = hours.length * minutes.length === times.length;
  return {
    incremental_backup: {
      day_of_week: days.length === 7 ? ['*'] : days.map((d) => SUNDAY_FIRST_TOKENS[d]).sort((a, b) => DOW_TOKENS.indexOf(a) - DOW_TOKENS.indexOf(b)),
      day_of_month: '*',
      month: '*',
      hour: grid ? hours.join(',') : '',
      minute: grid ? minutes.join(',') : '',
      repeat: { hour: '', minute: '' },
      start_time: { hour: '', minute: '' },
      end_time: { hour: '', minute: '' },
    },
    manual_incremental_backup: grid ? '' : times.map(hhmm).join(','),
  };
}

// ---------------------------------------------------------------------------------------------

function hhmm(minuteOfDay: number): string {
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

