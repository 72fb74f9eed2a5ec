/**
 * The BILLmanager client and provider against the BILLmanager simulator over real HTTP on
 * loopback. Requests go through the real UpstreamHttp; a thin wrapper records what was sent and,
 * for a few tests, rewrites a request or an answer as a differently behaving panel would.
 *
 * The simulator's clock is moved to a provider-local morning (06:00–08:30 Europe/Kyiv) before it
 * starts, so no seeded schedule (01:15–04:30, 12:00 Sat, 23:00 Sun) fires during the tests.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, UpstreamRejectedError, UpstreamUnavailableError, ValidationError } from '../../src/domain/errors.js';
import { wallTimeOf } from '../../src/domain/time.js';
import { BillmanagerClient, elemsOf, origOf, scalar, type BillmanagerConnection } from '../../src/providers/billmanager/client.js';
import { parseLocalDate, parseRotationDays, parseRotationTime } from '../../src/providers/billmanager/map.js';
import { BillmanagerProvider } from '../../src/providers/billmanager/provider.js';
import type { BillmanagerWaits } from '../../src/providers/billmanager/operations.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';
import { UpstreamHttp, type UpstreamRequest, type UpstreamResponse } from '../../src/upstream/http-client.js';
import { SimClock } from '../../src/simulators/kit/clock.js';
import { startBillmanagerSimulator, type BillmanagerSimulator } from '../../src/simulators/billmanager/index.js';

const USER = 'ops@example.com';
const PASSWORD = 'zomro-demo';
const ZONE = 'Europe/Kyiv';
const IDLE_MS = 10 * 60_000;

let sim: BillmanagerSimulator;
const open: UpstreamHttp[] = [];

/** A clock at the next provider-local morning, when no seeded schedule fires for hours. */
function quietMorningClock(timeZone = ZONE): SimClock {
  const clock = new SimClock();
  let t = Date.now();
  for (;;) {
    const wall = wallTimeOf(new Date(t), timeZone);
    const minutes = wall.hour * 60 + wall.minute;
    if (minutes >= 6 * 60 && minutes <= 8 * 60 + 30) break;
    t += 15 * 60_000;
  }
  clock.setTo(t);
  return clock;
}

interface Recorder {
  http: UpstreamHttp;
  sent: Array<UpstreamRequest & { form: URLSearchParams }>;
}

type RecordOptions = { rewriteForm?: (form: URLSearchParams) => void; rewriteAnswer?: (form: URLSearchParams, text: string) => string };

/** Wrap a real UpstreamHttp's `request`: record what is sent, rewrite a request or an answer as a differently behaving panel would. */
function record(real: UpstreamHttp, options: RecordOptions = {}): Recorder['sent'] {
  const sent: Recorder['sent'] = [];
  const request = real.request.bind(real);
  real.request = async (req: UpstreamRequest): Promise<UpstreamResponse> => {
    const form = new URLSearchParams(String(req.body));
    options.rewriteForm?.(form);
    const actual = { ...req, body: form.toString() };
    sent.push({ ...actual, form });
    const response = await request(actual);
    return options.rewriteAnswer ? { ...response, text: options.rewriteAnswer(form, response.text) } : response;
  };
  return sent;
}

function client(connection: Partial<BillmanagerConnection> = {}, options: RecordOptions = {}) {
  const http = new UpstreamHttp({ providerId: 'vps', retry: { retries: 0 } });
  open.push(http);
  const sent = record(http, options);
  return { client: new BillmanagerClient({ providerId: 'vps', baseUrl: sim.baseUrl, username: USER, password: PASSWORD, ...connection }, http), sent, http };
}

/**
 * Simulated durations, long against real time: the simulator's clock also runs with the real
 * one, so on a loaded machine a short backup would end between two steps of a test. Tests jump
 * the clock instead.
 */
const BACKUP_MS = 5_000;
const RESTORE_MS = 8_000;

function provider(connection: Partial<BillmanagerConnection> = {}, options: RecordOptions = {}, waits?: Partial<BillmanagerWaits>, target = sim) {
  const created = new BillmanagerProvider({ providerId: 'vps', baseUrl: target.baseUrl, username: USER, password: PASSWORD, timezone: ZONE, upstream: { retry: { retries: 0 } }, waits, ...connection });
  const sent = record((created as unknown as { http: UpstreamHttp }).http, options);
  return { provider: created, sent };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

const vm = (nativeId: string) => ({ type: 'VirtualMachine' as const, providerId: 'vps', nativeId });
const instanceId = (name: string) => [...sim.state.instances.values()].find((i) => i.servername === name)!.id;
const authCount = () => sim.server.requests.filter((r) => r.routeKey === 'auth').length;

describe('BILLmanager wire values', () => {
  it.each([
    ['Monday Tuesday Wednesday Thursday Friday ', [1, 2, 3, 4, 5]],
    ['friday monday', [1, 5]],
    ['SUN,sat', [0, 6]],
    ['Mon, Tue, Wed.', [1, 2, 3]],
    ['Mo Th', [1, 4]],
    ['1,2,3,4,5,6,0', [0, 1, 2, 3, 4, 5, 6]],
    ['7 1', [0, 1]],
    ['Mon-Fri', [1, 2, 3, 4, 5]],
    ['Fri-Mon', [0, 1, 5, 6]],
    [[1, 3], [1, 3]],
    [{ $: 'Saturday' }, [6]],
  ])('reads rotation_days %j', (input, expected) => {
    expect(parseRotationDays(input)).toEqual(expected);
  });

  it.each(['', '   ', 'T', 'S Monday', 'Funday', '8', '1,,x'])('rejects rotation_days %j', (input) => {
    expect(parseRotationDays(input)).toBeUndefined();
  });

  it('reads rotation_time and provider-local dates', () => {
    expect(parseRotationTime('2:05')).toBe('02:05');
    expect(parseRotationTime({ $: '23:59:00' })).toBe('23:59');
    expect(parseRotationTime('24:00')).toBeUndefined();
    expect(parseLocalDate('2025-01-15 10:00:00', ZONE)).toEqual(new Date('2025-01-15T08:00:00Z'));
    expect(parseLocalDate('2025-07-15 10:00', ZONE)).toEqual(new Date('2025-07-15T07:00:00Z'));
    expect(parseLocalDate('15.07.2025 10:00:00', ZONE)).toEqual(new Date('2025-07-15T07:00:00Z'));
    expect(parseLocalDate([{ $: '2025-07-15' }], ZONE)).toEqual(new Date('2025-07-14T21:00:00Z'));
    expect(parseLocalDate('2025-07-15T10:00:00Z', ZONE)).toEqual(new Date('2025-07-15T10:00:00Z'));
    expect(parseLocalDate('soon', ZONE)).toBeUndefined();
  });
});

describe.each(SIM_PROFILES)('BILLmanager contract (%s profile)', (profile) => {
  beforeAll(async () => {
    sim = await startBillmanagerSimulator({ profile, clock: quietMorningClock(), backupMs: BACKUP_MS, restoreMs: RESTORE_MS, sessionIdleMs: IDLE_MS, schedulerTickMs: 60_000 });
  });
  afterEach(() => sim.server.faults.clear());
  afterAll(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
    await sim?.close();
  });

  describe('BILLmanager client: protocol', () => {
    it('logs in once, then posts urlencoded forms with string values, out=json, lang=en and the session', async () => {
      const { client: api, sent } = client();
      const before = authCount();
      const [a, b, c] = await Promise.all([api.call(undefined, 'instances', {}, { idempotent: true }), api.list(undefined, 'instances'), api.call(undefined, 'keepalive')]);
      expect(authCount() - before).toBe(1); // one login shared by concurrent calls
      expect(elemsOf(a)).toHaveLength(sim.variants.pageCap || 12); // one page
      expect(b.elems).toHaveLength(12);
      expect(c.ok).toEqual({});

      const login = sent[0];
      expect(login).toMatchObject({ method: 'POST', url: sim.baseUrl, label: 'auth', idempotent: false });
      expect(login.headers!['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(login.form)).toEqual({ func: 'auth', out: 'json', lang: 'en', username: USER, password: PASSWORD });
      expect(sent.every((r) => !r.url.includes(PASSWORD) && !r.url.includes('?'))).toBe(true);
      const sessionId = sent[1].form.get('auth')!;
      expect(sessionId).toMatch(/^[0-9a-f]{24}$/);
      for (const request of sent.slice(1)) {
        expect(request.form.get('auth')).toBe(sessionId);
        expect(request.form.get('out')).toBe('json');
        expect(request.form.get('lang')).toBe('en');
        expect(request.form.has('password')).toBe(false);
      }
      expect(sent.find((r) => r.label === 'instances' && r.form.has('p_num'))).toMatchObject({ idempotent: true });
    });

    it('logs in again once when the session expired, and repeats the call transparently', async () => {
      const { client: api, sent } = client();
      await api.call(undefined, 'keepalive');
      const before = authCount();
      sim.server.clock.advance(IDLE_MS + 1_000);
      const doc = await api.call(undefined, 'instances', {}, { idempotent: true });
      expect(elemsOf(doc)).toHaveLength(sim.variants.pageCap || 12);
      expect(authCount() - before).toBe(1);
      // `access` and "Insufficient privileges" are told from an unknown id or a real lack of rights by keepalive (§2.4, §8).
      expect(sent.map((r) => r.label).slice(0, 6)).toEqual(['auth', 'keepalive', 'instances', 'keepalive', 'auth', 'instances']);

      // The kit's fault: the panel forgets the session once.
      sim.server.faults.set({ routes: { 'instances.fleio_bckps': { expireSessions: true, times: 1 } } });
      const backups = await api.list(undefined, 'instances.fleio_bckps', { elid: instanceId('vps-kyiv-01') });
      expect(backups.elems.length).toBeGreaterThan(0);
      expect(authCount() - before).toBe(2);
    });

    it('asks keepalive once, and logs in once, for many reads that meet one expired session', async () => {
      const { client: api } = client();
      await api.call(undefined, 'keepalive');
      sim.server.clock.advance(IDLE_MS + 1_000);
      const keepalives = () => sim.server.requests.filter((r) => r.routeKey === 'keepalive').length;
      const [authBefore, keepalivesBefore] = [authCount(), keepalives()];
      const ids = [...sim.state.instances.keys()];
      // Slow answers: the reads are all on the wire, and meet the dead session, together.
      sim.server.faults.set({ global: { latencyMs: 30 } });
      const lists = await Promise.all(ids.map((elid) => api.list(undefined, 'instances.fleio_bckps.schedule', { elid })));
      expect(lists.map((l) => l.elems.length)).toEqual(ids.map((id) => sim.state.schedulesOf(id).length));
      expect([authCount() - authBefore, keepalives() - keepalivesBefore]).toEqual([1, 1]);
    });

    it('gives up after one re-login, without the password or a session id in the message', async () => {
      const { client: api, sent } = client();
      sim.server.faults.set({ global: { expireSessions: true } });
      const error = await failure(api.call(undefined, 'instances', {}, { idempotent: true }));
      expect(error).toBeInstanceOf(UpstreamRejectedError);
      expect(error.message).toMatch(/fresh login/);
      expect(error.message).toContain(USER);
      expect(sent.filter((r) => r.label === 'auth')).toHaveLength(2);
      for (const id of sent.map((r) => r.form.get('auth')).filter(Boolean)) expect(error.message).not.toContain(id);
      expect(error.message).not.toContain(PASSWORD);
    });

    it('names the user, never the password, when the login is refused', async () => {
      const { client: api } = client({ password: 'hunter2-very-secret' });
      const error = await failure(api.call(undefined, 'instances', {}, { idempotent: true }));
      expect(error).toBeInstanceOf(UpstreamRejectedError);
      expect(error.message).toBe(`provider "vps" refused the login of user "${USER}" (the credentials were rejected): Invalid username or password`);
    });

    it('maps doc.error to typed errors', async () => {
      const { client: api } = client();
      // Only `$type=missed` says "not found" by itself; the provider confirms other forms by the instance list.
      const missing = await failure(api.call(undefined, 'instances.fleio_bckps', { elid: '999' }, { idempotent: true }));
      expect(missing).toBeInstanceOf(sim.variants.notFound === 'missed' ? NotFoundError : UpstreamRejectedError);

      const unknownFunc = await failure(api.call(undefined, 'instances.teleport'));
      expect(unknownFunc).toBeInstanceOf(UpstreamRejectedError);
      expect(unknownFunc.message).toMatch(/does not offer the function instances\.teleport/);

      const badTime = await failure(
        api.call(undefined, 'instances.fleio_bckps.schedule.edit', { sok: 'ok', plid: instanceId('vps-ams-03'), name: 'x', rotation_days: '1', rotation_time: '25:00' }),
      );
      expect(badTime).toBeInstanceOf(ValidationError);
      expect((badTime as ValidationError).field).toBe('rotation_time');

      const id = instanceId('vps-fra-03');
      await api.call(undefined, 'instances.fleio_bckps.edit', { sok: 'ok', plid: id, name: 'contract-1' });
      const busy = await failure(api.call(undefined, 'instances.fleio_bckps.edit', { sok: 'ok', plid: id, name: 'contract-2' }));
      expect(busy).toBeInstanceOf(ConflictError);
      expect(busy.message).toMatch(/another operation is running/);
      sim.server.clock.advance(BACKUP_MS + 100);

      sim.server.faults.set({ routes: { instances: { status: 503, times: 1 } } });
      expect(await failure(api.call(undefined, 'instances', {}, { idempotent: true }))).toBeInstanceOf(UpstreamUnavailableError);
      sim.server.faults.set({ routes: { instances: { malformedBody: true, times: 1 } } });
      expect(await failure(api.call(undefined, 'instances', {}, { idempotent: true }))).toBeInstanceOf(UpstreamUnavailableError);
    });

    it('reads every page, following p_elems, even when the panel caps its pages', async () => {
      const capped = client({}, {
        rewriteForm: (form) => {
          if (form.has('p_cnt')) form.set('p_cnt', '5');
        },
      });
      const { elems } = await capped.client.list(undefined, 'instances');
      expect(new Set(elems.map((e) => scalar(e.id))).size).toBe(12);
      expect(capped.sent.filter((r) => r.label === 'instances').map((r) => r.form.get('p_num'))).toEqual(['1', '2', '3']);
    });

    it('refuses to return a list silently cut short when the panel ignores p_num', async () => {
      const stuck = client({}, {
        rewriteForm: (form) => {
          if (form.has('p_cnt')) (form.set('p_cnt', '5'), form.set('p_num', '1'));
        },
      });
      const error = await failure(stuck.client.list(undefined, 'instances'));
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect(error.message).toMatch(/incomplete/);
    });

    it('unwraps $ scalars, $orig, empty elements, repeated fields and absent elem', () => {
      expect(scalar({ $: '5' })).toBe('5');
      expect(scalar({})).toBe('');
      expect(scalar(undefined)).toBe('');
      expect(scalar([{}, { $: '2024-07-03 16:20:21' }])).toBe('2024-07-03 16:20:21');
      expect(origOf({ $orig: 'on', $: 'Yes' })).toBe('on');
      expect(origOf({ $: 'off' })).toBe('off');
      expect(elemsOf({})).toEqual([]);
      expect(elemsOf({ elem: { id: { $: '1' } } })).toEqual([{ id: { $: '1' } }]);
    });
  });

  describe('BILLmanager provider against the simulator', () => {
    it('maps instances, schedules and backups', async () => {
      const { provider: p } = provider();
      const [vms, schedules] = await Promise.all([p.listVirtualMachines(), p.listSchedules()]);
      expect(vms).toHaveLength(12);
      const kyiv = vms.find((v) => v.name === 'vps-kyiv-01')!;
      expect(kyiv).toMatchObject({ nativeId: '5203761', host: 'Ukraine', configured: true, status: 'active', lastBackup: { outcome: 'SUCCESS' } });
      const weekdays = schedules.find((s) => s.targets?.[0].nativeId === kyiv.nativeId)!;
      expect(weekdays).toMatchObject({
        name: 'Weekdays',
        kind: 'BACKUP',
        enabled: true,
        recurrence: { timezone: ZONE, description: 'Mon–Fri at 02:01 (Europe/Kyiv)', rule: { kind: 'weekly', daysOfWeek: [1, 2, 3, 4, 5], times: ['02:01'] } },
        retention: { rules: [{ unit: 'LAST', count: 5 }] },
        targets: [vm(kyiv.nativeId)],
      });
      expect(scalar((weekdays.recurrence!.native as Record<string, unknown>).rotation_days).trim()).toBe('Monday Tuesday Wednesday Thursday Friday');
      const wall = wallTimeOf(kyiv.nextBackupAt!, ZONE);
      expect([wall.hour, wall.minute]).toEqual([2, 1]);
      expect(kyiv.nextBackupAt!.getTime()).toBeGreaterThan(Date.now());
      expect(vms.find((v) => v.name === 'vps-ams-03')!.nextBackupAt).toBeUndefined();
      expect(schedules).toHaveLength(sim.state.schedules.size);
      expect(await p.scheduleTargets()).toEqual(new Map(schedules.map((s) => [s.nativeId, s.targets])));

      const backups = await p.listBackups(vm(kyiv.nativeId));
      expect(backups.length).toBe(sim.state.backupsOf(kyiv.nativeId).length);
      const manual = backups.find((b) => sim.state.backups.get(b.nativeId.split('/')[1])!.name === 'before-upgrade')!;
      const record = sim.state.backups.get(manual.nativeId.split('/')[1])!;
      expect(manual).toMatchObject({ kind: 'IMAGE', status: expect.stringMatching(/^active$/i), protected: true, resource: vm(kyiv.nativeId), createdAt: new Date(Math.floor(record.createdAt / 1000) * 1000) });
      expect(backups.map((b) => b.createdAt!.getTime())).toEqual([...backups.map((b) => b.createdAt!.getTime())].sort((a, b) => b - a));
      expect(await p.getBackup(manual.nativeId)).toEqual(manual);
      expect(await p.getBackup(`${kyiv.nativeId}/1`)).toBeUndefined();
      expect(await p.getBackup('999/1')).toBeUndefined();
      await p.close();
    });

    it('creates, updates and deletes a schedule, native or portable, with the instance rotation as retention', async () => {
      const { provider: p, sent } = provider();
      const target = instanceId('vps-ams-03');
      const created = await p.createSchedule({
        target: vm(target),
        name: 'Contract',
        kind: 'BACKUP',
        native: { rotation_days: 'mon, TUE, wed', rotation_time: '3:05' },
        retention: [{ unit: 'LAST', count: 4 }],
        enabled: true,
      });
      const record = sim.state.schedules.get(created.nativeId)!;
      expect(record).toMatchObject({ instanceId: target, name: 'Contract', days: [1, 2, 3], time: '03:05' });
      expect(sim.state.instances.get(target)!.backupRotation).toBe(4);
      expect(created).toMatchObject({ recurrence: { rule: { daysOfWeek: [1, 2, 3], times: ['03:05'] } }, retention: { rules: [{ unit: 'LAST', count: 4 }] }, targets: [vm(target)] });
      const createCall = sent.find((r) => r.label === 'instances.fleio_bckps.schedule.edit')!;
      expect(Object.fromEntries(createCall.form)).toMatchObject({ sok: 'ok', plid: target, name: 'Contract', rotation_days: '1,2,3', rotation_time: '03:05' });
      expect(createCall.idempotent).toBe(false);

      const updated = await p.updateSchedule(created.nativeId, { weekly: { daysOfWeek: [6, 0], times: ['22:30'] }, retention: [{ unit: 'LAST', count: 2 }] });
      expect(sim.state.schedules.get(created.nativeId)).toMatchObject({ name: 'Contract', days: [0, 6], time: '22:30' });
      expect(sim.state.instances.get(target)!.backupRotation).toBe(2);
      expect(updated.recurrence!.description).toBe('Sat, Sun at 22:30 (Europe/Kyiv)');
      const renamed = await p.updateSchedule(created.nativeId, { name: 'Renamed', timezone: ZONE });
      expect(renamed).toMatchObject({ name: 'Renamed', recurrence: { rule: { daysOfWeek: [0, 6], times: ['22:30'] } } });

      expect(await p.deleteSchedules([created.nativeId])).toEqual([created.nativeId]);
      expect(sim.state.schedules.has(created.nativeId)).toBe(false);
      expect(await failure(p.updateSchedule(created.nativeId, { name: 'gone' }))).toBeInstanceOf(NotFoundError);
      await p.close();
    });

    it('finds a schedule it never listed by scanning the instances', async () => {
      const { provider: p } = provider();
      const target = instanceId('vps-fra-03');
      const record = sim.state.addSchedule({ instanceId: target, name: 'Made elsewhere', days: [2], time: '05:00', at: sim.server.clock.now() });
      const updated = await p.updateSchedule(record.id, { native: { rotation_time: '05:30' } });
      expect(updated).toMatchObject({ nativeId: record.id, name: 'Made elsewhere', targets: [vm(target)], recurrence: { rule: { daysOfWeek: [2], times: ['05:30'] } } });
      await p.deleteSchedules([record.id]);
      await p.close();
    });

    it('validates what BILLmanager cannot take, before sending anything', async () => {
      const { provider: p, sent } = provider();
      const target = vm(instanceId('vps-ams-04'));
      const base = { target, name: 'x', kind: 'BACKUP' as const, weekly: { daysOfWeek: [1], times: ['02:00'] }, enabled: true };
      const cases: Array<[Parameters<BillmanagerProvider['createSchedule']>[0], string]> = [
        [{ ...base, target: undefined }, 'targetId'],
        [{ ...base, kind: 'LOCAL_SNAPSHOT' }, 'kind'],
        [{ ...base, weekly: { daysOfWeek: [1], times: ['02:00', '14:00'] } }, 'weekly.times'],
        [{ ...base, weekly: { daysOfWeek: [1], times: ['25:00'] } }, 'weekly.times'],
        [{ ...base, weekly: { daysOfWeek: [], times: ['02:00'] } }, 'weekly.daysOfWeek'],
        [{ ...base, timezone: 'UTC' }, 'timezone'],
        [{ ...base, enabled: false }, 'enabled'],
        [{ ...base, weekly: undefined }, 'weekly'],
        [{ ...base, weekly: undefined, native: { rotation_days: 'Funday', rotation_time: '02:00' } }, 'native.rotation_days'],
        [{ ...base, weekly: undefined, native: { rotation_days: '1', rotation_time: '25:00' } }, 'native.rotation_time'],
        [{ ...base, weekly: undefined, native: { rotation_days: '1' } }, 'native.rotation_time'],
        [{ ...base, weekly: undefined, native: { rotation_days: '1', rotation_time: '02:00', every: 'day' } }, 'native'],
        [{ ...base, retention: [{ unit: 'DAYS', count: 3 }] }, 'retention'],
        [{ ...base, retention: [{ unit: 'LAST', count: 3 }, { unit: 'LAST', count: 4 }] }, 'retention'],
        [{ ...base, retention: [{ unit: 'LAST', count: 11 }] }, 'retention[0].count'],
        [{ ...base, name: 'n'.repeat(101) }, 'name'],
      ];
      for (const [draft, field] of cases) {
        const error = await failure(p.createSchedule(draft));
        expect(error, field).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toBe(field);
      }
      expect(sent).toEqual([]);
      expect((await failure(p.createSchedule({ ...base, timezone: 'UTC' }))).message).toMatch(/evaluates schedules in its own zone \(Europe\/Kyiv\)/);
      expect(await failure(p.createSchedule({ ...base, target: vm('999') }))).toBeInstanceOf(NotFoundError);
      await p.close();
    });

    it('backs an instance up: RUNNING while Saving, SUCCEEDED once Active; a second one is a CONFLICT', async () => {
      const { provider: p, sent } = provider();
      const target = instanceId('vps-fra-04');
      const op = await p.startBackup(vm(target));
      const created = sim.state.backupsOf(target).find((b) => b.status === 'Saving')!;
      const again = await failure(p.startBackup(vm(target)));
      expect(again).toBeInstanceOf(ConflictError);
      expect(sent.filter((r) => r.label === 'instances.fleio_bckps.edit')).toHaveLength(2);
      if (sim.variants.backupListedAfterMs === 0) {
        expect(op).toMatchObject({ kind: 'BACKUP', status: 'RUNNING', phase: 'Saving', nativeId: `${target}/${created.id}`, target: vm(target) });
      } else {
        // Not listed yet and no id in the answer: followed by its name until the panel lists it.
        expect(op).toMatchObject({ kind: 'BACKUP', status: 'QUEUED', nativeId: expect.stringContaining(`${target}/pending:`), target: vm(target) });
        sim.server.clock.advance(sim.variants.backupListedAfterMs);
        expect(await p.getOperation(op.nativeId)).toMatchObject({ status: 'RUNNING', phase: 'saving' });
      }
      expect(created.name).toMatch(/^gateway backup \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(sent.filter((r) => r.label === 'instances.fleio_bckps.edit').map((r) => r.idempotent)).toEqual([false, false]);
      expect((await p.listOperations()).map((o) => o.nativeId)).toContain(op.nativeId);
      expect((await p.listVirtualMachines()).find((v) => v.nativeId === target)!.status).toBe('image_uploading');
      expect(p.memorySizes.watched).toBe(1);

      sim.server.clock.advance(BACKUP_MS + 100);
      expect(await p.getOperation(op.nativeId)).toMatchObject({ status: 'SUCCEEDED', phase: expect.stringMatching(/^active$/i), finishedAt: expect.any(Date) });
      expect(p.memorySizes).toMatchObject({ watched: 0, finished: 1 });
      expect(await p.getBackup(`${target}/${created.id}`)).toMatchObject({ status: expect.stringMatching(/^active$/i), kind: 'IMAGE' });
      expect((await p.listOperations()).map((o) => o.nativeId)).not.toContain(op.nativeId);
      await p.close();
    });

    it('finds the new backup by diffing the list when the answer carries no id', async () => {
      const { provider: p } = provider({}, {
        rewriteAnswer: (form, text) => {
          if (form.get('func') !== 'instances.fleio_bckps.edit') return text;
          const body = JSON.parse(text);
          delete body.doc.id;
          return JSON.stringify(body);
        },
      });
      const target = instanceId('vps-kyiv-02');
      const op = await p.startBackup(vm(target));
      const created = sim.state.backupsOf(target).find((b) => b.status === 'Saving')!;
      if (sim.variants.backupListedAfterMs === 0) expect(op.nativeId).toBe(`${target}/${created.id}`);
      sim.server.clock.advance(BACKUP_MS + 100);
      expect(await p.getOperation(op.nativeId)).toMatchObject({ status: 'SUCCEEDED', message: created.name });
      await p.close();
    });

    it('restores by rebuilding the instance, tracked through its status, the password kept secret', async () => {
      const { provider: p, sent } = provider();
      const target = instanceId('vps-ams-01');
      const backup = (await p.listBackups(vm(target))).find((b) => /^active$/i.test(b.status ?? ''))!;
      expect(await failure(p.startRestore(backup, { sandbox: false, restoredName: 'copy' }))).toBeInstanceOf(ValidationError);
      const op = await p.startRestore(backup, { sandbox: false });
      const { rebuildStatus, rebuildShownAfterMs } = sim.variants;
      expect(op).toMatchObject({ kind: 'RESTORE', status: rebuildShownAfterMs === 0 ? 'RUNNING' : 'QUEUED', target: vm(target) });
      const rebuild = sent.find((r) => r.label === 'instances.fleio.rebuild')!;
      const record = sim.state.backups.get(backup.nativeId.split('/')[1])!;
      expect(Object.fromEntries(rebuild.form)).toMatchObject({ elid: target, sok: 'ok', zone: 'own', select_rebuild: record.fleioId, enablessh: 'off' });
      expect(rebuild.form.get('password')).toMatch(/^[\x21-\x7e]{8,48}$/);
      expect(rebuild.idempotent).toBe(false);
      expect((await p.listOperations()).find((o) => o.kind === 'RESTORE')).toMatchObject({ nativeId: op.nativeId });

      // A backup during the rebuild is refused as a conflict.
      expect(await failure(p.startBackup(vm(target)))).toBeInstanceOf(ConflictError);
      sim.server.clock.advance(rebuildShownAfterMs);
      expect(await p.getOperation(op.nativeId)).toMatchObject({ status: 'RUNNING', phase: rebuildStatus });
      sim.server.clock.advance(RESTORE_MS);
      expect(await p.getOperation(op.nativeId)).toMatchObject({ status: 'SUCCEEDED' });
      expect(sim.state.instances.get(target)!.lastRestore).toMatchObject({ backupId: record.id });
      expect(await failure(p.startRestore(backup, { sandbox: true }))).toMatchObject({ code: 'UNSUPPORTED_BY_PROVIDER' });
      await p.close();
    });

    it('probes with an authenticated read and reports a refused login as DOWN', async () => {
      const config = { providerId: 'vps', baseUrl: sim.baseUrl, username: USER, password: PASSWORD, timezone: ZONE, upstream: { retry: { retries: 0 } } };
      const good = new BillmanagerProvider(config);
      expect(good.health().status).toBe('UNKNOWN');
      expect((await good.probe()).status).toBe('UP');
      const bad = new BillmanagerProvider({ ...config, password: 'nope-wrong-pass' });
      const health = await bad.probe();
      expect(health.status).toBe('DOWN');
      expect(health.message).toContain(USER);
      expect(health.message).not.toContain('nope-wrong-pass');
      await good.close();
      await bad.close();
    });
  });
});

describe.each(['missed', 'access', 'message', 'empty'] as const)('BILLmanager provider, an unknown id answered as "%s"', (notFound) => {
  let own: BillmanagerSimulator;
  beforeAll(async () => {
    own = await startBillmanagerSimulator({ variants: { notFound }, clock: quietMorningClock(), schedulerTickMs: 60_000 });
  });
  afterAll(async () => {
    await own?.close();
  });

  it('tells an unknown instance, backup or schedule apart from an upstream failure, and changes nothing', async () => {
    const { provider: p } = provider({ baseUrl: own.baseUrl }, {}, undefined, own);
    const schedulesBefore = own.state.schedules.size;
    const backupsBefore = own.state.backups.size;
    expect(await p.getBackup('999/1')).toBeUndefined();
    expect(await p.getOperation('999/1')).toBeUndefined();
    expect(await p.getOperation('999/rebuild@1')).toBeUndefined();
    expect(await p.listBackups(vm('999'))).toEqual([]);
    expect(await failure(p.startBackup(vm('999')))).toBeInstanceOf(NotFoundError);
    const draft = { target: vm('999'), name: 'x', kind: 'BACKUP' as const, weekly: { daysOfWeek: [1], times: ['02:00'] }, enabled: true };
    expect(await failure(p.createSchedule(draft))).toBeInstanceOf(NotFoundError);
    expect(await failure(p.deleteSchedules(['424242']))).toBeInstanceOf(NotFoundError);
    expect(await failure(p.updateSchedule('424242', { name: 'y' }))).toBeInstanceOf(NotFoundError);
    // A real instance without that backup: not found either, and the instance is still there.
    const kyiv = [...own.state.instances.values()].find((i) => i.servername === 'vps-kyiv-01')!.id;
    expect(await p.getBackup(`${kyiv}/1`)).toBeUndefined();
    expect((await p.listBackups(vm(kyiv))).length).toBe(own.state.backupsOf(kyiv).length);
    expect([own.state.schedules.size, own.state.backups.size]).toEqual([schedulesBefore, backupsBefore]);
    await p.close();
  });
});

describe('BILLmanager provider: bounded memory and bounded waits', () => {
  let own: BillmanagerSimulator;
  beforeAll(async () => {
    own = await startBillmanagerSimulator({ profile: 'strict', clock: quietMorningClock(), backupMs: 100, restoreMs: 100, manualBackupsPerDay: 0, sessionIdleMs: IDLE_MS, schedulerTickMs: 60_000 });
  });
  afterAll(async () => {
    await own?.close();
  });

  it('forgets every operation once it is over, and keeps at most 1000 of anything', async () => {
    const { provider: p } = provider({ baseUrl: own.baseUrl }, {}, { restoreStartMs: 0 }, own);
    const ids = [...own.state.instances.keys()];
    const ops: string[] = [];
    for (let round = 0; round < 4; round++) {
      const started = await Promise.all(ids.map((id) => p.startBackup(vm(id))));
      ops.push(...started.map((op) => op.nativeId));
      own.server.clock.advance(1_000);
      for (const op of started) expect(await p.getOperation(op.nativeId)).toMatchObject({ status: 'SUCCEEDED' });
      own.server.clock.advance(IDLE_MS + 1_000); // a new session every round
    }
    expect(ops).toHaveLength(48);
    expect(p.memorySizes).toMatchObject({ watched: 0, finished: 48 });
    expect(p.memorySizes.sessionIds).toBeLessThanOrEqual(8);

    // Ids of operations nobody confirms (e.g. from before a restart): followed, then over, within bounds.
    const instance = ids[0];
    for (let i = 0; i < 1_100; i++) await p.getOperation(`${instance}/rebuild@${i}`);
    expect(p.memorySizes.watched).toBe(0);
    expect(p.memorySizes.finished).toBeLessThanOrEqual(1_000);
    expect(await p.getOperation(`${instance}/rebuild@5`)).toMatchObject({ status: 'UNKNOWN', final: true, message: expect.stringMatching(/never showed it/) });
    await p.close();
  });

  it('ends a backup the panel never lists as UNKNOWN and final, saying so', async () => {
    const { provider: p } = provider({ baseUrl: own.baseUrl }, {}, { backupListedMs: 200 }, own);
    own.variants.backupListedAfterMs = 3_600_000;
    try {
      const target = [...own.state.instances.keys()][1];
      const op = await p.startBackup(vm(target));
      expect(op).toMatchObject({ status: 'QUEUED', message: expect.stringMatching(/waiting for the provider to list/) });
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await p.getOperation(op.nativeId)).toMatchObject({ status: 'UNKNOWN', final: true, message: expect.stringMatching(/did not list it within 200 ms/) });
    } finally {
      own.variants.backupListedAfterMs = 300;
    }
    await p.close();
  });
});
