/**
 * The CloudSigma path end to end: the real gateway over HTTP and graphql-ws in front of the
 * CloudSigma simulator on loopback (provider "zrh" of the demo). The simulator's schedulers run on
 * its clock: these tests work on drives no seeded scheduler touches (web-03-os, scratch-volume,
 * cache-01-os) and on schedules they create themselves, so scheduled runs cannot change what they
 * check. Everything runs against the simulator's default and strict profiles (its README's
 * variants table).
 */
import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  AssignScheduleMutation,
  BackupLocationsQuery,
  CreateScheduleMutation,
  DeleteSchedulesMutation,
  OperationUpdatedSubscription,
  ProvidersQuery,
  SchedulesQuery,
  StartBackupMutation,
  StartRestoreMutation,
  UnassignScheduleMutation,
  UpdateScheduleMutation,
} from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import { CLOUDSIGMA_VARIANTS } from '../../src/simulators/cloudsigma/index.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';

const CsServersQuery = graphql(`
  query CsServers($filter: VirtualMachineFilter) {
    virtualMachines(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id
          nativeId
          name
          host
          status
          configured
          disks {
            id
            nativeId
            name
            sizeBytes
            storageType
            virtualMachine {
              id
            }
            lastBackup {
              at
              outcome
            }
            schedules {
              id
              name
              kind
            }
          }
        }
      }
    }
  }
`);

const CsDiskQuery = graphql(`
  query CsDisk($id: ID!) {
    node(id: $id) {
      __typename
      ... on Disk {
        id
        name
        sizeBytes
        virtualMachine {
          id
        }
        lastBackup {
          at
          outcome
        }
        schedules {
          id
        }
        backups(first: 200) {
          totalCount
          edges {
            node {
              id
              nativeId
              kind
              status
              createdAt
              location
            }
          }
        }
      }
    }
  }
`);

const CsOperationsQuery = parse(`
  query CsOperations {
    operations(filter: { providerIds: ["zrh"] }) { id status }
  }
`) as TypedDocumentNode<{ operations: Array<{ id: string; status: string }> }, Record<string, never>>;

describe.each(SIM_PROFILES)('CloudSigma end to end (%s profile)', (profile) => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ profile });
  });
  afterAll(async () => {
    await gw?.close();
  });

  const sim = () => gw.demo.simulators.cloudsigma;
  const gid = (type: string, nativeId: string) => Buffer.from(`${type}:zrh:${nativeId}`).toString('base64url');
  const nativeOf = (id: string) => Buffer.from(id, 'base64url').toString().split(':').slice(2).join(':');
  const driveNamed = (name: string) => [...sim().state.drives.values()].find((d) => d.name === name)!;
  const writes = () => sim().server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);

  describe('reading CloudSigma', () => {
    it('lists the provider with what it can do', async () => {
      const data = expectData(await gw.gql(ProvidersQuery));
      const zrh = data.providers.find((p) => p.name === 'zrh')!;
      expect(zrh).toMatchObject({ kind: 'CLOUDSIGMA', health: { status: 'UP' } });
      expect([...zrh.capabilities].sort()).toEqual(
        ['CREATE_SCHEDULE', 'DELETE_SCHEDULE', 'RESTORE', 'RETENTION_POLICY', 'SHARED_SCHEDULES', 'TAKE_BACKUP', 'UPDATE_SCHEDULE'].sort(),
      );
    });

    it('lists servers with their drives and the drives\' schedulers', async () => {
      const data = expectData(await gw.gql(CsServersQuery, { filter: { providerIds: ['zrh'] } }));
      expect(data.virtualMachines.totalCount).toBe(sim().state.servers.size);
      const db = data.virtualMachines.edges.map((e) => e.node).find((n) => n.name === 'db-01')!;
      expect(db).toMatchObject({ host: null, status: 'running', configured: true });
      expect(db.disks.map((d) => d.name)).toEqual(['db-01-os', 'db-01-data']);
      const [os, dataDisk] = db.disks;
      expect(os).toMatchObject({ sizeBytes: 40 * 1024 ** 3, storageType: 'dssd', virtualMachine: { id: db.id }, lastBackup: { outcome: 'SUCCESS' } });
      expect(os.schedules).toEqual([{ id: expect.any(String), name: 'Son, Father, GrandFather Policy', kind: 'LOCAL_SNAPSHOT' }]);
      expect(dataDisk.schedules).toEqual([{ id: expect.any(String), name: 'Every 45 minutes', kind: 'REMOTE_SNAPSHOT' }]);
      const web3 = data.virtualMachines.edges.map((e) => e.node).find((n) => n.name === 'web-03')!;
      expect(web3.disks[0]).toMatchObject({ name: 'web-03-os', schedules: [] });
    });

    it('shows a drive attached to no server as a Disk of its own', async () => {
      const scratch = driveNamed('scratch-volume');
      const data = expectData(await gw.gql(CsDiskQuery, { id: gid('Disk', scratch.uuid) }));
      expect(data.node).toMatchObject({ __typename: 'Disk', name: 'scratch-volume', virtualMachine: null, schedules: [] });
    });

    it('lists schedulers with recurrence, retention and target drives, and the backup locations', async () => {
      const data = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['zrh'] } }));
      expect(data.schedules.totalCount).toBe(sim().state.schedulers.size);
      const gfs = data.schedules.edges.map((e) => e.node).find((s) => s.name === 'Son, Father, GrandFather Policy')!;
      const wire = sim().state.schedulers.get(gfs.nativeId)!.data;
      expect(gfs.recurrence).toEqual({
        rrule: expect.stringMatching(/^DTSTART;TZID=Etc\/GMT\+12:\d{8}T010000\nRRULE:FREQ=DAILY;BYHOUR=1;BYMINUTE=0;BYSECOND=0$/),
        timezone: 'Etc/GMT+12',
        description: 'Every day at 01:00 (Etc/GMT+12)',
        native: { incremental_backup: wire.incremental_backup, manual_incremental_backup: '', user_timezone: 'Etc/GMT+12' },
      });
      expect(gfs.retention).toEqual({
        name: 'Son, Father, GrandFather Policy',
        rules: [
          { unit: 'DAYS', count: 7, anchor: null },
          { unit: 'WEEKS', count: 4, anchor: 1 },
          { unit: 'MONTHS', count: 12, anchor: 23 },
        ],
      });
      expect(gfs.targets).toEqual([{ __typename: 'Disk', id: expect.any(String), name: 'db-01-os' }]);
      const workhours = data.schedules.edges.map((e) => e.node).find((s) => s.name === 'Weekdays Workhours Backup Policy')!;
      expect(workhours.recurrence?.description).toBe('Mon, Wed, Fri: every 12 hours between 07:00 and 19:00 — 07:00, 19:00 (Etc/UTC)');

      const locations = expectData(await gw.gql(BackupLocationsQuery, { filter: { providerIds: ['zrh'] } }));
      const byName = Object.fromEntries(locations.backupLocations.map((l) => [l.name, l]));
      expect(byName['ZRH (local snapshots)']).toMatchObject({ kind: 'LOCAL' });
      expect(byName['ZRH (local snapshots)'].virtualMachines).toHaveLength(sim().state.servers.size);
      expect(Object.keys(byName).sort()).toEqual(['TBC', 'ZRH', 'ZRH (local snapshots)']);
      expect(byName.TBC.kind).toBe('REMOTE');
      // db-02-data ("backups policy") and ci-01-os ("1st of the month backup") send there; archive-2023 is on no server.
      expect(byName.TBC.virtualMachines.map((vm) => vm.name).sort()).toEqual(['ci-01', 'db-02']);
    });
  });

  describe('a schedule from creation to deletion', () => {
    it('creates, renames, attaches, detaches, snapshots over graphql-ws, restores and deletes', async () => {
      const drive = driveNamed('web-03-os');
      const diskId = gid('Disk', drive.uuid);

      // Create: weekdays at 03:00, local snapshots, keep 7 days, from the portable form.
      const created = expectData(
        await gw.gql(CreateScheduleMutation, {
          input: {
            providerId: 'zrh',
            name: 'Weekdays 03:00',
            kind: 'LOCAL_SNAPSHOT',
            timezone: 'Europe/Zurich',
            weekly: { daysOfWeek: [1, 2, 3, 4, 5], times: ['03:00'] },
            retention: [{ unit: 'DAYS', count: 7 }],
          },
        }),
      ).createSchedule;
      if (created.__typename !== 'ScheduleSuccess') throw new Error(JSON.stringify(created));
      const schedule = created.schedule;
      expect(schedule).toMatchObject({ name: 'Weekdays 03:00', kind: 'LOCAL_SNAPSHOT', enabled: true, remoteLocation: null, targets: [] });
      expect(schedule.recurrence).toMatchObject({
        timezone: 'Europe/Zurich',
        description: 'Mon–Fri at 03:00 (Europe/Zurich)',
        native: {
          incremental_backup: expect.objectContaining({ day_of_week: ['mon', 'tue', 'wed', 'thu', 'fri'], hour: '3', minute: '0', day_of_month: '*', month: '*' }),
          user_timezone: 'Europe/Zurich',
        },
      });
      expect(schedule.retention?.rules).toEqual([{ unit: 'DAYS', count: 7, anchor: null }]);
      const upstream = sim().state.schedulers.get(schedule.nativeId)!;
      expect(upstream.data).toMatchObject({ type: 'snapshot', name: 'Weekdays 03:00', is_enabled: true, user_timezone: 'Europe/Zurich', retention_policy: { rules: [{ period: 'days', quantity: 7 }] } });

      // Rename.
      const renamed = expectData(await gw.gql(UpdateScheduleMutation, { input: { id: schedule.id, name: 'Weekdays 03:00 (web)' } })).updateSchedule;
      expect(renamed).toMatchObject({ __typename: 'ScheduleSuccess', schedule: { name: 'Weekdays 03:00 (web)', recurrence: { native: schedule.recurrence!.native } } });
      expect(upstream.data.name).toBe('Weekdays 03:00 (web)');
      expect(upstream.data.retention_policy).toMatchObject({ rules: [{ period: 'days', quantity: 7 }] });

      // Attach to a drive, then detach.
      const assigned = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: diskId, scheduleId: schedule.id } })).assignSchedule;
      if (assigned.__typename !== 'AssignScheduleSuccess') throw new Error(JSON.stringify(assigned));
      expect(assigned.target.schedules.map((s) => s.id)).toEqual([schedule.id]);
      expect(drive.backupScheduler).toBe(schedule.nativeId);
      const listed = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['zrh'] } }));
      expect(listed.schedules.edges.find((e) => e.node.id === schedule.id)!.node.targets).toEqual([{ __typename: 'Disk', id: diskId, name: 'web-03-os' }]);

      const detached = expectData(await gw.gql(UnassignScheduleMutation, { input: { targetId: diskId, scheduleId: schedule.id } })).unassignSchedule;
      if (detached.__typename !== 'AssignScheduleSuccess') throw new Error(JSON.stringify(detached));
      expect(detached.target.schedules).toEqual([]);
      expect(drive.backupScheduler).toBeNull();
      const again = expectData(await gw.gql(UnassignScheduleMutation, { input: { targetId: diskId, scheduleId: schedule.id } })).unassignSchedule;
      expect(again).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'scheduleId' });

      // Take a snapshot and watch it over graphql-ws until it succeeds.
      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: diskId } })).startBackup;
      if (started.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      expect(started.operation).toMatchObject({ kind: 'SNAPSHOT', status: 'RUNNING', target: { id: diskId } });
      const snapshotUuid = nativeOf(started.operation.id).replace(/^snap:/, '');
      expect(sim().state.snapshots.get(snapshotUuid)?.drive).toBe(drive.uuid);
      const client = wsClient(gw.wsUrl);
      try {
        const stream = subscribeWs(client, OperationUpdatedSubscription, { id: started.operation.id });
        await stream.done;
        const statuses = stream.results.map((r) => r.data?.operationUpdated.status);
        expect(statuses.at(-1)).toBe('SUCCEEDED');
        expect(statuses.slice(0, -1).every((s) => s === 'RUNNING')).toBe(true);
        expect(stream.results.at(-1)!.data!.operationUpdated).toMatchObject({ kind: 'SNAPSHOT', target: { id: diskId, name: 'web-03-os' } });
      } finally {
        await client.dispose();
      }

      // It is among the drive's backups, and the drive's last backup.
      const disk = expectData(await gw.gql(CsDiskQuery, { id: diskId })).node;
      if (disk?.__typename !== 'Disk') throw new Error('not a disk');
      const backup = disk.backups.edges.map((e) => e.node).find((b) => b.nativeId === `snap:${snapshotUuid}`)!;
      expect(backup).toMatchObject({ kind: 'LOCAL_SNAPSHOT', status: 'available', location: 'ZRH' });
      expect(disk.lastBackup).toMatchObject({ outcome: 'SUCCESS', at: backup.createdAt });

      // Restore it: a clone into a new drive, followed to the end.
      const restore = expectData(await gw.gql(StartRestoreMutation, { input: { backupId: backup.id, restoredName: 'web-03-os-restored' } })).startRestore;
      if (restore.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(restore));
      expect(restore.operation).toMatchObject({ kind: 'RESTORE', status: 'RUNNING' });
      const restoreClient = wsClient(gw.wsUrl);
      try {
        const stream = subscribeWs(restoreClient, OperationUpdatedSubscription, { id: restore.operation.id });
        await stream.done;
        expect(stream.results.at(-1)!.data!.operationUpdated).toMatchObject({ status: 'SUCCEEDED', target: { name: 'web-03-os-restored' } });
      } finally {
        await restoreClient.dispose();
      }
      expect(driveNamed('web-03-os-restored')).toMatchObject({ size: drive.size, backupScheduler: null });

      // Delete the schedule: one bulk DELETE upstream.
      sim().server.clearRequests();
      const deleted = expectData(await gw.gql(DeleteSchedulesMutation, { input: { ids: [schedule.id] } })).deleteSchedules;
      expect(deleted).toEqual({ __typename: 'DeleteSchedulesSuccess', deletedIds: [schedule.id] });
      expect(sim().state.schedulers.has(schedule.nativeId)).toBe(false);
      expect(writes()).toEqual(['DELETE /api/2.0/backupschedulers/']);
    });

    it('assigns a schedule to a server as each of its drives, and takes it off again', async () => {
      const created = expectData(
        await gw.gql(CreateScheduleMutation, {
          input: { providerId: 'zrh', name: 'Remote nightly', kind: 'REMOTE_SNAPSHOT', enabled: false, remoteLocation: 'fra', weekly: { daysOfWeek: [0, 1, 2, 3, 4, 5, 6], times: ['01:15', '13:15'] } },
        }),
      ).createSchedule;
      if (created.__typename !== 'ScheduleSuccess') throw new Error(JSON.stringify(created));
      expect(created.schedule).toMatchObject({ kind: 'REMOTE_SNAPSHOT', remoteLocation: 'FRA', recurrence: { timezone: 'Etc/UTC', description: 'Every day at 01:15, 13:15 (Etc/UTC)' } });
      expect(created.schedule.recurrence?.native).toMatchObject({ incremental_backup: { day_of_week: ['*'], hour: '1,13', minute: '15' } });
      const app = [...sim().state.servers.values()].find((s) => s.name === 'app-01')!;
      const vmId = gid('VirtualMachine', app.uuid);
      const drives = app.drives.map((slot) => sim().state.drives.get(slot.drive)!);
      expect(drives).toHaveLength(2);

      sim().server.clearRequests();
      const assigned = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: vmId, scheduleId: created.schedule.id } })).assignSchedule;
      expect(assigned.__typename).toBe('AssignScheduleSuccess');
      expect(drives.map((d) => d.backupScheduler)).toEqual([created.schedule.nativeId, created.schedule.nativeId]);
      expect(writes()).toEqual(drives.map((d) => `POST /api/2.0/drives/${d.uuid}/action/`));

      const off = expectData(await gw.gql(UnassignScheduleMutation, { input: { targetId: vmId, scheduleId: created.schedule.id } })).unassignSchedule;
      expect(off.__typename).toBe('AssignScheduleSuccess');
      expect(drives.map((d) => d.backupScheduler)).toEqual([null, null]);
      await gw.gql(DeleteSchedulesMutation, { input: { ids: [created.schedule.id] } });
    });
  });

  describe('writes whose form the contract does not give are confirmed by reading back', () => {
    const restore = () => Object.assign(sim().state.config.variants, CLOUDSIGMA_VARIANTS[profile]);
    afterEach(restore);

    it('says the schedule is off a disk only when the upstream shows it, else UPSTREAM_REJECTED and the disk keeps it', async () => {
      const drive = driveNamed('cache-01-os');
      const diskId = gid('Disk', drive.uuid);
      const schedules = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['zrh'] } })).schedules.edges.map((e) => e.node);
      const schedule = schedules.find((s) => s.name === 'Weekday 3AM Snapshot Policy')!;
      expect(expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: diskId, scheduleId: schedule.id } })).assignSchedule.__typename).toBe('AssignScheduleSuccess');

      sim().state.config.variants.unassign = 'ignored'; // every form answered 202, none clears it
      const refused = expectData(await gw.gql(UnassignScheduleMutation, { input: { targetId: diskId, scheduleId: schedule.id } })).unassignSchedule;
      expect(refused).toMatchObject({ code: 'UPSTREAM_REJECTED', message: expect.stringMatching(/still carries it/) });
      expect(drive.backupScheduler).toBe(schedule.nativeId);
      const disk = expectData(await gw.gql(CsDiskQuery, { id: diskId })).node;
      expect(disk?.__typename === 'Disk' && disk.schedules).toEqual([{ id: schedule.id }]);

      restore();
      const off = expectData(await gw.gql(UnassignScheduleMutation, { input: { targetId: diskId, scheduleId: schedule.id } })).unassignSchedule;
      expect(off.__typename).toBe('AssignScheduleSuccess');
      expect(drive.backupScheduler).toBeNull();
    });

    it('says the retention rules are gone only when the upstream shows it, else UPSTREAM_REJECTED with the rules still listed', async () => {
      const created = expectData(
        await gw.gql(CreateScheduleMutation, {
          input: { providerId: 'zrh', name: 'Retention check', kind: 'LOCAL_SNAPSHOT', enabled: false, weekly: { daysOfWeek: [1], times: ['04:00'] }, retention: [{ unit: 'DAYS', count: 3 }] },
        }),
      ).createSchedule;
      if (created.__typename !== 'ScheduleSuccess') throw new Error(JSON.stringify(created));

      sim().state.config.variants.retentionRemoval = 'ignored';
      const kept = expectData(await gw.gql(UpdateScheduleMutation, { input: { id: created.schedule.id, retention: [] } })).updateSchedule;
      expect(kept).toMatchObject({ code: 'UPSTREAM_REJECTED', message: expect.stringMatching(/kept the retention rules/) });
      const listed = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['zrh'] } })).schedules.edges.find((e) => e.node.id === created.schedule.id)!.node;
      expect(listed.retention?.rules).toEqual([{ unit: 'DAYS', count: 3, anchor: null }]);

      restore();
      const cleared = expectData(await gw.gql(UpdateScheduleMutation, { input: { id: created.schedule.id, retention: [] } })).updateSchedule;
      if (cleared.__typename !== 'ScheduleSuccess') throw new Error(JSON.stringify(cleared));
      expect(cleared.schedule.retention?.rules ?? []).toEqual([]);
      await gw.gql(DeleteSchedulesMutation, { input: { ids: [created.schedule.id] } });
    });
  });

  describe('a snapshot that never becomes available', () => {
    let quick: TestGateway;
    beforeAll(async () => {
      // A second gateway over the same simulators, waiting 1 s (not an hour) for snapshots to end.
      quick = await startTestGateway({ demo: gw.demo, editProviders: (ps) => ps.map((p) => (p.id === 'zrh' ? { ...p, pendingWaitMs: 1_000 } : p)) });
    });
    afterAll(async () => {
      await quick?.close();
      Object.assign(sim().state.config.variants, CLOUDSIGMA_VARIANTS[profile]);
    });

    it('ends its subscription as UNKNOWN with the reason, and leaves operations', async () => {
      sim().state.config.variants.snapshotOutcome = 'stuck';
      const diskId = gid('Disk', driveNamed('scratch-volume').uuid);
      const started = expectData(await quick.gql(StartBackupMutation, { input: { targetId: diskId } })).startBackup;
      if (started.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      const client = wsClient(quick.wsUrl);
      try {
        const stream = subscribeWs(client, OperationUpdatedSubscription, { id: started.operation.id });
        await stream.done;
        const last = stream.results.at(-1)!.data!.operationUpdated;
        expect(last).toMatchObject({ status: 'UNKNOWN', phase: 'creating', message: expect.stringMatching(/still "creating".*not known/), target: { id: diskId } });
        expect(stream.results.slice(0, -1).every((r) => r.data?.operationUpdated.status === 'RUNNING')).toBe(true);
      } finally {
        await client.dispose();
      }
      const listed = expectData(await quick.gql(CsOperationsQuery, {}));
      expect(listed.operations.map((o) => o.id)).not.toContain(started.operation.id);
      expect(sim().state.snapshots.get(nativeOf(started.operation.id).replace(/^snap:/, ''))).toBeDefined(); // still there upstream
    });
  });

  describe('every example scheduler of the contract round-trips through createSchedule(native)', () => {
    it('reads back the same native recurrence and retention', async () => {
      const before = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['zrh'] } })).schedules.edges.map((e) => e.node);
      const examples = before.filter((s) => !s.name.startsWith('copy of '));
      expect(examples.length).toBeGreaterThanOrEqual(13);
      const copies: string[] = [];
      for (const original of examples) {
        const result = expectData(
          await gw.gql(CreateScheduleMutation, {
            input: {
              providerId: 'zrh',
              name: `copy of ${original.name}`,
              kind: original.kind,
              enabled: original.enabled,
              native: original.recurrence!.native,
              retention: original.retention?.rules.map((r) => ({ unit: r.unit, count: r.count, anchor: r.anchor })),
              remoteLocation: original.remoteLocation,
            },
          }),
        ).createSchedule;
        if (result.__typename !== 'ScheduleSuccess') throw new Error(`${original.name}: ${JSON.stringify(result)}`);
        copies.push(result.schedule.id);
      }
      const after = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['zrh'] } })).schedules.edges.map((e) => e.node);
      for (const original of examples) {
        const copy = after.find((s) => s.name === `copy of ${original.name}`)!;
        expect(copy.recurrence!.native, original.name).toEqual(original.recurrence!.native);
        expect(copy.recurrence!.description, original.name).toBe(original.recurrence!.description);
        expect(copy.retention?.rules, original.name).toEqual(original.retention?.rules);
        expect([copy.kind, copy.enabled, copy.remoteLocation], original.name).toEqual([original.kind, original.enabled, original.remoteLocation]);
        const wire = (id: string) => sim().state.schedulers.get(id)!.data;
        expect(wire(copy.nativeId).incremental_backup, original.name).toEqual(wire(original.nativeId).incremental_backup);
      }
      sim().server.clearRequests();
      const deleted = expectData(await gw.gql(DeleteSchedulesMutation, { input: { ids: copies } })).deleteSchedules;
      expect(deleted).toMatchObject({ __typename: 'DeleteSchedulesSuccess' });
      expect(writes()).toEqual(['DELETE /api/2.0/backupschedulers/']);
      expect([...sim().state.schedulers.values()].filter((s) => String(s.data.name).startsWith('copy of '))).toEqual([]);
    });
  });

  describe('bad input gives typed errors and leaves nothing half-done upstream', () => {
    // nextRuns from a fixed instant (Sunday 2026-11-22 12:00Z), so the expected runs are fixed too.
    const create = (input: Record<string, unknown>) =>
      gw.gql(CreateScheduleMutation, {
        input: { providerId: 'zrh', name: 'bad', kind: 'LOCAL_SNAPSHOT', weekly: { daysOfWeek: [1], times: ['02:00'] }, ...input } as never,
        after: '2026-11-22T12:00:00Z',
      });

    it('creates times that are not an hours x minutes grid as manual times, and runs at exactly those', async () => {
      const created = expectData(await create({ name: 'twice a day', timezone: 'Europe/Zurich', weekly: { daysOfWeek: [1], times: ['01:00', '13:30'] } })).createSchedule;
      if (created.__typename !== 'ScheduleSuccess') throw new Error(JSON.stringify(created));
      expect(created.schedule.recurrence?.native).toMatchObject({ manual_incremental_backup: '01:00,13:30' });
      // Monday 2026-11-23 in Zurich (UTC+1): 01:00 -> 00:00Z, 13:30 -> 12:30Z; then Monday 2026-11-30.
      expect(created.schedule.nextRuns).toEqual(['2026-11-23T00:00:00.000Z', '2026-11-23T12:30:00.000Z', '2026-11-30T00:00:00.000Z', '2026-11-30T12:30:00.000Z']);
      await gw.gql(DeleteSchedulesMutation, { input: { ids: [created.schedule.id] } });
    });

    it('refuses schedules it cannot create, before or by the upstream, creating nothing', async () => {
      const count = sim().state.schedulers.size;
      sim().server.clearRequests();
      const unknownZone = expectData(await create({ timezone: 'Mars/Olympus_Mons' })).createSchedule;
      expect(unknownZone).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field: 'timezone' });
      const wrongKind = expectData(await create({ kind: 'BACKUP' })).createSchedule;
      expect(wrongKind).toMatchObject({ __typename: 'ValidationError', field: 'kind' });
      const years = expectData(await create({ retention: [{ unit: 'YEARS', count: 1 }] })).createSchedule;
      expect(years).toMatchObject({ __typename: 'ValidationError', field: 'retention[0].unit' });
      expect(writes()).toEqual([]);

      // Valid IANA, but not in CloudSigma's list: the upstream says no, and we say which field.
      const kyiv = expectData(await create({ timezone: 'Europe/Kyiv' })).createSchedule;
      expect(kyiv).toMatchObject({ __typename: 'ValidationError', field: 'timezone' });
      const badNative = expectData(
        await create({ weekly: undefined, native: { incremental_backup: { day_of_week: ['sat'], hour: '', minute: '' }, manual_incremental_backup: '25:99' } }),
      ).createSchedule;
      expect(badNative).toMatchObject({ __typename: 'ValidationError', field: 'native.manual_incremental_backup' });
      expect(sim().state.schedulers.size).toBe(count);
    });

    it('answers NOT_FOUND for a drive or a scheduler that does not exist, changing nothing', async () => {
      const drive = driveNamed('cache-01-os');
      const schedules = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['zrh'] } })).schedules.edges.map((e) => e.node);
      const existing = schedules.find((s) => s.name === 'Weekday 3AM Snapshot Policy')!;
      sim().server.clearRequests();

      const noDrive = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: gid('Disk', randomUUID()), scheduleId: existing.id } })).assignSchedule;
      expect(noDrive).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      const noScheduler = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: gid('Disk', drive.uuid), scheduleId: gid('Schedule', randomUUID()) } })).assignSchedule;
      expect(noScheduler).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      const noSnapshot = expectData(await gw.gql(StartBackupMutation, { input: { targetId: gid('Disk', randomUUID()) } })).startBackup;
      expect(noSnapshot).toMatchObject({ __typename: 'NotFoundError' });
      const deleteUnknown = expectData(await gw.gql(DeleteSchedulesMutation, { input: { ids: [existing.id, gid('Schedule', randomUUID())] } })).deleteSchedules;
      expect(deleteUnknown).toMatchObject({ __typename: 'NotFoundError' });

      expect(writes()).toEqual([]);
      expect(drive.backupScheduler).toBeNull();
      expect(sim().state.schedulers.has(existing.nativeId)).toBe(true);
    });
  });
});
