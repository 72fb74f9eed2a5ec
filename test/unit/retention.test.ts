/**
 * Retention simulation (src/domain/retention.ts) against the worked cases of
 * /work/shared/reference/backup-semantics.md §3 and the CloudSigma GFS example
 * (/work/shared/providers/cloudsigma.md §2.4).
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import type { RetentionRule } from '../../src/domain/model.js';
import { checkRulesFor, isoWeekOf, semanticsOf, simulateRetention, type RetentionSemantics } from '../../src/domain/retention.js';

const DAY_MS = 86_400_000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

/** One backup a day at `time` (UTC) from `first` to `last` (YYYY-MM-DD), oldest first. */
function daily(first: string, last: string, time = '01:00'): Date[] {
  const out: Date[] = [];
  for (let t = Date.parse(`${first}T${time}:00Z`); t <= Date.parse(`${last}T${time}:00Z`); t += DAY_MS) out.push(new Date(t));
  return out;
}

function run(semantics: RetentionSemantics, rules: RetentionRule[], backups: Date[], now: string, zone = 'UTC') {
  return simulateRetention({ rules, semantics }, backups, at(now), zone);
}
const keptIsos = (decisions: ReturnType<typeof run>) => decisions.filter((d) => d.kept).map((d) => iso(d.at));

describe('IN_ORDER (Proxmox Backup Server prune), backup-semantics §3.1–3.2', () => {
  const last = (count: number): RetentionRule => ({ unit: 'LAST', count });
  const days = (count: number): RetentionRule => ({ unit: 'DAYS', count });
  const weeks = (count: number): RetentionRule => ({ unit: 'WEEKS', count });
  const months = (count: number): RetentionRule => ({ unit: 'MONTHS', count });

  // Each case: [name, rules, backups (any order), zone, kept (newest first), rule that keeps each kept one].
  const cases: Array<[string, RetentionRule[], string[], string, string[], string[]]> = [
    [
      // §3.2 "Test vector (shows difference 1)": daily 01:00 backups on D..D-3 plus a manual one on
      // D at 15:00; keep-last=2, keep-daily=2. PBS/borg keep 4: last takes D 15:00 and D 01:00; day
      // D is then already covered, so daily skips it without counting and takes D-1 and D-2.
      // (restic would keep 3, but that single-pass reading is not IN_ORDER.)
      '§3.2 test vector: keep-last 2 + keep-daily 2 keeps 4',
      [last(2), days(2)],
      ['2025-05-10T01:00:00Z', '2025-05-09T01:00:00Z', '2025-05-08T01:00:00Z', '2025-05-07T01:00:00Z', '2025-05-10T15:00:00Z'],
      'UTC',
      ['2025-05-10T15:00:00.000Z', '2025-05-10T01:00:00.000Z', '2025-05-09T01:00:00.000Z', '2025-05-08T01:00:00.000Z'],
      ['LAST', 'LAST', 'DAYS', 'DAYS'],
    ],
    [
      // Same vector with the rules listed daily-first: IN_ORDER always runs LAST before DAYS (the
      // PBS order), so the outcome does not depend on how the policy lists them.
      '§3.2 test vector, rules listed in another order',
      [days(2), last(2)],
      ['2025-05-07T01:00:00Z', '2025-05-08T01:00:00Z', '2025-05-09T01:00:00Z', '2025-05-10T01:00:00Z', '2025-05-10T15:00:00Z'],
      'UTC',
      ['2025-05-10T15:00:00.000Z', '2025-05-10T01:00:00.000Z', '2025-05-09T01:00:00.000Z', '2025-05-08T01:00:00.000Z'],
      ['LAST', 'LAST', 'DAYS', 'DAYS'],
    ],
    [
      // §3.1 "Periods that hold no snapshot do not count, so gaps push the retained history further
      // back": backups on D, D-2, D-5, D-6; keep-daily 3 keeps D, D-2 and D-5 (a week back).
      '§3.1 gaps do not count: keep-daily 3 over D, D-2, D-5, D-6',
      [days(3)],
      ['2025-05-10T02:00:00Z', '2025-05-08T02:00:00Z', '2025-05-05T02:00:00Z', '2025-05-04T02:00:00Z'],
      'UTC',
      ['2025-05-10T02:00:00.000Z', '2025-05-08T02:00:00.000Z', '2025-05-05T02:00:00.000Z'],
      ['DAYS', 'DAYS', 'DAYS'],
    ],
    [
      // §3.1 "a rule keeps the first snapshot it meets in each period, which is that period's newest":
      // three backups on one day and one the day before, keep-daily 2: 18:00 of D and 18:00 of D-1.
      '§3.1 newest of each period: keep-daily 2 over several per day',
      [days(2)],
      ['2025-05-10T06:00:00Z', '2025-05-10T12:00:00Z', '2025-05-10T18:00:00Z', '2025-05-09T18:00:00Z'],
      'UTC',
      ['2025-05-10T18:00:00.000Z', '2025-05-09T18:00:00.000Z'],
      ['DAYS', 'DAYS'],
    ],
    [
      // §3.1 weekly key is %G-%V: Mon 30 Dec 2024 and Fri 3 Jan 2025 are both ISO week 2025-W01,
      // Sat 28 Dec 2024 is 2024-W52. keep-weekly 2 keeps 3 Jan (newest of 2025-W01) and 28 Dec;
      // 30 Dec goes, although by calendar year (%Y-%W) it would head a week of its own.
      '§3.1 ISO week-year: 29–31 December in week 1 of the next year',
      [weeks(2)],
      ['2024-12-28T10:00:00Z', '2024-12-30T10:00:00Z', '2025-01-03T10:00:00Z'],
      'UTC',
      ['2025-01-03T10:00:00.000Z', '2024-12-28T10:00:00.000Z'],
      ['WEEKS', 'WEEKS'],
    ],
    [
      // §3.1 "The keys are computed in local time": in Europe/Kyiv (UTC+2 in March) 22:30Z on
      // 1 March is 00:30 on 2 March. Days: {2 Mar: 22:30Z}, {1 Mar: 21:30Z, 10:00Z}; keep-daily 2
      // keeps 22:30Z and 21:30Z. (In UTC all three share 1 March: see the next case.)
      '§3.1 local-time keys: Europe/Kyiv',
      [days(2)],
      ['2025-03-01T10:00:00Z', '2025-03-01T21:30:00Z', '2025-03-01T22:30:00Z'],
      'Europe/Kyiv',
      ['2025-03-01T22:30:00.000Z', '2025-03-01T21:30:00.000Z'],
      ['DAYS', 'DAYS'],
    ],
    [
      '§3.1 local-time keys: the same backups in UTC are one day',
      [days(2)],
      ['2025-03-01T10:00:00Z', '2025-03-01T21:30:00Z', '2025-03-01T22:30:00Z'],
      'UTC',
      ['2025-03-01T22:30:00.000Z'],
      ['DAYS'],
    ],
    [
      // §3.2 difference 1, PBS vs borg between weekly and monthly (ISO weeks straddle months).
      // Backups Mon 3 Mar (W10), Mon 31 Mar (W14), Wed 2 Apr (W14); keep-weekly 1, keep-monthly 1.
      // weekly keeps 2 Apr and marks 31 Mar (older, same week) removed; 3 Mar is a 2nd week: stop.
      // monthly: 2025-04 holds a kept backup, skipped; 2025-03 holds none, and 31 Mar is already
      // removed, so PBS keeps 3 Mar. borg would skip 2025-04 (its newest was kept) and keep 31 Mar,
      // the newest of March. We follow PBS.
      '§3.2 PBS skips a period holding any kept backup (borg differs)',
      [weeks(1), months(1)],
      ['2025-03-03T10:00:00Z', '2025-03-31T10:00:00Z', '2025-04-02T10:00:00Z'],
      'UTC',
      ['2025-04-02T10:00:00.000Z', '2025-03-03T10:00:00.000Z'],
      ['WEEKS', 'MONTHS'],
    ],
    [
      // §3.2 difference 2, oldest-snapshot fallback: keep-daily 3 over two days of two backups each
      // keeps the newest of each day. A count is left over, but PBS (unlike restic and newer borg)
      // does not then keep the oldest backup (9 May 02:00).
      '§3.2 no oldest-snapshot fallback',
      [days(3)],
      ['2025-05-10T14:00:00Z', '2025-05-10T02:00:00Z', '2025-05-09T14:00:00Z', '2025-05-09T02:00:00Z'],
      'UTC',
      ['2025-05-10T14:00:00.000Z', '2025-05-09T14:00:00.000Z'],
      ['DAYS', 'DAYS'],
    ],
  ];

  it.each(cases)('%s', (_name, rules, backups, zone, kept, keptBy) => {
    const decisions = run('IN_ORDER', rules, backups.map(at), '2030-01-01T00:00:00Z', zone);
    expect(decisions.map((d) => iso(d.at))).toEqual([...backups].sort().reverse().map((b) => iso(at(b)))); // newest first
    expect(keptIsos(decisions)).toEqual(kept);
    expect(decisions.filter((d) => d.kept).map((d) => d.keptBy.map((r) => r.unit).join('+'))).toEqual(keptBy);
    expect(decisions.filter((d) => !d.kept).every((d) => d.keptBy.length === 0)).toBe(true);
  });

  it('§3.3: "keep-daily 7" (IN_ORDER) and "days x 7" (ANY_RULE_KEEPS) differ when backups were missed', () => {
    // Daily 02:00 backups 1–14 May except 9–12 May (missed); now 14 May 12:00.
    // keep-daily 7: the 7 newest days that have a backup: 14, 13, 8, 7, 6, 5, 4 May.
    // days x 7: younger than 7 x 24 h (after 7 May 12:00): 14, 13, 8 May.
    const backups = daily('2025-05-01', '2025-05-14', '02:00').filter((d) => d.getUTCDate() < 9 || d.getUTCDate() > 12);
    const days7: RetentionRule[] = [{ unit: 'DAYS', count: 7 }];
    const dayOf = (d: ReturnType<typeof run>) => d.filter((x) => x.kept).map((x) => x.at.getUTCDate());
    expect(dayOf(run('IN_ORDER', days7, backups, '2025-05-14T12:00:00Z'))).toEqual([14, 13, 8, 7, 6, 5, 4]);
    expect(dayOf(run('ANY_RULE_KEEPS', days7, backups, '2025-05-14T12:00:00Z'))).toEqual([14, 13, 8]);
  });

  it('does not depend on now', () => {
    const backups = ['2025-05-10T01:00:00Z', '2025-05-09T01:00:00Z', '2025-05-08T01:00:00Z'].map(at);
    const a = keptIsos(run('IN_ORDER', [days(2)], backups, '2025-05-10T12:00:00Z'));
    const b = keptIsos(run('IN_ORDER', [days(2)], backups, '2040-01-01T00:00:00Z'));
    expect(a).toEqual(b);
    expect(a).toHaveLength(2);
  });

  it('counts same-instant backups separately under LAST and keeps them in input order', () => {
    const same = at('2025-05-10T01:00:00Z');
    const decisions = run('IN_ORDER', [last(1)], [same, new Date(same), at('2025-05-09T01:00:00Z')], '2025-05-11T00:00:00Z');
    expect(decisions.map((d) => d.kept)).toEqual([true, false, false]);
    expect(decisions[0].at).toBe(same); // the first of the two equal instants, as given
  });
});

describe('ANY_RULE_KEEPS: the CloudSigma GFS example (cloudsigma.md §2.4)', () => {
  // [{days, 7}, {weeks, 4, time_option 1}, {months, 12, time_option 23}]: the last 7 days, the
  // Monday snapshots of the last 4 weeks, the snapshots of the 23rd for the last 12 months.
  const days7: RetentionRule = { unit: 'DAYS', count: 7 };
  const mondays4: RetentionRule = { unit: 'WEEKS', count: 4, anchor: 1 };
  const the23rd12: RetentionRule = { unit: 'MONTHS', count: 12, anchor: 23 };
  const gfs = [days7, mondays4, the23rd12];

  it('daily 01:00 backups over 400 days, now Wed 18 Jun 2025 12:00 UTC: 22 kept', () => {
    // 400 backups, 15 May 2024 .. 18 Jun 2025, 01:00Z.
    // days 7:    after 11 Jun 12:00 -> 12..18 Jun (7).
    // weeks 4:   after 21 May 12:00, Mondays -> 26 May, 2 Jun, 9 Jun, 16 Jun (4; 16 Jun also in days).
    // months 12: after 18 Jun 2024 12:00, 23rds -> 23 Jun 2024 .. 23 May 2025 (12; 23 May 2024 too old).
    // Union: 7 + 3 + 12 = 22. 16 Jun is kept by both days and weeks.
    const backups = daily('2024-05-15', '2025-06-18');
    expect(backups).toHaveLength(400);
    const decisions = run('ANY_RULE_KEEPS', gfs, backups, '2025-06-18T12:00:00Z');
    expect(decisions).toHaveLength(400);
    const kept = decisions.filter((d) => d.kept);
    expect(kept.map((d) => iso(d.at).slice(0, 10))).toEqual([
      '2025-06-18', '2025-06-17', '2025-06-16', '2025-06-15', '2025-06-14', '2025-06-13', '2025-06-12', // days 7
      '2025-06-09', '2025-06-02', '2025-05-26', // Mondays
      '2025-05-23', '2025-04-23', '2025-03-23', '2025-02-23', '2025-01-23', '2024-12-23', // 23rds
      '2024-11-23', '2024-10-23', '2024-09-23', '2024-08-23', '2024-07-23', '2024-06-23',
    ]);
    const by = (day: string) => decisions.find((d) => iso(d.at).startsWith(day))!.keptBy;
    expect(by('2025-06-16')).toEqual([days7, mondays4]);
    expect(by('2025-06-12')).toEqual([days7]);
    expect(by('2025-06-09')).toEqual([mondays4]);
    expect(by('2025-05-23')).toEqual([the23rd12]);
    expect(by('2025-06-11')).toEqual([]); // 7 days 11 h old, a Wednesday
    expect(by('2025-05-19')).toEqual([]); // a Monday, but 4 weeks 2 days old
    expect(by('2024-05-23')).toEqual([]); // a 23rd, but older than 12 months
  });

  it('daily backups over 400 days, now Mon 23 Jun 2025 12:00 UTC (a Monday and a 23rd): 21 kept', () => {
    // 400 backups, 20 May 2024 .. 23 Jun 2025, 01:00Z.
    // days 7:    after 16 Jun 12:00 -> 17..23 Jun (7; 16 Jun 01:00 is 7 d 11 h old).
    // weeks 4:   after 26 May 12:00, Mondays -> 2, 9, 16, 23 Jun (26 May 01:00 is just too old).
    // months 12: after 23 Jun 2024 12:00, 23rds -> 23 Jul 2024 .. 23 Jun 2025 (23 Jun 2024 01:00 too old).
    // Union: 7 + 3 Mondays (23 Jun already counted) + 11 23rds (23 Jun already counted) = 21.
    const backups = daily('2024-05-20', '2025-06-23');
    expect(backups).toHaveLength(400);
    const decisions = run('ANY_RULE_KEEPS', gfs, backups, '2025-06-23T12:00:00Z');
    const kept = decisions.filter((d) => d.kept).map((d) => iso(d.at).slice(0, 10));
    expect(kept).toEqual([
      '2025-06-23', '2025-06-22', '2025-06-21', '2025-06-20', '2025-06-19', '2025-06-18', '2025-06-17', // days 7
      '2025-06-16', '2025-06-09', '2025-06-02', // Mondays
      '2025-05-23', '2025-04-23', '2025-03-23', '2025-02-23', '2025-01-23', '2024-12-23', // 23rds
      '2024-11-23', '2024-10-23', '2024-09-23', '2024-08-23', '2024-07-23',
    ]);
    expect(decisions[0].keptBy).toEqual([days7, mondays4, the23rd12]); // 23 Jun: all three rules
  });
});

describe('ANY_RULE_KEEPS: windows, anchors and zones', () => {
  it('a weekly anchor is the local weekday: Europe/Kyiv across the March DST change', () => {
    // Weekly backups on Sundays 21:30 UTC. Kyiv is UTC+2 until 30 Mar 2025 01:00Z, then UTC+3:
    // 16 and 23 Mar are Sunday 23:30 local, 30 Mar and 6 Apr are Monday 00:30 local.
    // WEEKS 4 anchor Monday, now 10 Apr 12:00Z (window after 13 Mar 12:00Z): only 6 Apr and 30 Mar.
    const backups = ['2025-03-16T21:30:00Z', '2025-03-23T21:30:00Z', '2025-03-30T21:30:00Z', '2025-04-06T21:30:00Z'].map(at);
    const monday: RetentionRule[] = [{ unit: 'WEEKS', count: 4, anchor: 1 }];
    const sunday: RetentionRule[] = [{ unit: 'WEEKS', count: 4, anchor: 0 }];
    expect(keptIsos(run('ANY_RULE_KEEPS', monday, backups, '2025-04-10T12:00:00Z', 'Europe/Kyiv'))).toEqual(['2025-04-06T21:30:00.000Z', '2025-03-30T21:30:00.000Z']);
    expect(keptIsos(run('ANY_RULE_KEEPS', sunday, backups, '2025-04-10T12:00:00Z', 'Europe/Kyiv'))).toEqual(['2025-03-23T21:30:00.000Z', '2025-03-16T21:30:00.000Z']);
    // In UTC every one of them is a Sunday.
    expect(keptIsos(run('ANY_RULE_KEEPS', monday, backups, '2025-04-10T12:00:00Z', 'UTC'))).toEqual([]);
    expect(keptIsos(run('ANY_RULE_KEEPS', sunday, backups, '2025-04-10T12:00:00Z', 'UTC'))).toHaveLength(4);
  });

  it('a month anchor is the local day of month; no anchor keeps every backup in the window', () => {
    // 22 Jan 22:30Z is 23 Jan 00:30 in Kyiv (UTC+2).
    const backups = ['2025-01-22T22:30:00Z', '2025-02-23T10:00:00Z'].map(at);
    expect(keptIsos(run('ANY_RULE_KEEPS', [{ unit: 'MONTHS', count: 3, anchor: 23 }], backups, '2025-03-01T00:00:00Z', 'Europe/Kyiv'))).toHaveLength(2);
    expect(keptIsos(run('ANY_RULE_KEEPS', [{ unit: 'MONTHS', count: 3, anchor: 23 }], backups, '2025-03-01T00:00:00Z', 'UTC'))).toEqual(['2025-02-23T10:00:00.000Z']);
    // CloudSigma §4.7 "weekdays at 03:00, keep 3 weeks": every weekday backup of the last 21 days.
    const weekdays = daily('2025-01-01', '2025-03-01', '03:00').filter((d) => d.getUTCDay() >= 1 && d.getUTCDay() <= 5);
    const kept = run('ANY_RULE_KEEPS', [{ unit: 'WEEKS', count: 3 }], weekdays, '2025-03-01T12:00:00Z').filter((d) => d.kept);
    expect(kept).toHaveLength(15); // 10 Feb .. 28 Feb, Mon–Fri
    expect(iso(kept.at(-1)!.at)).toBe('2025-02-10T03:00:00.000Z');
  });

  it('MONTHS and YEARS count calendar months on the wall clock, day clamped', () => {
    // now 31 Mar 2025 12:00 UTC: 1 month back is 28 Feb 12:00 (clamped).
    const backups = ['2025-02-28T11:59:00Z', '2025-02-28T12:01:00Z'].map(at);
    expect(keptIsos(run('ANY_RULE_KEEPS', [{ unit: 'MONTHS', count: 1 }], backups, '2025-03-31T12:00:00Z'))).toEqual(['2025-02-28T12:01:00.000Z']);
    // 1 year back from 29 Feb 2024 is 28 Feb 2023.
    const yearly = ['2023-02-28T11:00:00Z', '2023-02-28T13:00:00Z'].map(at);
    expect(keptIsos(run('ANY_RULE_KEEPS', [{ unit: 'YEARS', count: 1 }], yearly, '2024-02-29T12:00:00Z'))).toEqual(['2023-02-28T13:00:00.000Z']);
  });

  it('DAYS is elapsed 24 h periods; a backup exactly n days old is not kept; LAST ignores now', () => {
    const backups = ['2025-05-03T12:00:00Z', '2025-05-03T12:00:01Z', '2025-06-01T00:00:00Z'].map(at);
    const decisions = run('ANY_RULE_KEEPS', [{ unit: 'DAYS', count: 7 }, { unit: 'LAST', count: 1 }], backups, '2025-05-10T12:00:00Z');
    // 1 Jun is after now: age negative, inside the window; and it is the newest.
    expect(decisions.map((d) => d.keptBy.map((r) => r.unit))).toEqual([['DAYS', 'LAST'], ['DAYS'], []]);
  });
});

describe('KEEP_LAST (BILLmanager backup_rotation)', () => {
  it('keeps the newest N whatever their age, output newest first', () => {
    const rotation3: RetentionRule = { unit: 'LAST', count: 3 };
    const backups = ['2025-05-03T02:01:00Z', '2025-05-06T02:01:00Z', '2025-05-01T02:01:00Z', '2025-05-05T02:01:00Z', '2025-05-02T02:01:00Z'].map(at);
    const decisions = run('KEEP_LAST', [rotation3], backups, '2030-01-01T00:00:00Z');
    expect(decisions.map((d) => [iso(d.at).slice(0, 10), d.kept])).toEqual([
      ['2025-05-06', true],
      ['2025-05-05', true],
      ['2025-05-03', true],
      ['2025-05-02', false],
      ['2025-05-01', false],
    ]);
    expect(decisions[0].keptBy).toEqual([rotation3]);
  });

  it('fewer backups than N: all kept; none: nothing to decide', () => {
    expect(run('KEEP_LAST', [{ unit: 'LAST', count: 10 }], [at('2025-05-01T00:00:00Z')], '2025-05-02T00:00:00Z').map((d) => d.kept)).toEqual([true]);
    expect(run('KEEP_LAST', [{ unit: 'LAST', count: 10 }], [], '2025-05-02T00:00:00Z')).toEqual([]);
  });
});

describe('semantics and their checks', () => {
  it.each<[RetentionRule[], RetentionSemantics | undefined, RetentionSemantics]>([
    [[{ unit: 'LAST', count: 3 }], undefined, 'KEEP_LAST'],
    [[{ unit: 'LAST', count: 3 }, { unit: 'DAYS', count: 7 }], undefined, 'ANY_RULE_KEEPS'],
    [[{ unit: 'DAYS', count: 7 }], undefined, 'ANY_RULE_KEEPS'],
    [[], undefined, 'ANY_RULE_KEEPS'],
    [[{ unit: 'LAST', count: 3 }], 'IN_ORDER', 'IN_ORDER'],
  ])('semanticsOf(%j, %s) is %s', (rules, semantics, expected) => {
    expect(semanticsOf({ rules, semantics })).toBe(expected);
  });

  it.each<[RetentionSemantics, RetentionRule[], string]>([
    ['KEEP_LAST', [{ unit: 'DAYS', count: 7 }], 'rules[0].unit'],
    ['KEEP_LAST', [{ unit: 'LAST', count: 1 }, { unit: 'LAST', count: 2 }], 'rules'],
    ['KEEP_LAST', [], 'rules'],
    ['IN_ORDER', [{ unit: 'WEEKS', count: 4, anchor: 1 }], 'rules[0].anchor'],
    ['IN_ORDER', [{ unit: 'DAYS', count: 7 }, { unit: 'DAYS', count: 3 }], 'rules[1].unit'],
  ])('%s refuses %j (field %s)', (semantics, rules, field) => {
    const error = (() => {
      try {
        checkRulesFor(semantics, rules);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
  });

  it('an empty rule list keeps everything', () => {
    expect(run('ANY_RULE_KEEPS', [], [at('2020-01-01T00:00:00Z')], '2025-01-01T00:00:00Z')).toEqual([{ at: at('2020-01-01T00:00:00Z'), kept: true, keptBy: [] }]);
  });

  it('isoWeekOf matches %G-%V', () => {
    expect(isoWeekOf({ year: 2024, month: 12, day: 30 })).toEqual({ isoYear: 2025, isoWeek: 1 });
    expect(isoWeekOf({ year: 2021, month: 1, day: 3 })).toEqual({ isoYear: 2020, isoWeek: 53 });
    expect(isoWeekOf({ year: 2025, month: 6, day: 18 })).toEqual({ isoYear: 2025, isoWeek: 25 });
  });
});
