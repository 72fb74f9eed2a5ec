/**
 * The per-day backup matrix and missed runs (src/domain/history.ts): table-driven over the
 * rules a user reads off the matrix, DST days in Europe/Zurich, the grace boundary and the
 * dedup of an operation and the restore point it made.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import {
  backupHistory,
  detectMissedRuns,
  localDays,
  validateMissedWindow,
  type HistoryDayStatus,
  type HistoryDueRun,
  type HistoryInput,
  type HistoryOperation,
  type HistoryResource,
  type HistoryRestorePoint,
} from '../../src/domain/history.js';
import type { ResourceRef } from '../../src/domain/model.js';

const at = (iso: string) => new Date(iso);
const vm: HistoryResource = { providerId: 'hq', type: 'VirtualMachine', nativeId: 'vm-1', name: 'web' };
const other: HistoryResource = { providerId: 'hq', type: 'VirtualMachine', nativeId: 'vm-2', name: 'db' };
const disk: ResourceRef = { providerId: 'zrh', type: 'Disk', nativeId: 'drive-1' };

let seq = 0;
function op(fields: Partial<HistoryOperation> & { startedAt?: Date }): HistoryOperation {
  const startedAt = fields.startedAt;
  return {
    providerId: 'hq',
    nativeId: `op-${++seq}`,
    kind: 'BACKUP',
    status: 'SUCCEEDED',
    target: vm,
    updatedAt: fields.finishedAt ?? startedAt ?? at('2025-06-10T00:00:00Z'),
    ...(startedAt && !('finishedAt' in fields) ? { finishedAt: new Date(startedAt.getTime() + 20 * 60_000) } : {}),
    ...fields,
  };
}
function point(createdAt: string, fields: Partial<HistoryRestorePoint> = {}): HistoryRestorePoint {
  return { providerId: 'hq', nativeId: `rp-${++seq}`, resource: vm, createdAt: at(createdAt), firstSeenAt: at(createdAt), ...fields };
}
function due(dueAt: string, fields: Partial<HistoryDueRun> = {}): HistoryDueRun {
  return { providerId: 'hq', resource: vm, scheduleId: 'daily', dueAt: at(dueAt), ...fields };
}

/** Three UTC days 2025-06-08..10, now = 2025-06-10 12:00Z, grace 60 minutes. */
function history(fields: Partial<HistoryInput<HistoryResource>>) {
  return backupHistory({
    resources: [vm],
    operations: [],
    restorePoints: [],
    dueRuns: [],
    now: at('2025-06-10T12:00:00Z'),
    days: 3,
    timezone: 'UTC',
    graceMinutes: 60,
    ...fields,
  });
}
const cells = (result: ReturnType<typeof history>, row = 0) => result.resources[row].days.map((d) => `${d.status}:${d.succeeded}/${d.failed}/${d.missed}`);

describe('backupHistory: a day status from its counts', () => {
  // [name, input, cells of 2025-06-08, -09, -10 (today) as STATUS:succeeded/failed/missed]
  const cases: Array<[string, Partial<HistoryInput<HistoryResource>>, string[]]> = [
    ['nothing due and nothing ran: NONE every day', {}, ['NONE:0/0/0', 'NONE:0/0/0', 'NONE:0/0/0']],
    ['a succeeded backup', { operations: [op({ startedAt: at('2025-06-09T02:00:00Z') })] }, ['NONE:0/0/0', 'SUCCEEDED:1/0/0', 'NONE:0/0/0']],
    [
      'FAILED and ABORTED both count as failed',
      { operations: [op({ startedAt: at('2025-06-08T02:00:00Z'), status: 'FAILED' }), op({ startedAt: at('2025-06-08T05:00:00Z'), status: 'ABORTED' })] },
      ['FAILED:0/2/0', 'NONE:0/0/0', 'NONE:0/0/0'],
    ],
    [
      'a failure and a later success the same day: SUCCEEDED, both counted',
      { operations: [op({ startedAt: at('2025-06-09T02:00:00Z'), status: 'FAILED' }), op({ startedAt: at('2025-06-09T09:00:00Z') })] },
      ['NONE:0/0/0', 'SUCCEEDED:1/1/0', 'NONE:0/0/0'],
    ],
    [
      'an UNKNOWN outcome counts neither way',
      { operations: [op({ startedAt: at('2025-06-09T02:00:00Z'), status: 'UNKNOWN' })] },
      ['NONE:0/0/0', 'NONE:0/0/0', 'NONE:0/0/0'],
    ],
    [
      'RUNNING only today: a backup running since yesterday leaves yesterday as it was',
      { operations: [op({ startedAt: at('2025-06-09T23:00:00Z'), status: 'RUNNING', finishedAt: undefined })] },
      ['NONE:0/0/0', 'NONE:0/0/0', 'RUNNING:0/0/0'],
    ],
    [
      'running today after a failure today: RUNNING, not FAILED yet',
      {
        operations: [
          op({ startedAt: at('2025-06-10T01:00:00Z'), status: 'FAILED' }),
          op({ startedAt: at('2025-06-10T11:00:00Z'), status: 'QUEUED', finishedAt: undefined }),
        ],
      },
      ['NONE:0/0/0', 'NONE:0/0/0', 'RUNNING:0/1/0'],
    ],
    [
      'running today after a success today: SUCCEEDED',
      { operations: [op({ startedAt: at('2025-06-10T01:00:00Z') }), op({ startedAt: at('2025-06-10T11:00:00Z'), status: 'RUNNING', finishedAt: undefined })] },
      ['NONE:0/0/0', 'NONE:0/0/0', 'SUCCEEDED:1/0/0'],
    ],
    [
      'a due run with no backup is MISSED; one with a backup is not',
      { dueRuns: [due('2025-06-08T02:00:00Z'), due('2025-06-09T02:00:00Z')], operations: [op({ startedAt: at('2025-06-09T02:03:00Z') })] },
      ['MISSED:0/0/1', 'SUCCEEDED:1/0/0', 'NONE:0/0/0'],
    ],
    [
      'a failed run is FAILED, not MISSED: the run happened',
      { dueRuns: [due('2025-06-09T02:00:00Z')], operations: [op({ startedAt: at('2025-06-09T02:01:00Z'), status: 'FAILED' })] },
      ['NONE:0/0/0', 'FAILED:0/1/0', 'NONE:0/0/0'],
    ],
    [
      'a run due today whose grace has not passed is not missed yet',
      { dueRuns: [due('2025-06-10T11:30:00Z')] },
      ['NONE:0/0/0', 'NONE:0/0/0', 'NONE:0/0/0'],
    ],
    [
      'a restore point alone is a success of its day, and settles the due run',
      { dueRuns: [due('2025-06-09T02:00:00Z')], restorePoints: [point('2025-06-09T02:10:00Z')] },
      ['NONE:0/0/0', 'SUCCEEDED:1/0/0', 'NONE:0/0/0'],
    ],
    [
      'a restore point with no creation time counts on the day the journal first saw it',
      { restorePoints: [point('2025-06-09T02:00:00Z', { createdAt: undefined, firstSeenAt: at('2025-06-10T01:00:00Z') })] },
      ['NONE:0/0/0', 'NONE:0/0/0', 'SUCCEEDED:1/0/0'],
    ],
    [
      'dedup: the restore point a succeeded operation made (within 5 minutes of its run) is not a second success',
      {
        operations: [op({ startedAt: at('2025-06-09T02:00:00Z'), finishedAt: at('2025-06-09T02:30:00Z') })],
        restorePoints: [point('2025-06-09T02:34:59Z'), point('2025-06-09T01:55:00Z')],
      },
      ['NONE:0/0/0', 'SUCCEEDED:1/0/0', 'NONE:0/0/0'],
    ],
    [
      'dedup: a restore point outside every run is a success of its own',
      { operations: [op({ startedAt: at('2025-06-09T02:00:00Z'), finishedAt: at('2025-06-09T02:30:00Z') })], restorePoints: [point('2025-06-09T02:36:00Z')] },
      ['NONE:0/0/0', 'SUCCEEDED:2/0/0', 'NONE:0/0/0'],
    ],
    [
      'dedup: a restore point that is its own operation (same native id) follows that operation, here FAILED',
      {
        operations: [op({ nativeId: 'snap-1', startedAt: at('2025-06-09T02:00:00Z'), status: 'FAILED' })],
        restorePoints: [point('2025-06-09T02:00:00Z', { nativeId: 'snap-1' })],
      },
      ['NONE:0/0/0', 'FAILED:0/1/0', 'NONE:0/0/0'],
    ],
    [
      'an offsite copy is not a backup of the day: it counts nowhere, nor does the copy it made, nor does it clear a due run',
      {
        dueRuns: [due('2025-06-09T02:00:00Z')],
        operations: [op({ kind: 'OFFSITE_COPY', startedAt: at('2025-06-09T02:00:00Z'), finishedAt: at('2025-06-09T02:30:00Z') })],
        restorePoints: [point('2025-06-09T02:30:00Z')],
      },
      ['NONE:0/0/0', 'MISSED:0/0/1', 'NONE:0/0/0'],
    ],
    [
      'a backup belongs to the day it started: 23:30 to 00:20 counts on the first day',
      { operations: [op({ startedAt: at('2025-06-08T23:30:00Z'), finishedAt: at('2025-06-09T00:20:00Z') })] },
      ['SUCCEEDED:1/0/0', 'NONE:0/0/0', 'NONE:0/0/0'],
    ],
    [
      "another resource's backups and due runs do not count",
      {
        dueRuns: [due('2025-06-09T02:00:00Z', { resource: other })],
        operations: [op({ startedAt: at('2025-06-09T02:00:00Z'), target: other, status: 'FAILED' })],
      },
      ['NONE:0/0/0', 'NONE:0/0/0', 'NONE:0/0/0'],
    ],
    [
      'what happened before the window is not counted',
      { operations: [op({ startedAt: at('2025-06-07T23:59:59Z') })], dueRuns: [due('2025-06-07T12:00:00Z')] },
      ['NONE:0/0/0', 'NONE:0/0/0', 'NONE:0/0/0'],
    ],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(cells(history(input))).toEqual(expected);
  });

  it('a resource with no schedule shows NONE beside one whose run was missed', () => {
    const result = history({ resources: [vm, other], dueRuns: [due('2025-06-09T02:00:00Z')] });
    expect(result.resources[0].days[1].status).toBe<HistoryDayStatus>('MISSED');
    expect(result.resources[1].days.map((d) => d.status)).toEqual(['NONE', 'NONE', 'NONE']);
  });

  it("a VM's row counts the backups and missed runs of its disks (a CloudSigma server's drives)", () => {
    const server: HistoryResource = { providerId: 'zrh', type: 'VirtualMachine', nativeId: 'srv-1', parts: [disk] };
    const result = history({
      resources: [server, { ...disk }],
      operations: [op({ providerId: 'zrh', kind: 'SNAPSHOT', target: disk, startedAt: at('2025-06-09T02:00:00Z') })],
      dueRuns: [due('2025-06-08T02:00:00Z', { providerId: 'zrh', resource: disk })],
    });
    expect(cells(result, 0)).toEqual(['MISSED:0/0/1', 'SUCCEEDED:1/0/0', 'NONE:0/0/0']);
    expect(cells(result, 1)).toEqual(['MISSED:0/0/1', 'SUCCEEDED:1/0/0', 'NONE:0/0/0']);
  });

  it.each([
    ['an operation the day before the window', { operations: [op({ startedAt: at('2025-06-07T02:00:00Z'), finishedAt: at('2025-06-07T02:40:00Z') })] }, '2025-06-07T02:40:00.000Z'],
    // Older successes come from the provider's listing (the resolver reads the journal from the day before).
    ['an operation two days before the window (not read)', { operations: [op({ startedAt: at('2025-06-06T02:00:00Z'), finishedAt: at('2025-06-06T02:40:00Z') })] }, undefined],
    ["the provider's own last success", { resources: [{ ...vm, lastSuccessAt: at('2025-04-01T00:00:00Z') }] }, '2025-04-01T00:00:00.000Z'],
    [
      'the newest of an operation, a restore point and the provider',
      {
        resources: [{ ...vm, lastSuccessAt: at('2025-04-01T00:00:00Z') }],
        operations: [op({ startedAt: at('2025-06-09T02:00:00Z'), finishedAt: at('2025-06-09T02:30:00Z') }), op({ startedAt: at('2025-06-10T02:00:00Z'), status: 'FAILED' })],
        restorePoints: [point('2025-06-09T20:00:00Z')],
      },
      '2025-06-09T20:00:00.000Z',
    ],
    ['none at all', {}, undefined],
  ])('lastSuccessAt from %s', (_name, input, expected) => {
    expect(history(input as Partial<HistoryInput<HistoryResource>>).resources[0].lastSuccessAt?.toISOString()).toBe(expected);
  });
});

describe('days cut in the time zone', () => {
  it('ends with today in the zone, oldest first', () => {
    // 23:30Z on June 1 is already June 2 in Zurich (UTC+2 in summer).
    const days = localDays(at('2025-06-01T23:30:00Z'), 3, 'Europe/Zurich');
    expect(days.map((d) => d.date)).toEqual(['2025-05-31', '2025-06-01', '2025-06-02']);
    expect(days[2].start.toISOString()).toBe('2025-06-01T22:00:00.000Z');
  });

  it.each([
    // [day, hours, start, end]: Zurich moves to CEST on 2025-03-30 and back to CET on 2025-10-26.
    ['2025-03-30', 23, '2025-03-29T23:00:00.000Z', '2025-03-30T22:00:00.000Z'],
    ['2025-10-26', 25, '2025-10-25T22:00:00.000Z', '2025-10-26T23:00:00.000Z'],
    ['2025-06-15', 24, '2025-06-14T22:00:00.000Z', '2025-06-15T22:00:00.000Z'],
  ])('Europe/Zurich %s lasts %i hours', (date, hours, start, end) => {
    const days = localDays(at(`${date}T12:00:00Z`), 1, 'Europe/Zurich');
    expect(days).toEqual([{ date, start: at(start), end: at(end) }]);
    expect((days[0].end.getTime() - days[0].start.getTime()) / 3_600_000).toBe(hours);
  });

  it.each([
    // [name, now, backup start, day it counts on]
    ['the 23-hour day: 00:30 CEST on March 31 is the next day, though under 24 h after March 30 began', '2025-03-31T12:00:00Z', '2025-03-30T22:30:00Z', '2025-03-31'],
    ['the 23-hour day: 23:30 CEST is still March 30', '2025-03-31T12:00:00Z', '2025-03-30T21:30:00Z', '2025-03-30'],
    ['the 25-hour day: 23:30 CET on October 26 is still that day, over 24 h after it began', '2025-10-27T12:00:00Z', '2025-10-26T22:30:00Z', '2025-10-26'],
    ['the 25-hour day: the repeated hour 02:30 CET counts once, on October 26', '2025-10-27T12:00:00Z', '2025-10-26T01:30:00Z', '2025-10-26'],
  ])('%s', (_name, now, startedAt, date) => {
    const result = history({ now: at(now), days: 2, timezone: 'Europe/Zurich', operations: [op({ startedAt: at(startedAt) })] });
    const succeeded = result.resources[0].days.filter((d) => d.status === 'SUCCEEDED').map((d) => d.date);
    expect(succeeded).toEqual([date]);
    expect(result.from).toBe(result.resources[0].days[0].date);
    expect(result.to).toBe(result.resources[0].days[1].date);
  });
});

describe('missed runs and the grace boundary', () => {
  const dueAt = '2025-06-09T02:00:00Z';
  // [name, now, backup start (or none), missed?]
  const cases: Array<[string, string, string | undefined, boolean]> = [
    ['no backup, grace passed exactly: missed', '2025-06-09T03:00:00Z', undefined, true],
    ['no backup, one second before the grace ends: not yet', '2025-06-09T02:59:59Z', undefined, false],
    ['a backup started at dueAt + grace exactly: not missed', '2025-06-10T00:00:00Z', '2025-06-09T03:00:00Z', false],
    ['a backup started one second after the grace: missed', '2025-06-10T00:00:00Z', '2025-06-09T03:00:01Z', true],
    ['a backup started at dueAt - grace exactly (an early clock): not missed', '2025-06-10T00:00:00Z', '2025-06-09T01:00:00Z', false],
    ['a backup started one second before dueAt - grace: missed', '2025-06-10T00:00:00Z', '2025-06-09T00:59:59Z', true],
  ];
  it.each(cases)('%s', (_name, now, startedAt, missed) => {
    const operations = startedAt ? [op({ startedAt: at(startedAt) })] : [];
    const found = detectMissedRuns([due(dueAt)], operations, [], at(now), 60);
    expect(found.length > 0).toBe(missed);
    if (missed) expect(found[0]).toEqual({ providerId: 'hq', resource: vm, scheduleId: 'daily', dueAt: at(dueAt), detectedAt: at('2025-06-09T03:00:00Z') });
  });

  it('a restore point created within the grace settles the run; a run without a schedule id stays without one', () => {
    const runs = [due(dueAt), due('2025-06-08T02:00:00Z', { scheduleId: undefined })];
    const found = detectMissedRuns(runs, [], [point('2025-06-09T02:40:00Z')], at('2025-06-10T00:00:00Z'), 60);
    expect(found).toEqual([{ providerId: 'hq', resource: vm, dueAt: at('2025-06-08T02:00:00Z'), detectedAt: at('2025-06-08T03:00:00Z') }]);
  });

  it('oldest first', () => {
    const found = detectMissedRuns([due('2025-06-09T02:00:00Z'), due('2025-06-07T02:00:00Z'), due('2025-06-08T02:00:00Z')], [], [], at('2025-06-10T00:00:00Z'), 30);
    expect(found.map((r) => r.dueAt.toISOString())).toEqual(['2025-06-07T02:00:00.000Z', '2025-06-08T02:00:00.000Z', '2025-06-09T02:00:00.000Z']);
  });
});

describe('bad input is a ValidationError naming the argument', () => {
  const expectValidation = (run: () => unknown, field: string, message: RegExp) => {
    let error: unknown;
    try {
      run();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect((error as ValidationError).message).toMatch(message);
  };
  it.each([
    ['days 0', () => history({ days: 0 }), 'days', /from 1 to 90/],
    ['days 91', () => history({ days: 91 }), 'days', /from 1 to 90/],
    ['days 1.5', () => history({ days: 1.5 }), 'days', /whole number/],
    ['an unknown time zone', () => history({ timezone: 'Mars/Olympus' }), 'timezone', /Mars\/Olympus/],
    ['from after to', () => validateMissedWindow(at('2025-06-10T00:00:00Z'), at('2025-06-09T00:00:00Z')), 'from', /after/],
    ['a 93-day window', () => validateMissedWindow(at('2025-01-01T00:00:00Z'), at('2025-04-04T00:00:00Z')), 'to', /at most 92 days/],
  ])('%s', (_name, run, field, message) => expectValidation(run, field, message));

  it('accepts 1 and 90 days and a window of exactly 92 days', () => {
    expect(history({ days: 1 }).resources[0].days).toHaveLength(1);
    expect(history({ days: 90 }).resources[0].days).toHaveLength(90);
    expect(() => validateMissedWindow(at('2025-01-01T00:00:00Z'), at('2025-04-03T00:00:00Z'))).not.toThrow();
  });
});
