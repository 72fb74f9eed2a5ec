import { afterEach, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { SimClock } from '../../src/simulators/kit/clock.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';
import {
  formatAltaroDate,
  parseAltaroDate,
  startAltaroSimulator,
  type AltaroSimulator,
  type AltaroSimulatorOptions,
} from '../../src/simulators/altaro/index.js';

// ------------------------------------------------------------------------------------------------
// helpers

const running: AltaroSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()));
});

const HOUR = 3_600_000;

/** A clock parked at noon UTC tomorrow, so no seeded schedule (01:00, 03:00, 22:30) fires mid-test. */
function noonClock(): SimClock {
  const clock = new SimClock();
  const d = new Date(clock.now());
  clock.setTo(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 12, 0, 0));
  return clock;
}

async function start(options: AltaroSimulatorOptions = {}): Promise<AltaroSimulator> {
  const sim = await startAltaroSimulator({ operationMs: 1000, finishedGraceMs: 2000, clock: noonClock(), ...options });
  running.push(sim);
  return sim;
}

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** https simulators (strict profile) are trusted through their own certificate. */
const agents = new WeakMap<AltaroSimulator, Agent>();
function dispatcherFor(sim: AltaroSimulator): Agent | undefined {
  if (!sim.server.certPem) return undefined;
  let agent = agents.get(sim);
  if (!agent) agents.set(sim, (agent = new Agent({ connect: { ca: sim.server.certPem } })));
  return agent;
}

async function call(sim: AltaroSimulator, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await undiciFetch(`${sim.baseUrl}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    dispatcher: dispatcherFor(sim),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* plain-text fault replies */
  }
  return { status: res.status, headers: res.headers as unknown as Headers, body: parsed };
}

const LOGIN = { ServerAddress: 'localhost', ServerPort: 36014, Username: 'Administrator', Password: 'altaro-demo', Domain: '.' };

async function login(sim: AltaroSimulator): Promise<string> {
  const r = await call(sim, 'POST', '/sessions/start', LOGIN);
  expect(r.body.Success).toBe(true);
  return r.body.Data as string;
}

const ref = (sim: AltaroSimulator, name: string): string => sim.state.vmByName(name)!.altaroRef!;
const locationId = (sim: AltaroSimulator, path: string): string => sim.state.locations.find((l) => l.path === path)!.id;
const scheduleId = (sim: AltaroSimulator, name: string): string => sim.state.schedules.find((s) => s.name === name)!.id;
const LOCAL = 'D:\\AltaroBackups';
const NAS = '\\\\NAS01\\altaro';
const DR = '\\\\DR-SITE\\offsite';

async function vmItem(sim: AltaroSimulator, token: string, name: string) {
  const r = await call(sim, 'GET', `/vms/list/${token}`);
  return r.body.VirtualMachines.find((v: any) => v.VirtualMachineName === name);
}

function expectEnvelopeOk(body: Record<string, unknown>): void {
  expect(body).toMatchObject({ Success: true, ErrorCode: null, ErrorMessage: null, ErrorAdditionalDetails: null });
}

const ALTARO_DATE = /^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/;

// ------------------------------------------------------------------------------------------------

describe('Altaro simulator: sessions', () => {
  it('answers protocol/version without a token', async () => {
    const sim = await start();
    const r = await call(sim, 'GET', '/protocol/version');
    expect(r.status).toBe(200);
    expectEnvelopeOk(r.body);
    expect(r.body.Data).toBe('1.0');
  });

  it('logs in with the right credentials (ServerPort as number or string) and refuses wrong ones', async () => {
    const sim = await start();
    const ok = await call(sim, 'POST', '/sessions/start', LOGIN);
    expectEnvelopeOk(ok.body);
    expect(ok.body.Data).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const ok2 = await call(sim, 'POST', '/sessions/start', { ...LOGIN, ServerPort: '35107', Username: 'CONTOSO\\administrator' });
    expect(ok2.body.Success).toBe(true);

    const bad = await call(sim, 'POST', '/sessions/start', { ...LOGIN, Password: 'hunter2-secret' });
    expect(bad.status).toBe(200);
    expect(bad.body.Success).toBe(false);
    expect(bad.body.ErrorMessage).toMatch(/invalid username or password/i);
    expect(JSON.stringify(bad.body)).not.toContain('hunter2-secret');
    expect(bad.body.Data).toBeNull();
  });

  it('refuses logins while a management console is registered', async () => {
    const sim = await start();
    sim.state.consoleRegistered = true;
    const r = await call(sim, 'POST', '/sessions/start', LOGIN);
    expect(r.body).toMatchObject({ Success: false, ErrorAdditionalDetails: 'AnotherConsoleIsRegistered' });
  });

  it('answers Invalid Token for unknown tokens and ended sessions', async () => {
    const sim = await start();
    const unknown = await call(sim, 'GET', '/vms/list/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(200);
    expect(unknown.body.Success).toBe(false);
    expect(unknown.body.ErrorMessage).toContain('Invalid Token');
    const garbage = await call(sim, 'GET', '/vms/list/not-a-token');
    expect(garbage.body.ErrorMessage).toContain('Invalid Token');
  });

  it('ends one session by token, and all sessions without one', async () => {
    const sim = await start();
    const a = await login(sim);
    const b = await login(sim);
    const c = await login(sim);

    const one = await call(sim, 'POST', `/sessions/end/${a}`);
    expectEnvelopeOk(one.body);
    expect(one.body.ClosedSessions).toEqual([{ SessionToken: a }]);
    expect((await call(sim, 'GET', `/vms/list/${a}`)).body.ErrorMessage).toContain('Invalid Token');
    expect((await call(sim, 'GET', `/vms/list/${b}`)).body.Success).toBe(true);
    expect((await call(sim, 'POST', `/sessions/end/${a}`)).body).toMatchObject({ Success: true, ClosedSessions: [] });

    const all = await call(sim, 'POST', '/sessions/end');
    expect(all.body.Success).toBe(true);
    expect(all.body.ClosedSessions.map((s: { SessionToken: string }) => s.SessionToken).sort()).toEqual([b, c].sort());
    expect((await call(sim, 'GET', `/vms/list/${c}`)).body.ErrorMessage).toContain('Invalid Token');

    const none = await call(sim, 'POST', '/sessions/end');
    expect(none.body).toMatchObject({ Success: true, ClosedSessions: [] });
  });

  it('expires idle sessions on the simulated clock; use keeps them alive', async () => {
    const sim = await start({ sessionIdleMs: 60_000 });
    const token = await login(sim);
    sim.server.clock.advance(50_000);
    expect((await call(sim, 'GET', `/vms/list/${token}`)).body.Success).toBe(true);
    sim.server.clock.advance(50_000); // 100 s since login, but only 50 s idle
    expect((await call(sim, 'GET', `/vms/list/${token}`)).body.Success).toBe(true);
    sim.server.clock.advance(60_001);
    const r = await call(sim, 'GET', `/vms/list/${token}`);
    expect(r.body.Success).toBe(false);
    expect(r.body.ErrorMessage).toContain('Invalid Token');
  });
});

describe('Altaro simulator: routing and envelope', () => {
  it('answers 404 with the envelope for unknown routes and 405 for a wrong method', async () => {
    const sim = await start();
    const r = await call(sim, 'GET', '/no/such/thing');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ Success: false, ErrorAdditionalDetails: null });
    expect(typeof r.body.ErrorMessage).toBe('string');
    const outside = await fetch(`${sim.server.origin}/elsewhere`);
    expect(outside.status).toBe(404);
    const token = await login(sim);
    const wrong = await call(sim, 'GET', `/instructions/take-backup/${token}/${ref(sim, 'DC01')}`);
    expect(wrong.status).toBe(405);
    expect(wrong.body.Success).toBe(false);
  });

  it('uses the configured base path', async () => {
    const sim = await start({ basePath: '/api' });
    expect(sim.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect((await call(sim, 'GET', '/protocol/version')).body.Data).toBe('1.0');
  });

  it('logs requests with route keys', async () => {
    const sim = await start();
    const token = await login(sim);
    await call(sim, 'GET', `/vms/list/${token}/1`);
    await call(sim, 'GET', `/schedules/${token}/1/0`);
    await call(sim, 'GET', `/backuplocations/${token}`);
    await call(sim, 'GET', `/vms/schedules/${token}/${ref(sim, 'DC01')}`);
    await call(sim, 'POST', `/instructions/take-backup/${token}/${ref(sim, 'DC01')}`);
    await call(sim, 'GET', `/activity/operation-status/${token}`);
    expect(sim.server.requests.map((r) => r.routeKey)).toEqual([
      'sessions/start',
      'vms/list',
      'schedules',
      'backuplocations',
      'vms/schedules',
      'instructions/take-backup',
      'activity/operation-status',
    ]);
  });
});

describe('Altaro simulator: VMs, schedules, locations', () => {
  it('lists all VMs, or only configured ones with /1, with every contract field', async () => {
    const sim = await start();
    const token = await login(sim);
    const all = await call(sim, 'GET', `/vms/list/${token}`);
    expectEnvelopeOk(all.body);
    expect(all.body.VirtualMachines).toHaveLength(16);
    expect((await call(sim, 'GET', `/vms/list/${token}/0`)).body.VirtualMachines).toHaveLength(16);
    const configured = await call(sim, 'GET', `/vms/list/${token}/1`);
    expect(configured.body.VirtualMachines).toHaveLength(14);

    const fields = [
      'AltaroVirtualMachineRef',
      'VirtualMachineName',
      'HostName',
      'HypervisorVirtualMachineUuid',
      'AltaroHypervisorRef',
      'Configured',
      'LastBackupTime',
      'LastBackupDuration',
      'LastBackupResult',
      'LastBackupTransferSizeCompressed',
      'LastBackupTransferSizeUncompressed',
      'NextBackupTime',
      'LastOffsiteCopyTime',
      'LastOffsiteCopyDuration',
      'LastOffsiteCopyResult',
      'LastOffsiteCopyTransferSizeCompressed',
      'LastOffsiteCopyTransferSizeUncompressed',
      'NextOffsiteCopyTime',
    ];
    for (const vm of all.body.VirtualMachines) expect(Object.keys(vm).sort()).toEqual([...fields].sort());

    const unconfigured = all.body.VirtualMachines.filter((v: { Configured: boolean }) => !v.Configured);
    expect(unconfigured.map((v: { VirtualMachineName: string }) => v.VirtualMachineName).sort()).toEqual(['DEV-SANDBOX', 'TEST-W11']);
    for (const v of unconfigured) expect(v.AltaroVirtualMachineRef).toBeNull();

    const dc01 = all.body.VirtualMachines.find((v: { VirtualMachineName: string }) => v.VirtualMachineName === 'DC01');
    expect(dc01).toMatchObject({ HostName: 'HV01', Configured: true, LastBackupResult: 'Success' });
    expect(dc01.LastBackupTime).toMatch(ALTARO_DATE);
    expect(dc01.NextBackupTime).toMatch(/-01-00-00$/); // Nightly 01:00
    expect(dc01.LastOffsiteCopyTime).toMatch(ALTARO_DATE);
    expect(new Set(all.body.VirtualMachines.map((v: { HostName: string }) => v.HostName))).toEqual(new Set(['HV01', 'HV02', 'ESX01']));
  });

  it('seeds the deliberate problem cases', async () => {
    const sim = await start();
    const token = await login(sim);
    const now = sim.server.clock.now();
    const tz = sim.state.timeZone;
    expect((await vmItem(sim, token, 'RDS01')).NextBackupTime).toBeNull();
    expect((await vmItem(sim, token, 'PRINT01')).NextBackupTime).toBeNull();
    expect((await vmItem(sim, token, 'WEB02')).LastBackupTime).toBeNull();
    expect((await vmItem(sim, token, 'WEB02')).LastBackupResult).toBeNull();
    expect((await vmItem(sim, token, 'WEB02')).NextBackupTime).not.toBeNull();
    expect((await vmItem(sim, token, 'EXCH01')).LastBackupResult).toBe('Error');
    const stale = await vmItem(sim, token, 'LNX-DB01');
    expect(stale.LastBackupResult).toBe('Success');
    expect(now - parseAltaroDate(stale.LastBackupTime, tz)!).toBeGreaterThan(3 * 24 * HOUR);
    const history = await call(sim, 'GET', `/reports/backup/${token}/${ref(sim, 'DC01')}/0/0`);
    const oldest = history.body.BackupReports.at(-1);
    expect(now - parseAltaroDate(oldest.DateTime, tz)!).toBeGreaterThan(12 * 24 * HOUR);
  });

  it('filters schedules by the two flags', async () => {
    const sim = await start();
    const token = await login(sim);
    const names = async (suffix: string) =>
      (await call(sim, 'GET', `/schedules/${token}${suffix}`)).body.BackupSchedules.map((s: { ScheduleName: string }) => s.ScheduleName);
    expect(await names('')).toEqual(['Nightly 01:00', 'Weekdays 22:30', 'Sunday Full 03:00', 'Weekly Verify']);
    expect(await names('/1/1')).toHaveLength(4);
    expect(await names('/1/0')).toEqual(['Nightly 01:00', 'Weekdays 22:30', 'Sunday Full 03:00']);
    expect(await names('/0/1')).toEqual(['Weekly Verify']);
    expect(await names('/0/0')).toEqual([]);
    const item = (await call(sim, 'GET', `/schedules/${token}/1/0`)).body.BackupSchedules[0];
    expect(item.ScheduleId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await call(sim, 'GET', `/schedules/${token}/x/1`)).body.Success).toBe(false);
  });

  it('assigns and unassigns a schedule (idempotently) and recomputes NextBackupTime', async () => {
    const sim = await start();
    const token = await login(sim);
    const vm = ref(sim, 'RDS01');
    const nightly = scheduleId(sim, 'Nightly 01:00');
    expect((await call(sim, 'GET', `/vms/schedules/${token}/${vm}`)).body.BackupSchedules).toEqual([]);

    expectEnvelopeOk((await call(sim, 'POST', `/vms/schedules/${token}/${vm}/${nightly}`)).body);
    expect((await call(sim, 'POST', `/vms/schedules/${token}/${vm}/${nightly}`)).body.Success).toBe(true);
    const assigned = (await call(sim, 'GET', `/vms/schedules/${token}/${vm}`)).body.BackupSchedules;
    expect(assigned.map((s: { ScheduleId: string }) => s.ScheduleId)).toEqual([nightly]);
    const expectedNext = new Date(sim.server.clock.now() + 13 * HOUR); // noon + 13 h = 01:00 tomorrow
    expect((await vmItem(sim, token, 'RDS01')).NextBackupTime).toBe(formatAltaroDate(expectedNext.getTime(), 'UTC'));

    expectEnvelopeOk((await call(sim, 'DELETE', `/vms/schedules/${token}/${vm}/${nightly}`)).body);
    expect((await call(sim, 'DELETE', `/vms/schedules/${token}/${vm}/${nightly}`)).body.Success).toBe(true);
    expect((await call(sim, 'GET', `/vms/schedules/${token}/${vm}`)).body.BackupSchedules).toEqual([]);
    expect((await vmItem(sim, token, 'RDS01')).NextBackupTime).toBeNull();

    const unknownSchedule = await call(sim, 'POST', `/vms/schedules/${token}/${vm}/00000000-0000-4000-8000-000000000000`);
    expect(unknownSchedule.body.Success).toBe(false);
    expect(unknownSchedule.body.ErrorMessage).toMatch(/schedule/i);
    const unknownVm = await call(sim, 'POST', `/vms/schedules/${token}/00000000-0000-4000-8000-000000000000/${nightly}`);
    expect(unknownVm.body.Success).toBe(false);
    expect(unknownVm.body.ErrorMessage).toMatch(/virtual machine/i);
  });

  it('filters backup locations with 0, 1 or 2 flags', async () => {
    const sim = await start();
    const token = await login(sim);
    const paths = async (suffix: string) =>
      (await call(sim, 'GET', `/backuplocations/${token}${suffix}`)).body.BackupLocations.map((l: { LocationPath: string }) => l.LocationPath);
    expect(await paths('')).toEqual([LOCAL, NAS, DR]);
    expect(await paths('/1/0')).toEqual([LOCAL, NAS]);
    expect(await paths('/0/1')).toEqual([DR]);
    expect(await paths('/0')).toEqual([DR]); // missing includeOffsite = 1
    expect(await paths('/1')).toEqual([LOCAL, NAS, DR]);
    expect(await paths('/0/0')).toEqual([]);
    const item = (await call(sim, 'GET', `/backuplocations/${token}`)).body.BackupLocations[0];
    expect(item.BackupLocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('assigns and unassigns backup locations round-trip', async () => {
    const sim = await start();
    const token = await login(sim);
    const vm = ref(sim, 'RDS01');
    const paths = async (suffix = '') =>
      (await call(sim, 'GET', `/vms/backuplocations/${token}/${vm}${suffix}`)).body.BackupLocations.map(
        (l: { LocationPath: string }) => l.LocationPath,
      );
    expect(await paths()).toEqual([NAS]);
    expectEnvelopeOk((await call(sim, 'POST', `/vms/backuplocations/${token}/${vm}/${locationId(sim, DR)}`)).body);
    expect(await paths()).toEqual([NAS, DR]);
    expect(await paths('/1/0')).toEqual([NAS]);
    expect(await paths('/0/1')).toEqual([DR]);
    // A VM has one primary location: assigning another primary moves it.
    expect((await call(sim, 'POST', `/vms/backuplocations/${token}/${vm}/${locationId(sim, LOCAL)}`)).body.Success).toBe(true);
    expect(await paths('/1/0')).toEqual([LOCAL]);
    expectEnvelopeOk((await call(sim, 'DELETE', `/vms/backuplocations/${token}/${vm}/${locationId(sim, DR)}`)).body);
    expect(await paths()).toEqual([LOCAL]);
    const unknown = await call(sim, 'POST', `/vms/backuplocations/${token}/${vm}/00000000-0000-4000-8000-000000000000`);
    expect(unknown.body.Success).toBe(false);
  });

  it('maps refs and uuids, and adds an unconfigured VM to the configuration', async () => {
    const sim = await start();
    const token = await login(sim);
    const test = sim.state.vmByName('TEST-W11')!;
    const byUuid = await call(sim, 'GET', `/vms/altaro-ref/${token}/${test.hypervisorUuid}`);
    expect(byUuid.body.VirtualMachineIdentificationDetails).toMatchObject({ AltaroVirtualMachineRef: null, VirtualMachineName: 'TEST-W11' });

    const enabled = await call(sim, 'POST', `/vms/enable-configuration/${token}/${test.hypervisorUuid}/${test.hostRef}`);
    expect(enabled.body.Success).toBe(true);
    const newRef = enabled.body.Data as string;
    expect((await vmItem(sim, token, 'TEST-W11'))).toMatchObject({ Configured: true, AltaroVirtualMachineRef: newRef });
    const back = await call(sim, 'GET', `/vms/hypervisor-uuid/${token}/${newRef}`);
    expect(back.body.VirtualMachineIdentificationDetails.HypervisorVirtualMachineUuid).toBe(test.hypervisorUuid);

    // Configured but without a location: a backup is refused until one is assigned.
    const refused = await call(sim, 'POST', `/instructions/take-backup/${token}/${newRef}`);
    expect(refused.body.Success).toBe(false);
    expect(refused.body.ErrorMessage).toMatch(/location/i);
    await call(sim, 'POST', `/vms/backuplocations/${token}/${newRef}/${locationId(sim, NAS)}`);
    expect((await call(sim, 'POST', `/instructions/take-backup/${token}/${newRef}`)).body.Success).toBe(true);
  });
});

describe('Altaro simulator: operations', () => {
  it('runs a backup: Queued, Processing with rising Percentage, result, report, version, then drops out', async () => {
    const sim = await start({ operationMs: 1000, finishedGraceMs: 2000 });
    const token = await login(sim);
    const vm = ref(sim, 'DC01');
    const before = await vmItem(sim, token, 'DC01');
    const reportsBefore = sim.state.vmByName('DC01')!.reports.backup.length;
    const localVersions = () =>
      sim.state.vmByName('DC01')!.versions.filter((v) => v.locationId === locationId(sim, LOCAL)).length;
    const versionsBefore = localVersions();
    sim.server.clock.advance(5000); // make the new backup's time differ from the seeded one in seconds

    const started = await call(sim, 'POST', `/instructions/take-backup/${token}/${vm}`);
    expectEnvelopeOk(started.body);
    const guid = started.body.Data as string;
    expect(guid).toMatch(/^[0-9a-f-]{36}$/);

    const status = async () => (await call(sim, 'GET', `/activity/operation-status/${token}/${guid}`)).body.Statuses;
    const first = (await status())[0];
    expect(first).toMatchObject({ JobId: guid, Operation: 'Backup', AltaroVirtualMachineRef: vm, VirtualMachineName: 'DC01' });
    expect(['Queued', 'Processing']).toContain(first.Status);

    sim.server.clock.advance(300);
    const mid = (await status())[0];
    expect(mid.Status).toBe('Processing');
    expect(mid.Percentage).toBeGreaterThan(0);
    expect(mid.Percentage).toBeLessThan(100);
    expect(typeof mid.SubOperation).toBe('string');
    sim.server.clock.advance(300);
    const later = (await status())[0];
    expect(later.Percentage).toBeGreaterThan(mid.Percentage);
    const all = (await call(sim, 'GET', `/activity/operation-status/${token}`)).body.Statuses;
    expect(all.map((s: { JobId: string }) => s.JobId)).toContain(guid);

    sim.server.clock.advance(500);
    const done = (await status())[0];
    expect(done).toMatchObject({ Status: 'Success', Percentage: 100 });

    const after = await vmItem(sim, token, 'DC01');
    expect(after.LastBackupTime).not.toBe(before.LastBackupTime);
    expect(after.LastBackupResult).toBe('Success');
    expect(after.LastBackupDuration).toBe(1);
    expect(after.LastBackupTransferSizeCompressed).toBeGreaterThan(0);
    expect(sim.state.vmByName('DC01')!.reports.backup).toHaveLength(reportsBefore + 1);
    const last = (await call(sim, 'GET', `/reports/backup/${token}/${vm}`)).body.BackupReports;
    expect(last).toHaveLength(1);
    expect(last[0]).toMatchObject({ DateTime: after.LastBackupTime, Result: 'Success', Location: LOCAL, Error: null });
    expect(localVersions()).toBe(versionsBefore + 1);
    const versions = await call(sim, 'GET', `/restore-options/available-versions/${token}/${vm}/${locationId(sim, LOCAL)}`);
    expect(versions.body.VirtualMachineRestoreDetails.Versions[0].BackupVersion).toBe(after.LastBackupTime);

    sim.server.clock.advance(2000); // grace period over
    expect(await status()).toEqual([]);
    const allAfter = (await call(sim, 'GET', `/activity/operation-status/${token}`)).body;
    expectEnvelopeOk(allAfter);
    expect(allAfter.Statuses.map((s: { JobId: string }) => s.JobId)).not.toContain(guid);
  });

  it('answers an empty Statuses list for an unknown operation GUID', async () => {
    const sim = await start();
    const token = await login(sim);
    const r = await call(sim, 'GET', `/activity/operation-status/${token}/00000000-0000-4000-8000-000000000000`);
    expectEnvelopeOk(r.body);
    expect(r.body.Statuses).toEqual([]);
  });

  it('refuses a second backup of the same VM while one runs, and unknown or unconfigured VMs', async () => {
    const sim = await start();
    const token = await login(sim);
    const vm = ref(sim, 'WEB01');
    expect((await call(sim, 'POST', `/instructions/take-backup/${token}/${vm}`)).body.Success).toBe(true);
    const second = await call(sim, 'POST', `/instructions/take-backup/${token}/${vm}`);
    expect(second.status).toBe(200);
    expect(second.body.Success).toBe(false);
    expect(second.body.ErrorMessage).toMatch(/already running/i);
    expect(second.body.ErrorAdditionalDetails).toBe('OperationAlreadyRunning');
    // Other VMs are not blocked.
    expect((await call(sim, 'POST', `/instructions/take-backup/${token}/${ref(sim, 'WEB02')}`)).body.Success).toBe(true);
    // After it finished, a new backup is accepted again.
    sim.server.clock.advance(1500);
    expect((await call(sim, 'POST', `/instructions/take-backup/${token}/${vm}`)).body.Success).toBe(true);

    const unknown = await call(sim, 'POST', `/instructions/take-backup/${token}/00000000-0000-4000-8000-000000000000`);
    expect(unknown.body.Success).toBe(false);
    expect(unknown.body.ErrorMessage).toMatch(/does not exist/);
    const malformed = await call(sim, 'POST', `/instructions/take-backup/${token}/not-a-guid`);
    expect(malformed.body.Success).toBe(false);

    const test = sim.state.vmByName('TEST-W11')!;
    const unconfigured = await call(sim, 'POST', `/instructions/restore/${token}`, {
      HypervisorVirtualMachineUuid: test.hypervisorUuid,
    });
    expect(unconfigured.body.Success).toBe(false);
    expect(unconfigured.body.ErrorMessage).toMatch(/not added to the backup configuration/);
  });

  it('aborts a running backup: Aborted status and report with an ALTERR code', async () => {
    const sim = await start();
    const token = await login(sim);
    const vm = ref(sim, 'SQL02');
    const guid = (await call(sim, 'POST', `/instructions/take-backup/${token}/${vm}`)).body.Data as string;
    sim.server.clock.advance(500);
    const aborted = await call(sim, 'POST', `/instructions/abort-operation/${token}/${guid}`);
    expectEnvelopeOk(aborted.body);
    const status = (await call(sim, 'GET', `/activity/operation-status/${token}/${guid}`)).body.Statuses[0];
    expect(status.Status).toBe('Aborted');
    expect(status.Percentage).toBeLessThan(100);
    const report = (await call(sim, 'GET', `/reports/backup/${token}/${vm}`)).body.BackupReports[0];
    expect(report.Result).toBe('Aborted');
    expect(report.Error).toMatch(/\(ALTERR_[A-Z]+_\d+\)/);
    expect((await call(sim, 'GET', `/reports/backup/${token}/${vm}/2/1`)).body.BackupReports[0].Result).toBe('Aborted');

    const again = await call(sim, 'POST', `/instructions/abort-operation/${token}/${guid}`);
    expect(again.body.Success).toBe(false);
    const unknown = await call(sim, 'POST', `/instructions/abort-operation/${token}/00000000-0000-4000-8000-000000000000`);
    expect(unknown.body.Success).toBe(false);
  });

  it('ends a backup with Error when the VM is flagged failNextBackup', async () => {
    const sim = await start();
    const token = await login(sim);
    sim.state.vmByName('WEB01')!.failNextBackup = true;
    const guid = (await call(sim, 'POST', `/instructions/take-backup/${token}/${ref(sim, 'WEB01')}`)).body.Data;
    sim.server.clock.advance(1100);
    expect((await call(sim, 'GET', `/activity/operation-status/${token}/${guid}`)).body.Statuses[0].Status).toBe('Error');
    const item = await vmItem(sim, token, 'WEB01');
    expect(item.LastBackupResult).toBe('Error');
    const report = (await call(sim, 'GET', `/reports/backup/${token}/${ref(sim, 'WEB01')}`)).body.BackupReports[0];
    expect(report.Error).toMatch(/ALTERR_/);
    expect(sim.state.vmByName('WEB01')!.failNextBackup).toBe(false);
  });

  it('runs an offsite copy (needs an offsite location) and records it', async () => {
    const sim = await start();
    const token = await login(sim);
    const noOffsite = await call(sim, 'POST', `/instructions/take-offsitecopy/${token}/${ref(sim, 'WEB01')}`);
    expect(noOffsite.body.Success).toBe(false);
    expect(noOffsite.body.ErrorMessage).toMatch(/offsite/i);

    const vm = ref(sim, 'DC01');
    const drVersions = () => sim.state.vmByName('DC01')!.versions.filter((v) => v.locationId === locationId(sim, DR)).length;
    const before = drVersions();
    const beforeItem = await vmItem(sim, token, 'DC01');
    sim.server.clock.advance(5000);
    await call(sim, 'POST', `/instructions/take-backup/${token}/${vm}`);
    sim.server.clock.advance(1100);
    const guid = (await call(sim, 'POST', `/instructions/take-offsitecopy/${token}/${vm}`)).body.Data;
    const second = await call(sim, 'POST', `/instructions/take-offsitecopy/${token}/${vm}`);
    expect(second.body.ErrorAdditionalDetails).toBe('OperationAlreadyRunning');
    expect((await call(sim, 'GET', `/activity/operation-status/${token}/${guid}`)).body.Statuses[0].Operation).toBe('OffsiteCopy');
    sim.server.clock.advance(1100);
    const after = await vmItem(sim, token, 'DC01');
    expect(after.LastOffsiteCopyTime).not.toBe(beforeItem.LastOffsiteCopyTime);
    expect(after.LastOffsiteCopyResult).toBe('Success');
    expect(drVersions()).toBe(before + 1);
    const reports = (await call(sim, 'GET', `/reports/offsitecopy/${token}/${vm}`)).body.OffsiteCopyReports;
    expect(reports[0]).toMatchObject({ DateTime: after.LastOffsiteCopyTime, Result: 'Success', Location: DR });
  });

  it('restores a chosen version as a clone and reports it', async () => {
    const sim = await start();
    const token = await login(sim);
    const vm = ref(sim, 'SQL01');
    const local = locationId(sim, LOCAL);
    const details = (await call(sim, 'GET', `/restore-options/available-versions/${token}/${vm}/${local}`)).body
      .VirtualMachineRestoreDetails;
    expect(details).toMatchObject({ HostName: 'HV01', VirtualMachineName: 'SQL01' });
    expect(details.Versions.length).toBeGreaterThan(10);
    const version = details.Versions[1].BackupVersion as string;

    const started = await call(sim, 'POST', `/instructions/restore/${token}`, {
      HypervisorVirtualMachineUuid: sim.state.vmByName('SQL01')!.hypervisorUuid,
      RestoreFromLocationId: local,
      RestoreBackupVersion: version,
      BackupVerisonFormat: 'yyyy-MM-dd-HH-mm-ss',
      RestoreBackupVersionIsUtc: false,
      OriginalVirtualMachineName: 'SQL01',
      RestoredVirtualMachineName: 'SQL01-Restored',
      DisableNicOnRestoredVirtualMachine: true,
    });
    expectEnvelopeOk(started.body);
    const status = (await call(sim, 'GET', `/activity/operation-status/${token}/${started.body.Data}`)).body.Statuses[0];
    expect(status.Operation).toBe('Restore');
    sim.server.clock.advance(1100);
    const report = (await call(sim, 'GET', `/reports/restore/${token}/${vm}`)).body.RestoreReports[0];
    expect(report).toMatchObject({ Result: 'Success', Location: LOCAL, Error: null, RestoreAsName: 'SQL01-Restored' });
    expect(Object.keys(report).sort()).toEqual(['DateTime', 'Duration', 'Error', 'Location', 'RestoreAsName', 'Result']);

    const missing = await call(sim, 'POST', `/instructions/restore/${token}`, {
      AltaroVirtualMachineRef: vm,
      RestoreBackupVersion: '1999-01-01-00-00-00',
    });
    expect(missing.body.Success).toBe(false);

    const sandbox = await call(sim, 'POST', `/instructions/sandbox-restore/${token}`, { AltaroVirtualMachineRef: vm });
    expect(sandbox.body.Success).toBe(true);
    const verification = await call(sim, 'POST', `/instructions/take-verification/${token}/${vm}`);
    expect(verification.body.Success).toBe(true);
    const kinds = (await call(sim, 'GET', `/activity/operation-status/${token}`)).body.Statuses.map(
      (s: { Operation: string }) => s.Operation,
    );
    expect(kinds).toEqual(expect.arrayContaining(['SandboxRestore', 'Verification']));
  });

  it('starts scheduled backups when the clock passes a run time, then the offsite copy', async () => {
    const sim = await start();
    const token = await login(sim);
    const before = await vmItem(sim, token, 'WEB02'); // scheduled nightly, never backed up
    expect(before.LastBackupTime).toBeNull();
    sim.server.clock.advance(13 * HOUR + 200); // noon -> 01:00:00.2 (Nightly 01:00)
    const login2 = await login(sim); // the first session idled out during the jump
    const statuses = (await call(sim, 'GET', `/activity/operation-status/${login2}`)).body.Statuses;
    const nightly = statuses.filter((s: { Operation: string; Status: string }) => s.Operation === 'Backup' && s.Status !== 'Success');
    expect(nightly.map((s: { VirtualMachineName: string }) => s.VirtualMachineName)).toEqual(
      expect.arrayContaining(['DC01', 'SQL01', 'EXCH01', 'WEB01', 'DC02', 'SQL02', 'WEB02', 'VC01', 'LNX-WEB01']),
    );
    expect(nightly.map((s: { VirtualMachineName: string }) => s.VirtualMachineName)).not.toContain('RDS01');
    sim.server.clock.advance(1000);
    const after = await vmItem(sim, login2, 'WEB02');
    expect(after.LastBackupResult).toBe('Success');
    expect(after.LastBackupTime).toMatch(/-01-00-00$/);
    // DC01 has an offsite location: the offsite copy follows the scheduled backup.
    const offsite = (await call(sim, 'GET', `/activity/operation-status/${login2}`)).body.Statuses.find(
      (s: { Operation: string; VirtualMachineName: string }) => s.Operation === 'OffsiteCopy' && s.VirtualMachineName === 'DC01',
    );
    expect(offsite).toBeDefined();
  });
});

describe('Altaro simulator: reports and restore options', () => {
  it('filters backup reports by result, count and date range, newest first', async () => {
    const sim = await start();
    const token = await login(sim);
    const tz = sim.state.timeZone;
    const get = async (vmName: string, suffix: string) =>
      (await call(sim, 'GET', `/reports/backup/${token}/${ref(sim, vmName)}${suffix}`)).body;

    const lastOnly = await get('EXCH01', '');
    expectEnvelopeOk(lastOnly);
    expect(lastOnly.BackupReports).toHaveLength(1);
    expect(lastOnly.BackupReports[0].Result).toBe('Error');
    expect(Object.keys(lastOnly.BackupReports[0]).sort()).toEqual(
      ['DateTime', 'Duration', 'Error', 'Location', 'Result', 'TransferSizeCompressed', 'TransferSizeUncompressed'].sort(),
    );
    expect((await get('EXCH01', '/1')).BackupReports[0].Result).not.toBe('Error');
    expect((await get('EXCH01', '/2/5')).BackupReports.every((r: { Result: string }) => r.Result === 'Error')).toBe(true);

    const five = (await get('SQL01', '/1/5')).BackupReports;
    expect(five).toHaveLength(5);
    const times = five.map((r: { DateTime: string }) => parseAltaroDate(r.DateTime, tz)!);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(five.every((r: { Result: string }) => r.Result === 'Success' || r.Result === 'Warning')).toBe(true);

    const all = (await get('DC01', '/0/0')).BackupReports;
    expect(all.length).toBeGreaterThanOrEqual(13);
    const day = all[3].DateTime.slice(0, 10); // YYYY-MM-DD
    const range = (await get('DC01', `/0/0/${day}/${day}`)).BackupReports;
    expect(range.length).toBeGreaterThan(0);
    expect(range.every((r: { DateTime: string }) => r.DateTime.startsWith(day))).toBe(true);
    const altaroRange = (await get('DC01', `/0/0/${day}-00-00-00/${day}-23-59-59`)).BackupReports;
    expect(altaroRange).toEqual(range);
    expect((await get('DC01', '/0/0/garbage/2020-01-01')).Success).toBe(false);
  });

  it('lists available hosts and seeded restore history', async () => {
    const sim = await start();
    const token = await login(sim);
    const hosts = (await call(sim, 'GET', `/restore-options/available-hosts/${token}`)).body.Hosts;
    expect(hosts.map((h: { HostName: string }) => h.HostName)).toEqual(['HV01', 'HV02', 'ESX01']);
    const restores = (await call(sim, 'GET', `/reports/restore/${token}/${ref(sim, 'FS01')}`)).body.RestoreReports;
    expect(restores[0]).toMatchObject({ Result: 'Aborted', Duration: 1132 });
    expect(restores[0].Error).toContain('ALTERR_BASERESTORECONTROLLER_007');
  });

  it('writes dates in the configured time zone', async () => {
    expect(formatAltaroDate(Date.UTC(2024, 7, 13, 1, 53, 14), 'UTC')).toBe('2024-08-13-01-53-14');
    expect(formatAltaroDate(Date.UTC(2024, 7, 13, 1, 53, 14), 'Europe/Berlin')).toBe('2024-08-13-03-53-14');
    expect(parseAltaroDate('2024-08-13-03-53-14', 'Europe/Berlin')).toBe(Date.UTC(2024, 7, 13, 1, 53, 14));
    const sim = await start({ timezone: 'Europe/Berlin' });
    const token = await login(sim);
    const dc01 = await vmItem(sim, token, 'DC01');
    expect(dc01.NextBackupTime).toMatch(/-01-00-00$/); // 01:00 Berlin wall-clock time
    expect(dc01.LastBackupTime).toMatch(/-01-00-00$/);
  });

  it('starts empty apart from hosts with seed: false', async () => {
    const sim = await start({ seed: false });
    const token = await login(sim);
    expect((await call(sim, 'GET', `/vms/list/${token}`)).body.VirtualMachines).toEqual([]);
    expect((await call(sim, 'GET', `/schedules/${token}`)).body.BackupSchedules).toEqual([]);
    expect((await call(sim, 'GET', `/restore-options/available-hosts/${token}`)).body.Hosts).toHaveLength(3);
  });
});

describe('Altaro simulator: faults', () => {
  it('injects a 503 with Retry-After on vms/list via PUT /__sim/faults', async () => {
    const sim = await start();
    const token = await login(sim);
    const put = await fetch(`${sim.server.origin}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routes: { 'vms/list': { status: 503, retryAfterSeconds: 7, times: 1 } } }),
    });
    expect(put.status).toBe(200);
    const faulted = await call(sim, 'GET', `/vms/list/${token}`);
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('7');
    // Other routes are untouched, and the fault cleared itself after one use.
    expect((await call(sim, 'GET', `/schedules/${token}`)).status).toBe(200);
    const ok = await call(sim, 'GET', `/vms/list/${token}`);
    expect(ok.status).toBe(200);
    expect(ok.body.Success).toBe(true);
  });

  it('answers Invalid Token for every session while expireSessions is on', async () => {
    const sim = await start();
    const token = await login(sim);
    await fetch(`${sim.server.origin}/__sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ global: { expireSessions: true } }),
    });
    const expired = await call(sim, 'GET', `/vms/list/${token}`);
    expect(expired.status).toBe(200);
    expect(expired.body.Success).toBe(false);
    expect(expired.body.ErrorMessage).toContain('Invalid Token');
    // Token-less calls still work.
    expect((await call(sim, 'GET', '/protocol/version')).body.Success).toBe(true);
    expect((await call(sim, 'POST', '/sessions/start', LOGIN)).body.Success).toBe(true);

    await fetch(`${sim.server.origin}/__sim/faults`, { method: 'DELETE' });
    expect((await call(sim, 'GET', `/vms/list/${token}`)).body.Success).toBe(true);
  });
});

describe('Altaro simulator: extraResources (load tests)', () => {
  it('adds 100 configured bench VMs with a schedule, a location and a last backup, leaving the seed as it was', async () => {
    const clock = noonClock();
    const plain = await start({ clock });
    const sim = await start({ clock, extraResources: 100 });
    const token = await login(sim);

    const list = (await call(sim, 'GET', `/vms/list/${token}/1`)).body.VirtualMachines as any[];
    const bench = list.filter((v) => v.VirtualMachineName.startsWith('bench-vm-'));
    expect(bench).toHaveLength(100);
    expect(bench.map((v) => v.VirtualMachineName)).toContain('bench-vm-100');
    expect(new Set(bench.map((v) => v.HostName))).toEqual(new Set(['HV01', 'HV02', 'ESX01']));
    for (const vm of bench) {
      expect(vm.Configured).toBe(true);
      expect(vm.LastBackupTime).not.toBeNull();
      expect(['Success', 'Warning']).toContain(vm.LastBackupResult);
      expect(vm.NextBackupTime).not.toBeNull();
    }

    // Schedule and location items list their VMs: every bench VM is on exactly one of each.
    const schedules = (await call(sim, 'GET', `/schedules/${token}`)).body.BackupSchedules as any[];
    const locations = (await call(sim, 'GET', `/backuplocations/${token}`)).body.BackupLocations as any[];
    const count = (items: any[], ref: string) => items.filter((i) => i.VirtualMachines.some((v: any) => v.AltaroVirtualMachineRef === ref)).length;
    for (const vm of bench) {
      expect(count(schedules, vm.AltaroVirtualMachineRef)).toBe(1);
      expect(count(locations, vm.AltaroVirtualMachineRef)).toBe(1);
    }

    // The per-VM routes agree, and the history is real: reports and restore versions.
    const one = bench[41];
    const vmSchedules = (await call(sim, 'GET', `/vms/schedules/${token}/${one.AltaroVirtualMachineRef}`)).body.BackupSchedules;
    expect(vmSchedules).toHaveLength(1);
    const vmLocations = (await call(sim, 'GET', `/vms/backuplocations/${token}/${one.AltaroVirtualMachineRef}`)).body.BackupLocations;
    expect(vmLocations).toHaveLength(1);
    const report = (await call(sim, 'GET', `/reports/backup/${token}/${one.AltaroVirtualMachineRef}`)).body.BackupReports;
    expect(report[0].DateTime).toBe(one.LastBackupTime);
    const versions = await call(sim, 'GET', `/restore-options/available-versions/${token}/${one.AltaroVirtualMachineRef}/${vmLocations[0].BackupLocationId}`);
    expect(versions.body.VirtualMachineRestoreDetails.Versions.length).toBeGreaterThan(0);

    // Seeded VMs read the same with or without the bench VMs.
    const plainToken = await login(plain);
    const seeded = (await call(plain, 'GET', `/vms/list/${plainToken}/1`)).body.VirtualMachines;
    expect(list.filter((v) => !v.VirtualMachineName.startsWith('bench-vm-'))).toEqual(seeded);
  });

  it('refuses extraResources without the demo seed', async () => {
    await expect(startAltaroSimulator({ seed: false, extraResources: 1 })).rejects.toThrow(/needs the demo seed/);
  });
});

// ------------------------------------------------------------------------------------------------
// profiles and variants (README.md, "Variants")

describe.each(SIM_PROFILES)('Altaro simulator: what every profile answers (%s)', (profile) => {
  it('runs a backup that leaves operation-status and shows in the confirmed report forms and vms/list', async () => {
    const sim = await start({ profile, operationMs: 1000, finishedGraceMs: 500 });
    const token = await login(sim);
    const vm = ref(sim, 'DC01');
    sim.server.clock.advance(5000);
    const guid = (await call(sim, 'POST', `/instructions/take-backup/${token}/${vm}`)).body.Data as string;
    sim.server.clock.advance(400);
    const [item] = (await call(sim, 'GET', `/activity/operation-status/${token}/${guid}`)).body.Statuses;
    expect(item).toMatchObject({ JobId: guid, Status: 'Processing' });
    if (profile === 'strict') expect(Object.keys(item).sort()).toEqual(['JobId', 'Operation', 'Percentage', 'Status', 'SubOperation']);
    else expect(item.AltaroVirtualMachineRef).toBe(vm);

    sim.server.clock.advance(1200); // finished, and past the default grace
    const all = (await call(sim, 'GET', `/activity/operation-status/${token}`)).body.Statuses;
    expect(all.map((s: { JobId: string }) => s.JobId)).not.toContain(guid);
    const after = await vmItem(sim, token, 'DC01');
    expect(after.LastBackupResult).toBe('Success');
    const last = (await call(sim, 'GET', `/reports/backup/${token}/${vm}`)).body.BackupReports;
    expect(last).toEqual([expect.objectContaining({ DateTime: after.LastBackupTime, Result: 'Success' })]);
    const good = (await call(sim, 'GET', `/reports/backup/${token}/${vm}/1/5`)).body.BackupReports;
    expect(good[0].DateTime).toBe(after.LastBackupTime);
    const bad = (await call(sim, 'GET', `/reports/backup/${token}/${vm}/2/5`)).body.BackupReports;
    expect(bad.map((r: { DateTime: string }) => r.DateTime)).not.toContain(after.LastBackupTime);
  });

  it('writes dates in its zone and serves its transport', async () => {
    const sim = await start({ profile });
    expect(sim.baseUrl.startsWith(profile === 'strict' ? 'https://' : 'http://')).toBe(true);
    expect(sim.state.timeZone).toBe(profile === 'strict' ? 'America/New_York' : 'UTC');
    const token = await login(sim);
    const item = await vmItem(sim, token, 'DC01');
    expect(item.LastBackupTime).toBe(formatAltaroDate(sim.state.vmByName('DC01')!.lastBackup!.at, sim.state.timeZone));
  });
});

describe('Altaro simulator: single variants', () => {
  it('unlisted status names: Initializing, Processing, Finalizing, and Completing while a finished one is listed', async () => {
    const sim = await start({ variants: { statusNames: 'unlisted' }, operationMs: 10_000, finishedGraceMs: 2000 });
    const token = await login(sim);
    const guid = (await call(sim, 'POST', `/instructions/take-backup/${token}/${ref(sim, 'DC01')}`)).body.Data;
    const status = async () => (await call(sim, 'GET', `/activity/operation-status/${token}/${guid}`)).body.Statuses[0].Status;
    expect(await status()).toBe('Initializing');
    sim.server.clock.advance(3000);
    expect(await status()).toBe('Processing');
    sim.server.clock.advance(6500);
    expect(await status()).toBe('Finalizing');
    sim.server.clock.advance(1000);
    expect(await status()).toBe('Completing');
  });

  it('an unknown guid: empty Statuses, Success:false, or every running operation', async () => {
    for (const [form, check] of [
      ['empty', (b: any) => expect(b).toMatchObject({ Success: true, Statuses: [] })],
      ['failure', (b: any) => expect(b.Success).toBe(false)],
      ['allRunning', (b: any) => expect(b.Statuses).toHaveLength(1)],
    ] as const) {
      const sim = await start({ variants: { unknownOperationGuid: form } });
      const token = await login(sim);
      await call(sim, 'POST', `/instructions/take-backup/${token}/${ref(sim, 'DC01')}`);
      check((await call(sim, 'GET', `/activity/operation-status/${token}/00000000-0000-4000-8000-000000000000`)).body);
    }
  });

  it('finished operations vanish at once', async () => {
    const sim = await start({ variants: { finishedOperations: 'vanish' }, operationMs: 1000, finishedGraceMs: 60_000 });
    const token = await login(sim);
    await call(sim, 'POST', `/instructions/take-backup/${token}/${ref(sim, 'DC01')}`);
    sim.server.clock.advance(1000);
    expect((await call(sim, 'GET', `/activity/operation-status/${token}`)).body.Statuses).toEqual([]);
  });

  it('schedules and locations without type fields and inline VMs; sandbox schedules in a sibling key', async () => {
    const sim = await start({ variants: { typeFields: false, inlineVmLists: false, sandboxSchedules: 'siblingKey' } });
    const token = await login(sim);
    const schedules = (await call(sim, 'GET', `/schedules/${token}`)).body;
    expect(schedules.BackupSchedules.map((s: { ScheduleName: string }) => s.ScheduleName)).not.toContain('Weekly Verify');
    expect(schedules.SandboxRestoreSchedules.map((s: { ScheduleName: string }) => s.ScheduleName)).toEqual(['Weekly Verify']);
    expect(Object.keys(schedules.BackupSchedules[0]).sort()).toEqual(['ScheduleId', 'ScheduleName']);
    const locations = (await call(sim, 'GET', `/backuplocations/${token}`)).body.BackupLocations;
    expect(Object.keys(locations[0]).sort()).toEqual(['BackupLocationId', 'LocationPath']);
  });

  it('reports: resultFilter 0 refused, no offsite-copy route', async () => {
    const sim = await start({ variants: { reportFilterZero: 'refused', offsiteReports: 'missing' } });
    const token = await login(sim);
    const vm = ref(sim, 'DC01');
    expect((await call(sim, 'GET', `/reports/backup/${token}/${vm}/0/5`)).body.Success).toBe(false);
    expect((await call(sim, 'GET', `/reports/backup/${token}/${vm}/1/5`)).body.Success).toBe(true);
    expect((await call(sim, 'GET', `/reports/offsitecopy/${token}/${vm}`)).status).toBe(404);
  });

  it('restore details as an array of one with bare version strings', async () => {
    const sim = await start({ variants: { restoreDetails: 'array', versionElements: 'strings' } });
    const token = await login(sim);
    const r = await call(sim, 'GET', `/restore-options/available-versions/${token}/${ref(sim, 'DC01')}/${locationId(sim, LOCAL)}`);
    expect(Array.isArray(r.body.VirtualMachineRestoreDetails)).toBe(true);
    expect(r.body.VirtualMachineRestoreDetails[0].Versions[0]).toMatch(/^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}$/);
  });

  it('string ErrorCodes, a numeric protocol version, "" refs for unconfigured VMs, spaced operation names', async () => {
    const sim = await start({ variants: { errorCode: 'string', protocolVersion: 'number', unconfiguredRef: 'empty', operationNames: 'spaced' } });
    expect((await call(sim, 'GET', `/vms/list/00000000-0000-4000-8000-000000000000`)).body.ErrorCode).toBe('InvalidToken');
    expect((await call(sim, 'GET', '/protocol/version')).body.Data).toBe(1);
    const token = await login(sim);
    expect((await vmItem(sim, token, 'TEST-W11')).AltaroVirtualMachineRef).toBe('');
    await call(sim, 'POST', `/instructions/take-offsitecopy/${token}/${ref(sim, 'DC01')}`);
    expect((await call(sim, 'GET', `/activity/operation-status/${token}`)).body.Statuses[0].Operation).toBe('Offsite Copy');
  });

  it('test switches: an instruction carried out but never answered, and reports withheld', async () => {
    const sim = await start({ operationMs: 1000, finishedGraceMs: 0 });
    const token = await login(sim);
    sim.state.unansweredInstructions = 1;
    const lost = call(sim, 'POST', `/instructions/take-backup/${token}/${ref(sim, 'DC01')}`);
    const answered = await Promise.race([lost.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 300))]);
    expect(answered).toBe(false);
    expect(sim.state.runningOperation(ref(sim, 'DC01'), 'Backup')).toBeDefined();
    sim.state.withholdReports = true;
    const before = (await vmItem(sim, token, 'DC01')).LastBackupTime;
    sim.server.clock.advance(2000);
    expect((await vmItem(sim, token, 'DC01')).LastBackupTime).toBe(before);
    lost.catch(() => undefined);
  });
});
