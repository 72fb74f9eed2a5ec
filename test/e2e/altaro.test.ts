/**
 * The Altaro path end to end: the real gateway over HTTP and WebSocket in front of the Altaro
 * simulator on loopback. Covers the foundation issue's "done when" list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  AbortOperationMutation,
  AssignBackupLocationMutation,
  AssignScheduleMutation,
  BackupLocationsQuery,
  CreateScheduleMutation,
  NodesQuery,
  OperationUpdatedSubscription,
  ProvidersQuery,
  SchedulesQuery,
  StartBackupMutation,
  StartRestoreMutation,
  UnassignBackupLocationMutation,
  UnassignScheduleMutation,
  VirtualMachineQuery,
  VirtualMachinesQuery,
} from '../support/documents.js';
import { subscribeSse, subscribeWs, wsClient } from '../support/subscribe.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';

describe.each(SIM_PROFILES)('Altaro (%s profile)', (profile) => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ profile });
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function vmByName(name: string) {
    const data = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { nameContains: name } }));
    const vm = data.virtualMachines.edges.map((e) => e.node).find((n) => n.name === name);
    if (!vm) throw new Error(`no VM named ${name}`);
    return vm;
  }

  describe('reading Altaro', () => {
    it('is served over https with a self-signed certificate in the strict profile, trusted through tls.caFile', () => {
      const hq = gw.demo.providers.find((p) => p.id === 'hq')!;
      expect(hq.baseUrl.startsWith(profile === 'strict' ? 'https://' : 'http://')).toBe(true);
      expect(hq.tls?.caFile !== undefined).toBe(profile === 'strict');
    });

    it('lists the provider with its capabilities and health', async () => {
      const data = expectData(await gw.gql(ProvidersQuery));
      expect(data.providers).toHaveLength(gw.registry.all().length);
      const hq = data.providers.filter((p) => p.name === 'hq');
      expect(hq).toHaveLength(1);
      expect(hq[0]).toMatchObject({ name: 'hq', kind: 'ALTARO', health: { status: 'UP' } });
      expect(hq[0].capabilities).toEqual(expect.arrayContaining(['TAKE_BACKUP', 'SHARED_SCHEDULES', 'ABORT_OPERATION']));
    });

    it('pages through VMs with cursors and a total count', async () => {
      const first = expectData(await gw.gql(VirtualMachinesQuery, { first: 5, filter: { providerIds: ['hq'] } }));
      expect(first.virtualMachines.totalCount).toBe(16);
      expect(first.virtualMachines.edges).toHaveLength(5);
      expect(first.virtualMachines.pageInfo.hasNextPage).toBe(true);
      const rest = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, after: first.virtualMachines.pageInfo.endCursor, filter: { providerIds: ['hq'] } }));
      expect(rest.virtualMachines.edges).toHaveLength(11);
      const names = [...first.virtualMachines.edges, ...rest.virtualMachines.edges].map((e) => e.node.name);
      expect(new Set(names).size).toBe(16);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    });

    it('filters by configured flag and name', async () => {
      const unconfigured = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { configured: false } }));
      expect(unconfigured.virtualMachines.totalCount).toBe(2);
      expect(unconfigured.virtualMachines.edges.every((e) => !e.node.configured)).toBe(true);
    });

    it('resolves VMs by global ID through node and nodes', async () => {
      const vm = await vmByName('SQL01');
      const data = expectData(await gw.gql(VirtualMachineQuery, { id: vm.id }));
      expect(data.node).toMatchObject({ __typename: 'VirtualMachine', name: 'SQL01', host: expect.any(String) });
      const nodes = expectData(await gw.gql(NodesQuery, { ids: [vm.id] }));
      expect(nodes.nodes[0]).toMatchObject({ id: vm.id, __typename: 'VirtualMachine' });
    });

    it('answers a malformed ID with VALIDATION and an unknown one with NOT_FOUND', async () => {
      const malformed = await gw.gql(VirtualMachineQuery, { id: 'not-an-id!' });
      expect(malformed.errors?.[0].extensions?.code).toBe('VALIDATION');
      const unknownVm = Buffer.from('VirtualMachine:hq:00000000-0000-0000-0000-000000000000').toString('base64url');
      const missing = await gw.gql(StartBackupMutation, { input: { targetId: unknownVm } });
      expect(missing.data?.startBackup).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
      const unknownProvider = Buffer.from('VirtualMachine:nowhere:abc').toString('base64url');
      const noProvider = await gw.gql(StartBackupMutation, { input: { targetId: unknownProvider } });
      expect(noProvider.data?.startBackup).toMatchObject({ __typename: 'NotFoundError' });
      const wrongType = await gw.gql(StartBackupMutation, { input: { targetId: Buffer.from('Schedule:hq:abc').toString('base64url') } });
      expect(wrongType.data?.startBackup).toMatchObject({ __typename: 'ValidationError', field: 'targetId' });
    });

    it('lists schedules of both kinds with their targets, and locations of both kinds', async () => {
      const schedules = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['hq'] } }));
      const kinds = new Set(schedules.schedules.edges.map((e) => e.node.kind));
      expect(kinds).toEqual(new Set(['BACKUP', 'SANDBOX_RESTORE']));
      expect(schedules.schedules.edges.every((e) => e.node.recurrence === null)).toBe(true);
      expect(schedules.schedules.edges.some((e) => e.node.targets.length > 0)).toBe(true);
      const locations = expectData(await gw.gql(BackupLocationsQuery, { filter: { providerIds: ['hq'] } }));
      expect(new Set(locations.backupLocations.map((l) => l.kind))).toEqual(new Set(['PRIMARY', 'OFFSITE']));
      const offsite = expectData(await gw.gql(BackupLocationsQuery, { filter: { kinds: ['OFFSITE'] } }));
      expect(offsite.backupLocations.every((l) => l.kind === 'OFFSITE')).toBe(true);
    });

    it('says that Altaro cannot create schedules', async () => {
      const result = await gw.gql(CreateScheduleMutation, {
        input: { providerId: 'hq', name: 'x', kind: 'BACKUP', weekly: { daysOfWeek: [1], times: ['02:00'] } },
      });
      expect(result.data?.createSchedule).toMatchObject({ __typename: 'UnsupportedByProviderError', code: 'UNSUPPORTED_BY_PROVIDER', capability: 'CREATE_SCHEDULE' });
    });
  });

  describe('assigning on Altaro', () => {
    it('assigns and unassigns a schedule', async () => {
      const schedules = expectData(await gw.gql(SchedulesQuery, { filter: { kinds: ['BACKUP'] } }));
      const vm = await vmByName('FS01');
      const before = expectData(await gw.gql(VirtualMachineQuery, { id: vm.id }));
      const onIt = new Set((before.node as { schedules: { id: string }[] }).schedules.map((s) => s.id));
      const schedule = schedules.schedules.edges.map((e) => e.node).find((s) => !onIt.has(s.id))!;

      const assigned = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: vm.id, scheduleId: schedule.id } }));
      expect(assigned.assignSchedule.__typename).toBe('AssignScheduleSuccess');
      if (assigned.assignSchedule.__typename !== 'AssignScheduleSuccess') throw new Error('unreachable');
      expect(assigned.assignSchedule.target.schedules.map((s) => s.id)).toContain(schedule.id);

      const unassigned = expectData(await gw.gql(UnassignScheduleMutation, { input: { targetId: vm.id, scheduleId: schedule.id } }));
      if (unassigned.unassignSchedule.__typename !== 'AssignScheduleSuccess') throw new Error(JSON.stringify(unassigned));
      expect(unassigned.unassignSchedule.target.schedules.map((s) => s.id)).not.toContain(schedule.id);
      // The upstream agrees.
      const upstreamVm = gw.demo.simulators.altaro.state.vms.find((v) => v.name === 'FS01')!;
      expect(upstreamVm.scheduleIds).not.toContain(Buffer.from(schedule.id, 'base64url').toString().split(':')[2]);
    });

    it('assigns and unassigns a backup location', async () => {
      const vm = await vmByName('WEB02');
      const locations = expectData(await gw.gql(BackupLocationsQuery, { filter: { kinds: ['OFFSITE'] } }));
      const offsite = locations.backupLocations[0];
      await gw.gql(UnassignBackupLocationMutation, { input: { virtualMachineId: vm.id, backupLocationId: offsite.id } });
      const assigned = expectData(await gw.gql(AssignBackupLocationMutation, { input: { virtualMachineId: vm.id, backupLocationId: offsite.id } }));
      if (assigned.assignBackupLocation.__typename !== 'AssignBackupLocationSuccess') throw new Error(JSON.stringify(assigned));
      expect(assigned.assignBackupLocation.virtualMachine.backupLocations.map((l) => l.id)).toContain(offsite.id);
      const removed = expectData(await gw.gql(UnassignBackupLocationMutation, { input: { virtualMachineId: vm.id, backupLocationId: offsite.id } }));
      if (removed.unassignBackupLocation.__typename !== 'AssignBackupLocationSuccess') throw new Error(JSON.stringify(removed));
      expect(removed.unassignBackupLocation.virtualMachine.backupLocations.map((l) => l.id)).not.toContain(offsite.id);
    });

    it('refuses to mix IDs of two providers or two types', async () => {
      const vm = await vmByName('DC01');
      const foreign = Buffer.from('Schedule:other:abc').toString('base64url');
      const result = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: vm.id, scheduleId: foreign } }));
      expect(result.assignSchedule).toMatchObject({ __typename: 'NotFoundError' });
      const wrongType = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: vm.id, scheduleId: vm.id } }));
      expect(wrongType.assignSchedule).toMatchObject({ __typename: 'ValidationError', field: 'scheduleId' });
    });
  });

  describe('operations on Altaro', () => {
    it('starts a backup and streams its progress over graphql-ws until it succeeds', async () => {
      const vm = await vmByName('DC02');
      const before = expectData(await gw.gql(VirtualMachineQuery, { id: vm.id })).node as { lastBackup: { at: string } | null; backups: { totalCount: number } };

      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      const operation = started.startBackup.operation;
      expect(operation).toMatchObject({ kind: 'BACKUP', target: { id: vm.id } });

      const client = wsClient(gw.wsUrl);
      const stream = subscribeWs(client, OperationUpdatedSubscription, { id: operation.id });
      await stream.done;
      await client.dispose();
      const statuses = stream.results.map((r) => r.data?.operationUpdated.status);
      expect(statuses.at(-1)).toBe('SUCCEEDED');
      expect(statuses).toContain('RUNNING');
      const progress = stream.results.map((r) => r.data?.operationUpdated.progress ?? 0);
      expect(progress).toEqual([...progress].sort((a, b) => a - b)); // never goes backwards
      expect(stream.results[0].data?.operationUpdated.target?.name).toBe('DC02');

      const after = expectData(await gw.gql(VirtualMachineQuery, { id: vm.id })).node as typeof before;
      expect(new Date(after.lastBackup!.at).getTime()).toBeGreaterThan(new Date(before.lastBackup?.at ?? 0).getTime());
      expect(after.backups.totalCount).toBe(before.backups.totalCount + 1);
    });

    it('streams the same over SSE', async () => {
      const vm = await vmByName('WEB01');
      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      const stream = subscribeSse(gw.url, OperationUpdatedSubscription, { id: started.startBackup.operation.id });
      await stream.done;
      expect(stream.results.at(-1)?.data?.operationUpdated.status).toBe('SUCCEEDED');
    });

    it('refuses a second backup of a VM that is backing up, as a CONFLICT', async () => {
      const vm = await vmByName('SQL02');
      const first = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      expect(first.startBackup.__typename).toBe('StartOperationSuccess');
      const second = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      expect(second.startBackup).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    });

    it('aborts a running backup', async () => {
      const vm = await vmByName('EXCH01');
      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      const aborted = expectData(await gw.gql(AbortOperationMutation, { input: { operationId: started.startBackup.operation.id } }));
      if (aborted.abortOperation.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(aborted));
      expect(aborted.abortOperation.operation.status).toBe('ABORTED');
    });

    it('restores from a backup version', async () => {
      const vm = await vmByName('DC01');
      const data = expectData(await gw.gql(VirtualMachineQuery, { id: vm.id })).node as { backups: { edges: { node: { id: string; kind: string } }[] } };
      const backup = data.backups.edges[0].node;
      expect(backup.kind).toBe('VERSION');
      const started = expectData(await gw.gql(StartRestoreMutation, { input: { backupId: backup.id, restoredName: 'DC01-clone' } }));
      if (started.startRestore.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      expect(started.startRestore.operation.kind).toBe('RESTORE');
    });

    it('follows an operation that already left operation-status by reading the reports', async () => {
      const vm = await vmByName('VC01');
      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      const altaro = gw.demo.simulators.altaro;
      altaro.server.clock.advance(60_000); // finished and past the grace period: gone from operation-status
      const client = wsClient(gw.wsUrl);
      const stream = subscribeWs(client, OperationUpdatedSubscription, { id: started.startBackup.operation.id });
      await stream.done;
      await client.dispose();
      expect(stream.results).toHaveLength(1);
      expect(stream.results[0].data?.operationUpdated.status).toBe('SUCCEEDED');
    });
  });
});
