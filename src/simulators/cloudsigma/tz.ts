/**
 * CloudSigma's time-zone arithmetic: wall-clock parts of an instant in a zone (kit/wall-clock.ts)
 * and the instant of a wall-clock time in a zone, with CloudSigma's DST rule.
 */
import { offsetMs, wallClockParts, type WallClockParts } from '../kit/wall-clock.js';

export { isValidTimeZone, offsetMs } from '../kit/wall-clock.js';

export type LocalParts = WallClockParts;
export const localParts = wallClockParts;

const DAY_MS = 86_400_000;

/**
 * The instant of a local wall-clock time. A time inside a spring-forward gap maps to the instant
 * the same distance after the gap starts; an ambiguous (fall-back) time maps to its first occurrence.
 */
export function localToUtc(year: number, month: number, day: number, minuteOfDay: number, tz: string): number {
  const local = Date.UTC(year, month - 1, day) + minuteOfDay * 60_000;
  const first = local - offsetMs(local - offsetMs(local, tz), tz);
  // Prefer the earlier reading when two instants show this wall-clock time.
  const earlier = local - offsetMs(first - 3_600_000, tz);
  if (earlier < first && earlier + offsetMs(earlier, tz) === local) return earlier;
  return first;
}

/** Days since the epoch of a civil date (used to step through local calendar days). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function civilFromDayNumber(n: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}
