/**
 * Wall-clock arithmetic in an IANA zone via Intl (no libraries): the schedule engine, dates in
 * responses and "created today" counters all read provider-local time from here.
 *
 * DST policy for turning a local wall time into an instant (the same as Temporal's
 * `disambiguation: 'compatible'`, i.e. SHIFT + FIRST):
 *   - a wall time inside the spring-forward gap (e.g. 03:30 in Europe/Kyiv on the last Sunday of
 *     March) is shifted forward by the gap length (it fires at 04:30 local);
 *   - a wall time that occurs twice in the autumn overlap fires once, at the first occurrence.
 */

import { offsetMs, wallClockParts, type WallClockParts } from '../kit/wall-clock.js';

export { assertTimeZone } from '../kit/wall-clock.js';

export type ZonedParts = WallClockParts;
export const zonedParts = wallClockParts;
/** The zone's UTC offset in ms at an instant (local = utc + offset). */
export const offsetAt = offsetMs;

const DAY_MS = 86_400_000;

/** The instant of a provider-local wall time, with the DST policy described above. */
export function zonedToEpoch(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => {
      const p = zonedParts(t, timeZone);
      return p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute;
    });
  if (matches.length > 0) return Math.min(...matches);
  return wall - before; // in the gap: shift forward by the gap length
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` in the zone. */
export function formatDate(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DD HH:MM:SS` in the zone. */
export function formatDateTime(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `HH:MM` in the zone. */
export function formatTime(epochMs: number, timeZone: string): string {
  const p = zonedParts(epochMs, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * Every civil date (as a UTC midnight epoch, for getUTC* reads) from one day before `fromMs`'s
 * local date to one day after `toMs`'s, so callers see each local day the span touches.
 */
export function civilDatesAround(fromMs: number, toMs: number, timeZone: string): Date[] {
  const a = zonedParts(fromMs, timeZone);
  const b = zonedParts(toMs, timeZone);
  const first = Date.UTC(a.year, a.month - 1, a.day) - DAY_MS;
  const last = Date.UTC(b.year, b.month - 1, b.day) + DAY_MS;
  const dates: Date[] = [];
  for (let d = first; d <= last; d += DAY_MS) dates.push(new Date(d));
  return dates;
}
