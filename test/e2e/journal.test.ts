/**
 * The journal end to end, over HTTP and graphql-ws against the simulators, on SQLite and on a
 * real PostgreSQL server: history that survives a restart, operations seen upstream, missed
 * runs, and two instances sharing one journal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../src/demo.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { CreateScheduleMutation, OperationUpdatedSubscription, VirtualMachinesQuery } from '../support/documents.js';
import { BackupHistoryQuery, MissedRunsQuery, OperationHistoryQuery, OperationNodeQuery } from '../support/journal-documents.js';
import { startBackupOf } from '../support/operations.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import { waitFor } from '../support/wait.js';

let postgres: TestPostgres;
let sqliteDir: string;
const open: TestGateway[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  sqliteDir = mkdtempSync(join(tmpdir(), 'bgw-journal-e2e-'));
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(sqliteDir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

async function gateway(...args: Parameters<typeof startTestGateway>): Promise<TestGateway> {
  const g = await startTestGateway(...args);
  open.push(g);
  return g;
}

/** Follow an operation over graphql-ws until the server completes the stream; its last state. */
async function followToEnd(g: TestGateway, id: string) {
  const client = wsClient(g.wsUrl);
  const stream = subscribeWs(client, OperationUpdatedSubscription, { id });
  await stream.done;
  await client.dispose();
  return stream.results.at(-1)!.data!.operationUpdated;
}

async function vmIdOf(g: TestGateway, name: string): Promise<string> {
  const vms = expectData(await g.gql(VirtualMachinesQuery, { first: 100, filter: { nameContains: name } }));
  return vms.virtualMachines.edges.map((e) => e.node).find((n) => n.name === name)!.id;
}

const JOURNALS = [
  ['SQLite', async () => `sqlite:${join(sqliteDir, `${Math.random().toString(36).slice(2)}.db`)}`],
  ['PostgreSQL', async () => postgres.createDatabase()],
] as const;

describe.each(JOURNALS)('the journal on %s', (_name, journalUrl) => {
  it('still shows a backup started through the API after a restart, SUCCEEDED with its duration, and its day', async () => {
    const url = await journalUrl();
    const demo: Demo = await startDemo({ altaro: { operationMs: 1200, finishedGraceMs: 500 } });
    try {
      const first = await gateway({ demo, journal: { url } });
      first.demo.simulators.altaro.state.autoRunSchedules = false;
      const operation = await startBackupOf(first, 'DC02');
      expect((await followToEnd(first, operation.id)).status).toBe('SUCCEEDED');
      await first.close();
      open.splice(open.indexOf(first), 1);

      const second = await gateway({ demo, journal: { url } });
      const vmId = await vmIdOf(second, 'DC02');
      const history = expectData(await second.gql(OperationHistoryQuery, { first: 10, filter: { targetIds: [vmId] } }));
      const recorded = history.operationHistory.edges.map((e) => e.node).find((n) => n.id === operation.id);
      expect(recorded).toMatchObject({ status: 'SUCCEEDED', source: 'GATEWAY', kind: 'BACKUP', target: { name: 'DC02' } });
      expect(recorded!.durationSeconds).toBeGreaterThanOrEqual(0);
      expect(recorded!.finishedAt).not.toBeNull();
      // node(id) finds it too, although the Altaro install has long forgotten it.
      const node = expectData(await second.gql(OperationNodeQuery, { id: operation.id })).node;
      expect(node).toMatchObject({ id: operation.id, status: 'SUCCEEDED', source: 'GATEWAY' });

      const days = expectData(await second.gql(BackupHistoryQuery, { days: 1, timezone: 'UTC', filter: { resourceIds: [vmId] } }));
      expect(days.backupHistory.resources).toHaveLength(1);
      expect(days.backupHistory.resources[0].days).toMatchObject([{ status: 'SUCCEEDED' }]);
      expect(days.backupHistory.resources[0].days[0].succeeded).toBeGreaterThanOrEqual(1);
    } finally {
      await Promise.all(open.splice(0).map((g) => g.close()));
      await demo.close();
    }
  });

  it('imports the history the providers still hold on its first round, failures included', async () => {
    const g = await gateway({ journal: { url: await journalUrl() } });
    await g.server.watcher!.round();
    await g.journal!.flush();
    const exch = await vmIdOf(g, 'EXCH01');
    const failed = expectData(await g.gql(OperationHistoryQuery, { first: 10, filter: { targetIds: [exch], statuses: ['FAILED'] } }));
    expect(failed.operationHistory.edges[0]?.node).toMatchObject({ kind: 'BACKUP', status: 'FAILED', source: 'PROVIDER', target: { name: 'EXCH01' } });
    // The seeded week of nightly backups shows from the first query, on every provider.
    const week = expectData(await g.gql(BackupHistoryQuery, { days: 7, timezone: 'UTC' })).backupHistory.resources;
    for (const provider of ['hq', 'zrh', 'vps']) {
      const ofProvider = week.filter((r) => r.resource.provider.name === provider && r.days.some((d) => d.status === 'SUCCEEDED'));
      expect(ofProvider.length, provider).toBeGreaterThan(0);
    }
    expect(week.find((r) => r.resource.name === 'EXCH01')!.days.some((d) => d.failed > 0)).toBe(true);
    // Every provider's import finished, the Altaro VMs not configured for backup included.
    for (const provider of ['hq', 'zrh', 'vps']) expect(await g.journal!.store.backfilledAt(provider), provider).toBeInstanceOf(Date);
    // A second round imports nothing again: the journal remembers each provider's backfill.
    const before = failed.operationHistory.totalCount;
    await g.server.watcher!.round();
    await g.journal!.flush();
    expect(expectData(await g.gql(OperationHistoryQuery, { first: 10, filter: { targetIds: [exch], statuses: ['FAILED'] } })).operationHistory.totalCount).toBe(before);
  });

  it('records an operation started upstream, directly at the simulator, as source PROVIDER', async () => {
    const g = await gateway({ journal: { url: await journalUrl(), watchIntervalMs: 150, backfill: false } });
    const sim = g.demo.simulators.altaro;
    const started = sim.engine.startBackup(sim.state.vmByName('SQL01')!, sim.server.clock.now(), 'Schedule');
    if (!started.ok) throw new Error(started.message);
    const guid = started.operation.guid;
    let node: { source: string; kind: string } | undefined;
    for (const deadline = Date.now() + 5_000; !node && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      await g.journal!.flush();
      const history = expectData(await g.gql(OperationHistoryQuery, { first: 50 }));
      node = history.operationHistory.edges.map((e) => e.node).find((n) => n.nativeId === guid);
    }
    expect(node, 'the watcher recorded the upstream backup').toMatchObject({ source: 'PROVIDER', kind: 'BACKUP' });
  });

  it('shows MISSED for a scheduled run that did not happen, and NONE for a resource with no schedule', async () => {
    const g = await gateway({ journal: { url: await journalUrl(), backfill: false, missedGraceMinutes: 30 } });
    // vps-fra-03 and vps-ams-04 have no schedule and no backups; give vps-fra-03 a daily
    // schedule whose run was two hours ago (the simulator's clock is not moved: it never ran).
    const target = await vmIdOf(g, 'vps-fra-03');
    const idle = await vmIdOf(g, 'vps-ams-04');
    const dueAt = new Date(Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000);
    const kyiv = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(dueAt);
    const created = expectData(
      await g.gql(CreateScheduleMutation, {
        input: { providerId: 'vps', name: 'journal-missed', kind: 'BACKUP', targetId: target, timezone: 'Europe/Kyiv', weekly: { daysOfWeek: [0, 1, 2, 3, 4, 5, 6], times: [kyiv] } },
      }),
    );
    expect(created.createSchedule.__typename).toBe('ScheduleSuccess');
    // Two watcher rounds around the due time: the first as if three hours ago, the second now.
    await g.server.watcher!.round(new Date(Date.now() - 3 * 3_600_000));
    await g.server.watcher!.round(new Date());
    await g.journal!.flush();

    const from = new Date(Date.now() - 6 * 3_600_000).toISOString();
    const to = new Date().toISOString();
    const missed = expectData(await g.gql(MissedRunsQuery, { from, to, filter: { resourceIds: [target, idle] } })).missedRuns;
    expect(missed.map((m) => [m.resource.name, m.schedule?.name, m.dueAt])).toEqual([['vps-fra-03', 'journal-missed', dueAt.toISOString()]]);
    expect(new Date(missed[0].detectedAt).getTime()).toBe(dueAt.getTime() + 30 * 60_000);

    const history = expectData(await g.gql(BackupHistoryQuery, { days: 2, timezone: 'Europe/Kyiv', filter: { resourceIds: [target, idle] } }));
    const byName = Object.fromEntries(history.backupHistory.resources.map((r) => [r.resource.name, r.days]));
    const dueDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(dueAt);
    expect(byName['vps-fra-03'].find((d) => d.date === dueDay)).toMatchObject({ status: 'MISSED', missed: 1, succeeded: 0 });
    expect(byName['vps-ams-04'].map((d) => d.status)).toEqual(['NONE', 'NONE']);
  });
});

describe('two instances on one PostgreSQL journal', () => {
  it('record each operation once, and exactly one watcher leads', async () => {
    const url = await postgres.createDatabase();
    const demo = await startDemo({ altaro: { operationMs: 1200, finishedGraceMs: 500 } });
    try {
      const a = await gateway({ demo, journal: { url, watchIntervalMs: 150, backfill: false } });
      const b = await gateway({ demo, journal: { url, watchIntervalMs: 150, backfill: false } });
      demo.simulators.altaro.state.autoRunSchedules = false;
      await waitFor(() => a.server.watcher!.leading !== b.server.watcher!.leading, 'one watcher to lead');
      const operation = await startBackupOf(a, 'APP01');
      // Both follow it: a subscriber on each instance, and the leading watcher besides.
      const [onA, onB] = await Promise.all([followToEnd(a, operation.id), followToEnd(b, operation.id)]);
      expect([onA.status, onB.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
      await Promise.all([a.journal!.flush(), b.journal!.flush()]);
      const history = expectData(await b.gql(OperationHistoryQuery, { first: 100 }));
      const rows = history.operationHistory.edges.filter((e) => e.node.id === operation.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].node).toMatchObject({ status: 'SUCCEEDED', source: 'GATEWAY' });
      expect([a.server.watcher!.leading, b.server.watcher!.leading].filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all(open.splice(0).map((g) => g.close()));
      await demo.close();
    }
  });
});

describe('when the journal database goes away', () => {
  it('keeps answering from the providers, shows the journal DOWN, and catches up when it is back', async () => {
    const own = await startPostgres();
    try {
      const g = await gateway({ journal: { url: own.url } });
      g.demo.simulators.altaro.state.autoRunSchedules = false;
      await own.down();
      const operation = await startBackupOf(g, 'FS01');
      expect((await followToEnd(g, operation.id)).status).toBe('SUCCEEDED');
      await g.journal!.flush().catch(() => undefined); // fails: the database is away
      const ready = (await (await fetch(g.url.replace('/graphql', '/readyz'))).json()) as { ready: boolean; journal: { status: string; message: string } };
      expect(ready.ready).toBe(true);
      expect(ready.journal.status).toBe('DOWN');
      expect(ready.journal.message).toMatch(/cannot be written|does not answer/);

      await own.up();
      await g.journal!.flush();
      const history = expectData(await g.gql(OperationHistoryQuery, { first: 20 }));
      expect(history.operationHistory.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ id: operation.id, status: 'SUCCEEDED', source: 'GATEWAY' }));
      const again = (await (await fetch(g.url.replace('/graphql', '/readyz'))).json()) as { journal: { status: string } };
      expect(again.journal.status).toBe('UP');
    } finally {
      await Promise.all(open.splice(0).map((g) => g.close()));
      await own.stop();
    }
  });
});
