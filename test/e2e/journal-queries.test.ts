/**
 * The journal's queries over HTTP, on the test gateway's real SQLite journal: bad input gets a
 * typed VALIDATION error naming the argument (checked before the journal or any provider is
 * read); pages follow cursors newest first; days are cut in the asked zone; a missed run names
 * its live schedule; with no journal, a clear JOURNAL_UNAVAILABLE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import type { JournalOperation } from '../../src/journal/store.js';
import { ProvidersQuery, StartBackupMutation } from '../support/documents.js';
import { BackupHistoryQuery, MissedRunsQuery, OperationHistoryQuery } from '../support/journal-documents.js';
import { expectData, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

const InventoryQuery = graphql(`
  query JournalInventory {
    virtualMachines(first: 1000) {
      edges {
        node {
          id
          nativeId
          name
          provider {
            name
          }
          disks {
            id
            nativeId
          }
        }
      }
    }
    schedules(first: 1000) {
      edges {
        node {
          nativeId
          name
          provider {
            name
          }
          targets {
            __typename
            id
            nativeId
            name
          }
        }
      }
    }
  }
`);

const LiveOperationsQuery = graphql(`
  query JournalLiveOperations {
    operations {
      nativeId
      source
      startedBy
    }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

const encode = (text: string) => Buffer.from(text).toString('base64url');

function expectValidation(response: GraphQLResponse<unknown>, field: string, message: RegExp): void {
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions?.code).toBe('VALIDATION');
  expect(error.extensions?.field).toBe(field);
  expect(error.message).toMatch(message);
  expect(response.data ?? null).toBeNull();
}

describe('journal queries: bad input is a typed error naming the argument', () => {
  it.each([
    ['days 0', { days: 0 }, 'days', /days must be a whole number from 1 to 90; got 0/],
    ['days 91', { days: 91 }, 'days', /from 1 to 90; got 91/],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone', /IANA time zone.*Mars\/Olympus/],
    ['a resource ID of a schedule', { filter: { resourceIds: [encode('Schedule:hq:x')] } }, 'filter.resourceIds', /VirtualMachine or Disk/],
  ])('backupHistory with %s', async (_name, variables, field, message) => {
    expectValidation(await gw.gql(BackupHistoryQuery, variables), field, message);
  });

  it.each([
    ['from after to', { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'from', /from must not be after to/],
    ['a 93-day window', { from: '2026-01-01T00:00:00Z', to: '2026-04-04T00:00:00Z' }, 'to', /93\.0 days; at most 92 days/],
    ['a resource ID that is no ID', { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', filter: { resourceIds: ['%%%'] } }, 'filter.resourceIds', /not a valid ID/],
  ])('missedRuns with %s', async (_name, variables, field, message) => {
    expectValidation(await gw.gql(MissedRunsQuery, variables), field, message);
  });

  it.each([
    ['a cursor it never gave', { after: 'not-a-cursor' }, 'after', /not a cursor of operationHistory/],
    ['a negative page size', { first: -1 }, 'first', /first must be between 0 and 1000, got -1/],
    ['from after to', { filter: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } }, 'filter.from', /must not be after/],
    ['a target ID of a backup location', { filter: { targetIds: [encode('BackupLocation:hq:x')] } }, 'filter.targetIds', /VirtualMachine or Disk/],
  ])('operationHistory with %s', async (_name, variables, field, message) => {
    expectValidation(await gw.gql(OperationHistoryQuery, variables), field, message);
  });

  it('still answers afterwards', async () => {
    expect(expectData(await gw.gql(ProvidersQuery)).providers.length).toBeGreaterThan(0);
  });
});

async function inventory() {
  const data = expectData(await gw.gql(InventoryQuery));
  return { vms: data.virtualMachines.edges.map((e) => e.node), schedules: data.schedules.edges.map((e) => e.node) };
}

/** A finished backup as the journal holds it, started long ago so no live operation mixes in. */
function oldBackup(providerId: string, nativeId: string, startedAt: string, fields: Partial<JournalOperation> = {}): JournalOperation {
  const started = new Date(startedAt);
  const finished = new Date(started.getTime() + 90_500);
  return {
    providerId,
    nativeId,
    kind: 'BACKUP',
    status: 'SUCCEEDED',
    final: false,
    source: 'PROVIDER',
    startedAt: started,
    finishedAt: finished,
    updatedAt: finished,
    ...fields,
  };
}

describe('operationHistory over the journal', () => {
  it('pages newest first by cursor, each operation once, with source, startedBy and duration', async () => {
    const rows = ['01', '02', '03', '04', '05'].map((day, i) =>
      oldBackup('hq', `history-page-${i}`, `2001-01-${day}T02:00:00Z`, i === 3 ? { source: 'GATEWAY', startedBy: 'ops' } : {}),
    );
    await gw.journal!.store.recordOperations(rows);
    const filter = { from: '2001-01-01T00:00:00Z', to: '2001-02-01T00:00:00Z' };
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const history = expectData(await gw.gql(OperationHistoryQuery, { first: 2, after, filter })).operationHistory;
      expect(history.totalCount).toBe(5);
      seen.push(...history.edges.map((e) => e.node.nativeId));
      expect(history.pageInfo.hasNextPage).toBe(page < 2);
      after = history.edges.at(-1)?.cursor;
    }
    expect(seen).toEqual(['history-page-4', 'history-page-3', 'history-page-2', 'history-page-1', 'history-page-0']);
    const all = expectData(await gw.gql(OperationHistoryQuery, { filter })).operationHistory.edges.map((e) => e.node);
    expect(all.find((n) => n.nativeId === 'history-page-3')).toMatchObject({ status: 'SUCCEEDED', source: 'GATEWAY', startedBy: 'ops', durationSeconds: 91 });
    expect(all.find((n) => n.nativeId === 'history-page-0')).toMatchObject({ source: 'PROVIDER', startedBy: null, durationSeconds: 91 });
  });

  it("a VM's ID finds the snapshots of its disks too", async () => {
    const { vms } = await inventory();
    const server = vms.find((vm) => vm.provider.name === 'zrh' && vm.disks.length > 0)!;
    await gw.journal!.store.recordOperations([
      oldBackup('zrh', 'history-drive-snap', '2002-01-01T02:00:00Z', { kind: 'SNAPSHOT', target: { providerId: 'zrh', type: 'Disk', nativeId: server.disks[0].nativeId } }),
      oldBackup('zrh', 'history-other-snap', '2002-01-01T03:00:00Z', { kind: 'SNAPSHOT', target: { providerId: 'zrh', type: 'Disk', nativeId: 'some-other-drive' } }),
    ]);
    const filter = { from: '2002-01-01T00:00:00Z', to: '2002-01-02T00:00:00Z' };
    const byVm = expectData(await gw.gql(OperationHistoryQuery, { filter: { ...filter, targetIds: [server.id] } })).operationHistory;
    expect(byVm.edges.map((e) => e.node.nativeId)).toEqual(['history-drive-snap']);
    const byDisk = expectData(await gw.gql(OperationHistoryQuery, { filter: { ...filter, targetIds: [server.disks[0].id] } })).operationHistory;
    expect(byDisk.edges.map((e) => e.node.nativeId)).toEqual(['history-drive-snap']);
  });
});

describe('live operations', () => {
  it('show the source the journal knows: GATEWAY for a backup started here, PROVIDER for one it never saw started', async () => {
    const { vms } = await inventory();
    // The last instance: the day-matrix test below counts the first one's backups.
    const vm = vms.filter((v) => v.provider.name === 'vps').at(-1)!;
    expect(vm).not.toBe(vms.find((v) => v.provider.name === 'vps'));
    const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } })).startBackup;
    if (started.__typename !== 'StartOperationSuccess') throw new Error(`startBackup failed: ${JSON.stringify(started)}`);
    const live = expectData(await gw.gql(LiveOperationsQuery)).operations;
    expect(live.find((op) => op.nativeId === started.operation.nativeId)).toEqual({ nativeId: started.operation.nativeId, source: 'GATEWAY', startedBy: null });
    expect(live.filter((op) => op.nativeId !== started.operation.nativeId).every((op) => op.source === 'PROVIDER')).toBe(true);
  });
});

describe('backupHistory and missedRuns over the journal', () => {
  const dayIn = (instant: Date, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

  it('cuts the days in the asked zone, one row per live VM and disk, and counts a success on its day', async () => {
    const { vms } = await inventory();
    const vm = vms.find((v) => v.provider.name === 'vps')!;
    const startedAt = new Date(Date.now() - 60_000);
    await gw.journal!.store.recordOperations([
      oldBackup('vps', 'history-today', startedAt.toISOString(), { target: { providerId: 'vps', type: 'VirtualMachine', nativeId: vm.nativeId }, finishedAt: new Date(), updatedAt: new Date() }),
    ]);
    // UTC+14: most of the time its day differs from UTC's. Before and after, in case midnight passes.
    const zone = 'Pacific/Kiritimati';
    const todayBefore = dayIn(new Date(), zone);
    const history = expectData(await gw.gql(BackupHistoryQuery, { days: 7, timezone: zone })).backupHistory;
    expect(history.timezone).toBe(zone);
    expect([todayBefore, dayIn(new Date(), zone)]).toContain(history.to);
    expect(history.resources.filter((r) => r.resource.__typename === 'VirtualMachine')).toHaveLength(vms.length);
    const row = history.resources.find((r) => r.resource.name === vm.name)!;
    expect(row.days).toHaveLength(7);
    expect(row.days[0].date).toBe(history.from);
    expect(row.days.at(-1)!.date).toBe(history.to);
    expect(row.days.find((d) => d.date === dayIn(startedAt, zone))).toMatchObject({ status: 'SUCCEEDED', succeeded: 1 });
    expect(row.lastSuccessAt).not.toBeNull();
  });

  it('a missed run names its live schedule and when it was detected', async () => {
    const { schedules } = await inventory();
    const schedule = schedules.find((s) => s.provider.name === 'vps' && s.targets.length > 0)!;
    const target = schedule.targets[0];
    // Long ago: nothing the demo seeds or a backfill imports lies within the grace of it.
    const dueAt = new Date('2003-01-01T02:00:00Z');
    const resource = { providerId: 'vps', type: target.__typename as 'VirtualMachine' | 'Disk', nativeId: target.nativeId };
    await gw.journal!.store.recordDueRuns([{ providerId: 'vps', resource, scheduleId: schedule.nativeId, dueAt, seenAt: dueAt }]);
    const from = new Date(dueAt.getTime() - 60_000).toISOString();
    const to = new Date(dueAt.getTime() + 60_000).toISOString();
    const runs = expectData(await gw.gql(MissedRunsQuery, { from, to, filter: { providerIds: ['vps'] } })).missedRuns;
    expect(runs).toEqual([{ dueAt: dueAt.toISOString(), detectedAt: new Date(dueAt.getTime() + 3_600_000).toISOString(), resource: { id: target.id, name: target.name }, schedule: { name: schedule.name } }]);
  });

  it('without a journal these queries answer JOURNAL_UNAVAILABLE; the rest of the API still answers', async () => {
    const bare = await startTestGateway({ demo: gw.demo, journal: false });
    try {
      for (const response of [await bare.gql(BackupHistoryQuery, {}), await bare.gql(OperationHistoryQuery, {})]) {
        expect(response.errors?.[0].extensions?.code).toBe('JOURNAL_UNAVAILABLE');
        expect(response.errors?.[0].message).toMatch(/no journal is configured/);
      }
      expect(expectData(await bare.gql(ProvidersQuery)).providers.length).toBeGreaterThan(0);
    } finally {
      await bare.close();
    }
  });

  it('when the database goes away, these queries answer JOURNAL_UNAVAILABLE without driver detail; the rest still answers', async () => {
    const other = await startTestGateway({ demo: gw.demo });
    try {
      await other.journal!.store.close();
      for (const response of [await other.gql(BackupHistoryQuery, {}), await other.gql(OperationHistoryQuery, {})]) {
        expect(response.errors?.[0].extensions?.code).toBe('JOURNAL_UNAVAILABLE');
        expect(response.errors?.[0].message).toBe('the journal (sqlite) cannot be read right now; /readyz shows its state');
      }
      expect(expectData(await other.gql(ProvidersQuery)).providers.length).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
