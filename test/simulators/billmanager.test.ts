import { afterEach, describe, expect, it } from 'vitest';
import {
  firings,
  parseRotationDays,
  startBillmanagerSimulator,
  type BillmanagerSimulator,
  type BillmanagerSimulatorOptions,
} from '../../src/simulators/billmanager/index.js';
import { zonedParts } from '../../src/simulators/billmanager/zone.js';
import { SimClock } from '../../src/simulators/kit/clock.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';

const USER = 'ops@example.com';
const PASSWORD = 'zomro-demo';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Doc = Record<string, any>;
type Encoding = 'urlencoded' | 'multipart' | 'get';

let sim: BillmanagerSimulator | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: BillmanagerSimulatorOptions = {}): Promise<BillmanagerSimulator> {
  sim = await startBillmanagerSimulator({ backupMs: 5_000, restoreMs: 8_000, schedulerTickMs: 60_000, ...options });
  return sim;
}

async function raw(params: Record<string, string | string[]>, encoding: Encoding = 'urlencoded', url = sim!.baseUrl): Promise<Response> {
  const entries = Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
  if (encoding === 'get') return fetch(`${url}?${new URLSearchParams(entries)}`);
  if (encoding === 'multipart') {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    return fetch(url, { method: 'POST', body: form });
  }
  return fetch(url, { method: 'POST', body: new URLSearchParams(entries) });
}

async function call(params: Record<string, string | string[]>, encoding: Encoding = 'urlencoded'): Promise<Doc> {
  const res = await raw({ out: 'json', ...params }, encoding);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { doc: Doc };
  return body.doc;
}

async function login(): Promise<string> {
  const doc = await call({ func: 'auth', username: USER, password: PASSWORD });
  return doc.auth.$id as string;
}

const elems = (doc: Doc): Doc[] => doc.elem ?? [];
const authinfo = `${USER}:${PASSWORD}`;

describe('authentication', () => {
  it('logs in with the right password and rejects a wrong one without echoing it', async () => {
    await start();
    const ok = await call({ func: 'auth', username: USER, password: PASSWORD });
    expect(ok.auth.$id).toMatch(/^[0-9a-f]{24}$/);
    expect(ok.auth.$).toBe(ok.auth.$id);
    expect(ok.error).toBeUndefined();

    const res = await raw({ func: 'auth', username: USER, password: 'hunter2-wrong', out: 'json' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('hunter2-wrong');
    const { error } = JSON.parse(text).doc;
    expect(error.$type).toBe('auth');
    expect(error.$object).toBe('badpassword');
    expect(error.msg.$).toBe('Invalid username or password');
  });

  it('expires a session after sessionIdleMs of inactivity on the simulated clock', async () => {
    await start({ sessionIdleMs: HOUR });
    const auth = await login();
    expect((await call({ func: 'keepalive', auth })).error).toBeUndefined();
    sim!.server.clock.advance(59 * MINUTE);
    expect((await call({ func: 'keepalive', auth })).error).toBeUndefined(); // sliding expiry
    sim!.server.clock.advance(59 * MINUTE);
    expect((await call({ func: 'instances', auth })).error).toBeUndefined();
    sim!.server.clock.advance(HOUR);
    const expired = await call({ func: 'keepalive', auth });
    expect(expired.error.$type).toBe('access');
    expect((await call({ func: 'instances', auth })).error.$type).toBe('access');
    expect((await call({ func: 'instances', auth: 'not-a-session' })).error.$type).toBe('access');
    expect((await call({ func: 'instances' })).error.$type).toBe('access');
  });

  it('accepts authinfo=user:password per request', async () => {
    await start();
    const doc = await call({ func: 'instances', authinfo });
    expect(elems(doc)).toHaveLength(12);
    const bad = await call({ func: 'instances', authinfo: `${USER}:nope` });
    expect(bad.error.$type).toBe('auth');
    expect(bad.error.$object).toBe('badpassword');
    const viaAuth = await call({ func: 'auth', authinfo });
    expect(viaAuth.auth.$id).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('transport and envelope', () => {
  it('accepts multipart POST, urlencoded POST and GET, at / and /billmgr', async () => {
    await start();
    const auth = await login();
    for (const encoding of ['urlencoded', 'multipart', 'get'] as const) {
      const doc = await call({ func: 'instances.fleio_bckps.schedule', auth, elid: '5203761' }, encoding);
      expect(elems(doc)[0].rotation_time.$).toBe('02:01');
    }
    const root = await raw({ func: 'keepalive', auth, out: 'json' }, 'multipart', `${sim!.server.origin}/`);
    expect((await root.json()).doc.error).toBeUndefined();
    const other = await raw({ func: 'keepalive', auth, out: 'json' }, 'get', `${sim!.server.origin}/nowhere`);
    expect(other.status).toBe(404);
  });

  it('wraps everything in doc with $ scalars, omits elem for an empty list and pages', async () => {
    await start();
    const auth = await login();
    const empty = await call({ func: 'instances.fleio_bckps.schedule', auth, elid: '5203767' });
    expect(empty.elem).toBeUndefined();
    expect(empty.p_elems).toEqual({ $: '0' });
    expect(empty.p_cnt.$).toBeTypeOf('string');
    expect(empty.p_num).toEqual({ $: '1' });

    const page = await call({ func: 'instances', auth, p_cnt: '5', p_num: '3', password: 'secret-in-tparams' });
    expect(page.p_elems).toEqual({ $: '12' });
    expect(page.p_cnt).toEqual({ $: '5' });
    expect(page.p_num).toEqual({ $: '3' });
    expect(elems(page).map((e) => e.id.$)).toEqual(['5203771', '5203772']);
    expect(page.tparams.func).toEqual({ $: 'instances' });
    expect(page.tparams.password).toBeUndefined();

    const beyond = await call({ func: 'instances', auth, p_cnt: '5', p_num: '9' });
    expect(beyond.elem).toBeUndefined();
    expect(beyond.p_elems).toEqual({ $: '12' });

    const sorted = await call({ func: 'instances', auth, p_col: '-servername', p_cnt: '2' });
    expect(elems(sorted).map((e) => e.servername.$)).toEqual(['vps-kyiv-04', 'vps-kyiv-03']);
    for (const value of Object.values(elems(sorted)[0])) expect(typeof (value as Doc).$).toBe('string');
  });

  it('answers an unknown func with the missed error, and XML when out is not json', async () => {
    await start();
    const doc = await call({ func: 'instances.teleport' });
    expect(doc.error.$type).toBe('missed');
    expect(doc.error.msg.$).toContain('instances.teleport');
    const xml = await raw({ func: 'instances.teleport' });
    expect(xml.status).toBe(200);
    expect(await xml.text()).toMatch(/<doc><error type="missed"/);
  });
});

describe('instances', () => {
  it('lists the seeded instances with the contract fields', async () => {
    await start();
    const doc = await call({ func: 'instances', authinfo });
    const list = elems(doc);
    expect(list).toHaveLength(12);
    for (const field of ['id', 'servername', 'name', 'ip', 'ip_v6', 'instance_status', 'item_status', 'status', 'pricelist', 'cost', 'datacentername', 'createdate', 'os_distro', 'os_version', 'instances_os']) {
      expect(list[0][field], field).toBeDefined();
    }
    expect(list[0].item_status).toEqual({ $orig: '2', $: 'Active' });
    expect(list.filter((e) => e.instance_status.$ === 'stopped').map((e) => e.servername.$)).toEqual(['vps-kyiv-04', 'vps-ams-04']);
  });

  it('views and updates backup_rotation, with a field error for a bad value, and filters', async () => {
    await start();
    const auth = await login();
    const view = await call({ func: 'instances.edit', auth, elid: '5203761' });
    expect(view.backup_rotation).toEqual({ $: '5' });
    expect(view.instances_uuid.$).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call({ func: 'instances.edit', auth, elid: '5203761', backup_rotation: '8', sok: 'ok', clicked_button: 'ok' })).ok).toEqual({});
    expect((await call({ func: 'instances.edit', auth, elid: '5203761' })).backup_rotation).toEqual({ $: '8' });
    const bad = await call({ func: 'instances.edit', auth, elid: '5203761', backup_rotation: '0', sok: 'ok' });
    expect(bad.error.$object).toBe('backup_rotation');
    const missing = await call({ func: 'instances.edit', auth, elid: '999' });
    expect(missing.error.$type).toBe('missed');

    await call({ func: 'instances.filter', auth, id: '5203766', sok: 'ok' });
    expect(elems(await call({ func: 'instances', auth })).map((e) => e.id.$)).toEqual(['5203766']);
    await call({ func: 'instances.filter', auth, id: '', sok: 'ok' });
    expect(elems(await call({ func: 'instances', auth }))).toHaveLength(12);
  });
});

describe('schedules', () => {
  it('creates, lists, views, updates and deletes a schedule', async () => {
    await start();
    const auth = await login();
    const created = await call(
      { func: 'instances.fleio_bckps.schedule.edit', auth, sok: 'ok', elid: '', plid: '5203767', name: 'MySchedule', rotation_days: '1,2,3,4,5,6', rotation_time: '02:01' },
      'multipart',
    );
    expect(created.error).toBeUndefined();
    const id = created.id.$ as string;

    const list = await call({ func: 'instances.fleio_bckps.schedule', auth, elid: '5203767' });
    expect(list.backup_rotation).toEqual({ $: '3' });
    expect(elems(list)).toHaveLength(1);
    const row = elems(list)[0];
    expect(row.rotation_days.$).toBe('Monday Tuesday Wednesday Thursday Friday Saturday ');
    expect(row.rotation_time.$).toBe('02:01');
    expect(row.instance_id.$).toBe('5203767');
    expect(row.servername.$).toBe('vps-ams-03');
    expect(row.create_date.$).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const view = await call({ func: 'instances.fleio_bckps.schedule.edit', auth, elid: id });
    expect(view.name).toEqual({ $: 'MySchedule' });
    expect(view.rotation_time).toEqual({ $: '02:01' });

    const updated = await call({ func: 'instances.fleio_bckps.schedule.edit', auth, sok: 'ok', elid: id, plid: '5203767', name: 'Weekend', rotation_days: '0,6', rotation_time: '23:15' });
    expect(updated.error).toBeUndefined();
    const after = elems(await call({ func: 'instances.fleio_bckps.schedule', auth, elid: '5203767' }))[0];
    expect([after.name.$, after.rotation_days.$.trim(), after.rotation_time.$]).toEqual(['Weekend', 'Sunday Saturday', '23:15']);

    expect((await call({ func: 'instances.fleio_bckps.schedule.delete', auth, elid: id })).ok).toEqual({});
    expect((await call({ func: 'instances.fleio_bckps.schedule', auth, elid: '5203767' })).elem).toBeUndefined();
    expect((await call({ func: 'instances.fleio_bckps.schedule.delete', auth, elid: id })).error.$type).toBe('missed');
  });

  it('accepts the plausible rotation_days forms', async () => {
    await start();
    const auth = await login();
    const forms: Array<[string | string[], string]> = [
      ['1, 2, 3', 'Monday Tuesday Wednesday'],
      ['5 0', 'Sunday Friday'],
      [['1', '3'], 'Monday Wednesday'],
      ['Monday Tuesday', 'Monday Tuesday'],
      ['sun,sat', 'Sunday Saturday'],
    ];
    for (const [days, shown] of forms) {
      const doc = await call({ func: 'instances.fleio_bckps.schedule.edit', auth, sok: 'ok', plid: '5203771', name: 'x', rotation_days: days, rotation_time: '4:05' });
      expect(doc.error, JSON.stringify(days)).toBeUndefined();
      const row = elems(await call({ func: 'instances.fleio_bckps.schedule', auth, elid: '5203771' })).find((e) => e.id.$ === doc.id.$)!;
      expect(row.rotation_days.$.trim()).toBe(shown);
      expect(row.rotation_time.$).toBe('04:05');
    }
    const bracketed = await call({ func: 'instances.fleio_bckps.schedule.edit', auth, sok: 'ok', plid: '5203771', name: 'y', 'rotation_days[]': ['2', '4'], rotation_time: '01:00' });
    expect(bracketed.error).toBeUndefined();
    expect(parseRotationDays(['7'])).toBeUndefined();
  });

  it('answers a bad field with a field error naming it', async () => {
    await start();
    const auth = await login();
    const base = { func: 'instances.fleio_bckps.schedule.edit', auth, sok: 'ok', plid: '5203767', name: 'Nightly', rotation_days: '1,2', rotation_time: '02:00' };
    const cases: Array<[Record<string, string>, string]> = [
      [{ rotation_time: '25:00' }, 'rotation_time'],
      [{ rotation_time: '2am' }, 'rotation_time'],
      [{ rotation_days: '' }, 'rotation_days'],
      [{ rotation_days: '1,8' }, 'rotation_days'],
      [{ rotation_days: 'funday' }, 'rotation_days'],
      [{ name: '' }, 'name'],
      [{ plid: '' }, 'plid'],
    ];
    for (const [change, field] of cases) {
      const doc = await call({ ...base, ...change });
      expect(doc.error, JSON.stringify(change)).toBeDefined();
      expect(doc.error.$object).toBe(field);
      expect(doc.error.msg.$).toContain(field);
    }
    expect((await call({ ...base, plid: '42' })).error.$type).toBe('missed');
    expect((await call({ func: 'instances.fleio_bckps.schedule', auth, elid: '5203767' })).elem).toBeUndefined();
  });

  it('runs a schedule when the clock passes its time and prunes to backup_rotation', async () => {
    const s = await start();
    const clock = s.server.clock;
    const instance = '5203767'; // no schedules; one manual backup
    await call({ func: 'instances.edit', authinfo, elid: instance, backup_rotation: '2', sok: 'ok' });
    const at = zonedParts(clock.now() + 2 * MINUTE, 'Europe/Kyiv');
    const time = `${String(at.hour).padStart(2, '0')}:${String(at.minute).padStart(2, '0')}`;
    const created = await call({ func: 'instances.fleio_bckps.schedule.edit', authinfo, sok: 'ok', plid: instance, name: 'Every day', rotation_days: '0,1,2,3,4,5,6', rotation_time: time });
    expect(created.error).toBeUndefined();

    const before = elems(await call({ func: 'instances.fleio_bckps', authinfo, elid: instance }));
    expect(before.map((b) => b.backup_type.$)).toEqual(['manual']);

    clock.advance(3 * MINUTE);
    const first = elems(await call({ func: 'instances.fleio_bckps', authinfo, elid: instance })).filter((b) => b.backup_type.$ === 'auto');
    expect(first).toHaveLength(1);
    expect(first[0].fleio_status.$).toBe('Active');
    expect(first[0].createdate.$).toContain(` ${time}:00`);

    clock.advance(2 * DAY); // two more firings: three made, the newest two kept
    const list = elems(await call({ func: 'instances.fleio_bckps', authinfo, elid: instance }));
    const autos = list.filter((b) => b.backup_type.$ === 'auto');
    expect(autos).toHaveLength(2);
    expect(autos.map((b) => b.id.$)).not.toContain(first[0].id.$);
    expect(list.filter((b) => b.backup_type.$ === 'manual').map((b) => b.name.$)).toEqual(['initial-setup']);
    const runs = s.state.scheduleRuns.filter((r) => r.scheduleId === created.id.$);
    expect(runs).toHaveLength(3);
  });
});

describe('backups and restore', () => {
  it('backs up now: Saving, then Active after backupMs; runningoperation meanwhile', async () => {
    const s = await start();
    const auth = await login();
    const made = await call({ func: 'instances.fleio_bckps.edit', auth, sok: 'ok', plid: '5203771', name: 'before-deploy', rotation_days: '', rotation_time: '' }, 'multipart');
    expect(made.error).toBeUndefined();
    const row = () => call({ func: 'instances.fleio_bckps', auth, elid: '5203771' }).then((d) => elems(d).find((b) => b.name.$ === 'before-deploy')!);
    expect((await row()).fleio_status.$).toBe('Saving');
    expect((await row()).backup_type.$).toBe('manual');
    const inst = async () => elems(await call({ func: 'instances', auth })).find((e) => e.id.$ === '5203771')!.instance_status.$;
    expect(await inst()).toBe('image_uploading');

    const again = await call({ func: 'instances.fleio_bckps.edit', auth, sok: 'ok', plid: '5203771', name: 'second' });
    expect(again.error.$object).toBe('runningoperation');
    expect((await call({ func: 'instances.fleio_bckps.edit', auth, sok: 'ok', plid: '5203771', name: '' })).error.$object).toBe('name');

    s.server.clock.advance(4_000);
    expect((await row()).fleio_status.$).toBe('Saving');
    s.server.clock.advance(1_000);
    expect((await row()).fleio_status.$).toBe('Active');
    expect(await inst()).toBe('active');
    const counts = await call({ func: 'instances.fleio_bckps', auth, elid: '5203771' });
    expect(counts.manual_created_today).toEqual({ $: '1' });
  });

  it('deletes a backup with image.delete, refusing a protected one', async () => {
    await start();
    const auth = await login();
    const list = elems(await call({ func: 'instances.fleio_bckps', auth, elid: '5203761' }));
    const manual = list.find((b) => b.name.$ === 'before-upgrade')!;
    expect(manual.protected.$orig).toBe('on');
    const auto = list.find((b) => b.backup_type.$ === 'auto')!;
    expect((await call({ func: 'image.delete', auth, elid: manual.id.$ })).error.$object).toBe('protected');
    expect((await call({ func: 'image.delete', auth, elid: auto.id.$ })).ok).toEqual({});
    const ids = elems(await call({ func: 'instances.fleio_bckps', auth, elid: '5203761' })).map((b) => b.id.$);
    expect(ids).not.toContain(auto.id.$);
    expect(ids).toContain(manual.id.$);
  });

  it('restores by rebuild: rebuilding for restoreMs, then active', async () => {
    const s = await start();
    const auth = await login();
    const backup = elems(await call({ func: 'instances.fleio_bckps', auth, elid: '5203762' }))[0];
    const image = await call({ func: 'image.edit', auth, elid: backup.id.$ });
    const fleioId = image.fleio_id.$ as string;
    expect(fleioId).toMatch(/^[0-9a-f-]{36}$/);

    const form = await call({ func: 'instances.fleio.rebuild', auth, elid: '5203762' });
    expect(form.slist.find((l: Doc) => l.$name === 'select_rebuild').val.some((v: Doc) => v.$key === fleioId)).toBe(true);

    const rebuild = { func: 'instances.fleio.rebuild', auth, elid: '5203762', sok: 'ok', zone: 'own', select_rebuild: fleioId, password_type: 'password', enablessh: 'off' };
    expect((await call({ ...rebuild, password: 'short' })).error.$object).toBe('password');
    expect((await call({ ...rebuild, password: 'Str0ng-Passw0rd', select_rebuild: backup.id.$ })).error.$object).toBe('select_rebuild');
    expect((await call({ ...rebuild, password: 'Str0ng-Passw0rd' })).error).toBeUndefined();

    const status = async () => elems(await call({ func: 'instances', auth })).find((e) => e.id.$ === '5203762')!.instance_status.$;
    expect(await status()).toBe('rebuilding');
    expect((await call({ func: 'instances.fleio_bckps.edit', auth, sok: 'ok', plid: '5203762', name: 'x' })).error.$object).toBe('runningoperation');
    s.server.clock.advance(8_000);
    expect(await status()).toBe('active');
    expect(s.state.instances.get('5203762')!.lastRestore?.fleioId).toBe(fleioId);
  });
});

describe('faults and request log', () => {
  it('applies an injected fault set with PUT /__sim/faults, keyed by func', async () => {
    await start();
    const auth = await login();
    const put = await fetch(`${sim!.server.origin}/__sim/faults`, {
      method: 'PUT',
      body: JSON.stringify({ routes: { instances: { status: 503, times: 1 }, keepalive: { expireSessions: true, times: 1 } } }),
    });
    expect(put.status).toBe(200);
    expect((await raw({ func: 'instances', auth, out: 'json' })).status).toBe(503);
    expect((await raw({ func: 'instances', auth, out: 'json' })).status).toBe(200);
    expect((await call({ func: 'keepalive', auth })).error.$type).toBe('access');
    expect((await call({ func: 'instances', auth })).error.$type).toBe('access'); // the session is gone

    const log = (await (await fetch(`${sim!.server.origin}/__sim/requests`)).json()) as { requests: Array<{ routeKey: string }> };
    expect(log.requests.map((r) => r.routeKey)).toEqual(['auth', 'instances', 'instances', 'keepalive', 'instances']);
  });
});

describe('schedule engine time zone', () => {
  const tz = 'Europe/Kyiv';
  it('fires in provider-local time, shifting a time in the spring DST gap and firing once in the autumn overlap', () => {
    const sunday0330 = { days: [0], time: '03:30' };
    // 2026-03-29: Kyiv jumps 03:00 -> 04:00; 03:30 does not exist and fires at 04:30 EEST (01:30Z)
    const spring = firings(sunday0330, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30), tz);
    expect(spring.map((t) => new Date(t).toISOString())).toEqual(['2026-03-29T01:30:00.000Z']);
    // 2026-10-25: 04:00 -> 03:00; 03:30 happens twice and fires at the first (00:30Z)
    const autumn = firings(sunday0330, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26), tz);
    expect(autumn.map((t) => new Date(t).toISOString())).toEqual(['2026-10-25T00:30:00.000Z']);
    // Mon-Fri 02:01 in winter (UTC+2) over one week
    const week = firings({ days: [1, 2, 3, 4, 5], time: '02:01' }, Date.UTC(2026, 0, 4), Date.UTC(2026, 0, 11), tz);
    expect(week.map((t) => new Date(t).toISOString().slice(0, 16))).toEqual([
      '2026-01-05T00:01',
      '2026-01-06T00:01',
      '2026-01-07T00:01',
      '2026-01-08T00:01',
      '2026-01-09T00:01',
    ]);
  });

  it('seeds a backup history consistent with the schedules and rotation', async () => {
    const s = await start();
    expect(s.state.instances.size).toBe(12);
    const unprotected = [...s.state.instances.values()].filter((i) => s.state.schedulesOf(i.id).length === 0).map((i) => i.servername);
    expect(unprotected).toEqual(['vps-ams-03', 'vps-ams-04', 'vps-fra-03']);
    for (const instance of s.state.instances.values()) {
      const autos = s.state.backupsOf(instance.id).filter((b) => b.kind === 'auto');
      expect(autos.filter((b) => b.status === 'Active').length).toBeLessThanOrEqual(instance.backupRotation);
      for (const b of autos) {
        // every automatic backup sits exactly on a firing of its schedule
        const schedule = s.state.schedules.get(b.scheduleId!)!;
        expect(firings(schedule, b.createdAt - 1, b.createdAt, tz)).toEqual([b.createdAt]);
        expect(b.createdAt).toBeGreaterThan(s.server.clock.now() - 10 * DAY - MINUTE);
      }
    }
    const daily = s.state.backupsOf('5203762').filter((b) => b.kind === 'auto' && b.status === 'Active');
    expect(daily).toHaveLength(7); // daily 04:30 for 10 days, rotation 7
  });
});

describe('extraResources (load tests)', () => {
  it('adds 100 bench instances, each with one schedule and one or two automatic backups', async () => {
    // Tomorrow ~noon in Kyiv: far from the bench schedules' times (01:15, 02:45, 04:30), so no
    // backup is Saving (rotation not yet applied) while the test reads.
    const clock = new SimClock();
    const d = clock.date();
    clock.setTo(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 9, 30));
    await start({ extraResources: 100, clock });
    const auth = await login();
    const instances = elems(await call({ func: 'instances', auth }));
    expect(instances).toHaveLength(112);
    const bench = instances.filter((e) => e.servername.$.startsWith('bench-vps-'));
    expect(bench).toHaveLength(100);
    expect(bench.at(-1)!.servername.$).toBe('bench-vps-100');
    expect(new Set(bench.map((e) => e.ip.$)).size).toBe(100);

    for (const instance of bench) {
      expect(instance.instance_status.$).toBe('active');
      const schedules = await call({ func: 'instances.fleio_bckps.schedule', auth, elid: instance.id.$ });
      expect(elems(schedules)).toHaveLength(1);
      const schedule = elems(schedules)[0];
      expect(schedule.rotation_days.$).toBe('Sunday Monday Tuesday Wednesday Thursday Friday Saturday ');
      const rotation = Number(schedules.backup_rotation.$);
      expect([1, 2]).toContain(rotation);

      const backups = elems(await call({ func: 'instances.fleio_bckps', auth, elid: instance.id.$ }));
      expect(backups).toHaveLength(rotation);
      for (const backup of backups) {
        expect(backup.backup_type.$).toBe('auto');
        expect(backup.name.$).toMatch(new RegExp(`^${schedule.name.$} \\d{4}-\\d\\d-\\d\\d ${schedule.rotation_time.$}$`));
      }
    }
  });

  it('leaves the seeded instances, schedules and backups as they are', async () => {
    const dump = (s: BillmanagerSimulator) => ({
      instances: [...s.state.instances.values()].filter((i) => !i.servername.startsWith('bench-')).map((i) => [i.id, i.servername, i.ip]),
      schedules: [...s.state.schedules.values()].filter((x) => Number(x.instanceId) < 5203800).map((x) => [x.id, x.instanceId, x.name]),
      backups: [...s.state.backups.values()].filter((b) => Number(b.instanceId) < 5203800).map((b) => [b.id, b.instanceId, b.name]),
    });
    const clock = new SimClock(); // shared, so both seeds start from (nearly) the same instant
    const plain = dump(await start({ clock }));
    await sim!.close();
    expect(dump(await start({ extraResources: 10, clock }))).toEqual(plain);
  });
});

/** A scalar in either form: `{"$": v}` or bare. */
const text = (v: unknown): string => (typeof v === 'object' && v !== null && !Array.isArray(v) ? String((v as Doc).$ ?? '') : Array.isArray(v) ? text(v.find((x) => text(x) !== '')) : String(v ?? ''));

describe.each(SIM_PROFILES)('the %s profile', (profile) => {
  it('serves login, lists and a backup from Saving to Active, in its forms', async () => {
    const s = await start({ profile, clock: new SimClock() });
    const auth = await login();
    const instances = elems(await call({ func: 'instances', auth, p_cnt: '500' }));
    expect(instances).toHaveLength(s.variants.pageCap || 12);
    const id = text(instances[0].id);
    const created = await call({ func: 'instances.fleio_bckps.edit', auth, sok: 'ok', plid: id, name: 'profile-check' });
    expect(created.error).toBeUndefined();
    expect('id' in created).toBe(s.variants.createReplyId);
    s.server.clock.advance(s.variants.backupListedAfterMs);
    const listed = elems(await call({ func: 'instances.fleio_bckps', auth, elid: id, p_col: '-id' })).find((b) => text(b.name) === 'profile-check')!;
    expect(text(listed.fleio_status).toLowerCase()).toBe('saving');
    s.server.clock.advance(5_000);
    const done = elems(await call({ func: 'instances.fleio_bckps', auth, elid: id, p_col: '-id' })).find((b) => text(b.name) === 'profile-check')!;
    expect(text(done.fleio_status).toLowerCase()).toBe('active');
    const missing = await call({ func: 'instances.fleio_bckps', auth, elid: '999' });
    expect(missing.error?.$type).toBe(s.variants.notFound === 'missed' ? 'missed' : 'access');
  });
});

describe('variants', () => {
  it('answers an unknown id as missed, access, a bare message or an empty answer', async () => {
    for (const notFound of ['missed', 'access', 'message', 'empty'] as const) {
      await start({ variants: { notFound } });
      const auth = await login();
      const list = await call({ func: 'instances.fleio_bckps', auth, elid: '999' });
      const del = await call({ func: 'instances.fleio_bckps.schedule.delete', auth, elid: '999' });
      if (notFound === 'empty') {
        expect([list.error, list.elem, del.error, del.ok]).toEqual([undefined, undefined, undefined, {}]);
      } else {
        expect(list.error).toMatchObject(notFound === 'message' ? { msg: { $: "Object '999' not found" } } : { $type: notFound });
        if (notFound === 'message') expect(list.error.$type).toBeUndefined();
      }
      await sim!.close();
      sim = undefined;
    }
  });

  it('answers a dead session with "Insufficient privileges" and no $type, but keepalive with access', async () => {
    await start({ variants: { expiredSession: 'privileges' } });
    const doc = await call({ func: 'instances', auth: 'deadbeef' });
    expect(doc.error.$type).toBeUndefined();
    expect(doc.error.msg.$).toMatch(/^Insufficient privileges/);
    expect((await call({ func: 'keepalive', auth: 'deadbeef' })).error.$type).toBe('access');
  });

  it('shows a rebuild as processing after a delay, or not at all, and the power state after it', async () => {
    const s = await start({ variants: { rebuildStatus: 'processing', rebuildShownAfterMs: 1_000, afterRebuild: 'previous' }, restoreMs: 5_000 });
    const auth = await login();
    const instance = [...s.state.instances.values()][0];
    instance.powerState = 'stopped';
    const backup = [...s.state.backups.values()].find((b) => b.status === 'Active')!;
    const status = async () => text(elems(await call({ func: 'instances', auth })).find((i) => text(i.id) === instance.id)!.instance_status);
    expect((await call({ func: 'instances.fleio.rebuild', auth, elid: instance.id, sok: 'ok', select_rebuild: backup.fleioId, password: 'Secret-Pass-123' })).error).toBeUndefined();
    expect(await status()).toBe('stopped');
    s.server.clock.advance(1_000);
    expect(await status()).toBe('processing');
    s.server.clock.advance(5_000);
    expect(await status()).toBe('stopped');
    expect(instance.lastRestore?.backupId).toBe(backup.id);
  });

  it('writes bare scalars, capped pages, Monday-first days, seconds, dotted and repeated dates, and no rotation on the schedule list', async () => {
    const s = await start({ profile: 'strict' });
    const auth = await login();
    const page = await call({ func: 'instances', auth, p_cnt: '100' });
    expect([page.p_cnt, page.p_elems, elems(page).length]).toEqual(['5', '12', 5]);
    const kyiv = [...s.state.instances.values()].find((i) => i.servername === 'vps-kyiv-01')!;
    const schedules = await call({ func: 'instances.fleio_bckps.schedule', auth, elid: kyiv.id });
    expect(schedules.backup_rotation).toBeUndefined();
    expect(elems(schedules)[0]).toMatchObject({ rotation_days: 'Monday Tuesday Wednesday Thursday Friday', rotation_time: '02:01:00', create_date: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/) });
    const backup = elems(await call({ func: 'instances.fleio_bckps', auth, elid: kyiv.id }))[0];
    expect(backup.createdate).toEqual([{}, expect.stringMatching(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/)]);
    expect(backup.protected).toEqual({ $orig: expect.stringMatching(/^(on|off)$/), $: expect.any(String) });
  });
});
