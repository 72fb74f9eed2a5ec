/**
 * Time-zone arithmetic on top of `Intl` (no libraries): wall-clock parts of an instant in a zone,
 * and the instant of a wall-clock time in a zone. Offsets are cached per zone and 15-minute block.
 */

export interface LocalParts {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

const DAY_MS = 86_400_000;
const BLOCK_MS = 15 * 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

function rawOffset(epochMs: number, tz: string): number {
  const parts = formatter(tz).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** Local time minus UTC, in ms, at the given instant. */
export function offsetMs(epochMs: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC' || tz === 'Etc/GMT') return 0;
  const key = `${tz}|${Math.floor(epochMs / BLOCK_MS)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    // Zone transitions happen on quarter-hour boundaries, so one lookup per block is exact.
    off = rawOffset(Math.floor(epochMs / BLOCK_MS) * BLOCK_MS, tz);
    if (offsetCache.size > 200_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

export function localParts(epochMs: number, tz: string): LocalParts {
  const d = new Date(epochMs + offsetMs(epochMs, tz));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    weekday: d.getUTCDay(),
  };
}

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
