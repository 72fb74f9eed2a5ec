/**
 * The CloudSigma client and provider against the CloudSigma simulator over real HTTP on loopback.
 * Requests go through the real UpstreamHttp; a thin wrapper only records what was sent (and, for
 * one test, shrinks the page size asked for, as a server that caps its pages would). Everything
 * runs against the simulator's default and strict profiles.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, UpstreamRejectedError, UpstreamUnavailableError, ValidationError } from '../../src/domain/errors.js';
import { CloudSigmaClient, type CloudSigmaConnection } from '../../src/providers/cloudsigma/client.js';
import { PendingOperations } from '../../src/providers/cloudsigma/pending.js';
import { CloudSigmaProvider } from '../../src/providers/cloudsigma/provider.js';
import { UpstreamHttp, type UpstreamRequest } from '../../src/upstream/http-client.js';
import { CLOUDSIGMA_VARIANTS, EXAMPLE_SCHEDULERS, startCloudSigmaSimulator, type CloudSigmaSimulator } from '../../src/simulators/cloudsigma/index.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';

const USER = 'ops@example.com';
const PASSWORD = 'cloudsigma-demo';
const TOKEN = 'cs-demo-token';

let sim: CloudSigmaSimulator;
const open: UpstreamHttp[] = [];

function recordingHttp(rewrite?: (url: URL) => void): { http: UpstreamHttp; sent: UpstreamRequest[] } {
  const real = new UpstreamHttp({ providerId: 'zrh', retry: { retries: 0 } });
  open.push(real);
  const sent: UpstreamRequest[] = [];
  const http = {
    request: (req: UpstreamRequest) => {
      const url = new URL(req.url);
      rewrite?.(url);
      const actual = { ...req, url: url.toString() };
      sent.push(actual);
      return real.request(actual);
    },
    health: () => real.health(),
    credentialsAccepted: () => real.credentialsAccepted(),
    credentialsRejected: (message: string) => real.credentialsRejected(message),
    close: () => real.close(),
  } as unknown as UpstreamHttp;
  return { http, sent };
}

function client(connection: Partial<CloudSigmaConnection> = {}, rewrite?: (url: URL) => void) {
  const { http, sent } = recordingHttp(rewrite);
  return { client: new CloudSigmaClient({ providerId: 'zrh', baseUrl: sim.baseUrl, username: USER, password: PASSWORD, ...connection }, http), sent };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

afterAll(async () => {
  await Promise.all(open.map((h) => h.close()));
});

describe.each(SIM_PROFILES)('CloudSigma client and provider (%s profile)', (profile) => {
  beforeAll(async () => {
    sim = await startCloudSigmaSimulator({ profile, snapshotMs: 500, remoteTransferMs: 1500, cloneMs: 500 });
  });
  afterAll(async () => {
    await sim?.close();
  });

  describe('CloudSigma client: protocol', () => {
    it('authenticates with Basic or Bearer and sends JSON headers and an X-REQUEST-ID', async () => {
      const basic = client();
      const servers = await basic.client.list(undefined, 'servers');
      expect(servers).toHaveLength(sim.state.servers.size);
      const headers = basic.sent[0].headers!;
      expect(headers.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
      expect(headers.accept).toBe('application/json');
      // On the wire (UpstreamHttp adds it): a fresh id without a GraphQL request, else its id.
      expect(sim.server.requests.at(-1)!.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(basic.sent[0].idempotent).toBe(true);

      const bearer = client({ username: undefined, password: undefined, token: TOKEN });
      await bearer.client.list({ requestId: 'gql-req-42' }, 'drives');
      expect(bearer.sent[0].headers!.authorization).toBe(`Bearer ${TOKEN}`);
      expect(sim.server.requests.at(-1)!.requestId).toBe('gql-req-42');
      expect(new URL(bearer.sent[0].url).pathname).toBe('/api/2.0/drives/detail/');
    });

    it('reads every page, following total_count, even when the server caps its pages', async () => {
      const all = await client().client.list(undefined, 'snapshots');
      expect(all.length).toBe(sim.state.snapshots.size);
      expect(all.length).toBeGreaterThan(20);

      // A server that answers at most 7 objects whatever `limit` says.
      const capped = client({}, (url) => {
        if (url.searchParams.has('limit')) url.searchParams.set('limit', '7');
      });
      const paged = await capped.client.list(undefined, 'snapshots');
      expect(new Set(paged.map((s) => s.uuid))).toEqual(new Set(all.map((s) => s.uuid)));
      expect(capped.sent.length).toBe(Math.ceil(all.length / 7));
      expect(capped.sent.map((r) => new URL(r.url).searchParams.get('offset'))).toEqual(capped.sent.map((_, i) => String(i * 7)));

      // Filters are passed on, and an empty result is one request.
      const drive = [...sim.state.drives.values()].find((d) => d.name === 'db-01-os')!;
      const one = client();
      const mine = await one.client.list(undefined, 'snapshots', { drive: drive.uuid });
      expect(mine.length).toBe(sim.state.driveSnapshots('local', drive.uuid).length);
      expect(new URL(one.sent[0].url).searchParams.get('drive')).toBe(drive.uuid);
    });

    it('maps error arrays to typed errors and never shows the secrets', async () => {
      const wrong = client({ password: 'hunter2-secret' });
      const rejected = await failure(wrong.client.list(undefined, 'drives'));
      expect(rejected).toBeInstanceOf(UpstreamRejectedError);
      expect(rejected.message).toMatch(/credentials/);
      expect(rejected.message).not.toContain('hunter2-secret');
      expect(rejected.message).not.toContain(Buffer.from(`${USER}:hunter2-secret`).toString('base64'));
      const badToken = await failure(client({ username: undefined, password: undefined, token: 'tok-very-secret' }).client.list(undefined, 'drives'));
      expect(badToken).toBeInstanceOf(UpstreamRejectedError);
      expect(badToken.message).not.toContain('tok-very-secret');

      const { client: api } = client();
      const missing = await failure(api.get(undefined, 'backupschedulers/00000000-0000-4000-8000-000000000000/', 'backupschedulers/{uuid}'));
      expect(missing).toBeInstanceOf(NotFoundError);

      const invalid = await failure(api.create(undefined, 'backupschedulers', [{ ...EXAMPLE_SCHEDULERS.weekday3am, user_timezone: 'Mars/Olympus' }]));
      expect(invalid).toBeInstanceOf(ValidationError);
      expect((invalid as ValidationError).field).toBe('user_timezone');

      const drive = [...sim.state.drives.values()].find((d) => d.name === 'scratch-volume')!;
      await api.create(undefined, 'remotesnapshots', [{ drive: drive.uuid, location: 'LON' }]);
      const refused = await failure(api.create(undefined, 'remotesnapshots', [{ drive: drive.uuid, location: 'LON' }]));
      // The remote rules come as 403 permission, or (strict) as 400 validation on the drive.
      if (profile === 'strict') expect(refused).toMatchObject({ code: 'VALIDATION', field: 'drive' });
      else expect(refused).toBeInstanceOf(UpstreamRejectedError);
      expect(refused.message).toMatch(/refused|rejected/);

      sim.server.faults.set({ routes: { servers: { status: 503, times: 1 } } });
      const down = await failure(api.list(undefined, 'servers'));
      expect(down).toBeInstanceOf(UpstreamUnavailableError);
      sim.server.faults.clear();
    });

    it('is DOWN with "the credentials were rejected" after a 401, whichever calls need no credentials', async () => {
      const wrong = new CloudSigmaProvider({ providerId: 'zrh', baseUrl: sim.baseUrl, username: USER, password: 'hunter2-secret', upstream: { retry: { retries: 0 } } });
      const right = new CloudSigmaProvider({ providerId: 'zrh', baseUrl: sim.baseUrl, username: USER, password: PASSWORD, upstream: { retry: { retries: 0 } } });
      try {
        expect(wrong.health().status).toBe('UNKNOWN');
        const health = await wrong.probe();
        expect(health.status).toBe('DOWN');
        expect(health.message).toMatch(/the credentials were rejected/);
        expect(health.message).not.toContain('hunter2-secret');
        expect(await right.probe()).toMatchObject({ status: 'UP' });
      } finally {
        await Promise.all([wrong.close(), right.close()]);
      }
    });

    it('creates, updates, acts and deletes with one request each, never marked idempotent', async () => {
      const { client: api, sent } = client();
      const [created] = await api.create(undefined, 'backupschedulers', [{ ...EXAMPLE_SCHEDULERS.sunday2300, name: 'contract-test' }]);
      expect(created).toMatchObject({ name: 'contract-test', type: 'snapshot' });
      const updated = await api.put(undefined, `backupschedulers/${created.uuid}/`, 'backupschedulers/{uuid}', { ...EXAMPLE_SCHEDULERS.sunday2300, name: 'renamed' });
      expect(updated.name).toBe('renamed');
      await api.delete(undefined, 'backupschedulers/', 'backupschedulers/bulk-delete', { objects: [{ uuid: created.uuid }] });
      expect(sim.state.schedulers.has(created.uuid as string)).toBe(false);
      expect(sent.map((r) => [r.method, r.idempotent])).toEqual([
        ['POST', false],
        ['PUT', false],
        ['DELETE', false],
      ]);
      expect(JSON.parse(String(sent[0].body))).toEqual({ objects: [expect.objectContaining({ name: 'contract-test' })] });
    });
  });

  describe('CloudSigma provider against the simulator', () => {
    let provider: CloudSigmaProvider;
    beforeAll(() => {
      provider = new CloudSigmaProvider({ providerId: 'zrh', baseUrl: sim.baseUrl, username: USER, password: PASSWORD, upstream: { retry: { retries: 0 } } });
    });
    afterAll(() => provider.close());

    it('maps servers, drives and schedulers', async () => {
      const [vms, disks, schedules] = await Promise.all([provider.listVirtualMachines(), provider.listDisks(), provider.listSchedules()]);
      expect(vms).toHaveLength(sim.state.servers.size);
      expect(disks).toHaveLength(sim.state.drives.size);
      expect(schedules).toHaveLength(sim.state.schedulers.size);
      const db = vms.find((v) => v.name === 'db-01')!;
      expect(db).toMatchObject({ type: 'VirtualMachine', configured: true, status: 'running', host: undefined });
      expect(db.diskIds.map((id) => disks.find((d) => d.nativeId === id)!.name)).toEqual(['db-01-os', 'db-01-data']);
      const loose = disks.find((d) => d.name === 'scratch-volume')!;
      expect(loose.virtualMachineId).toBeUndefined();
      const os = disks.find((d) => d.name === 'db-01-os')!;
      expect(os).toMatchObject({ virtualMachineId: db.nativeId, sizeBytes: 40 * 1024 ** 3, storageType: 'dssd', lastBackup: { outcome: 'SUCCESS' } });
      const gfs = schedules.find((s) => s.name === 'Son, Father, GrandFather Policy')!;
      expect(gfs).toMatchObject({ kind: 'LOCAL_SNAPSHOT', enabled: true, recurrence: { timezone: 'Etc/GMT+12', description: 'Every day at 01:00 (Etc/GMT+12)' } });
      expect(gfs.retention!.rules).toEqual([{ unit: 'DAYS', count: 7 }, { unit: 'WEEKS', count: 4, anchor: 1 }, { unit: 'MONTHS', count: 12, anchor: 23 }]);
      expect(gfs.targets).toEqual([{ type: 'Disk', providerId: 'zrh', nativeId: os.nativeId }]);
      expect(schedules.find((s) => s.name === 'Every 45 minutes')).toMatchObject({ kind: 'REMOTE_SNAPSHOT', remoteLocation: 'ZRH' });
      const locations = await provider.listBackupLocations();
      expect(locations.map((l) => [l.nativeId, l.kind])).toEqual([['local', 'LOCAL'], ...['LON', 'TBC', 'ZRH'].map((c) => [`remote:${c}`, 'REMOTE'])]);
    });

    it('snapshots a drive, follows the operation, and restores it by cloning', async () => {
      const drive = [...sim.state.drives.values()].find((d) => d.name === 'cache-01-os')!;
      const op = await provider.startBackup({ type: 'Disk', providerId: 'zrh', nativeId: drive.uuid });
      expect(op).toMatchObject({ kind: 'SNAPSHOT', status: 'RUNNING', nativeId: expect.stringMatching(/^snap:/), target: { type: 'Disk', nativeId: drive.uuid } });
      expect((await provider.listOperations()).map((o) => o.nativeId)).toContain(op.nativeId);
      sim.server.clock.advance(600);
      expect(await provider.getOperation(op.nativeId)).toMatchObject({ status: 'SUCCEEDED' });
      const backups = await provider.listBackups({ type: 'Disk', providerId: 'zrh', nativeId: drive.uuid });
      const backup = backups.find((b) => b.nativeId === op.nativeId)!;
      expect(backup).toMatchObject({ kind: 'LOCAL_SNAPSHOT', status: 'available', location: 'ZRH' }); // the provider id names the location
      expect(await provider.getBackup(op.nativeId)).toMatchObject({ nativeId: op.nativeId });
      expect(await provider.getBackup('snap:00000000-0000-4000-8000-000000000000')).toBeUndefined();

      const restore = await provider.startRestore(backup, { restoredName: 'cache-restored', sandbox: false });
      expect(restore).toMatchObject({ kind: 'RESTORE', status: 'RUNNING', nativeId: expect.stringMatching(/^clone:/) });
      const clone = sim.state.drives.get(restore.nativeId.slice('clone:'.length))!;
      expect(clone.name).toBe('cache-restored');
      sim.server.clock.advance(600);
      expect(await provider.getOperation(restore.nativeId)).toMatchObject({ status: 'SUCCEEDED', target: { nativeId: clone.uuid } });
    });

    it('sets a server\'s drives back when one of them fails midway through an assignment', async () => {
      const server = [...sim.state.servers.values()].find((s) => s.name === 'mail-01')!;
      const drives = server.drives.map((slot) => sim.state.drives.get(slot.drive)!);
      const before = drives.map((d) => d.backupScheduler);
      const target = [...sim.state.schedulers.values()].find((s) => s.data.name === 'Every 12 hours. Last 2 days')!;
      // The second set_scheduler is refused as if by the upstream (the simulator has no way to refuse only that one).
      const inner = (provider as unknown as { client: CloudSigmaClient }).client;
      const real = inner.action.bind(inner);
      let calls = 0;
      inner.action = async (...args: Parameters<CloudSigmaClient['action']>) => {
        calls += 1;
        if (calls === 2) throw new UpstreamRejectedError('zrh', 'provider "zrh" refused drives/{uuid}/action/set_scheduler: injected');
        return real(...args);
      };
      try {
        const error = await failure(provider.assignSchedule({ type: 'VirtualMachine', providerId: 'zrh', nativeId: server.uuid }, target.uuid));
        expect(error).toBeInstanceOf(UpstreamRejectedError);
        expect(error.message).toMatch(/already changed were set back/);
      } finally {
        inner.action = real;
      }
      expect(calls).toBe(3); // set, refused, set back
      expect(drives.map((d) => d.backupScheduler)).toEqual(before);
    });

    it('snapshots every drive of a server and answers with the boot drive\'s operation', async () => {
      const server = [...sim.state.servers.values()].find((s) => s.name === 'app-01')!;
      const [boot, second] = server.drives.map((slot) => slot.drive);
      // Local snapshots only: a remote one could meet the 30-minute rule after a scheduled run.
      for (const uuid of [boot, second]) sim.state.drives.get(uuid)!.backupScheduler = null;
      const countBefore = sim.state.driveSnapshots('local', second).length + sim.state.driveSnapshots('remote', second).length;
      const op = await provider.startBackup({ type: 'VirtualMachine', providerId: 'zrh', nativeId: server.uuid });
      expect(op.target).toEqual({ type: 'Disk', providerId: 'zrh', nativeId: boot });
      expect(sim.state.driveSnapshots('local', second).length + sim.state.driveSnapshots('remote', second).length).toBe(countBefore + 1);
      const backups = await provider.listBackups({ type: 'VirtualMachine', providerId: 'zrh', nativeId: server.uuid });
      expect(new Set(backups.map((b) => b.resource.nativeId))).toEqual(new Set([boot, second]));
    });

    it('takes a remote snapshot for a drive on a remote scheduler', async () => {
      // A disabled remote scheduler of our own: no scheduled run can interfere.
      const { client: api } = client();
      const [scheduler] = await api.create(undefined, 'backupschedulers', [{ ...EXAMPLE_SCHEDULERS.every45, name: 'contract remote', is_enabled: false, remote_location: 'FRA' }]);
      const drive = [...sim.state.drives.values()].find((d) => d.name === 'cache-01-os')!;
      await provider.assignSchedule({ type: 'Disk', providerId: 'zrh', nativeId: drive.uuid }, scheduler.uuid as string);
      const op = await provider.startBackup({ type: 'Disk', providerId: 'zrh', nativeId: drive.uuid });
      expect(op).toMatchObject({ kind: 'REMOTE_SNAPSHOT', status: 'QUEUED', nativeId: expect.stringMatching(/^rsnap:/) });
      expect(sim.state.remoteSnapshots.get(op.nativeId.slice('rsnap:'.length))).toMatchObject({ location: 'FRA', drive: drive.uuid });
      const again = await failure(provider.startBackup({ type: 'Disk', providerId: 'zrh', nativeId: drive.uuid }));
      expect(again).toMatchObject({ code: 'CONFLICT' });
      expect(sim.state.driveSnapshots('remote', drive.uuid)).toHaveLength(1);
    });
  });
});

/**
 * Where the contract is unsure ([?]), the simulator answers in each plausible form in turn
 * (variants.ts): the provider must show only what a read-back confirms.
 */
describe('CloudSigma provider at each unconfirmed point (simulator variants)', () => {
  let vsim: CloudSigmaSimulator;
  let provider: CloudSigmaProvider;
  const variants = () => vsim.state.config.variants;
  const driveNamed = (name: string) => [...vsim.state.drives.values()].find((d) => d.name === name)!;
  const disk = (name: string) => ({ type: 'Disk' as const, providerId: 'zrh', nativeId: driveNamed(name).uuid });
  const schedulerNamed = (name: string) => [...vsim.state.schedulers.values()].find((s) => s.data.name === name)!;

  beforeAll(async () => {
    vsim = await startCloudSigmaSimulator({ snapshotMs: 200, remoteTransferMs: 600, cloneMs: 200 });
    provider = new CloudSigmaProvider({ providerId: 'zrh', baseUrl: vsim.baseUrl, username: USER, password: PASSWORD, pendingWaitMs: 300, upstream: { retry: { retries: 0 } } });
  });
  afterEach(() => {
    Object.assign(variants(), CLOUDSIGMA_VARIANTS.default);
  });
  afterAll(async () => {
    await provider?.close();
    await vsim?.close();
  });

  it.each(['null-or-empty', 'empty-string', 'omit-key', 'drive-put'] as const)('unassigns a drive when the upstream clears it by %s, as the drive read back shows', async (form) => {
    variants().unassign = form;
    const drive = driveNamed('web-03-os');
    const scheduler = schedulerNamed('Weekday 3AM Snapshot Policy');
    await provider.assignSchedule(disk('web-03-os'), scheduler.uuid);
    expect(drive.backupScheduler).toBe(scheduler.uuid);
    await provider.unassignSchedule(disk('web-03-os'), scheduler.uuid);
    expect(drive.backupScheduler).toBeNull();
    expect(drive).toMatchObject({ name: 'web-03-os', size: expect.any(Number) });
    const schedules = await provider.listSchedules();
    expect(schedules.find((s) => s.nativeId === scheduler.uuid)!.targets).not.toContainEqual(disk('web-03-os'));
  });

  it('answers UPSTREAM_REJECTED, naming what it tried, when the upstream ignores every unassign form; the drive keeps its scheduler', async () => {
    variants().unassign = 'ignored';
    const drive = driveNamed('web-03-os');
    const scheduler = schedulerNamed('Weekday 3AM Snapshot Policy');
    await provider.assignSchedule(disk('web-03-os'), scheduler.uuid);
    const error = await failure(provider.unassignSchedule(disk('web-03-os'), scheduler.uuid));
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error.message).toMatch(/still carries it/);
    expect(error.message).toMatch(/backup_policy_uuid null.*without backup_policy_uuid/);
    expect(drive.backupScheduler).toBe(scheduler.uuid);

    variants().unassign = 'null-or-empty';
    await provider.unassignSchedule(disk('web-03-os'), scheduler.uuid);
    expect(drive.backupScheduler).toBeNull();
  });

  it.each(['empty-object', 'empty-rules', 'null'] as const)('removes the retention rules when the upstream takes %s for "none", as the scheduler read back shows', async (form) => {
    variants().retentionRemoval = form;
    const created = await provider.createSchedule({
      name: `retention ${form}`,
      kind: 'LOCAL_SNAPSHOT',
      enabled: false,
      weekly: { daysOfWeek: [1], times: ['02:00'] },
      retention: [{ unit: 'DAYS', count: 7 }],
    } as never);
    expect(created.retention?.rules).toEqual([{ unit: 'DAYS', count: 7 }]);
    const updated = await provider.updateSchedule(created.nativeId, { retention: [] } as never);
    expect(updated.retention?.rules ?? []).toEqual([]);
    expect((vsim.state.schedulers.get(created.nativeId)!.data.retention_policy as { rules?: unknown[] }).rules ?? []).toEqual([]);
  });

  it('answers UPSTREAM_REJECTED when the upstream keeps the rules whatever is sent; the rest of the update is saved', async () => {
    variants().retentionRemoval = 'ignored';
    const created = await provider.createSchedule({
      name: 'retention kept',
      kind: 'LOCAL_SNAPSHOT',
      enabled: false,
      weekly: { daysOfWeek: [1], times: ['02:00'] },
      retention: [{ unit: 'WEEKS', count: 2 }],
    } as never);
    const error = await failure(provider.updateSchedule(created.nativeId, { name: 'retention kept (renamed)', retention: [] } as never));
    expect(error).toBeInstanceOf(UpstreamRejectedError);
    expect(error.message).toMatch(/kept the retention rules.*the rest of the update was saved/);
    const stored = vsim.state.schedulers.get(created.nativeId)!.data;
    expect(stored.name).toBe('retention kept (renamed)');
    expect(stored.retention_policy).toMatchObject({ rules: [{ period: 'weeks', quantity: 2 }] });
  });

  it.each(['permission', 'validation'] as const)('answers CONFLICT or UPSTREAM_REJECTED, never VALIDATION, when a remote-snapshot rule comes as %s', async (form) => {
    variants().remoteRuleRejection = form;
    const { client: api } = client({ baseUrl: vsim.baseUrl });
    const [scheduler] = await api.create(undefined, 'backupschedulers', [{ ...EXAMPLE_SCHEDULERS.every45, name: `rule ${form}`, is_enabled: false, remote_location: 'FRA' }]);
    const drive = form === 'permission' ? 'web-03-os' : 'scratch-volume';
    await provider.assignSchedule(disk(drive), scheduler.uuid as string);
    await provider.startBackup(disk(drive));
    vsim.server.clock.advance(1_000); // available, but within 30 minutes
    const error = await failure(provider.startBackup(disk(drive)));
    expect(error).toMatchObject({ code: form === 'permission' ? 'UPSTREAM_REJECTED' : 'CONFLICT', message: expect.stringMatching(/30 minutes/) });
    await provider.unassignSchedule(disk(drive), scheduler.uuid as string);
  });

  it('ends a snapshot that never becomes available as a final UNKNOWN with the reason, and drops it from operations', async () => {
    variants().snapshotOutcome = 'stuck';
    const op = await provider.startBackup(disk('cache-01-os'));
    expect(op).toMatchObject({ status: 'RUNNING' });
    vsim.server.clock.advance(1_000);
    let seen = await provider.getOperation(op.nativeId);
    expect(seen).toMatchObject({ status: 'RUNNING', phase: 'creating' });
    const deadline = Date.now() + 5_000;
    while (!seen?.final && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await provider.getOperation(op.nativeId);
    }
    expect(seen).toMatchObject({ status: 'UNKNOWN', final: true, message: expect.stringMatching(/still "creating".*no failure state/) });
    expect(vsim.state.snapshots.has(op.nativeId.slice('snap:'.length))).toBe(true); // still listed upstream, as creating
    expect((await provider.listOperations()).map((o) => o.nativeId)).not.toContain(op.nativeId);
  });

  it('ends a snapshot that vanishes as a final UNKNOWN saying it is gone, and one that turns "error" as FAILED', async () => {
    variants().snapshotOutcome = 'vanishes';
    const gone = await provider.startBackup(disk('cache-01-os'));
    vsim.server.clock.advance(1_000);
    expect(await provider.getOperation(gone.nativeId)).toMatchObject({ status: 'UNKNOWN', final: true, message: expect.stringMatching(/gone upstream/), target: { nativeId: driveNamed('cache-01-os').uuid } });

    variants().snapshotOutcome = 'error';
    const failed = await provider.startBackup(disk('cache-01-os'));
    vsim.server.clock.advance(1_000);
    expect(await provider.getOperation(failed.nativeId)).toMatchObject({ status: 'FAILED', phase: 'error' });
    expect((await provider.listOperations()).map((o) => o.nativeId)).not.toContain(failed.nativeId);
  });

  it('ends a restore whose new drive vanishes as a final UNKNOWN, never SUCCEEDED', async () => {
    variants().cloneOutcome = 'vanishes';
    const snap = await provider.startBackup(disk('cache-01-os'));
    vsim.server.clock.advance(1_000);
    const backup = (await provider.getBackup(snap.nativeId))!;
    const restore = await provider.startRestore(backup, { sandbox: false });
    expect(restore).toMatchObject({ kind: 'RESTORE', status: 'RUNNING' });
    vsim.server.clock.advance(1_000);
    expect(await provider.getOperation(restore.nativeId)).toMatchObject({ status: 'UNKNOWN', final: true, message: expect.stringMatching(/gone upstream/) });
  });

  it('remembers nothing of the operations that ended, however many (bounded memory)', async () => {
    // The snapshot stuck in an earlier test stays remembered (so it stays out of operations); nothing else may.
    await provider.listOperations();
    const before = provider.memory.pending;
    const ops = [];
    for (let i = 0; i < 60; i++) ops.push(await provider.startBackup(disk(i % 2 ? 'cache-01-os' : 'scratch-volume')));
    expect(provider.memory.pending).toBe(before + 60);
    vsim.server.clock.advance(1_000);
    for (const op of ops.slice(0, 30)) expect(await provider.getOperation(op.nativeId)).toMatchObject({ status: 'SUCCEEDED' });
    await provider.listOperations(); // the other 30 ended too: seen in the list as available
    expect(provider.memory.pending).toBe(before);

    const capped = new PendingOperations(60_000, 50);
    for (let i = 0; i < 500; i++) capped.follow({ providerId: 'zrh', nativeId: `snap:${i}`, kind: 'SNAPSHOT', status: 'RUNNING', phase: 'creating' } as never);
    expect(capped.size).toBe(50);
  });
});
