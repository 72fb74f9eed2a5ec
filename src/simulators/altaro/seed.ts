/**
 * Seeded demo data, deterministic for a given start time and zone (no Math.random): 3 hosts,
 * 16 VMs (2 unconfigured), 3 backup schedules + 1 sandbox-restore schedule, 2 primary locations
 * + 1 offsite, and ~14 days of history before the clock's "now" at start.
 *
 * Deliberate cases:
 *   - RDS01, PRINT01: configured, with a location but no schedule (unprotected; manual backups only)
 *   - WEB02: configured and scheduled, never backed up
 *   - EXCH01: last backup failed ("Error")
 *   - LNX-DB01: scheduled, but its last backup (a success) is 5+ days old
 *   - TEST-W11, DEV-SANDBOX: not configured (AltaroVirtualMachineRef null)
 */
import { ALTERR } from './alterr.js';
import { formatCloneStamp } from './format.js';
import { seedGuid, hash32 } from './ids.js';
import { backupTransfer, seededBackupSeconds, seededOffsiteSeconds } from './metrics.js';
import { runsBetween } from './schedule.js';
import {
  emptyReports,
  type AltaroState,
  type BackupLocation,
  type HypervisorKind,
  type Report,
  type Schedule,
  type Vm,
} from './state.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const GIB = 2 ** 30;

const HOSTS: Array<{ name: string; hypervisor: HypervisorKind }> = [
  { name: 'HV01', hypervisor: 'HyperV' },
  { name: 'HV02', hypervisor: 'HyperV' },
  { name: 'ESX01', hypervisor: 'VMware' },
];

type ScheduleKey = 'nightly' | 'weekdays' | 'sunday' | 'verify';
const SCHEDULES: Array<{ key: ScheduleKey } & Omit<Schedule, 'id'>> = [
  { key: 'nightly', name: 'Nightly 01:00', kind: 'Backup', daysOfWeek: [0, 1, 2, 3, 4, 5, 6], hour: 1, minute: 0 },
  { key: 'weekdays', name: 'Weekdays 22:30', kind: 'Backup', daysOfWeek: [1, 2, 3, 4, 5], hour: 22, minute: 30 },
  { key: 'sunday', name: 'Sunday Full 03:00', kind: 'Backup', daysOfWeek: [0], hour: 3, minute: 0 },
  { key: 'verify', name: 'Weekly Verify', kind: 'SandboxRestore', daysOfWeek: [6], hour: 6, minute: 0 },
];

type LocationKey = 'local' | 'nas' | 'dr';
const LOCATIONS: Array<{ key: LocationKey } & Omit<BackupLocation, 'id'>> = [
  { key: 'local', path: 'D:\\AltaroBackups', kind: 'Primary', storage: 'PhysicalDrive' },
  { key: 'nas', path: '\\\\NAS01\\altaro', kind: 'Primary', storage: 'NetworkPath' },
  { key: 'dr', path: '\\\\DR-SITE\\offsite', kind: 'Offsite', storage: 'NetworkPath' },
];

type Story = 'normal' | 'never' | 'lastFailed' | 'stale' | 'manual';

export interface VmSeed {
  name: string;
  host: string;
  diskGb: number;
  configured?: false;
  schedules?: ScheduleKey[];
  locations?: LocationKey[];
  story?: Story;
  /** For story 'manual': backups taken by hand this many days ago. */
  manualDaysAgo?: number[];
  /** Days of schedule history before start, default 14 (bench VMs use a shorter one). */
  historyDays?: number;
}

const VMS: VmSeed[] = [
  { name: 'DC01', host: 'HV01', diskGb: 60, schedules: ['nightly', 'verify'], locations: ['local', 'dr'] },
  { name: 'SQL01', host: 'HV01', diskGb: 400, schedules: ['nightly', 'sunday', 'verify'], locations: ['local', 'dr'] },
  { name: 'EXCH01', host: 'HV01', diskGb: 300, schedules: ['nightly'], locations: ['local', 'dr'], story: 'lastFailed' },
  { name: 'FS01', host: 'HV01', diskGb: 1200, schedules: ['weekdays'], locations: ['nas'] },
  { name: 'WEB01', host: 'HV01', diskGb: 80, schedules: ['nightly'], locations: ['nas'] },
  { name: 'APP01', host: 'HV01', diskGb: 150, schedules: ['weekdays'], locations: ['nas', 'dr'] },
  { name: 'DC02', host: 'HV02', diskGb: 60, schedules: ['nightly'], locations: ['nas', 'dr'] },
  { name: 'SQL02', host: 'HV02', diskGb: 250, schedules: ['nightly'], locations: ['nas'] },
  { name: 'WEB02', host: 'HV02', diskGb: 80, schedules: ['nightly'], locations: ['nas'], story: 'never' },
  { name: 'RDS01', host: 'HV02', diskGb: 200, locations: ['nas'], story: 'manual', manualDaysAgo: [8, 1] },
  { name: 'PRINT01', host: 'HV02', diskGb: 40, locations: ['local'], story: 'manual', manualDaysAgo: [2] },
  { name: 'TEST-W11', host: 'HV02', diskGb: 64, configured: false },
  { name: 'VC01', host: 'ESX01', diskGb: 120, schedules: ['nightly', 'sunday'], locations: ['nas'] },
  { name: 'LNX-DB01', host: 'ESX01', diskGb: 180, schedules: ['weekdays'], locations: ['nas', 'dr'], story: 'stale' },
  { name: 'LNX-WEB01', host: 'ESX01', diskGb: 40, schedules: ['nightly'], locations: ['local'] },
  { name: 'DEV-SANDBOX', host: 'ESX01', diskGb: 100, configured: false },
];

const wholeSecond = (t: number): number => Math.floor(t / 1000) * 1000;

/** Fills the state. With `demoData: false` only the hosts are created. */
export function seedState(state: AltaroState, now: number, demoData: boolean): void {
  for (const h of HOSTS) state.hosts.push({ ref: seedGuid(`host:${h.name}`), name: h.name, hypervisor: h.hypervisor });
  if (!demoData) return;

  const scheduleIds = new Map<ScheduleKey, string>();
  for (const { key, ...s } of SCHEDULES) {
    const id = seedGuid(`schedule:${key}`);
    scheduleIds.set(key, id);
    state.schedules.push({ id, ...s, daysOfWeek: [...s.daysOfWeek] });
  }
  const locationIds = new Map<LocationKey, string>();
  for (const { key, ...l } of LOCATIONS) {
    const id = seedGuid(`location:${key}`);
    locationIds.set(key, id);
    state.locations.push({ id, ...l });
  }

  for (const seed of VMS) {
    const host = state.hosts.find((h) => h.name === seed.host)!;
    const vm = seededVm(
      seed,
      host.ref,
      (seed.schedules ?? []).map((k) => scheduleIds.get(k)!),
      (seed.locations ?? []).map((k) => locationIds.get(k)!),
    );
    state.vms.push(vm);
    if (vm.altaroRef) seedHistory(state, vm, seed, now);
  }

  seedRestores(state, now);
}

/** A VM with deterministic ids (from its name), linked as given, without history yet. */
export function seededVm(seed: VmSeed, hostRef: string, scheduleIds: string[], locationIds: string[]): Vm {
  const configured = seed.configured !== false;
  return {
    name: seed.name,
    hostRef,
    hypervisorUuid: seedGuid(`vm-uuid:${seed.name}`),
    altaroRef: configured ? seedGuid(`vm-ref:${seed.name}`) : null,
    diskBytes: seed.diskGb * GIB,
    scheduleIds,
    locationIds,
    lastBackup: null,
    lastOffsiteCopy: null,
    failNextBackup: false,
    failNextOffsiteCopy: false,
    reports: emptyReports(),
    versions: [],
  };
}

/** Backup (and offsite) reports, last-run summaries and restore versions of one configured VM. */
export function seedHistory(state: AltaroState, vm: Vm, seed: VmSeed, now: number): void {
  const story = seed.story ?? 'normal';
  if (story === 'never') return;
  const primary = state.locationsOf(vm, 'Primary')[0];
  const offsite = state.locationsOf(vm, 'Offsite')[0];
  if (!primary) return;

  let runs: number[];
  if (story === 'manual') {
    runs = (seed.manualDaysAgo ?? []).map((d) => wholeSecond(now - d * DAY - 3 * HOUR - 17 * MINUTE));
  } else {
    const set = new Set<number>();
    for (const schedule of state.schedulesOf(vm, 'Backup')) {
      // Leave the last hour out so that no seeded operation could still be running.
      for (const t of runsBetween(schedule, now - (seed.historyDays ?? 14) * DAY, now - HOUR, state.timeZone)) set.add(t);
    }
    runs = [...set];
    if (story === 'stale') runs = runs.filter((t) => t <= now - 5 * DAY);
  }
  runs.sort((a, b) => a - b);

  runs.forEach((at, i) => {
    const last = i === runs.length - 1;
    const label = `${vm.name}:${at}`;
    const result =
      story === 'lastFailed' && last ? 'Error' : !last && hash32(`warn:${label}`) % 11 === 0 ? 'Warning' : 'Success';
    const failed = result === 'Error';
    const fullSeconds = seededBackupSeconds(vm.diskBytes, label);
    const durationS = failed ? Math.round(fullSeconds / 3) : fullSeconds;
    const sizes = failed ? { compressed: 0, uncompressed: 0 } : backupTransfer(vm.diskBytes, label);
    const report: Report = {
      at,
      durationS,
      result,
      location: primary.path,
      error: failed ? ALTERR.backupFailed : result === 'Warning' ? ALTERR.backupWarning : null,
      ...sizes,
    };
    vm.reports.backup.push(report);
    vm.lastBackup = { at, durationS, result, ...sizes };
    if (failed) return;
    vm.versions.push({ locationId: primary.id, at, sizeBytes: sizes.compressed });

    if (offsite) {
      const offAt = at + durationS * 1000 + MINUTE;
      const offSeconds = seededOffsiteSeconds(sizes.compressed, label);
      vm.reports.offsite.push({
        at: offAt,
        durationS: offSeconds,
        result: 'Success',
        location: offsite.path,
        error: null,
        ...sizes,
      });
      vm.lastOffsiteCopy = { at: offAt, durationS: offSeconds, result: 'Success', ...sizes };
      vm.versions.push({ locationId: offsite.id, at, sizeBytes: sizes.compressed });
    }
  });
}

/** Two restore reports: a successful clone of SQL01 and an aborted one of FS01 (like the verbatim sample). */
function seedRestores(state: AltaroState, now: number): void {
  const entries: Array<{ vm: string; daysAgo: number; durationS: number; aborted: boolean }> = [
    { vm: 'SQL01', daysAgo: 3, durationS: 1420, aborted: false },
    { vm: 'FS01', daysAgo: 6, durationS: 1132, aborted: true },
  ];
  for (const e of entries) {
    const vm = state.vmByName(e.vm);
    const primary = vm && state.locationsOf(vm, 'Primary')[0];
    if (!vm || !primary) continue;
    const at = wholeSecond(now - e.daysAgo * DAY - 5 * HOUR);
    vm.reports.restore.push({
      at,
      durationS: e.durationS,
      result: e.aborted ? 'Aborted' : 'Success',
      location: primary.path,
      error: e.aborted ? ALTERR.restoreAborted : null,
      compressed: 0,
      uncompressed: 0,
      restoreAsName: `${vm.name}-Clone-${formatCloneStamp(at - 14 * MINUTE, state.timeZone)}`,
    });
  }
}
