/**
 * The JournalStore contract, run against both adapters on real databases: a SQLite file in a
 * temporary folder, and a throwaway PostgreSQL server (one per file, a fresh database per
 * test). Then what only PostgreSQL promises: two instances on one database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/domain/model.js';
import { openJournal } from '../../src/journal/open.js';
import type { DueRun, JournalOperation, JournalStore, RestorePoint } from '../../src/journal/store.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 8, minute));
const vm = (nativeId: string, providerId = 'hq'): ResourceRef => ({ providerId, type: 'VirtualMachine', nativeId });

function operation(nativeId: string, fields: Partial<JournalOperation> = {}): JournalOperation {
  return { providerId: 'hq', nativeId, kind: 'BACKUP', status: 'RUNNING', final: false, source: 'PROVIDER', updatedAt: at(0), ...fields };
}

function restorePoint(nativeId: string, fields: Partial<RestorePoint> = {}): RestorePoint {
  return { providerId: 'hq', nativeId, resource: vm('vm-1'), kind: 'VERSION', firstSeenAt: at(0), ...fields };
}

function dueRun(resource: ResourceRef, dueAt: Date, fields: Partial<DueRun> = {}): DueRun {
  return { providerId: resource.providerId, resource, dueAt, seenAt: at(0), ...fields };
}

let pgServer: TestPostgres;
const sqliteDir = mkdtempSync(join(os.tmpdir(), 'journal-test-'));
let files = 0;
const opened: JournalStore[] = [];

beforeAll(async () => {
  pgServer = await startPostgres();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await pgServer?.stop();
  rmSync(sqliteDir, { recursive: true, force: true });
});

async function track(store: Promise<JournalStore>): Promise<JournalStore> {
  const ready = await store;
  opened.push(ready);
  return ready;
}

const backends: [string, () => Promise<string>][] = [
  ['SQLite', async () => `sqlite:${join(sqliteDir, `run-${++files}`, 'journal.db')}`],
  ['PostgreSQL', () => pgServer.createDatabase()],
];

describe.each(backends)('the journal on %s', (_name, newUrl) => {
  const fresh = async () => track(openJournal(await newUrl()));

  it('records an operation once however often the same observation is written', async () => {
    const store = await fresh();
    const batch = [operation('op-1', { target: vm('vm-1'), startedAt: at(0) }), operation('op-2')];
    await store.recordOperations(batch);
    await store.recordOperations(batch);
    await store.recordOperations([batch[0]]);
    const page = await store.listOperations({}, 10);
    expect(page.totalCount).toBe(2);
    expect(page.items.map((o) => o.nativeId).sort()).toEqual(['op-1', 'op-2']);
    expect(await store.events('hq', 'op-1')).toEqual([{ providerId: 'hq', nativeId: 'op-1', status: 'RUNNING', at: at(0) }]);
    expect(await store.getOperation('hq', 'op-1')).toEqual(batch[0]);
  });

  it('never turns a finished operation back into a running one, even when the stale poll is stamped later', async () => {
    const store = await fresh();
    await store.recordOperations([operation('op-1', { status: 'SUCCEEDED', updatedAt: at(10), finishedAt: at(10) })]);
    await store.recordOperations([operation('op-1', { status: 'RUNNING', progress: 40, updatedAt: at(12) })]);
    await store.recordOperations([operation('op-2', { status: 'UNKNOWN', final: true, message: 'left the list', updatedAt: at(10) })]);
    await store.recordOperations([operation('op-2', { status: 'RUNNING', updatedAt: at(11) })]);
    // A finish that arrives after a later-stamped poll (another instance, another clock) still ends it.
    await store.recordOperations([operation('op-3', { status: 'RUNNING', progress: 90, updatedAt: at(20) })]);
    await store.recordOperations([operation('op-3', { status: 'FAILED', message: 'disk full', updatedAt: at(19), finishedAt: at(19) })]);

    expect(await store.getOperation('hq', 'op-1')).toMatchObject({ status: 'SUCCEEDED', finishedAt: at(10), updatedAt: at(10) });
    expect((await store.getOperation('hq', 'op-1'))?.progress).toBeUndefined();
    expect(await store.getOperation('hq', 'op-2')).toMatchObject({ status: 'UNKNOWN', final: true, message: 'left the list' });
    expect(await store.getOperation('hq', 'op-3')).toMatchObject({ status: 'FAILED', message: 'disk full', finishedAt: at(19) });
  });

  it('never lets a later "cannot tell" undo a recorded outcome, while a confirmed outcome settles an unknown one', async () => {
    const store = await fresh();
    // A restarted instance no longer can tell what happened: its final UNKNOWN comes later.
    await store.recordOperations([operation('op-1', { status: 'SUCCEEDED', updatedAt: at(10), finishedAt: at(10) })]);
    await store.recordOperations([operation('op-1', { status: 'UNKNOWN', final: true, message: 'cannot be told', updatedAt: at(30) })]);
    await store.recordOperations([operation('op-2', { status: 'UNKNOWN', final: true, updatedAt: at(10) })]);
    await store.recordOperations([operation('op-2', { status: 'FAILED', message: 'disk full', updatedAt: at(5), finishedAt: at(5) })]);
    expect(await store.getOperation('hq', 'op-1')).toMatchObject({ status: 'SUCCEEDED', final: false, finishedAt: at(10) });
    expect(await store.getOperation('hq', 'op-2')).toMatchObject({ status: 'FAILED', message: 'disk full' });
  });

  it('keeps the later observation of a running operation, whatever order they arrive in', async () => {
    const store = await fresh();
    await store.recordOperations([operation('op-1', { progress: 60, phase: 'copy', updatedAt: at(6) })]);
    await store.recordOperations([operation('op-1', { progress: 30, phase: 'snapshot', updatedAt: at(3) })]);
    expect(await store.getOperation('hq', 'op-1')).toMatchObject({ progress: 60, phase: 'copy', updatedAt: at(6) });
    await store.recordOperations([operation('op-1', { status: 'SUCCEEDED', progress: 100, updatedAt: at(9), finishedAt: at(9) })]);
    await store.recordOperations([operation('op-1', { status: 'FAILED', message: 'report says failed', updatedAt: at(11), finishedAt: at(11) })]);
    expect(await store.getOperation('hq', 'op-1')).toMatchObject({ status: 'FAILED', message: 'report says failed', finishedAt: at(11) });
  });

  it('keeps GATEWAY as the source, and the first startedBy and target, and the earliest start', async () => {
    const store = await fresh();
    await store.recordOperations([operation('op-1', { source: 'GATEWAY', startedBy: 'ops-team', target: vm('vm-1'), startedAt: at(2), updatedAt: at(2) })]);
    await store.recordOperations([operation('op-1', { source: 'PROVIDER', startedBy: 'someone-else', target: vm('vm-9'), startedAt: at(1), updatedAt: at(5) })]);
    await store.recordOperations([operation('op-2', { source: 'PROVIDER', updatedAt: at(1) }), operation('op-2', { source: 'GATEWAY', startedBy: 'late-key', updatedAt: at(0) })]);
    expect(await store.getOperation('hq', 'op-1')).toMatchObject({ source: 'GATEWAY', startedBy: 'ops-team', target: vm('vm-1'), startedAt: at(1) });
    expect(await store.getOperation('hq', 'op-2')).toMatchObject({ source: 'GATEWAY', startedBy: 'late-key', updatedAt: at(1) });
  });

  it('adds one event per status, at the first time it was seen', async () => {
    const store = await fresh();
    await store.recordOperations([operation('op-1', { status: 'QUEUED', updatedAt: at(0) }), operation('op-1', { updatedAt: at(2) })]);
    await store.recordOperations([operation('op-1', { updatedAt: at(3) }), operation('op-1', { updatedAt: at(1) })]);
    await store.recordOperations([operation('op-1', { status: 'SUCCEEDED', updatedAt: at(7) })]);
    await store.recordOperations([operation('op-1', { status: 'SUCCEEDED', updatedAt: at(8) })]);
    expect((await store.events('hq', 'op-1')).map((e) => [e.status, e.at])).toEqual([
      ['QUEUED', at(0)],
      ['RUNNING', at(1)],
      ['SUCCEEDED', at(7)],
    ]);
    expect(await store.events('hq', 'nothing')).toEqual([]);
  });

  it('lists newest first with filters, a total, and a cursor that pages through every row once', async () => {
    const store = await fresh();
    const batch: JournalOperation[] = [];
    for (let i = 0; i < 25; i++) {
      batch.push(
        operation(`op-${String(i).padStart(2, '0')}`, {
          providerId: i % 2 === 0 ? 'hq' : 'cloud',
          kind: i % 5 === 0 ? 'RESTORE' : 'BACKUP',
          status: i % 3 === 0 ? 'FAILED' : 'SUCCEEDED',
          target: vm(`vm-${i % 4}`, i % 2 === 0 ? 'hq' : 'cloud'),
          // Pairs share a start time: the order falls back to provider, then native id.
          startedAt: at(Math.floor(i / 2)),
          updatedAt: at(30),
        }),
      );
    }
    // One without a start: placed by its update time.
    batch.push(operation('no-start', { updatedAt: at(5) }));
    await store.recordOperations(batch);

    const seen: string[] = [];
    let page = await store.listOperations({}, 7);
    expect(page.totalCount).toBe(26);
    seen.push(...page.items.map((o) => `${o.providerId}/${o.nativeId}`));
    while (page.hasNextPage) {
      const last = page.items[page.items.length - 1];
      page = await store.listOperations({}, 7, { sortAt: last.startedAt ?? last.updatedAt, providerId: last.providerId, nativeId: last.nativeId });
      expect(page.totalCount).toBe(26);
      seen.push(...page.items.map((o) => `${o.providerId}/${o.nativeId}`));
    }
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
    expect(seen.slice(0, 3)).toEqual(['hq/op-24', 'cloud/op-23', 'hq/op-22']);
    expect(seen.indexOf('hq/no-start')).toBe(seen.indexOf('hq/op-10') - 1);

    const failedHqBackups = await store.listOperations({ providerIds: ['hq'], kinds: ['BACKUP'], statuses: ['FAILED'] }, 100);
    expect(failedHqBackups.items.map((o) => o.nativeId)).toEqual(['op-24', 'op-18', 'op-12', 'op-06']);
    expect(failedHqBackups.totalCount).toBe(4);
    const onVm = await store.listOperations({ targets: [vm('vm-1', 'cloud'), vm('vm-2', 'hq')] }, 100);
    expect(onVm.items.map((o) => o.nativeId)).toEqual(['op-22', 'op-21', 'op-18', 'op-17', 'op-14', 'op-13', 'op-10', 'op-09', 'op-06', 'op-05', 'op-02', 'op-01']);
    const window = await store.listOperations({ from: at(3), to: at(5) }, 100);
    expect(window.items.map((o) => o.nativeId)).toEqual(['op-09', 'op-08', 'op-07', 'op-06']);
    expect((await store.listOperations({ providerIds: [] }, 100)).totalCount).toBe(0);
    const firstTwo = await store.listOperations({ providerIds: ['cloud'] }, 2);
    expect(firstTwo).toMatchObject({ totalCount: 12, hasNextPage: true });
    expect(firstTwo.items).toHaveLength(2);
  });

  it('finds operations started in a window, by kind, placing those without a start by their update', async () => {
    const store = await fresh();
    await store.recordOperations([
      operation('early', { startedAt: at(0), updatedAt: at(40) }),
      operation('inside', { startedAt: at(10), updatedAt: at(15) }),
      operation('inside-no-start', { updatedAt: at(12) }),
      operation('restore', { kind: 'RESTORE', startedAt: at(11) }),
      operation('other-provider', { providerId: 'cloud', startedAt: at(11) }),
      operation('at-end', { startedAt: at(20) }),
    ]);
    const found = await store.operationsBetween(at(10), at(20), { kinds: ['BACKUP'], providerIds: ['hq'] });
    expect(found.map((o) => o.nativeId)).toEqual(['inside', 'inside-no-start']);
    expect((await store.operationsBetween(at(10), at(20))).map((o) => o.nativeId)).toEqual(['inside', 'other-provider', 'restore', 'inside-no-start']);
  });

  it('keeps restore points once each, with the time first seen, found by creation or first sight', async () => {
    const store = await fresh();
    const big = 5 * 2 ** 40;
    await store.recordRestorePoints([
      restorePoint('v-1', { createdAt: at(1), sizeBytes: big, status: 'OK', location: 'primary', firstSeenAt: at(5) }),
      restorePoint('v-2', { firstSeenAt: at(8) }),
      restorePoint('v-3', { providerId: 'cloud', resource: vm('vm-7', 'cloud'), kind: 'REMOTE_SNAPSHOT', createdAt: at(30), firstSeenAt: at(31) }),
    ]);
    await store.recordRestorePoints([restorePoint('v-1', { createdAt: at(1), sizeBytes: big, status: 'OK', location: 'primary', firstSeenAt: at(20) })]);
    const found = await store.restorePointsBetween(at(0), at(10));
    expect(found).toEqual([
      { providerId: 'hq', nativeId: 'v-1', resource: vm('vm-1'), kind: 'VERSION', createdAt: at(1), sizeBytes: big, status: 'OK', location: 'primary', firstSeenAt: at(5) },
      { providerId: 'hq', nativeId: 'v-2', resource: vm('vm-1'), kind: 'VERSION', firstSeenAt: at(8) },
    ]);
    expect((await store.restorePointsBetween(at(0), at(59), { providerIds: ['cloud'] })).map((p) => p.nativeId)).toEqual(['v-3']);
    expect(await store.restorePointsBetween(at(2), at(8))).toEqual([]);
  });

  it('keeps due runs once each per resource and time, found by due time', async () => {
    const store = await fresh();
    const runs = [dueRun(vm('vm-1'), at(0), { scheduleId: 'daily' }), dueRun(vm('vm-2'), at(0)), dueRun(vm('vm-1'), at(30)), dueRun(vm('d-1', 'cloud'), at(10))];
    await store.recordDueRuns(runs);
    await store.recordDueRuns([dueRun(vm('vm-1'), at(0), { seenAt: at(50) })]);
    const found = await store.dueRunsBetween(at(0), at(30));
    expect(found.map((r) => [r.resource.nativeId, r.dueAt])).toEqual([
      ['vm-1', at(0)],
      ['vm-2', at(0)],
      ['d-1', at(10)],
    ]);
    expect(found[0]).toEqual({ providerId: 'hq', resource: vm('vm-1'), scheduleId: 'daily', dueAt: at(0), seenAt: at(0) });
    expect((await store.dueRunsBetween(at(0), at(59), { providerIds: ['hq'] })).length).toBe(3);
  });

  it('reads many operations by key in one call, leaving out keys it does not hold', async () => {
    const store = await fresh();
    // More keys than one SQLite statement takes (500), so the slices are exercised too.
    const many = Array.from({ length: 1_203 }, (_, i) => operation(`op-${i}`, { startedBy: i === 7 ? 'ops' : undefined, source: i === 7 ? 'GATEWAY' : 'PROVIDER' }));
    await store.recordOperations([...many, operation('op-1', { providerId: 'cloud' })]);
    const keys = [...many.map((o) => ({ providerId: 'hq', nativeId: o.nativeId })), { providerId: 'hq', nativeId: 'never-seen' }, { providerId: 'cloud', nativeId: 'op-1' }];
    const found = await store.getOperations(keys);
    expect(found).toHaveLength(1_204);
    expect(new Set(found.map((o) => `${o.providerId}/${o.nativeId}`)).size).toBe(1_204);
    expect(found.find((o) => o.nativeId === 'op-7')).toMatchObject({ providerId: 'hq', source: 'GATEWAY', startedBy: 'ops' });
    expect(found.some((o) => o.nativeId === 'never-seen')).toBe(false);
    expect(await store.getOperations([])).toEqual([]);
  });

  it("reads a history's facts at once: operations and restore points of one window, due runs of another, every text as written", async () => {
    const store = await fresh();
    // Ids a JSON transport must carry intact: quotes, a backslash, a newline, non-ASCII.
    const odd = 'snap "nightly" \\ \n Zürich ✓';
    await store.recordOperations([
      operation('inside', { startedAt: at(10), updatedAt: at(15), finishedAt: at(15), status: 'SUCCEEDED', target: vm('vm-1') }),
      operation(odd, { kind: 'SNAPSHOT', updatedAt: at(12), target: { providerId: 'hq', type: 'Disk', nativeId: odd } }),
      operation('no-target', { kind: 'OFFSITE_COPY', startedAt: at(11), status: 'FAILED' }),
      operation('restore', { kind: 'RESTORE', startedAt: at(11) }),
      operation('other-provider', { providerId: 'cloud', startedAt: at(11) }),
      operation('at-end', { startedAt: at(20) }),
    ]);
    await store.recordRestorePoints([
      restorePoint('v-1', { createdAt: at(14), firstSeenAt: at(16) }),
      restorePoint('v-2', { firstSeenAt: at(19) }),
      restorePoint('v-late', { createdAt: at(25), firstSeenAt: at(25) }),
      restorePoint('v-cloud', { providerId: 'cloud', resource: vm('vm-7', 'cloud'), createdAt: at(12), firstSeenAt: at(12) }),
    ]);
    await store.recordDueRuns([dueRun(vm('vm-1'), at(5), { scheduleId: 'daily' }), dueRun(vm('vm-1'), at(30)), dueRun(vm('vm-2'), at(40)), dueRun(vm('vm-7', 'cloud'), at(30))]);
    const facts = await store.historyFacts({ from: at(10), to: at(20), dueFrom: at(0), dueTo: at(35), providerIds: ['hq'], kinds: ['BACKUP', 'SNAPSHOT', 'OFFSITE_COPY'] });
    const byId = <T extends { nativeId?: string; dueAt?: Date }>(rows: T[]) => [...rows].sort((a, b) => String(a.nativeId ?? a.dueAt?.getTime()).localeCompare(String(b.nativeId ?? b.dueAt?.getTime())));
    expect(byId(facts.operations)).toMatchObject(
      byId([
        { providerId: 'hq', nativeId: 'inside', kind: 'BACKUP', status: 'SUCCEEDED', target: vm('vm-1'), startedAt: at(10), updatedAt: at(15), finishedAt: at(15) },
        { providerId: 'hq', nativeId: odd, kind: 'SNAPSHOT', status: 'RUNNING', target: { providerId: 'hq', type: 'Disk', nativeId: odd }, updatedAt: at(12) },
        { providerId: 'hq', nativeId: 'no-target', kind: 'OFFSITE_COPY', status: 'FAILED', startedAt: at(11), updatedAt: at(0) },
      ]),
    );
    expect(facts.operations.find((o) => o.nativeId === odd)).toMatchObject({ startedAt: undefined, finishedAt: undefined });
    expect(facts.operations.find((o) => o.nativeId === 'no-target')?.target).toBeUndefined();
    expect(byId(facts.restorePoints)).toMatchObject([
      { providerId: 'hq', nativeId: 'v-1', resource: vm('vm-1'), createdAt: at(14), firstSeenAt: at(16) },
      { providerId: 'hq', nativeId: 'v-2', resource: vm('vm-1'), createdAt: undefined, firstSeenAt: at(19) },
    ]);
    expect(byId(facts.dueRuns)).toMatchObject([
      { providerId: 'hq', resource: vm('vm-1'), scheduleId: 'daily', dueAt: at(5) },
      { providerId: 'hq', resource: vm('vm-1'), scheduleId: undefined, dueAt: at(30) },
    ]);
    // A filter that names no provider finds nothing (not everything).
    expect(await store.historyFacts({ from: at(0), to: at(59), dueFrom: at(0), dueTo: at(59), providerIds: [], kinds: ['BACKUP'] })).toEqual({ operations: [], restorePoints: [], dueRuns: [] });
  });

  it('remembers which providers were backfilled', async () => {
    const store = await fresh();
    expect(await store.backfilledAt('hq')).toBeUndefined();
    await store.markBackfilled('hq', at(1));
    await store.markBackfilled('hq', at(2));
    expect(await store.backfilledAt('hq')).toEqual(at(2));
    expect(await store.backfilledAt('cloud')).toBeUndefined();
  });

  it('prunes history older than the cutoff and says how many rows went', async () => {
    const store = await fresh();
    await store.recordOperations([operation('old', { status: 'QUEUED', updatedAt: at(1) }), operation('old', { status: 'SUCCEEDED', updatedAt: at(2) }), operation('new', { startedAt: at(1), updatedAt: at(20) })]);
    await store.recordRestorePoints([restorePoint('old', { createdAt: at(1), firstSeenAt: at(30) }), restorePoint('new', { firstSeenAt: at(20) })]);
    await store.recordDueRuns([dueRun(vm('vm-1'), at(1)), dueRun(vm('vm-1'), at(20))]);
    // 1 operation + 2 events, 1 restore point, 1 due run.
    expect(await store.prune(at(10))).toBe(5);
    expect((await store.listOperations({}, 10)).items.map((o) => o.nativeId)).toEqual(['new']);
    expect(await store.events('hq', 'old')).toEqual([]);
    expect(await store.events('hq', 'new')).toHaveLength(1);
    expect((await store.restorePointsBetween(at(0), at(59))).map((p) => p.nativeId)).toEqual(['new']);
    expect((await store.dueRunsBetween(at(0), at(59))).map((r) => r.dueAt)).toEqual([at(20)]);
    expect(await store.prune(at(10))).toBe(0);
  });

  it('migrates once: opening the same journal again keeps its rows and applies nothing twice', async () => {
    const url = await newUrl();
    const first = await track(openJournal(url));
    await first.recordOperations([operation('op-1')]);
    await first.migrate();
    await first.close();
    const again = await track(openJournal(url));
    await again.migrate();
    expect(await again.getOperation('hq', 'op-1')).toEqual(operation('op-1'));
    await again.ping();
  });
});

describe('the journal on a SQLite file', () => {
  it('creates missing folders, and keeps everything after the file is closed and reopened', async () => {
    const url = `sqlite:${join(sqliteDir, 'deep', 'er', 'journal.db')}`;
    const store = await openJournal(url);
    await store.recordOperations([operation('op-1', { status: 'SUCCEEDED', source: 'GATEWAY', startedBy: 'ops', startedAt: at(1), updatedAt: at(4), finishedAt: at(4) })]);
    await store.recordRestorePoints([restorePoint('v-1', { createdAt: at(2) })]);
    await store.recordDueRuns([dueRun(vm('vm-1'), at(3))]);
    await store.markBackfilled('hq', at(5));
    await store.close();

    const reopened = await track(openJournal(url));
    expect(await reopened.getOperation('hq', 'op-1')).toMatchObject({ status: 'SUCCEEDED', startedBy: 'ops', finishedAt: at(4) });
    expect(await reopened.events('hq', 'op-1')).toHaveLength(1);
    expect(await reopened.restorePointsBetween(at(0), at(10))).toHaveLength(1);
    expect(await reopened.dueRunsBetween(at(0), at(10))).toHaveLength(1);
    expect(await reopened.backfilledAt('hq')).toEqual(at(5));
    expect(await reopened.tryLead('watcher')).toBe(true);
  });

  it('opens an in-memory journal', async () => {
    const store = await track(openJournal('sqlite::memory:'));
    await store.recordOperations([operation('op-1')]);
    expect((await store.listOperations({}, 1)).totalCount).toBe(1);
  });
});

describe('a journal that cannot be opened', () => {
  it('says so in one line naming the URL without its password', async () => {
    await expect(openJournal('postgres://gw:s3cret@127.0.0.1:1/journal')).rejects.toThrow(/^cannot open the journal at postgres:\/\/gw@127\.0\.0\.1:1\/journal: connection refused$/);
    const missing = (await pgServer.createDatabase()).replace(/\/[^/]+$/, '/no_such_db');
    await expect(openJournal(missing)).rejects.toThrow(`cannot open the journal at ${missing}: database "no_such_db" does not exist`);
    await expect(openJournal('sqlite:/etc/passwd')).rejects.toThrow('cannot open the journal at sqlite:/etc/passwd: the file is not a SQLite database');
    await expect(openJournal('mysql://root@db/journal')).rejects.toThrow(/^cannot open the journal at mysql:\/\/root@db\/journal: unsupported URL/);
  });
});

describe('two instances on one PostgreSQL journal', () => {
  it('migrate together without colliding', async () => {
    const url = await pgServer.createDatabase();
    const [a, b] = await Promise.all([track(openJournal(url)), track(openJournal(url))]);
    await a.recordOperations([operation('op-1')]);
    expect(await b.getOperation('hq', 'op-1')).toBeDefined();
  });

  it('record the same operations at the same time once each, merged by the same rules', async () => {
    const url = await pgServer.createDatabase();
    const [a, b] = [await track(openJournal(url)), await track(openJournal(url))];
    const ids = Array.from({ length: 200 }, (_, i) => `op-${i}`);
    const observations = (source: 'GATEWAY' | 'PROVIDER', order: string[]) => order.flatMap((id) => [
      operation(id, { source, startedAt: at(0), updatedAt: at(1) }),
      operation(id, { source, status: 'SUCCEEDED', updatedAt: at(2), finishedAt: at(2) }),
    ]);
    const batches: Promise<void>[] = [];
    for (let round = 0; round < 5; round++) {
      batches.push(a.recordOperations(observations('GATEWAY', ids)));
      batches.push(b.recordOperations(observations('PROVIDER', [...ids].reverse())));
    }
    await Promise.all(batches);
    const page = await a.listOperations({}, 1000);
    expect(page.totalCount).toBe(200);
    expect(page.items.every((o) => o.status === 'SUCCEEDED' && o.source === 'GATEWAY' && o.finishedAt?.getTime() === at(2).getTime())).toBe(true);
    expect((await b.events('hq', 'op-7')).map((e) => e.status)).toEqual(['RUNNING', 'SUCCEEDED']);
  });

  it('let exactly one lead the watcher, and the other take over when the leader closes', async () => {
    const url = await pgServer.createDatabase();
    const [a, b] = [await track(openJournal(url)), await track(openJournal(url))];
    const first = await Promise.all([a.tryLead('watcher'), b.tryLead('watcher')]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const [leader, follower] = first[0] ? [a, b] : [b, a];
    expect(await leader.tryLead('watcher')).toBe(true);
    expect(await follower.tryLead('watcher')).toBe(false);
    // Another name is another lease.
    expect(await follower.tryLead('backfill')).toBe(true);
    await leader.close();
    expect(await follower.tryLead('watcher')).toBe(true);
  });

  it('lose the lead with the leader connection, and a new leader follows', async () => {
    const url = await pgServer.createDatabase();
    const [a, b] = [await track(openJournal(url)), await track(openJournal(url))];
    expect(await a.tryLead('watcher')).toBe(true);
    expect(await b.tryLead('watcher')).toBe(false);
    // The leader's session dies (a failover, an idle-connection killer): its lock goes with it.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'backup-gateway-journal-leader' AND datname = current_database()");
    await admin.end();
    // The backend exits just after the signal: the lock is free once it has.
    const deadline = Date.now() + 5_000;
    while (!(await b.tryLead('watcher'))) {
      if (Date.now() > deadline) throw new Error('the other instance never took the lead');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await a.tryLead('watcher')).toBe(false);
    expect(await a.tryLead('watcher')).toBe(false);
    expect(await b.tryLead('watcher')).toBe(true);
  });

  it('fail while the server is down, and carry on with the same store once it is back', async () => {
    const url = await pgServer.createDatabase();
    const store = await track(openJournal(url));
    expect(await store.tryLead('watcher')).toBe(true);
    await store.recordOperations([operation('before')]);
    await pgServer.down();
    try {
      await expect(store.ping()).rejects.toThrow();
      await expect(store.recordOperations([operation('during')])).rejects.toThrow();
      expect(await store.tryLead('watcher')).toBe(false);
    } finally {
      await pgServer.up();
    }
    await store.ping();
    await store.recordOperations([operation('after')]);
    expect((await store.listOperations({}, 10)).items.map((o) => o.nativeId).sort()).toEqual(['after', 'before']);
    expect(await store.tryLead('watcher')).toBe(true);
  });
});
