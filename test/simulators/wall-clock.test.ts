import { describe, expect, it } from 'vitest';
import { assertTimeZone, wallClockParts } from '../../src/simulators/kit/wall-clock.js';

/** The reading straight from Intl, for every instant (what the cached offsets must agree with). */
const formats = new Map<string, Intl.DateTimeFormat>();
function fromIntl(epochMs: number, timeZone: string) {
  if (!formats.has(timeZone)) formats.set(timeZone, new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', weekday: 'short' }));
  const parts = formats.get(timeZone)!.formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')),
  };
}

describe('sim kit: wall-clock readings (offsets cached per zone and 15 minutes)', () => {
  // Spring-forward and fall-back days, a +05:45 zone, and Lord Howe's half-hour DST shift.
  const spans: Array<[string, string]> = [
    ['Europe/Zurich', '2026-03-29T00:00:00Z'],
    ['Europe/Zurich', '2026-10-25T00:00:00Z'],
    ['America/New_York', '2026-11-01T05:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T17:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'],
    ['UTC', '2026-12-31T23:00:00Z'],
  ];

  for (const [zone, start] of spans) {
    it(`reads ${zone} as Intl does around ${start}, second by second across transitions`, () => {
      const from = Date.parse(start);
      // Every 7 minutes 13.5 seconds over 4 hours (odd steps land on every part of a block), and each second of the hour around the start.
      const instants = [...Array.from({ length: 34 }, (_, i) => from + i * 433_500), ...Array.from({ length: 3600 }, (_, i) => from + 3_600_000 + i * 1000 - 1800_000)];
      for (const at of instants) expect(wallClockParts(at, zone), new Date(at).toISOString()).toEqual(fromIntl(at, zone));
    });
  }

  it('names an unknown zone', () => {
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(/unknown time zone 'Mars\/Olympus_Mons'/);
  });
});
