/**
 * The BILLmanager path end to end: the real gateway over HTTP and graphql-ws in front of the
 * BILLmanager simulator on loopback (demo provider "vps", zone Europe/Kyiv).
 *
 * Determinism: the simulator's schedules fire on its own clock, so that clock is moved to a
 * provider-local morning (06:00–08:30 Kyiv) before the simulator starts: no seeded schedule
 * (01:15–04:30, Sat 12:00, Sun 23:00) and no schedule made here (02:01) fires while the tests run,
 * not even after the session-expiry jump. Expected next runs are computed here from the zone's
 * offsets (Intl), independently of the gateway's recurrence code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import {
  AssignScheduleMutation,
  CreateScheduleMutation,
  DeleteSchedulesMutation,
  OperationUpdatedSubscription,
  ProvidersQuery,
  StartBackupMutation,
  StartRestoreMutation,
  UpdateScheduleMutation,
  VirtualMachineQuery,
  VirtualMachinesQuery,
} from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import { SimClock } from '../../src/simulators/kit/clock.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';

const ZONE = 'Europe/Kyiv';
const IDLE_MS = 10 * 60_000;
const WRONG_PASSWORD = 'wrong-zomro-Secret-77';

/** A clock at the next provider-local morning, when no schedule of these tests fires for hours. */
function quietMorningClock(): SimClock {
  const clock = new SimClock();
  const hourMinute = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  let t = Date.now();
  for (;;) {
    const [h, m] = hourMinute.format(new Date(t)).split(':').map(Number);
    if (h * 60 + m >= 6 * 60 && h * 60 + m <= 8 * 60 + 30) break;
    t += 15 * 60_000;
  }
  clock.setTo(t);
  return clock;
}

/** Offset of Europe/Kyiv from UTC at an instant, in minutes, from Intl's "GMT+02:00". */
function kyivOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The next `count` Monday–Friday 02:01 Kyiv wall times after `after`, as ISO strings. */
function expectedWeekdayRuns(after: Date, count: number): string[] {
  const runs: string[] = [];
  const local = new Date(after.getTime() + kyivOffsetMinutes(after) * 60_000); // Kyiv wall time in UTC fields
  for (let day = -1; runs.length < count; day++) {
    const date = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + day, 2, 1));
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    // 02:01 is never in a Kyiv DST gap (the switch is at 03:00/04:00), so one offset fits.
    const guess = new Date(date.getTime() - kyivOffsetMinutes(date) * 60_000);
    const instant = new Date(date.getTime() - kyivOffsetMinutes(guess) * 60_000);
    if (instant.getTime() > after.getTime()) runs.push(instant.toISOString());
  }
  return runs;
}

const globalId = (type: string, nativeId: string) => Buffer.from(`${type}:vps:${nativeId}`).toString('base64url');

describe.each(SIM_PROFILES)('BILLmanager end to end (%s profile)', (profile) => {
  let gw: TestGateway;

  beforeAll(async () => {
    gw = await startTestGateway({ profile, billmanager: { clock: quietMorningClock(), sessionIdleMs: IDLE_MS } });
  });
  afterAll(async () => {
    await gw?.close();
  });

  async function instanceByName(name: string) {
    const data = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { providerIds: ['vps'], nameContains: name } }));
    const vm = data.virtualMachines.edges.map((e) => e.node).find((n) => n.name === name);
    if (!vm) throw new Error(`no instance named ${name}`);
    return vm;
  }

  async function instance(id: string, after?: string) {
    const node = expectData(await gw.gql(VirtualMachineQuery, { id, after })).node;
    if (!node || !('schedules' in node)) throw new Error(`no VirtualMachine ${id}`);
    return node;
  }

  describe('reading BILLmanager', () => {
    it('lists the provider with its capabilities', async () => {
      const data = expectData(await gw.gql(ProvidersQuery));
      const vps = data.providers.find((p) => p.name === 'vps')!;
      expect(vps).toMatchObject({ kind: 'BILLMANAGER' });
      expect(vps.capabilities).toEqual(
        expect.arrayContaining(['PER_RESOURCE_SCHEDULES', 'CREATE_SCHEDULE', 'UPDATE_SCHEDULE', 'DELETE_SCHEDULE', 'TAKE_BACKUP', 'RESTORE', 'RETENTION_POLICY']),
      );
      expect(vps.capabilities).not.toContain('SHARED_SCHEDULES');
    });

    it('lists the instances as virtual machines with their data centre as host', async () => {
      const data = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { providerIds: ['vps'] } }));
      expect(data.virtualMachines.totalCount).toBe(12);
      const nodes = data.virtualMachines.edges.map((e) => e.node);
      expect(nodes.every((n) => n.configured && n.provider.name === 'vps')).toBe(true);
      expect(new Set(nodes.map((n) => n.host))).toEqual(new Set(['Ukraine', 'Netherlands', 'Germany']));
      const kyiv = await instance(nodes.find((n) => n.name === 'vps-kyiv-01')!.id);
      expect(kyiv).toMatchObject({ status: 'active', lastBackup: { outcome: 'SUCCESS' } });
      expect(kyiv.schedules).toHaveLength(1);
      expect(kyiv.schedules[0]).toMatchObject({ name: 'Weekdays', kind: 'BACKUP', recurrence: { timezone: ZONE, description: 'Mon–Fri at 02:01 (Europe/Kyiv)' } });
      expect(kyiv.backups.edges.some((e) => e.node.protected)).toBe(true);
    });
  });

  describe('a BILLmanager instance from schedule to backup', () => {
    it('creates a Mon–Fri 02:01 schedule, backs the instance up over graphql-ws, and deletes the schedule', async () => {
      const vm = await instanceByName('vps-ams-03');
      const before = await instance(vm.id);
      expect(before.schedules).toEqual([]);
      expect(before.nextBackupAt).toBeNull();

      const created = expectData(
        await gw.gql(CreateScheduleMutation, {
          input: { providerId: 'vps', targetId: vm.id, name: 'Weeknights', kind: 'BACKUP', weekly: { daysOfWeek: [1, 2, 3, 4, 5], times: ['02:01'] } },
        }),
      ).createSchedule;
      if (created.__typename !== 'ScheduleSuccess') throw new Error(JSON.stringify(created));
      expect(created.schedule).toMatchObject({ name: 'Weeknights', kind: 'BACKUP', recurrence: { description: 'Mon–Fri at 02:01 (Europe/Kyiv)' }, targets: [{ id: vm.id }] });

      const after = new Date();
      const seen = await instance(vm.id, after.toISOString());
      expect(seen.schedules.map((s) => s.id)).toEqual([created.schedule.id]);
      const schedule = seen.schedules[0];
      const expected = expectedWeekdayRuns(after, 3);
      expect(schedule.nextRuns.map((r) => new Date(r as string).toISOString())).toEqual(expected);
      expect(new Date(seen.nextBackupAt as string).toISOString()).toBe(expectedWeekdayRuns(new Date(), 1)[0]);
      expect(schedule.recurrence!.rrule).toContain('RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=2;BYMINUTE=1');
      // The panel's own form, as it lists it ({"$": …} or bare, seconds or not: variants).
      const native = schedule.recurrence!.native as Record<string, unknown>;
      const text = (v: unknown) => String(typeof v === 'object' && v !== null ? (v as { $: string }).$ : v);
      expect(text(native.rotation_days)).toMatch(/^Monday Tuesday Wednesday Thursday Friday\s*$/);
      expect(text(native.rotation_time)).toMatch(/^02:01(:00)?$/);
      expect(schedule.retention).toEqual({ rules: [{ unit: 'LAST', count: 3 }] });
      expect(schedule.targets).toEqual([{ id: vm.id }]);

      // Retention is the instance's backup_rotation.
      const updated = expectData(await gw.gql(UpdateScheduleMutation, { input: { id: schedule.id, retention: [{ unit: 'LAST', count: 6 }] } })).updateSchedule;
      if (updated.__typename !== 'ScheduleSuccess') throw new Error(JSON.stringify(updated));
      expect(updated.schedule.retention).toEqual({ rules: [{ unit: 'LAST', count: 6 }] });
      expect(gw.demo.simulators.billmanager.state.instances.get(vm.nativeId)!.backupRotation).toBe(6);

      // Back it up now and watch the operation over graphql-ws.
      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } })).startBackup;
      if (started.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      // RUNNING once listed Saving; QUEUED while the panel has not listed it yet (strict: a short delay).
      expect(started.operation).toMatchObject({ kind: 'BACKUP', status: expect.stringMatching(/^(RUNNING|QUEUED)$/), target: { id: vm.id } });
      const client = wsClient(gw.wsUrl);
      const stream = subscribeWs(client, OperationUpdatedSubscription, { id: started.operation.id });
      await stream.done;
      await client.dispose();
      const statuses = stream.results.map((r) => r.data?.operationUpdated.status);
      expect(statuses.at(-1)).toBe('SUCCEEDED');
      expect(statuses.slice(0, -1).every((s) => s === 'RUNNING' || s === 'QUEUED')).toBe(true);
      expect(stream.results[0].data?.operationUpdated.target?.name).toBe('vps-ams-03');

      const backedUp = await instance(vm.id);
      expect(backedUp.backups.totalCount).toBe(before.backups.totalCount + 1);
      const newest = backedUp.backups.edges[0].node;
      expect(newest).toMatchObject({ kind: 'IMAGE', status: expect.stringMatching(/^active$/i), protected: false });
      if (!started.operation.nativeId.includes('/pending:')) expect(newest.nativeId).toBe(started.operation.nativeId);
      expect(backedUp.lastBackup).toMatchObject({ outcome: 'SUCCESS', at: newest.createdAt });

      const deleted = expectData(await gw.gql(DeleteSchedulesMutation, { input: { ids: [schedule.id] } })).deleteSchedules;
      if (deleted.__typename !== 'DeleteSchedulesSuccess') throw new Error(JSON.stringify(deleted));
      expect(deleted.deletedIds).toEqual([schedule.id]);
      expect((await instance(vm.id)).schedules).toEqual([]);
    });

    it('restores an instance from a backup by rebuilding it', async () => {
      const vm = await instanceByName('vps-fra-01');
      const backup = (await instance(vm.id)).backups.edges.map((e) => e.node).find((b) => /^active$/i.test(b.status ?? ''))!;
      const started = expectData(await gw.gql(StartRestoreMutation, { input: { backupId: backup.id } })).startRestore;
      if (started.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      expect(started.operation.kind).toBe('RESTORE');
      const client = wsClient(gw.wsUrl);
      const stream = subscribeWs(client, OperationUpdatedSubscription, { id: started.operation.id });
      await stream.done;
      await client.dispose();
      // The rebuild was seen to start and end (strict: shown as "processing", after a delay).
      expect(stream.results.at(-1)?.data?.operationUpdated).toMatchObject({ kind: 'RESTORE', status: 'SUCCEEDED' });
      expect(stream.results.some((r) => r.data?.operationUpdated.status === 'RUNNING')).toBe(true);
    });
  });

  describe('BILLmanager sessions and errors', () => {
    it('logs in again transparently after the session expired', async () => {
      const sim = gw.demo.simulators.billmanager;
      await gw.gql(VirtualMachinesQuery, { first: 1, filter: { providerIds: ['vps'] } });
      const logins = () => sim.server.requests.filter((r) => r.routeKey === 'auth').length;
      const before = logins();
      sim.server.clock.advance(IDLE_MS + 60_000);
      const response = await gw.gql(VirtualMachinesQuery, { first: 100, filter: { providerIds: ['vps'] } });
      expect(response.errors).toBeUndefined();
      expect(response.data?.virtualMachines.totalCount).toBe(12);
      expect(logins() - before).toBe(1);
    });

    it('answers VALIDATION naming the field for a time of 25:00, an empty day list, several times or another zone', async () => {
      const vm = await instanceByName('vps-ams-04');
      const input = { providerId: 'vps', targetId: vm.id, name: 'bad', kind: 'BACKUP' as const };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ weekly: { daysOfWeek: [1], times: ['25:00'] } }, 'weekly.times'],
        [{ weekly: { daysOfWeek: [], times: ['02:00'] } }, 'weekly.daysOfWeek'],
        [{ native: { rotation_days: '1,2', rotation_time: '25:00' } }, 'native.rotation_time'],
        [{ native: { rotation_days: '', rotation_time: '02:00' } }, 'native.rotation_days'],
        [{ weekly: { daysOfWeek: [1], times: ['02:00', '14:00'] } }, 'weekly.times'],
        [{ weekly: { daysOfWeek: [1], times: ['02:00'] }, timezone: 'UTC' }, 'timezone'],
      ];
      for (const [extra, field] of cases) {
        const result = expectData(await gw.gql(CreateScheduleMutation, { input: { ...input, ...extra } })).createSchedule;
        expect(result, field).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION', field });
      }
      const noTarget = expectData(await gw.gql(CreateScheduleMutation, { input: { providerId: 'vps', name: 'x', kind: 'BACKUP', weekly: { daysOfWeek: [1], times: ['02:00'] } } })).createSchedule;
      expect(noTarget).toMatchObject({ __typename: 'ValidationError', field: 'targetId' });
      expect(gw.demo.simulators.billmanager.state.schedulesOf(vm.nativeId)).toEqual([]);
    });

    it('answers UNSUPPORTED_BY_PROVIDER to assigning a schedule to an instance', async () => {
      const vm = await instanceByName('vps-kyiv-01');
      const schedule = (await instance(vm.id)).schedules[0];
      const result = expectData(await gw.gql(AssignScheduleMutation, { input: { targetId: vm.id, scheduleId: schedule.id } })).assignSchedule;
      expect(result).toMatchObject({ __typename: 'UnsupportedByProviderError', code: 'UNSUPPORTED_BY_PROVIDER' });
    });

    it('answers CONFLICT to a second backup while the first is saving', async () => {
      const vm = await instanceByName('vps-fra-03');
      const first = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } })).startBackup;
      expect(first.__typename).toBe('StartOperationSuccess');
      const second = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } })).startBackup;
      expect(second).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    });

    it('answers NOT_FOUND for an unknown instance', async () => {
      const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: globalId('VirtualMachine', '999') } })).startBackup;
      expect(result).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    });
  });

  describe('BILLmanager with wrong credentials', () => {
    let bad: TestGateway;
    beforeAll(async () => {
      bad = await startTestGateway({
        profile,
        billmanager: { clock: quietMorningClock() },
        editProviders: (providers) => providers.map((p) => (p.kind === 'billmanager' ? { ...p, password: WRONG_PASSWORD } : p)),
      });
    });
    afterAll(async () => {
      await bad?.close();
    });

    it('answers the other providers and an UPSTREAM_REJECTED partial error without the password', async () => {
      const response = await bad.gql(VirtualMachinesQuery, { first: 100 });
      expect(response.data?.virtualMachines.edges.length).toBeGreaterThan(0);
      expect(response.data?.virtualMachines.edges.some((e) => e.node.provider.name === 'vps')).toBe(false);
      const error = response.errors?.find((e) => e.extensions?.provider === 'vps');
      expect(error?.extensions?.code).toBe('UPSTREAM_REJECTED');
      expect(error?.message).toContain('ops@example.com');
      expect(JSON.stringify(response)).not.toContain(WRONG_PASSWORD);
    });

    it('is DOWN in /readyz with a message saying the credentials were rejected, while the others answer', async () => {
      const response = await fetch(new URL('/readyz', bad.url));
      const text = await response.text();
      const report = JSON.parse(text) as { ready: boolean; providers: Array<{ id: string; status: string; message: string | null }> };
      expect(report.ready).toBe(true);
      const vps = report.providers.find((p) => p.id === 'vps')!;
      expect(vps.status).toBe('DOWN');
      expect(vps.message).toMatch(/credentials were rejected/);
      expect(vps.message).toContain('ops@example.com');
      expect(text).not.toContain(WRONG_PASSWORD);
      expect(report.providers.some((p) => p.id !== 'vps' && p.status === 'UP')).toBe(true);
    });
  });
});
