/**
 * Weekly recurrences (days of week x times of day in a zone). A WeeklyRule is evaluated as the
 * CronLikeRule it is (weeklyAsCronLike): its days of week, any day of month and month, and its
 * times as hours x minutes when they form that grid, else as manual times. Next runs and RRULE
 * text therefore come from cronlike.ts (same DST policy, DTSTART is a real first run); only the
 * description is weekly's own.
 */
import type { CronLikeRule, Recurrence, WeeklyRule } from '../model.js';
import { cronLikeRRule, describeDays, nextCronLikeRuns } from './cronlike.js';

export { describeDays };

function hm(time: string): { hour: number; minute: number } {
  const [hour, minute] = time.split(':').map(Number);
  return { hour, minute };
}

const asCronLike = new WeakMap<WeeklyRule, CronLikeRule>();

/**
 * The CronLikeRule that runs exactly when `rule` does (cached per rule object; rules are not
 * mutated). Days outside 0..6 and times that are not a time of day never run and are dropped.
 */
export function weeklyAsCronLike(rule: WeeklyRule): CronLikeRule {
  let cronLike = asCronLike.get(rule);
  if (cronLike) return cronLike;
  const days = [...new Set(rule.daysOfWeek)].filter((d) => Number.isInteger(d) && d >= 0 && d <= 6).sort((a, b) => a - b);
  const minutesOfDay = [
    ...new Set(
      rule.times
        .map(hm)
        .filter(({ hour, minute }) => Number.isInteger(hour) && Number.isInteger(minute) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)
        .map(({ hour, minute }) => hour * 60 + minute),
    ),
  ].sort((a, b) => a - b);
  const hours = [...new Set(minutesOfDay.map((t) => Math.floor(t / 60)))];
  const minutes = [...new Set(minutesOfDay.map((t) => t % 60))].sort((a, b) => a - b);
  const grid = minutesOfDay.length > 0 && hours.length * minutes.length === minutesOfDay.length;
  cronLike = { kind: 'cronlike', daysOfWeek: days, daysOfMonth: '*', months: '*', hours: grid ? hours : [], minutes: grid ? minutes : [] };
  if (!grid && minutesOfDay.length > 0) cronLike.manualTimes = minutesOfDay.map((t) => `${pad(Math.floor(t / 60))}:${pad(t % 60)}`);
  asCronLike.set(rule, cronLike);
  return cronLike;
}

/**
 * Description and RRULE text per distinct rule, zone and anchor: a provider with one schedule
 * per instance (BILLmanager) repeats a handful of rules hundreds of times per listing.
 */
const texts = new Map<string, { description: string; rrule?: string }>();
const TEXTS_KEPT = 1_000;

export function weeklyRecurrence(rule: WeeklyRule, timeZone: string, native: unknown, anchor: Date = new Date(Date.UTC(2026, 0, 1))): Recurrence {
  const times = [...new Set(rule.times)].sort();
  const days = [...new Set(rule.daysOfWeek)].sort((a, b) => a - b);
  const weekly: WeeklyRule = { kind: 'weekly', daysOfWeek: days, times };
  const key = `${days.join(',')}|${times.join(',')}|${timeZone}|${anchor.getTime()}`;
  let text = texts.get(key);
  if (!text) {
    text = { description: `${describeDays(days)} at ${times.join(', ')} (${timeZone})`, rrule: cronLikeRRule(weeklyAsCronLike(weekly), timeZone, anchor) };
    if (texts.size >= TEXTS_KEPT) texts.clear();
    texts.set(key, text);
  }
  const recurrence: Recurrence = { timezone: timeZone, description: text.description, native, rule: weekly };
  if (text.rrule !== undefined) recurrence.rrule = text.rrule;
  return recurrence;
}

/** The next `count` runs strictly after `after`, by the DST policy of dst.ts. */
export function nextWeeklyRuns(rule: WeeklyRule, timeZone: string, after: Date, count: number): Date[] {
  return nextCronLikeRuns(weeklyAsCronLike(rule), timeZone, after, count);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
