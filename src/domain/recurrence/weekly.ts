/** Weekly recurrences (days of week x times of day in a zone): RRULE text, description, next runs. */
import type { Recurrence, WeeklyRule } from '../model.js';
import { wallTimeOf } from '../time.js';
import { runInstant } from './dst.js';

const RRULE_DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function hm(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  return { hour, minute };
}

/** "Mon–Fri", "Sat, Sun", "every day". */
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

export function weeklyRecurrence(rule: WeeklyRule, timeZone: string, native: unknown, anchor: Date = new Date(Date.UTC(2026, 0, 1))): Recurrence {
  const times = [...new Set(rule.times)].sort();
  const days = [...new Set(rule.daysOfWeek)].sort((a, b) => a - b);
  const hours = [...new Set(times.map((t) => hm(t).hour))];
  const minutes = [...new Set(times.map((t) => hm(t).minute))];
  // One RRULE per time when hours x minutes would produce runs that were not asked for.
  const crossProductExact = hours.length * minutes.length === times.length;
  const start = wallTimeOf(anchor, timeZone);
  const dtstart = `DTSTART;TZID=${timeZone}:${start.year}${pad(start.month)}${pad(start.day)}T000000`;
  const byDay = `BYDAY=${days.map((d) => RRULE_DAYS[d]).join(',')}`;
  const rrules = crossProductExact
    ? [`RRULE:FREQ=WEEKLY;${byDay};BYHOUR=${hours.join(',')};BYMINUTE=${minutes.join(',')};BYSECOND=0`]
    : times.map((t) => `RRULE:FREQ=WEEKLY;${byDay};BYHOUR=${hm(t).hour};BYMINUTE=${hm(t).minute};BYSECOND=0`);
  return {
    rrule: [dtstart, ...rrules].join('\n'),
    timezone: timeZone,
    description: `${describeDays(days)} at ${times.join(', ')} (${timeZone})`,
    native,
    rule: { kind: 'weekly', daysOfWeek: days, times },
  };
}

/** The next `count` runs strictly after `after`, by the DST policy of dst.ts. */
export function nextWeeklyRuns(rule: WeeklyRule, timeZone: string, after: Date, count: number): Date[] {
  const runs: Date[] = [];
  if (rule.daysOfWeek.length === 0 || rule.times.length === 0) return runs;
  const times = [...new Set(rule.times)].sort().map(hm);
  const start = wallTimeOf(after, timeZone);
  // Walk calendar days in the zone from the day of `after`; 8 days always cover one week.
  for (let offset = 0; runs.length < count && offset < 7 * (count + 2); offset++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    if (!rule.daysOfWeek.includes(day.getUTCDay())) continue;
    for (const { hour, minute } of times) {
      const at = runInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute, second: 0 }, timeZone);
      if (at.getTime() > after.getTime() && !runs.some((r) => r.getTime() === at.getTime())) runs.push(at);
    }
  }
  return runs.sort((a, b) => a.getTime() - b.getTime()).slice(0, count);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
