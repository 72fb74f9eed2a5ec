/**
 * Wall-clock time in an IANA zone <-> instants, with Intl only (no dependency). Providers write
 * local times (Altaro's "YYYY-MM-DD-HH-mm-ss", BILLmanager's "HH:MM" in the panel's zone).
 */

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall time an instant shows in a zone. */
export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  const shifted = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMs(instant, timeZone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/**
 * Offsets per zone and quarter hour. Since 1972 zones change offset only at quarter-hour instants (UTC),
 * so one Intl call answers for the whole quarter; Intl is the slow part of every schedule
 * evaluation, and a dashboard evaluates thousands.
 */
const QUARTER_HOUR_MS = 900_000;
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 100_000;

/** Offset of the zone from UTC at an instant, in ms (e.g. +2h for Europe/Kyiv in winter). */
export function offsetMs(instant: Date, timeZone: string): number {
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
  const key = `${timeZone}|${quarter}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const at = new Date(quarter * QUARTER_HOUR_MS);
    const parts: Record<string, number> = {};
    for (const part of formatterFor(timeZone).formatToParts(at)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - at.getTime();
    if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/**
 * The instant(s) a wall time denotes in a zone: one normally, two in the repeated autumn hour
 * (earlier first), none in the spring-forward gap.
 */
export function instantsOf(wall: WallTime, timeZone: string): Date[] {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const candidates = new Set<number>();
  // The offset is one of those in force a day either side; try each.
  for (const probe of [asUtc - 86_400_000, asUtc, asUtc + 86_400_000]) {
    candidates.add(asUtc - offsetMs(new Date(probe), timeZone));
  }
  const matches = [...candidates].filter((t) => sameWall(wallTimeOf(new Date(t), timeZone), wall));
  return matches.sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * One instant for a wall time, for reading timestamps: the earlier one when repeated, and for
 * a wall time in a gap the instant after the gap (as clocks read it once they jump).
 */
export function instantOf(wall: WallTime, timeZone: string): Date {
  const found = instantsOf(wall, timeZone);
  if (found.length > 0) return found[0];
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return new Date(asUtc - offsetMs(new Date(asUtc - 86_400_000), timeZone));
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second;
}
