/**
 * The kept days' own bookkeeping (src/journal/history-cache.ts): a change drops only the days
 * of that resource it can touch, old days go, and at most eight zones are kept (least used
 * first out). That the kept answers stay right is test/journal/history-cache.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { localDays, NOTHING, refKey } from '../../src/domain/history.js';
import type { ResourceRef } from '../../src/domain/model.js';
import { HistoryCache } from '../../src/journal/history-cache.js';

const vm: ResourceRef = { providerId: 'hq', type: 'VirtualMachine', nativeId: 'vm-1' };
const other: ResourceRef = { providerId: 'hq', type: 'VirtualMachine', nativeId: 'vm-2' };
const now = new Date('2026-11-30T12:00:00Z');
const days = localDays(now, 5, 'UTC'); // 26..30 November
const counted = { succeeded: 1, failed: 0, missed: 0, active: 0 };
const MARGIN = 65 * 60_000;

function filled(zones = ['UTC']) {
  const cache = new HistoryCache(MARGIN);
  for (const zone of zones) for (const day of days) for (const ref of [vm, other]) cache.put(zone, refKey(ref), day, counted);
  return cache;
}
const kept = (cache: HistoryCache, ref: ResourceRef, zone = 'UTC') => [...(cache.daysOf(zone, refKey(ref))?.keys() ?? [])];

describe('HistoryCache', () => {
  it('drops the days of that resource a change can touch (its margin either side), no others', () => {
    const cache = filled();
    const generation = cache.generation;
    // 28 November 00:30 UTC: within the margin of the 27th's end, so the 27th and the 28th go.
    const at = Date.parse('2026-11-28T00:30:00Z');
    cache.invalidate([{ resource: vm, from: at, to: at }]);
    expect(kept(cache, vm)).toEqual(['2026-11-26', '2026-11-29', '2026-11-30']);
    expect(kept(cache, other)).toHaveLength(5);
    expect(cache.generation).toBe(generation + 1);
  });

  it('drops everything on "everything" (retention)', () => {
    const cache = filled(['UTC', 'Europe/Zurich']);
    cache.invalidate('everything');
    expect(kept(cache, vm)).toEqual([]);
    expect(kept(cache, vm, 'Europe/Zurich')).toEqual([]);
  });

  it('lets days go once they are too old to be shown', () => {
    const cache = filled();
    cache.put('UTC', refKey(vm), localDays(new Date('2026-08-01T12:00:00Z'), 1, 'UTC')[0], NOTHING);
    expect(kept(cache, vm)).toContain('2026-08-01');
    cache.prepare('UTC', now);
    expect(kept(cache, vm)).not.toContain('2026-08-01');
    expect(kept(cache, vm)).toHaveLength(5);
  });

  it('keeps at most eight zones, the least recently used going first', () => {
    const zones = ['UTC', 'Europe/Zurich', 'Europe/London', 'America/New_York', 'Asia/Tokyo', 'Asia/Kathmandu', 'Australia/Sydney', 'America/Sao_Paulo'];
    const cache = filled(zones);
    cache.prepare('UTC', now); // UTC used again: Europe/Zurich is now the least recent
    cache.put('Pacific/Auckland', refKey(vm), days[0], counted);
    expect(kept(cache, vm, 'Europe/Zurich')).toEqual([]);
    expect(kept(cache, vm, 'UTC')).toHaveLength(5);
    expect(kept(cache, vm, 'Europe/London')).toHaveLength(5);
    expect(kept(cache, vm, 'Pacific/Auckland')).toEqual(['2026-11-26']);
  });
});
