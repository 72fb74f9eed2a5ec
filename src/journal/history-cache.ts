/**
 * Settled days of backupHistory, kept in memory: per time zone, resource and local day, what
 * the resource counted (domain/history.ts `countDays`). A month of 1,000 resources is about
 * 90,000 journal rows; once a day is settled (its end a grace past) its counts change only
 * when the journal does, so a matrix reads the journal for the days that are not (today) and
 * for those a write changed since.
 *
 * Only for a store that reports its changes (`onHistoryChange`: SQLite its own, PostgreSQL
 * every instance's): every change drops the days it can touch, `marginMs` either side (the
 * grace that links a due run to a backup, the slack that links a restore point to its run).
 */
import type { DayCounts, LocalDay } from '../domain/history.js';
import { refKey } from '../domain/history.js';
import { EVERYTHING, type HistoryChange } from './history-changes.js';

/** Zones kept at once (most used last); each is a few MB for a thousand resources over 90 days. */
const MAX_ZONES = 8;
/** Days further back than this are dropped (the matrix shows at most 90, plus the day before). */
const KEEP_DAYS = 92;
const DAY_MS = 86_400_000;

interface Zone {
  /** The local days of this zone that hold counts, by date. */
  days: Map<string, LocalDay>;
  /** Resource key -> date -> counts. */
  counts: Map<string, Map<string, DayCounts>>;
}

export class HistoryCache {
  private readonly zones = new Map<string, Zone>();
  private changes = 0;
  private lastTrimAt = 0;

  constructor(private readonly marginMs: number) {}

  /** Counts once per change, so a reader can tell whether the journal changed while it read. */
  get generation(): number {
    return this.changes;
  }

  /** The days kept of one resource (`key`: its refKey), by date. */
  daysOf(timezone: string, key: string): ReadonlyMap<string, DayCounts> | undefined {
    return this.zones.get(timezone)?.counts.get(key);
  }

  put(timezone: string, key: string, day: LocalDay, counts: DayCounts): void {
    const zone = this.zones.get(timezone) ?? this.use(timezone);
    if (!zone.days.has(day.date)) zone.days.set(day.date, day);
    let byDate = zone.counts.get(key);
    if (!byDate) zone.counts.set(key, (byDate = new Map()));
    byDate.set(day.date, counts);
  }

  invalidate(changes: readonly HistoryChange[] | typeof EVERYTHING): void {
    this.changes++;
    if (changes === EVERYTHING) {
      this.zones.clear();
      return;
    }
    for (const zone of this.zones.values()) {
      for (const change of changes) {
        const byDate = zone.counts.get(refKey(change.resource));
        if (!byDate) continue;
        const from = change.from - this.marginMs;
        const to = change.to + this.marginMs;
        for (const date of byDate.keys()) {
          const day = zone.days.get(date)!;
          if (day.start.getTime() <= to && day.end.getTime() > from) byDate.delete(date);
        }
      }
    }
  }

  /** Before a query in `timezone`: it becomes the most recently used zone; days too old to be shown again go (at most hourly). */
  prepare(timezone: string, now: Date): void {
    if (this.zones.has(timezone)) this.use(timezone);
    if (now.getTime() - this.lastTrimAt < 3_600_000) return;
    this.lastTrimAt = now.getTime();
    const oldest = now.getTime() - KEEP_DAYS * DAY_MS;
    for (const zone of this.zones.values()) {
      for (const [date, day] of zone.days) {
        if (day.end.getTime() >= oldest) continue;
        zone.days.delete(date);
        for (const byDate of zone.counts.values()) byDate.delete(date);
      }
    }
  }

  /** The zone's entry, made the most recently used (created if new, evicting the least used past MAX_ZONES). */
  private use(timezone: string): Zone {
    let zone = this.zones.get(timezone);
    if (zone) {
      // Most recently used last.
      this.zones.delete(timezone);
    } else {
      zone = { days: new Map(), counts: new Map() };
      if (this.zones.size >= MAX_ZONES) this.zones.delete(this.zones.keys().next().value as string);
    }
    this.zones.set(timezone, zone);
    return zone;
  }
}
