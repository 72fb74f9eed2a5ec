/**
 * backupHistory with settled days kept in memory (src/journal/history-reader.ts) must answer
 * exactly what counting the whole window from the journal answers, whatever is written when:
 * random operations, restore points and due runs on a real SQLite journal, late writes to past
 * days, re-observations, operations that finish, retention, time moving on, three zones (one
 * with a DST change in the window, one at +05:45). On SQLite, and on PostgreSQL with two
 * instances: one writes, the other keeps days and hears the changes over LISTEN/NOTIFY, also
 * after its LISTEN connection was cut. And it must actually keep days: a warm matrix reads
 * the journal for the days that are not settled, not the whole window.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupHistory, HISTORY_OPERATION_KINDS, historyDays, type HistoryResource } from '../../src/domain/history.js';
import type { OperationKind, OperationStatus, ResourceRef } from '../../src/domain/model.js';
import { HistoryReader } from '../../src/journal/history-reader.js';
import { openJournal } from '../../src/journal/open.js';
import type { HistoryWindow, JournalOperation, JournalStore, RestorePoint } from '../../src/journal/store.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRACE_MINUTES = 60;
const ZONES = ['UTC', 'Europe/Zurich', 'Asia/Kathmandu'];

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)] };
}

const disk = (providerId: string, nativeId: string): ResourceRef => ({ providerId, type: 'Disk', nativeId });
const resources: HistoryResource[] = [
  { providerId: 'hq', type: 'VirtualMachine', nativeId: 'vm-1', name: 'vm 1' },
  { providerId: 'hq', type: 'VirtualMachine', nativeId: 'vm-2', name: 'vm 2' },
  { providerId: 'cloud', type: 'VirtualMachine', nativeId: 'srv-1', name: 'srv 1', parts: [disk('cloud', 'drv-1'), disk('cloud', 'drv-2')] },
  { providerId: 'cloud', type: 'Disk', nativeId: 'drv-1', name: 'drv 1' },
  { providerId: 'cloud', type: 'VirtualMachine', nativeId: 'srv-2', name: 'srv 2', parts: [disk('cloud', 'drv-3')] },
  { providerId: 'billing', type: 'VirtualMachine', nativeId: 'inst-1', name: 'inst 1' },
];
const targets: ResourceRef[] = [...resources.filter((r) => r.type === 'VirtualMachine'), disk('cloud', 'drv-1'), disk('cloud', 'drv-2'), disk('cloud', 'drv-3')];
const providerIds = ['hq', 'cloud', 'billing'];
const KINDS: OperationKind[] = ['BACKUP', 'BACKUP', 'SNAPSHOT', 'OFFSITE_COPY', 'RESTORE'];
const STATUSES: OperationStatus[] = ['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'ABORTED', 'RUNNING', 'UNKNOWN'];

/** Counts what the reader asks of the store (the store itself is the real one). */
function counting(store: JournalStore) {
  const reads: HistoryWindow[] = [];
  const historyFacts = store.historyFacts.bind(store);
  store.historyFacts = (window) => {
    reads.push(window);
    return historyFacts(window);
  };
  return reads;
}

/** The whole window counted at once from the journal: what the resolver did before days were kept. */
async function uncounted(store: JournalStore, now: Date, days: number, timezone: string) {
  const span = historyDays(now, days, timezone);
  const margin = Math.max(DAY, GRACE_MINUTES * 60_000 + 5 * 60_000);
  const facts = await store.historyFacts({
    from: new Date(span[0].start.getTime() - margin),
    to: new Date(span[span.length - 1].end.getTime() + margin),
    dueFrom: span[0].start,
    dueTo: span[span.length - 1].end,
    providerIds,
    kinds: [...HISTORY_OPERATION_KINDS],
  });
  return backupHistory({ resources, ...facts, now, days, timezone, graceMinutes: GRACE_MINUTES });
}

const opened: JournalStore[] = [];
let pgServer: TestPostgres;
beforeAll(async () => {
  pgServer = await startPostgres();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await pgServer?.stop();
});

async function open(url: string): Promise<JournalStore> {
  const store = await openJournal(url);
  opened.push(store);
  return store;
}

/** The store written to, and the one whose reader keeps days (another instance's, on PostgreSQL). */
type Journals = { writer: JournalStore; reader: JournalStore; cutListener?: () => Promise<void> };
const backends: Array<[string, () => Promise<Journals>]> = [
  [
    'SQLite',
    async () => {
      const store = await open('sqlite::memory:');
      return { writer: store, reader: store };
    },
  ],
  [
    'PostgreSQL, two instances',
    async () => {
      const url = await pgServer.createDatabase();
      const [writer, reader] = [await open(url), await open(url)];
      // Cut the reading instance's LISTEN connection (as a network blip would): changes meanwhile go unheard.
      const cutListener = async () => {
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        try {
          await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'backup-gateway-history-feed' AND datname = current_database()");
        } finally {
          await admin.end();
        }
      };
      return { writer, reader, cutListener };
    },
  ],
];

describe.each(backends)('backupHistory with settled days kept in memory, on %s', (_name, journals) => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('answers what counting the whole window answers, through random writes (seed %i)', async (seed) => {
    const rng = random(seed);
    const { writer: store, reader: readerStore, cutListener } = await journals();
    const reader = new HistoryReader(readerStore, GRACE_MINUTES);
    let now = new Date('2025-03-24T09:10:00Z').getTime(); // Zurich changes to summer time on 2025-03-30
    const written: JournalOperation[] = [];
    const late: JournalOperation[] = [];
    let serial = 0;

    const someTime = () => now - rng.int(16 * DAY);
    const writeOperation = async () => {
      const start = someTime();
      const status = rng.pick(STATUSES);
      const over = status !== 'RUNNING';
      const finishedAt = over ? new Date(start + rng.int(6 * HOUR)) : undefined;
      const op: JournalOperation = {
        providerId: '',
        nativeId: `op-${++serial}`,
        kind: rng.pick(KINDS),
        status,
        final: false,
        target: rng.pick(targets),
        source: 'PROVIDER',
        startedAt: rng.next() < 0.9 ? new Date(start) : undefined,
        updatedAt: finishedAt ?? new Date(start),
        finishedAt,
      };
      op.providerId = op.target!.providerId;
      written.push(op);
      const points: RestorePoint[] = [];
      if (status === 'SUCCEEDED' && rng.next() < 0.7) {
        // Its own restore point: by the same native id (a snapshot) or made during the run.
        const same = rng.next() < 0.4;
        // (A snapshot's own restore point may carry any date: the native id links them, not the time.)
        const createdAt = new Date(start + (same ? rng.int(40 * HOUR) - 20 * HOUR : rng.int(7 * HOUR)));
        points.push({ providerId: op.providerId, nativeId: same ? op.nativeId : `rp-${++serial}`, resource: op.target!, kind: 'VERSION', createdAt, firstSeenAt: createdAt });
      }
      // Restore points before their operations, too, even a matrix or more later: arrival order must not matter.
      if (points[0]?.nativeId === op.nativeId && rng.next() < 0.5) {
        await store.recordRestorePoints(points);
        late.push(op);
      } else if (rng.next() < 0.5) {
        await store.recordRestorePoints(points);
        await store.recordOperations([op]);
      } else {
        await store.recordOperations([op]);
        await store.recordRestorePoints(points);
      }
    };
    const writeLoosePoint = async () => {
      const resource = rng.pick(targets);
      const createdAt = rng.next() < 0.8 ? new Date(someTime()) : undefined;
      await store.recordRestorePoints([{ providerId: resource.providerId, nativeId: `rp-${++serial}`, resource, kind: 'VERSION', createdAt, firstSeenAt: new Date(createdAt?.getTime() ?? someTime()) }]);
    };
    const writeDueRun = async () => {
      const resource = rng.pick(targets);
      const dueAt = new Date(someTime());
      await store.recordDueRuns([{ providerId: resource.providerId, resource, scheduleId: 'nightly', dueAt, seenAt: new Date(now) }]);
    };
    const finishOne = async () => {
      const running = written.filter((op) => op.status === 'RUNNING');
      if (running.length === 0) return;
      const op = rng.pick(running);
      op.status = rng.pick(['SUCCEEDED', 'FAILED'] as const);
      op.finishedAt = new Date((op.startedAt ?? op.updatedAt).getTime() + rng.int(5 * HOUR));
      op.updatedAt = op.finishedAt;
      await store.recordOperations([{ ...op }]);
    };
    const reobserve = async () => {
      if (written.length > 0) await store.recordOperations([{ ...rng.pick(written) }]);
    };

    for (let i = 0; i < 40; i++) await [writeOperation, writeOperation, writeLoosePoint, writeDueRun][i % 4]();
    for (let step = 0; step < 60; step++) {
      const action = rng.int(10);
      if (action < 3) await writeOperation();
      else if (action === 3) await writeLoosePoint();
      else if (action === 4) await writeDueRun();
      else if (action === 5) await finishOne();
      else if (action === 6) await reobserve();
      else if (action === 7) now += rng.int(9 * HOUR);
      else if (action === 8 && rng.next() < 0.1) await store.prune(new Date(now - 12 * DAY));
      else if (action === 9 && late.length > 0) await store.recordOperations(late.splice(0));
      else if (action === 9 && cutListener && rng.next() < 0.3) {
        await cutListener();
        await writeOperation(); // while nobody listens
      }
      const timezone = rng.pick(ZONES);
      const days = rng.pick([3, 7, 14]);
      const query = { resources, providerIds, now: new Date(now), days, timezone };
      expect(await reader.backupHistory(query), `seed ${seed}, step ${step}, ${timezone}, ${days} days`).toEqual(await uncounted(readerStore, query.now, days, timezone));
    }
  });

  it('reads only the days that are not settled once the others are kept, and a late write to a past day reads that day again', async () => {
    const { writer: store, reader: readerStore } = await journals();
    const reads = counting(readerStore);
    const reader = new HistoryReader(readerStore, GRACE_MINUTES);
    const now = new Date('2026-11-30T12:00:00Z');
    const vm = resources[0];
    const nightly = (day: number): JournalOperation => {
      const startedAt = new Date(Date.UTC(2026, 10, day, 1, 0));
      const finishedAt = new Date(startedAt.getTime() + 20 * 60_000);
      return { providerId: 'hq', nativeId: `op-${day}`, kind: 'BACKUP', status: 'SUCCEEDED', final: false, target: vm, source: 'PROVIDER', startedAt, updatedAt: finishedAt, finishedAt };
    };
    await store.recordOperations(Array.from({ length: 30 }, (_, i) => nightly(i + 1)));
    const query = { resources, providerIds, now, days: 30, timezone: 'UTC' };

    const first = await reader.backupHistory(query);
    expect(reads).toHaveLength(1); // cold: the window and the day before, at once
    expect(first.resources[0].days.map((d) => d.status)).toEqual(Array(30).fill('SUCCEEDED'));

    reads.length = 0;
    expect(await reader.backupHistory(query)).toEqual(first);
    expect(reads).toHaveLength(1);
    expect(reads[0].dueFrom.toISOString()).toBe('2026-11-30T00:00:00.000Z'); // today only: every other day is settled

    // Re-observing what the journal holds changes nothing it kept.
    await store.recordOperations([nightly(10)]);
    reads.length = 0;
    await reader.backupHistory(query);
    expect(reads.map((r) => r.dueFrom.toISOString())).toEqual(['2026-11-30T00:00:00.000Z']);

    // The backup of 10 November turns out FAILED: that day (and the grace around it) is read again.
    await store.recordOperations([{ ...nightly(10), status: 'FAILED', updatedAt: new Date(Date.UTC(2026, 10, 10, 2, 0)) }]);
    reads.length = 0;
    const after = await reader.backupHistory(query);
    expect(reads.map((r) => [r.dueFrom.toISOString(), r.dueTo.toISOString()])).toEqual([
      ['2026-11-09T00:00:00.000Z', '2026-11-11T00:00:00.000Z'],
      ['2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ]);
    expect(after.resources[0].days.find((d) => d.date === '2026-11-10')).toMatchObject({ status: 'FAILED', succeeded: 0, failed: 1 });
    expect(after).toEqual(await uncounted(readerStore, now, 30, 'UTC'));
  });
});
