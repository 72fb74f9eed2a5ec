/**
 * The Altaro simulator's in-memory model: hosts, VMs (with their schedule and location links,
 * report history and restore versions), schedules, backup locations, sessions and operations.
 * Times are epoch milliseconds on the SimClock; formatting happens at the wire.
 */
import { nextRun, type ScheduleTiming } from './schedule.js';

export type OperationKind = 'Backup' | 'OffsiteCopy' | 'Restore' | 'SandboxRestore' | 'Verification';
export type OperationOutcome = 'Success' | 'Warning' | 'Error' | 'Aborted';
export type HypervisorKind = 'HyperV' | 'VMware';

export interface Host {
  /** Altaro's host id: `AltaroHypervisorRef` in vms/list, the host ref in available-hosts. */
  ref: string;
  name: string;
  hypervisor: HypervisorKind;
}

/** What `Last{Backup,OffsiteCopy}*` in vms/list show. */
export interface RunSummary {
  /** Start time of the operation (epoch ms). */
  at: number;
  durationS: number;
  result: string;
  compressed: number;
  uncompressed: number;
}

/** One history entry (backup, offsite copy, restore, sandbox restore or verification). */
export interface Report {
  /** Start time of the operation (epoch ms): the report's `DateTime`. */
  at: number;
  durationS: number;
  result: string;
  /** The backup location path involved. */
  location: string | null;
  error: string | null;
  compressed: number;
  uncompressed: number;
  /** Restores only. */
  restoreAsName?: string;
  operationGuid?: string;
}

export interface VmReports {
  backup: Report[];
  offsite: Report[];
  restore: Report[];
  /** Simulator-only (no known report route): sandbox restores and verifications. */
  sandbox: Report[];
  verification: Report[];
}

/** A restore point of a VM at one backup location. */
export interface RestoreVersion {
  locationId: string;
  /** The backup's point in time (epoch ms, whole seconds). */
  at: number;
  sizeBytes: number;
}

export interface Vm {
  name: string;
  hostRef: string;
  hypervisorUuid: string;
  /** Null until the VM is added to the backup configuration. */
  altaroRef: string | null;
  /** Simulator-only: provisioned disk size, drives transfer sizes. */
  diskBytes: number;
  /** Links to schedules (backup and sandbox-restore). */
  scheduleIds: string[];
  /** Links to backup locations: at most one primary and one offsite. */
  locationIds: string[];
  lastBackup: RunSummary | null;
  lastOffsiteCopy: RunSummary | null;
  /** Test switch: the next backup of this VM ends with Result "Error" (then the flag clears). */
  failNextBackup: boolean;
  /** Test switch: the next offsite copy of this VM ends with Result "Error" (then the flag clears). */
  failNextOffsiteCopy: boolean;
  /** Oldest first; the routes sort newest first. */
  reports: VmReports;
  versions: RestoreVersion[];
}

export type ScheduleKind = 'Backup' | 'SandboxRestore';

export interface Schedule extends ScheduleTiming {
  id: string;
  name: string;
  kind: ScheduleKind;
}

export type LocationKind = 'Primary' | 'Offsite';

export interface BackupLocation {
  id: string;
  path: string;
  kind: LocationKind;
  storage: 'PhysicalDrive' | 'NetworkPath';
}

export interface Session {
  token: string;
  username: string;
  domain: string | null;
  createdAt: number;
  lastUsedAt: number;
}

export interface Operation {
  guid: string;
  kind: OperationKind;
  vmRef: string;
  vmName: string;
  trigger: 'Manual' | 'Schedule';
  startedAt: number;
  durationMs: number;
  /** The first part of `durationMs` during which the status is "Queued". */
  queuedMs: number;
  /** Target locations (backup: the primary, offsite copy: the offsite) or the restore source. */
  locationIds: string[];
  /** Restore / sandbox restore: the version restored and the clone's name. */
  version?: RestoreVersion;
  restoreAsName?: string;
  finishedAt: number | null;
  outcome: OperationOutcome | null;
  /** Percentage frozen when the operation finished. */
  finalPercentage: number;
  /** The error text the finished operation reported. */
  error: string | null;
}

export class AltaroState {
  hosts: Host[] = [];
  vms: Vm[] = [];
  schedules: Schedule[] = [];
  locations: BackupLocation[] = [];
  /** Running operations and finished ones still inside the grace period, by GUID. */
  operations = new Map<string, Operation>();
  sessions = new Map<string, Session>();
  /** While true, sessions/start is refused with `AnotherConsoleIsRegistered`. */
  consoleRegistered = false;
  /** While true, backup schedules start backups of their VMs when the clock passes a run time. */
  autoRunSchedules = true;
  /**
   * Test switch: the next N instructions are carried out but never answered (the reply is lost
   * on the way, so the client times out not knowing whether the operation started).
   */
  unansweredInstructions = 0;
  /** Test switch: finished operations leave no report and no `Last*` change (a report that never shows). */
  withholdReports = false;
  /**
   * Whether schedule and location items list their assigned VMs (`VirtualMachines`). Real item
   * fields beyond the ids are unknown [?]; the gateway uses this list when present and falls back
   * to one `vms/schedules` / `vms/backuplocations` call per VM when it is not. Tests turn it off.
   */
  listAssignedVms = true;

  constructor(readonly timeZone: string) {}

  host(ref: string): Host | undefined {
    return this.hosts.find((h) => h.ref === ref);
  }

  vmByRef(ref: string | undefined): Vm | undefined {
    if (!ref) return undefined;
    return this.vms.find((vm) => vm.altaroRef === ref);
  }

  vmByUuid(uuid: string | undefined): Vm | undefined {
    if (!uuid) return undefined;
    return this.vms.find((vm) => vm.hypervisorUuid === uuid);
  }

  vmByName(name: string): Vm | undefined {
    return this.vms.find((vm) => vm.name.toLowerCase() === name.toLowerCase());
  }

  schedule(id: string | undefined): Schedule | undefined {
    return id ? this.schedules.find((s) => s.id === id) : undefined;
  }

  location(id: string | undefined): BackupLocation | undefined {
    return id ? this.locations.find((l) => l.id === id) : undefined;
  }

  locationsOf(vm: Vm, kind?: LocationKind): BackupLocation[] {
    return vm.locationIds
      .map((id) => this.location(id))
      .filter((l): l is BackupLocation => l !== undefined && (kind === undefined || l.kind === kind));
  }

  schedulesOf(vm: Vm, kind?: ScheduleKind): Schedule[] {
    return vm.scheduleIds
      .map((id) => this.schedule(id))
      .filter((s): s is Schedule => s !== undefined && (kind === undefined || s.kind === kind));
  }

  /** Earliest next run of the VM's backup schedules, or null (unconfigured or unscheduled). */
  nextBackupTime(vm: Vm, now: number): number | null {
    if (!vm.altaroRef) return null;
    let best: number | null = null;
    for (const schedule of this.schedulesOf(vm, 'Backup')) {
      const t = this.nextRunOf(schedule, now);
      if (t !== null && (best === null || t < best)) best = t;
    }
    return best;
  }

  /** A schedule's next run after `now`, memoised per schedule for the same `now` (one vms/list asks many times). */
  nextRunOf(schedule: Schedule, now: number): number | null {
    const key = `${schedule.id}|${schedule.daysOfWeek.join(',')}|${schedule.hour}:${schedule.minute}`;
    const cached = this.nextRunCache.get(key);
    if (cached && cached.now === now) return cached.value;
    const value = nextRun(schedule, now, this.timeZone);
    this.nextRunCache.set(key, { now, value });
    return value;
  }

  private readonly nextRunCache = new Map<string, { now: number; value: number | null }>();

  /** Offsite copies follow the scheduled backups: the next backup run when an offsite location is assigned. */
  nextOffsiteCopyTime(vm: Vm, now: number): number | null {
    if (this.locationsOf(vm, 'Offsite').length === 0) return null;
    return this.nextBackupTime(vm, now);
  }

  /** The running (not yet finished) operation of a kind on a VM, if any. */
  runningOperation(vmRef: string, kind: OperationKind): Operation | undefined {
    for (const op of this.operations.values()) {
      if (op.vmRef === vmRef && op.kind === kind && op.finishedAt === null) return op;
    }
    return undefined;
  }

  /** Assigns a location, replacing the VM's existing location of the same kind. */
  assignLocation(vm: Vm, location: BackupLocation): void {
    vm.locationIds = vm.locationIds.filter((id) => id === location.id || this.location(id)?.kind !== location.kind);
    if (!vm.locationIds.includes(location.id)) vm.locationIds.push(location.id);
  }

  unassignLocation(vm: Vm, location: BackupLocation): void {
    vm.locationIds = vm.locationIds.filter((id) => id !== location.id);
  }

  assignSchedule(vm: Vm, schedule: Schedule): void {
    if (!vm.scheduleIds.includes(schedule.id)) vm.scheduleIds.push(schedule.id);
  }

  unassignSchedule(vm: Vm, schedule: Schedule): void {
    vm.scheduleIds = vm.scheduleIds.filter((id) => id !== schedule.id);
  }
}

export function emptyReports(): VmReports {
  return { backup: [], offsite: [], restore: [], sandbox: [], verification: [] };
}
