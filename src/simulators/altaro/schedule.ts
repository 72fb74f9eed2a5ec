/**
 * Schedule time math: each schedule runs on some days of the week at one time of day, as wall
 * clock time in the simulator's time zone.
 */
import { addDays, wallClock, weekdayOf, zonedToEpoch } from './format.js';

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

export interface ScheduleTiming {
  /** 0 = Sunday … 6 = Saturday. */
  daysOfWeek: number[];
  hour: number;
  minute: number;
}

/** All run instants with `from < t <= to`, oldest first. */
export function runsBetween(timing: ScheduleTiming, from: number, to: number, timeZone: string): number[] {
  if (to <= from || timing.daysOfWeek.length === 0) return [];
  const start = wallClock(from, timeZone);
  const runs: number[] = [];
  // One day of slack on each side covers zone offsets; the filter keeps the window exact.
  const days = Math.ceil((to - from) / 86_400_000) + 2;
  for (let i = -1; i <= days; i += 1) {
    const date = addDays(start.year, start.month, start.day, i);
    if (!timing.daysOfWeek.includes(weekdayOf(date.year, date.month, date.day))) continue;
    const t = zonedToEpoch({ ...date, hour: timing.hour, minute: timing.minute, second: 0 }, timeZone);
    if (t > from && t <= to) runs.push(t);
  }
  return runs.sort((a, b) => a - b);
}

/** The first run strictly after `after`, or null when the schedule has no days. */
export function nextRun(timing: ScheduleTiming, after: number, timeZone: string): number | null {
  const runs = runsBetween(timing, after, after + 8 * 86_400_000, timeZone);
  return runs[0] ?? null;
}

export function formatTimeOfDay(timing: ScheduleTiming): string {
  return `${String(timing.hour).padStart(2, '0')}:${String(timing.minute).padStart(2, '0')}`;
}
