/**
 * The wall-clock reading of an instant in an IANA zone, via Intl (no libraries), for every
 * simulator. `formatToParts` is slow (a dashboard's listings read thousands of dates), so the
 * zone's offset is looked up once per zone and 15-minute block: zone transitions happen on
 * quarter-hour boundaries, so that is exact. Each simulator keeps its own rule for turning a
 * wall time back into an instant (their DST policies differ, as their vendors' do).
 */

export interface WallClockParts {
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

const BLOCK_MS = 15 * 60_000;
/** Offsets kept before the cache starts over (a long-running simulator reads ever new instants). */
const OFFSETS_KEPT = 200_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when Intl does not know it. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new RangeError(`unknown time zone '${timeZone}'`);
  }
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function offsetFromIntl(epochMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return asUtc - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** Local time minus UTC, in ms, at the instant. */
export function offsetMs(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC' || timeZone === 'Etc/GMT') return 0;
  const block = Math.floor(epochMs / BLOCK_MS);
  const key = `${timeZone}|${block}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetFromIntl(block * BLOCK_MS, timeZone);
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** What the zone's clocks show at the instant. */
export function wallClockParts(epochMs: number, timeZone: string): WallClockParts {
  const d = new Date(epochMs + offsetMs(epochMs, timeZone));
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
