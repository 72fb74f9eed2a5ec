import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOUDSIGMA_VARIANTS, startCloudSigmaSimulator, UNPROTECTED_DRIVES, type CloudSigmaSimulator } from '../../src/simulators/cloudsigma/index.js';
import { SimClock } from '../../src/simulators/kit/clock.js';

const USER = 'ops@example.com';
const PASSWORD = 'cloudsigma-demo';
const TOKEN = 'cs-demo-token';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const HOUR = 3_600_000;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function client(sim: CloudSigmaSimulator) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(sim.baseUrl + path, {
      method,
      headers: { authorization: BASIC, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: Json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined; // e.g. the kit's plain-text injected faults
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

function schedulerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'snapshot',
    name: 'Test hourly',
    is_enabled: true,
    is_default: false,
    user_timezone: 'Etc/UTC',
    manual_incremental_backup: '',
    incremental_backup: {
      day_of_week: [],
      day_of_month: '',
      month: '2,4',
      hour: '',
      minute: '',
      repeat: { hour: '*/1', minute: '' },
      start_time: { hour: '7', minute: '00' },
      end_time: { hour: 6, minute: 45 },
    },
    retention_policy: { name: 'Last day', rules: [{ period: 'days', quantity: 1 }] },
    ...overrides,
  };
}

async function driveByName(api: ReturnType<typeof client>, name: string): Promise<Json> {
  const res = await api('GET', `drives/detail/?limit=0&name=${encodeURIComponent(name)}`);
  expect(res.json.objects).toHaveLength(1);
  return res.json.objects[0];
}

describe('CloudSigma simulator: protocol', () => {
  let sim: CloudSigmaSimulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = await startCloudSigmaSimulator({ schedulerTickMs: 50 });
    api = client(sim);
  });
  afterAll(() => sim.close());

  it('serves the base path with trailing slashes optional', async () => {
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/2\.0\/$/);
    expect((await api('GET', 'servers/')).status).toBe(200);
    expect((await api('GET', 'servers')).status).toBe(200);
    expect((await api('GET', 'nonsense/')).json[0].error_type).toBe('notexist');
  });

  it('accepts Basic and Bearer auth and answers 401 with an error array otherwise', async () => {
    expect((await api('GET', 'drives/')).status).toBe(200);
    expect((await api('GET', 'drives/', undefined, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    const none = await fetch(`${sim.baseUrl}drives/`);
    expect(none.status).toBe(401);
    const body = (await none.json()) as Json;
    expect(body).toEqual([{ error_point: null, error_type: 'permission', error_message: expect.any(String) }]);
    const wrong = await api('GET', 'drives/', undefined, { authorization: `Basic ${Buffer.from(`${USER}:nope`).toString('base64')}` });
    expect(wrong.status).toBe(401);
    expect((await api('GET', 'drives/', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('wraps lists in {meta, objects} with limit (default 20, 0 = all) and offset', async () => {
    const first = await api('GET', 'snapshots/');
    expect(first.status).toBe(200);
    expect(first.json.meta.limit).toBe(20);
    expect(first.json.meta.offset).toBe(0);
    expect(first.json.meta.total_count).toBeGreaterThan(20);
    expect(first.json.objects).toHaveLength(20);
    const all = await api('GET', 'snapshots/?limit=0');
    expect(all.json.meta.limit).toBe(0);
    expect(all.json.objects).toHaveLength(all.json.meta.total_count);
    const page = await api('GET', 'snapshots/?limit=3&offset=5');
    expect(page.json.meta).toEqual({ limit: 3, offset: 5, total_count: all.json.meta.total_count });
    expect(page.json.objects.map((o: Json) => o.uuid)).toEqual(all.json.objects.slice(5, 8).map((o: Json) => o.uuid));
    expect((await api('GET', 'snapshots/?limit=abc')).status).toBe(400);
  });

  it('selects fields with fields=', async () => {
    const res = await api('GET', 'drives/detail/?fields=uuid,status&limit=0');
    expect(res.json.objects.length).toBe(20);
    for (const o of res.json.objects) expect(Object.keys(o).sort()).toEqual(['status', 'uuid']);
    const one = await api('GET', `drives/${res.json.objects[0].uuid}/?fields=name`);
    expect(Object.keys(one.json)).toEqual(['name']);
  });

  it('echoes X-REQUEST-ID or generates one', async () => {
    const echoed = await api('GET', 'servers/', undefined, { 'x-request-id': 'req-123' });
    expect(echoed.headers.get('x-request-id')).toBe('req-123');
    const generated = await api('GET', 'servers/');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const error = await api('GET', 'backupschedulers/00000000-0000-4000-8000-000000000000/');
    expect(error.headers.get('x-request-id')).toBeTruthy();
  });

  it('lists servers (reduced and detail) with their drives, and drives with their protection', async () => {
    const plain = await api('GET', 'servers/?limit=0');
    expect(plain.json.meta.total_count).toBe(12);
    expect(Object.keys(plain.json.objects[0]).sort()).toEqual(['name', 'owner', 'resource_uri', 'runtime', 'status', 'uuid']);
    const detail = await api('GET', 'servers/detail/?limit=0');
    const db = detail.json.objects.find((s: Json) => s.name === 'db-01');
    expect(db.drives).toHaveLength(2);
    expect(db.drives[0].drive.resource_uri).toBe(`/api/2.0/drives/${db.drives[0].drive.uuid}/`);
    const drive = (await api('GET', `drives/${db.drives[0].drive.uuid}/`)).json;
    expect(drive.mounted_on).toEqual([{ resource_uri: `/api/2.0/servers/${db.uuid}/`, uuid: db.uuid }]);
    expect(drive.backup_scheduler.resource_uri).toMatch(/^\/api\/2\.0\/backupschedulers\/.+\/$/);
    expect(drive.snapshots.length).toBeGreaterThan(0);
    const plainDrives = await api('GET', 'drives/?limit=0');
    expect(Object.keys(plainDrives.json.objects[0]).sort()).toEqual(['owner', 'resource_uri', 'status', 'uuid']);
    const allDrives = (await api('GET', 'drives/detail/?limit=0')).json.objects;
    const unprotected = allDrives.filter((d: Json) => d.backup_scheduler === null).map((d: Json) => d.name).sort();
    expect(unprotected).toEqual([...UNPROTECTED_DRIVES].sort());
    expect(allDrives.filter((d: Json) => d.mounted_on.length === 0)).toHaveLength(2);
  });

  it('answers an injected fault set through PUT /__sim/faults', async () => {
    const put = await fetch(`${sim.server.origin}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routes: { drives: { status: 503, retryAfterSeconds: 2, times: 1 } } }),
    });
    expect(put.status).toBe(200);
    const faulted = await api('GET', 'drives/');
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('2');
    expect((await api('GET', 'servers/')).status).toBe(200); // other routes untouched
    expect((await api('GET', 'drives/')).status).toBe(200); // times: 1 used up
    expect(sim.server.requests.some((r) => r.routeKey === 'drives')).toBe(true);
  });
});

describe('CloudSigma simulator: backup schedulers', () => {
  let sim: CloudSigmaSimulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = await startCloudSigmaSimulator({ schedulerTickMs: 50 });
    api = client(sim);
  });
  afterAll(() => sim.close());

  it('lists the seeded examples: reduced plain list, full detail, ?type= filter', async () => {
    const plain = await api('GET', 'backupschedulers/');
    expect(plain.json.meta).toEqual({ limit: 20, offset: 0, total_count: 13 });
    expect(Object.keys(plain.json.objects[0]).sort()).toEqual([
      'is_default', 'is_enabled', 'meta', 'name', 'orchestrator_timezone', 'owner', 'remote_location', 'resource_uri', 'type', 'user_timezone', 'uuid',
    ]);
    const detail = await api('GET', 'backupschedulers/detail/');
    expect(detail.json.objects[0].incremental_backup).toBeDefined();
    expect(detail.json.objects[0].retention_policy).toBeDefined();
    const backups = await api('GET', 'backupschedulers/?type=backup');
    expect(backups.json.objects.length).toBe(backups.json.meta.total_count);
    expect(backups.json.objects.every((o: Json) => o.type === 'backup')).toBe(true);
    const snaps = await api('GET', 'backupschedulers/detail/?type=snapshot');
    expect(snaps.json.meta.total_count + backups.json.meta.total_count).toBe(13);
    expect((await api('GET', 'backupschedulers/?type=nope')).json.meta.total_count).toBe(0);
  });

  it('creates from a bare object, normalising like the real server', async () => {
    const res = await api('POST', 'backupschedulers/', schedulerBody());
    expect(res.status).toBe(201);
    expect(res.json.meta).toBeUndefined();
    const created = res.json.objects[0];
    expect(created.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.resource_uri).toBe(`/api/2.0/backupschedulers/${created.uuid}/`);
    expect(created.incremental_backup.day_of_week).toEqual(['']);
    expect(created.incremental_backup.month).toEqual(['2', '4']);
    expect(created.incremental_backup.start_time).toEqual({ hour: 7, minute: 0 });
    expect(created).toMatchObject({
      meta: {}, tags: [], grantees: [], permissions: [], initial_backup: {}, orchestrator_timezone: '', remote_location: '',
      enable_backup_policy_notifications: true, enable_retention_policy_notifications: true,
    });
    const got = await api('GET', `backupschedulers/${created.uuid}/`);
    expect(got.status).toBe(200);
    expect(got.json).toEqual(created);
  });

  it('creates from {"objects": [...]}, updates with PUT and deletes one', async () => {
    const res = await api('POST', 'backupschedulers/', { objects: [schedulerBody({ name: 'A' }), schedulerBody({ name: 'B', type: 'backup', remote_location: 'ZRH' })] });
    expect(res.status).toBe(201);
    expect(res.json.objects.map((o: Json) => o.name)).toEqual(['A', 'B']);
    const [a] = res.json.objects;
    const put = await api('PUT', `backupschedulers/${a.uuid}/`, { ...schedulerBody({ name: 'A renamed', is_enabled: false }) });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ uuid: a.uuid, name: 'A renamed', is_enabled: false });
    const partial = await api('PUT', `backupschedulers/${a.uuid}/`, { retention_policy: { name: 'x', rules: [{ period: 'weeks', quantity: 2 }] } });
    expect(partial.status).toBe(200);
    expect(partial.json.name).toBe('A renamed');
    expect(partial.json.retention_policy.rules).toEqual([{ period: 'weeks', quantity: 2 }]);
    const del = await api('DELETE', `backupschedulers/${a.uuid}/`);
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const gone = await api('GET', `backupschedulers/${a.uuid}/`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual([{ error_point: null, error_type: 'notexist', error_message: expect.any(String) }]);
    expect((await api('PUT', `backupschedulers/${a.uuid}/`, schedulerBody())).status).toBe(404);
  });

  it('bulk-deletes with {"objects": [{"uuid": ...}]}', async () => {
    const res = await api('POST', 'backupschedulers/', { objects: [schedulerBody({ name: 'X' }), schedulerBody({ name: 'Y' })] });
    const uuids = res.json.objects.map((o: Json) => o.uuid);
    const bad = await api('DELETE', 'backupschedulers/', { objects: [{ uuid: uuids[0] }, { uuid: 'missing' }] });
    expect(bad.status).toBe(404);
    expect((await api('GET', `backupschedulers/${uuids[0]}/`)).status).toBe(200); // all or nothing
    const del = await api('DELETE', 'backupschedulers/', { objects: uuids.map((uuid: string) => ({ uuid })) });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    for (const uuid of uuids) expect((await api('GET', `backupschedulers/${uuid}/`)).status).toBe(404);
  });

  it('rejects invalid schedulers with validation errors pointing at the field', async () => {
    const missing = await api('POST', 'backupschedulers/', { objects: [{ user_timezone: 'Etc/UTC' }] });
    expect(missing.status).toBe(400);
    expect(missing.json.map((e: Json) => e.error_point).sort()).toEqual(['incremental_backup', 'is_default', 'is_enabled', 'name', 'type']);
    expect(missing.json.every((e: Json) => e.error_type === 'validation' && e.error_message === 'This field is required')).toBe(true);

    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'weekly' }, 'type'],
      [{ user_timezone: 'Mars/Olympus_Mons' }, 'user_timezone'],
      [{ retention_policy: { name: 'r', rules: [{ period: 'years', quantity: 1 }] } }, 'retention_policy'],
      [{ retention_policy: { name: 'r', rules: [{ period: 'days', quantity: 0 }] } }, 'retention_policy'],
      [{ manual_incremental_backup: '2am' }, 'manual_incremental_backup'],
      [{ incremental_backup: { hour: '25', minute: '0' } }, 'incremental_backup'],
      [{ is_enabled: 'yes' }, 'is_enabled'],
    ];
    for (const [override, point] of cases) {
      const res = await api('POST', 'backupschedulers/', schedulerBody(override));
      expect(res.status, JSON.stringify(override)).toBe(400);
      expect(res.json).toEqual([{ error_point: point, error_type: 'validation', error_message: expect.any(String) }]);
    }
    // The split-rule quirk, the extra zones and `dr` are accepted.
    const ok = await api('POST', 'backupschedulers/', schedulerBody({
      type: 'dr', user_timezone: 'UTC',
      retention_policy: { name: 'gfs', rules: [{ period: 'weeks', quantity: 4 }, { time_option: 1 }] },
    }));
    expect(ok.status).toBe(201);
    expect(ok.json.objects[0].retention_policy.rules).toEqual([{ period: 'weeks', quantity: 4 }, { time_option: 1 }]);
    expect((await api('PUT', `backupschedulers/${ok.json.objects[0].uuid}/`, { type: 'hourly' })).status).toBe(400);
    expect((await api('POST', 'backupschedulers/', '{not json')).status).toBe(400);
  });

  it('attaches and clears a scheduler with set_scheduler', async () => {
    const drive = await driveByName(api, 'web-03-os');
    expect(drive.backup_scheduler).toBeNull();
    const sched = (await api('POST', 'backupschedulers/', schedulerBody({ name: 'attach me' }))).json.objects[0];
    const attach = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: sched.uuid });
    expect(attach.status).toBe(202);
    expect(attach.json.uuid).toBe(drive.uuid);
    expect(attach.json.backup_scheduler).toEqual({ resource_uri: `/api/2.0/backupschedulers/${sched.uuid}/`, uuid: sched.uuid });
    expect((await api('GET', `drives/${drive.uuid}/`)).json.backup_scheduler.uuid).toBe(sched.uuid);

    const clearNull = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: null });
    expect(clearNull.status).toBe(202);
    expect(clearNull.json.backup_scheduler).toBeNull();
    await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: sched.uuid });
    const clearEmpty = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: '' });
    expect(clearEmpty.json.backup_scheduler).toBeNull();

    const unknown = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.json[0]).toMatchObject({ error_type: 'notexist', error_point: 'backup_policy_uuid' });
    const missing = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, {});
    expect(missing.status).toBe(400);
    expect(missing.json[0]).toMatchObject({ error_type: 'validation', error_point: 'backup_policy_uuid' });
    expect((await api('POST', 'drives/nope/action/?do=set_scheduler', { backup_policy_uuid: sched.uuid })).status).toBe(404);

    // Deleting a scheduler detaches it from its drives.
    await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: sched.uuid });
    expect((await api('DELETE', `backupschedulers/${sched.uuid}/`)).status).toBe(204);
    expect((await api('GET', `drives/${drive.uuid}/`)).json.backup_scheduler).toBeNull();
  });
});

describe('CloudSigma simulator: snapshots on the clock', () => {
  let sim: CloudSigmaSimulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = await startCloudSigmaSimulator({ snapshotMs: 1000, remoteTransferMs: 3000, schedulerTickMs: 50 });
    api = client(sim);
  });
  afterAll(() => sim.close());

  it('creates a local snapshot: creating, then available after the clock moves', async () => {
    const drive = await driveByName(api, 'cache-01-os');
    const res = await api('POST', 'snapshots/', { objects: [{ drive: drive.uuid, name: 'first_snapshot', meta: { key: 'val' } }] });
    expect(res.status).toBe(201);
    const snap = res.json.objects[0];
    expect(snap).toMatchObject({ status: 'creating', allocated_size: null, name: 'first_snapshot', meta: { key: 'val' } });
    expect(snap.drive).toEqual({ resource_uri: `/api/2.0/drives/${drive.uuid}/`, uuid: drive.uuid });
    expect(snap.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    sim.server.clock.advance(1001);
    const later = await api('GET', `snapshots/${snap.uuid}/`);
    expect(later.json.status).toBe('available');
    expect(later.json.allocated_size).toBeGreaterThan(0);
    const forDrive = await api('GET', `snapshots/detail/?drive=${drive.uuid}&limit=0`);
    expect(forDrive.json.objects.map((o: Json) => o.uuid)).toEqual([snap.uuid]);
    expect((await api('GET', `drives/${drive.uuid}/`)).json.snapshots).toEqual([{ resource_uri: `/api/2.0/snapshots/${snap.uuid}/`, uuid: snap.uuid }]);
    const bare = await api('POST', 'snapshots', { drive: drive.uuid });
    expect(bare.status).toBe(201);
    expect(bare.json.objects[0].name).toMatch(new RegExp(`^${drive.uuid}__\\d{4}-\\d\\d-\\d\\d__\\d\\d_\\d\\d_\\d\\d$`));
    const put = await api('PUT', `snapshots/${snap.uuid}/`, { name: 'renamed', meta: {} });
    expect(put.json).toMatchObject({ name: 'renamed', meta: {} });
    expect((await api('DELETE', `snapshots/${snap.uuid}/`)).status).toBe(204);
    expect((await api('GET', `snapshots/${snap.uuid}/`)).status).toBe(404);
  });

  it('rejects a snapshot of an unknown drive', async () => {
    const res = await api('POST', 'snapshots/', { objects: [{ drive: '11111111-1111-4111-8111-111111111111' }] });
    expect(res.status).toBe(404);
    expect(res.json).toEqual([{ error_point: 'drive', error_type: 'notexist', error_message: expect.any(String) }]);
    const remote = await api('POST', 'remotesnapshots/', { drive: '11111111-1111-4111-8111-111111111111', location: 'ZRH' });
    expect(remote.status).toBe(404);
    expect((await api('POST', 'snapshots/', { objects: [{ name: 'x' }] })).json[0]).toMatchObject({ error_point: 'drive', error_type: 'validation' });
  });

  it('moves a remote snapshot through creating, transferring, available, and enforces its rules', async () => {
    const drive = await driveByName(api, 'scratch-volume');
    const res = await api('POST', 'remotesnapshots/', { drive: drive.uuid, location: 'ZRH', meta: {}, name: 'new backup', tags: [] });
    expect(res.status).toBe(201);
    const snap = res.json.objects[0];
    expect(snap).toMatchObject({ status: 'creating', allocated_size: 0, location: 'ZRH' });
    expect(snap.drive_meta).toEqual({ media: 'disk', name: 'scratch-volume', size: drive.size, src_uuid: drive.uuid, storage_type: 'dssd' });

    sim.server.clock.advance(1500);
    expect((await api('GET', `remotesnapshots/${snap.uuid}/`)).json.status).toBe('transferring');
    const busy = await api('POST', 'remotesnapshots/', { objects: [{ drive: drive.uuid, location: 'ZRH' }] });
    expect(busy.status).toBe(403);
    expect(busy.json[0].error_type).toBe('permission');
    expect((await api('DELETE', `remotesnapshots/${snap.uuid}/`)).status).toBe(403);
    expect((await api('PUT', `remotesnapshots/${snap.uuid}/`, { name: 'x' })).status).toBe(403);

    sim.server.clock.advance(1600);
    const done = await api('GET', `remotesnapshots/${snap.uuid}/`);
    expect(done.json.status).toBe('available');
    expect(done.json.allocated_size).toBeGreaterThan(0);
    const tooSoon = await api('POST', 'remotesnapshots/', { drive: drive.uuid, location: 'ZRH' });
    expect(tooSoon.status).toBe(403);
    expect(tooSoon.json[0].error_message).toMatch(/30 minutes/);

    await fetch(`${sim.server.origin}/__sim/clock/advance`, { method: 'POST', body: JSON.stringify({ ms: 30 * 60_000 }) });
    const again = await api('POST', 'remotesnapshots/', { drive: drive.uuid, location: 'ZRH' });
    expect(again.status).toBe(201);
    expect((await api('GET', `remotesnapshots/detail/?drive=${drive.uuid}`)).json.meta.total_count).toBe(2);
    expect((await api('GET', `drives/${drive.uuid}/`)).json.remote_snapshots).toHaveLength(2);
    sim.server.clock.advance(3000);
    expect((await api('DELETE', 'remotesnapshots/', { objects: [{ uuid: snap.uuid }, { uuid: again.json.objects[0].uuid }] })).status).toBe(204);
    expect((await api('GET', `remotesnapshots/detail/?drive=${drive.uuid}`)).json.meta.total_count).toBe(0);
  });

  it('runs schedulers on the clock: creates snapshots at their times and prunes by retention', async () => {
    const local = await driveByName(api, 'app-02-os'); // on a running server
    const remote = await driveByName(api, 'scratch-volume'); // attached to no server
    const unmounted = (await api('GET', 'drives/detail/?limit=0')).json.objects.find((d: Json) => d.name === 'archive-2023');
    const hourly = {
      incremental_backup: { day_of_week: ['*'], day_of_month: '*', month: '*', hour: '', minute: '', repeat: { hour: '*/1', minute: '' }, start_time: { hour: '', minute: '' }, end_time: { hour: '', minute: '' } },
      retention_policy: { name: 'Last day', rules: [{ period: 'days', quantity: 1 }] },
    };
    const snapSched = (await api('POST', 'backupschedulers/', schedulerBody({ name: 'hourly local', ...hourly }))).json.objects[0];
    const backupSched = (await api('POST', 'backupschedulers/', schedulerBody({ name: 'hourly remote', type: 'backup', remote_location: 'LON', ...hourly }))).json.objects[0];
    for (const [drive, sched] of [[local, snapSched], [remote, backupSched], [unmounted, snapSched]] as const) {
      expect((await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: sched.uuid })).status).toBe(202);
    }
    const before = sim.server.clock.now();
    sim.server.clock.advance(30 * HOUR);

    const locals = (await api('GET', `snapshots/detail/?drive=${local.uuid}&limit=0`)).json.objects.filter((s: Json) => s.meta.backup_scheduler === snapSched.uuid);
    // 30 hourly runs happened; the day-long retention kept the last 24.
    expect(locals).toHaveLength(24);
    expect(locals.every((s: Json) => s.meta.backup_scheduler_name === 'hourly local')).toBe(true);
    const times = locals.map((s: Json) => Date.parse(s.timestamp.replace(' ', 'T').replace(/\d{3}\+00:00$/, 'Z')));
    expect(Math.min(...times)).toBeGreaterThan(sim.server.clock.now() - 24 * HOUR);
    expect(Math.min(...times)).toBeGreaterThan(before);
    for (const t of times) expect(new Date(t).getUTCMinutes()).toBe(0);
    // The manual snapshot is never pruned.
    expect((await api('GET', `snapshots/detail/?drive=${local.uuid}&limit=0&name=before-upgrade`)).json.meta.total_count).toBe(1);

    const remotes = (await api('GET', `remotesnapshots/detail/?drive=${remote.uuid}&limit=0`)).json.objects;
    expect(remotes).toHaveLength(24);
    expect(remotes.every((s: Json) => s.location === 'LON' && s.meta.backup_scheduler === backupSched.uuid)).toBe(true);

    // Local snapshot schedulers need the drive on a running server (release 2510).
    expect((await api('GET', `snapshots/detail/?drive=${unmounted.uuid}`)).json.meta.total_count).toBe(0);

    // A disabled scheduler stops creating.
    await api('PUT', `backupschedulers/${snapSched.uuid}/`, { is_enabled: false });
    sim.server.clock.advance(3 * HOUR);
    const after = (await api('GET', `snapshots/detail/?drive=${local.uuid}&limit=0`)).json.objects.filter((s: Json) => s.meta.backup_scheduler === snapSched.uuid);
    expect(after).toHaveLength(24);
  });
});

describe('CloudSigma simulator: options', () => {
  it('starts empty without seed and uses the configured credentials', async () => {
    const sim = await startCloudSigmaSimulator({ seed: false, username: 'u@example.com', password: 'p', token: 't', location: 'FRA' });
    try {
      const api = client(sim);
      expect((await api('GET', 'drives/')).status).toBe(401);
      const res = await fetch(`${sim.baseUrl}drives/`, { headers: { authorization: 'Bearer t' } });
      expect(((await res.json()) as Json).meta.total_count).toBe(0);
    } finally {
      await sim.close();
    }
  });
});

describe('CloudSigma simulator: restore = clone', () => {
  let sim: CloudSigmaSimulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = await startCloudSigmaSimulator({ snapshotMs: 1000, remoteTransferMs: 3000, cloneMs: 2000, schedulerTickMs: 50 });
    api = client(sim);
  });
  afterAll(() => sim.close());

  it('clones a local snapshot into a new drive: 202, cloning_dst, then unmounted on the clock', async () => {
    const source = await driveByName(api, 'app-02-os');
    const snap = (await api('GET', `snapshots/detail/?drive=${source.uuid}&name=before-upgrade`)).json.objects[0];
    expect(snap.status).toBe('available');
    const drivesBefore = (await api('GET', 'drives/?limit=0')).json.meta.total_count;

    const res = await api('POST', `snapshots/${snap.uuid}/action/?do=clone&avoid=${source.uuid}`, { name: 'app-02-os-restored' });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ name: 'app-02-os-restored', status: 'cloning_dst', size: source.size, storage_type: source.storage_type, media: 'disk', backup_scheduler: null, mounted_on: [] });
    expect(res.json.jobs).toEqual([{ resource_uri: expect.stringMatching(/^\/api\/2\.0\/jobs\/[0-9a-f-]{36}\/$/), uuid: expect.any(String) }]);
    expect(res.json.uuid).not.toBe(source.uuid);
    expect((await api('GET', 'drives/?limit=0')).json.meta.total_count).toBe(drivesBefore + 1);

    sim.server.clock.advance(1000); // the clock also runs in real time: leave a margin
    expect((await api('GET', `drives/${res.json.uuid}/`)).json.status).toBe('cloning_dst');
    sim.server.clock.advance(1000);
    const done = (await api('GET', `drives/${res.json.uuid}/`)).json;
    expect(done).toMatchObject({ status: 'unmounted', jobs: [] });

    // Without a body: a default name; a bad body field is a validation error naming it.
    const bare = await api('POST', `snapshots/${snap.uuid}/action/?do=clone`);
    expect(bare.status).toBe(202);
    expect(bare.json.name).toMatch(/^app-02-os-clone-\d{4}-\d\d-\d\d__\d\d_\d\d_\d\d$/);
    const bad = await api('POST', `snapshots/${snap.uuid}/action/?do=clone`, { media: 'tape' });
    expect(bad.status).toBe(400);
    expect(bad.json[0]).toMatchObject({ error_type: 'validation', error_point: 'media' });
    expect((await api('POST', `snapshots/${snap.uuid}/action/?do=resize`)).json[0]).toMatchObject({ error_point: 'do' });
    expect((await api('POST', 'snapshots/11111111-1111-4111-8111-111111111111/action/?do=clone')).status).toBe(404);
  });

  it('refuses to clone a remote snapshot in progress, and clones it once available', async () => {
    const drive = await driveByName(api, 'scratch-volume');
    const created = await api('POST', 'remotesnapshots/', { drive: drive.uuid, location: 'LON' });
    const remote = created.json.objects[0];
    const early = await api('POST', `remotesnapshots/${remote.uuid}/action/?do=clone`, {});
    expect(early.status).toBe(403);
    expect(early.json[0].error_type).toBe('permission');
    sim.server.clock.advance(3000);
    const res = await api('POST', `remotesnapshots/${remote.uuid}/action/?do=clone`, { objects: [{ name: 'from-lon' }] });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ name: 'from-lon', status: 'cloning_dst', size: drive.size });
    sim.server.clock.advance(2000);
    expect((await api('GET', `drives/${res.json.uuid}/`)).json.status).toBe('unmounted');
  });
});

describe('CloudSigma simulator: extraResources (load tests)', () => {
  let sim: CloudSigmaSimulator;
  let plain: CloudSigmaSimulator;
  beforeAll(async () => {
    // Tomorrow 12:20 UTC: no seeded scheduler runs then (they run on :00, :15, :45 or fixed hours),
    // so no new snapshot can appear while the test reads.
    const clock = new SimClock();
    const d = clock.date();
    clock.setTo(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 12, 20));
    sim = await startCloudSigmaSimulator({ extraResources: 100, schedulerTickMs: 60_000, clock });
    plain = await startCloudSigmaSimulator({ schedulerTickMs: 60_000, clock });
  });
  afterAll(async () => {
    await sim.close();
    await plain.close();
  });

  it('adds 100 running bench servers, each with one drive on an existing scheduler and 1-2 of its snapshots', async () => {
    const api = client(sim);
    const servers = (await api('GET', 'servers/detail/?limit=0&name__contains=bench-srv-')).json;
    expect(servers.meta.total_count).toBe(100);
    expect(servers.objects.map((s: Json) => s.name)).toContain('bench-srv-100');

    const drives = (await api('GET', 'drives/detail/?limit=0&name__contains=bench-srv-')).json.objects as Json[];
    expect(drives).toHaveLength(100);
    const driveByUuid = new Map(drives.map((d) => [d.uuid, d]));
    const schedulers = new Map(((await api('GET', 'backupschedulers/detail/?limit=0')).json.objects as Json[]).map((s) => [s.uuid, s]));
    expect(schedulers.size).toBe(13); // the seed's; none added for the bench
    const localSnaps = (await api('GET', 'snapshots/?limit=0')).json.objects as Json[];
    const remoteSnaps = (await api('GET', 'remotesnapshots/?limit=0')).json.objects as Json[];

    for (const server of servers.objects as Json[]) {
      expect(server.status).toBe('running');
      expect(server.drives).toHaveLength(1);
      const drive = driveByUuid.get(server.drives[0].drive.uuid);
      expect(drive.name).toBe(`${server.name}-os`);
      expect(drive.status).toBe('mounted');
      const scheduler = schedulers.get(drive.backup_scheduler.uuid);
      expect(scheduler).toBeDefined();

      // Snapshots listed on the drive = the ones in the snapshot lists, all made by its scheduler.
      const kind = scheduler.type === 'snapshot' ? 'local' : 'remote';
      const own = (kind === 'local' ? localSnaps : remoteSnaps).filter((s) => s.drive.uuid === drive.uuid);
      expect([1, 2]).toContain(own.length);
      expect(kind === 'local' ? drive.snapshots : drive.remote_snapshots).toHaveLength(own.length);
      expect(kind === 'local' ? drive.remote_snapshots : drive.snapshots).toHaveLength(0);
      for (const snap of own) expect(snap.meta.backup_scheduler).toBe(scheduler.uuid);
    }
    // Round-robin: every seeded scheduler gets some bench drives.
    expect(new Set(drives.map((d) => d.backup_scheduler.uuid)).size).toBe(13);
  });

  it('leaves the seeded servers, drives and schedulers as they are without extras', async () => {
    const names = (s: CloudSigmaSimulator) => [...s.state.servers.values()].map((x) => `${x.uuid} ${x.name}`);
    expect(names(sim).slice(0, 12)).toEqual(names(plain));
    expect([...sim.state.schedulers.keys()]).toEqual([...plain.state.schedulers.keys()]);
    const seededDrives = (s: CloudSigmaSimulator) =>
      [...s.state.drives.values()].filter((d) => !d.name.startsWith('bench-')).map((d) => `${d.uuid} ${d.name} ${d.backupScheduler}`);
    expect(seededDrives(sim)).toEqual(seededDrives(plain));
  });

  it('creates a bench scheduler when there is no seed', async () => {
    const bare = await startCloudSigmaSimulator({ seed: false, extraResources: 3 });
    try {
      const schedulers = [...bare.state.schedulers.values()];
      expect(schedulers.map((s) => s.data.name)).toEqual(['Bench daily']);
      expect([...bare.state.drives.values()].every((d) => d.backupScheduler === schedulers[0]!.uuid)).toBe(true);
      expect(bare.state.snapshots.size).toBe(5); // 2 + 1 + 2
    } finally {
      await bare.close();
    }
  });
});

describe('CloudSigma simulator: the strict profile', () => {
  let sim: CloudSigmaSimulator;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    sim = await startCloudSigmaSimulator({ profile: 'strict', snapshotMs: 1000, schedulerTickMs: 50 });
    api = client(sim);
  });
  afterAll(() => sim.close());

  it('answers capabilities without credentials, a bare 401 otherwise, and lone error objects', async () => {
    expect((await api('GET', 'capabilities/', undefined, { authorization: '' })).status).toBe(200);
    const denied = await api('GET', 'drives/', undefined, { authorization: 'Basic bm9wZTpub3Bl' });
    expect(denied.status).toBe(401);
    expect(denied.text).toBe('');
    const missing = await api('GET', 'backupschedulers/00000000-0000-4000-8000-000000000000/');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error_type: 'notexist', error_point: null });
  });

  it('caps pages at 100, writes timestamps without a zone and references as bare URIs', async () => {
    const page = await api('GET', 'snapshots/detail/?limit=500');
    expect(page.json.meta).toMatchObject({ limit: 100, offset: 0 });
    expect(page.json.meta.total_count).toBeGreaterThan(100);
    expect(page.json.objects).toHaveLength(100);
    expect((await api('GET', 'snapshots/detail/?limit=0')).json.objects).toHaveLength(page.json.meta.total_count);
    const snap = page.json.objects[0];
    expect(snap.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(snap.drive).toBe(`/api/2.0/drives/${sim.state.snapshots.get(snap.uuid)!.drive}/`);
    expect(typeof snap.owner).toBe('string');
    const ids = await api('GET', 'drives/?fields=uuid,resource_uri&limit=1');
    expect(ids.json.objects[0]).toEqual({ uuid: expect.any(String), resource_uri: expect.stringMatching(/^\/api\/2\.0\/drives\//) });
  });

  it('ignores every set_scheduler form that would clear a drive, and clears it on a drive PUT without backup_scheduler', async () => {
    const drive = await driveByName(api, 'web-03-os');
    const sched = (await api('POST', 'backupschedulers/', schedulerBody({ name: 'strict attach' }))).json.objects[0];
    const attach = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: sched.uuid });
    expect(attach.json.backup_scheduler).toBe(`/api/2.0/backupschedulers/${sched.uuid}/`);
    for (const body of [{ backup_policy_uuid: null }, { backup_policy_uuid: '' }, {}]) {
      const reply = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, body);
      expect(reply.status).toBe(202);
      expect(reply.json.backup_scheduler).toBe(`/api/2.0/backupschedulers/${sched.uuid}/`);
    }
    const keep = await api('PUT', `drives/${drive.uuid}/`, { name: drive.name, size: drive.size, media: drive.media, backup_scheduler: null });
    expect(keep.json.backup_scheduler).toBe(`/api/2.0/backupschedulers/${sched.uuid}/`); // read-only: its presence keeps it
    expect((await api('PUT', `drives/${drive.uuid}/`, { name: drive.name, size: 1, media: drive.media })).status).toBe(400);
    const cleared = await api('PUT', `drives/${drive.uuid}/`, { name: drive.name, size: drive.size, media: drive.media, meta: {} });
    expect(cleared.status).toBe(200);
    expect(cleared.json.backup_scheduler).toBeNull();

    // Deleting a scheduler leaves its drives pointing at nothing.
    await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: sched.uuid });
    await api('DELETE', `backupschedulers/${sched.uuid}/`);
    expect((await api('GET', `drives/${drive.uuid}/`)).json.backup_scheduler).toBe(`/api/2.0/backupschedulers/${sched.uuid}/`);
    await api('PUT', `drives/${drive.uuid}/`, { name: drive.name, size: drive.size, media: drive.media });
  });

  it('refuses a second remote snapshot within 30 minutes with 400 validation on the drive', async () => {
    const drive = await driveByName(api, 'scratch-volume');
    expect((await api('POST', 'remotesnapshots/', { drive: drive.uuid, location: 'LON' })).status).toBe(201);
    const again = await api('POST', 'remotesnapshots/', { drive: drive.uuid, location: 'LON' });
    expect(again.status).toBe(400);
    expect(again.json).toMatchObject({ error_type: 'validation', error_point: 'drive' });
  });

  it('splits time_option in replies other than the create, replaces on PUT, and clears the rules only for null', async () => {
    const rules = [{ period: 'weeks', quantity: 4, time_option: 1 }];
    const created = await api('POST', 'backupschedulers/', schedulerBody({ name: 'strict rules', retention_policy: { name: 'GFS', rules } }));
    const uuid = created.json.objects[0].uuid;
    expect(created.json.objects[0].retention_policy.rules).toEqual(rules);
    const read = await api('GET', `backupschedulers/${uuid}/`);
    expect(read.json.retention_policy.rules).toEqual([{ period: 'weeks', quantity: 4 }, { time_option: 1 }]);

    const partial = await api('PUT', `backupschedulers/${uuid}/`, { name: 'renamed only' });
    expect(partial.status).toBe(400); // replace: the required fields are missing
    const full = schedulerBody({ name: 'strict rules', retention_policy: { name: 'GFS', rules } });
    for (const policy of [{}, { name: '', rules: [] }]) {
      const kept = await api('PUT', `backupschedulers/${uuid}/`, { ...full, retention_policy: policy });
      expect(kept.json.retention_policy.rules).toEqual([{ period: 'weeks', quantity: 4 }, { time_option: 1 }]);
    }
    const cleared = await api('PUT', `backupschedulers/${uuid}/`, { ...full, retention_policy: null });
    expect(cleared.json.retention_policy).toEqual({});
    await api('DELETE', `backupschedulers/${uuid}/`);
  });
});

describe('CloudSigma simulator: single variants', () => {
  let sim: CloudSigmaSimulator;
  let api: ReturnType<typeof client>;
  const setVariants = (v: Partial<CloudSigmaSimulator['state']['config']['variants']>) => Object.assign(sim.state.config.variants, CLOUDSIGMA_VARIANTS.default, v);
  beforeAll(async () => {
    sim = await startCloudSigmaSimulator({ snapshotMs: 1000, remoteTransferMs: 3000, cloneMs: 1000, schedulerTickMs: 50, variants: { unassign: 'omit-key' } });
    api = client(sim);
  });
  afterAll(() => sim.close());

  it('takes a variant from the options on top of the profile', () => {
    expect(sim.state.config.variants).toEqual({ ...CLOUDSIGMA_VARIANTS.default, unassign: 'omit-key' });
  });

  it.each([
    ['empty-string', { backup_policy_uuid: '' }, [{ backup_policy_uuid: null }, {}]],
    ['omit-key', {}, [{ backup_policy_uuid: null }, { backup_policy_uuid: '' }]],
  ] as const)('unassign %s: clears with that form only, the others are 400', async (form, clears, refused) => {
    setVariants({ unassign: form });
    const drive = await driveByName(api, 'web-03-os');
    const sched = (await api('POST', 'backupschedulers/', schedulerBody({ name: `unassign ${form}` }))).json.objects[0];
    await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, { backup_policy_uuid: sched.uuid });
    for (const body of refused) {
      const reply = await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, body);
      expect(reply.status).toBe(400);
      expect(reply.json[0]).toMatchObject({ error_type: 'validation', error_point: 'backup_policy_uuid' });
    }
    expect((await api('POST', `drives/${drive.uuid}/action/?do=set_scheduler`, clears)).json.backup_scheduler).toBeNull();
    expect((await api('PUT', `drives/${drive.uuid}/`, { name: drive.name, size: drive.size, media: drive.media })).status).toBe(405);
  });

  it('retentionRemoval empty-rules: {} and null are ignored, rules: [] clears (merged)', async () => {
    setVariants({ retentionRemoval: 'empty-rules' });
    const body = schedulerBody({ name: 'empty rules' });
    const uuid = (await api('POST', 'backupschedulers/', body)).json.objects[0].uuid;
    for (const policy of [{}, null]) expect((await api('PUT', `backupschedulers/${uuid}/`, { ...body, retention_policy: policy })).json.retention_policy).toEqual(body.retention_policy);
    expect((await api('PUT', `backupschedulers/${uuid}/`, { ...body, retention_policy: { rules: [] } })).json.retention_policy).toEqual({ name: 'Last day', rules: [] });
  });

  it('snapshotOutcome: stuck stays creating, error turns error, vanishes is a 404 once due', async () => {
    const drive = await driveByName(api, 'cache-01-os');
    const outcomes = ['stuck', 'error', 'vanishes'] as const;
    const uuids: string[] = [];
    for (const outcome of outcomes) {
      setVariants({ snapshotOutcome: outcome });
      uuids.push((await api('POST', 'snapshots/', { drive: drive.uuid })).json.objects[0].uuid);
    }
    sim.server.clock.advance(5_000);
    const [stuck, error, gone] = await Promise.all(uuids.map((u) => api('GET', `snapshots/${u}/`)));
    expect(stuck.json).toMatchObject({ status: 'creating', allocated_size: null });
    expect(error.json.status).toBe('error');
    expect(gone.status).toBe(404);

    setVariants({ snapshotOutcome: 'stuck' });
    const remote = (await api('POST', 'remotesnapshots/', { drive: drive.uuid, location: 'LON' })).json.objects[0];
    sim.server.clock.advance(10_000);
    expect((await api('GET', `remotesnapshots/${remote.uuid}/`)).json.status).toBe('transferring');
  });

  it('cloneOutcome: stuck stays cloning_dst, vanishes is a 404 once due', async () => {
    setVariants({});
    const drive = await driveByName(api, 'cache-01-os');
    const snap = (await api('POST', 'snapshots/', { drive: drive.uuid })).json.objects[0];
    sim.server.clock.advance(1_500);
    setVariants({ cloneOutcome: 'stuck' });
    const stuck = (await api('POST', `snapshots/${snap.uuid}/action/?do=clone`)).json;
    setVariants({ cloneOutcome: 'vanishes' });
    const gone = (await api('POST', `snapshots/${snap.uuid}/action/?do=clone`)).json;
    sim.server.clock.advance(5_000);
    expect((await api('GET', `drives/${stuck.uuid}/`)).json.status).toBe('cloning_dst');
    expect((await api('GET', `drives/${gone.uuid}/`)).status).toBe(404);
  });
});
