/**
 * The Provider interface: what the gateway asks of every backup provider. Reads return whole
 * lists (the schema layer memoizes them per request, so one GraphQL request costs each list
 * once); writes return only after the upstream confirmed them.
 *
 * `BaseProvider` answers every write with UnsupportedByProviderError, so a provider overrides
 * exactly what it can do and declares it in `capabilities`.
 *
 * Every call takes the `scope` of the GraphQL request it serves (request-scope.ts), to hand to
 * each upstream call it makes; a caller outside a request (a poll, the journal) leaves it out.
 */
import { UnsupportedByProviderError } from './errors.js';
import type { RequestScope } from './request-scope.js';
import type {
  Backup,
  BackupLocation,
  Capability,
  Disk,
  Operation,
  ProviderHealth,
  ProviderKind,
  ResourceRef,
  RetentionRule,
  Schedule,
  ScheduleKind,
  VirtualMachine,
} from './model.js';

export interface WeeklyRecurrence {
  /** 0=Sunday..6 */
  daysOfWeek: number[];
  /** "HH:MM" */
  times: string[];
}

export interface ScheduleDraft {
  target?: ResourceRef;
  name: string;
  kind: ScheduleKind;
  timezone?: string;
  weekly?: WeeklyRecurrence;
  native?: unknown;
  retention?: RetentionRule[];
  remoteLocation?: string;
  enabled: boolean;
}

export interface SchedulePatch {
  name?: string;
  timezone?: string;
  weekly?: WeeklyRecurrence;
  native?: unknown;
  retention?: RetentionRule[];
  enabled?: boolean;
}

export interface RestoreRequest {
  restoredName?: string;
  sandbox: boolean;
}

/**
 * A VM as its provider's list names it, before the reads that complete it (BILLmanager: each
 * instance's backups and schedules, one request each), and the complete VM; no `complete`
 * when the list gave it whole.
 */
export interface StagedVirtualMachine {
  listed: VirtualMachine;
  complete?: Promise<VirtualMachine>;
}

export interface Provider {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly baseUrl: string;
  readonly capabilities: readonly Capability[];

  /** Last known health, from recent upstream calls (no I/O). */
  health(): ProviderHealth;
  /** Ask the upstream now (used by /readyz and Provider.health when nothing is known yet). */
  probe(): Promise<ProviderHealth>;

  listVirtualMachines(scope?: RequestScope): Promise<VirtualMachine[]>;
  /**
   * For a provider whose VM listing takes a read per VM: the list as soon as it is known, each
   * VM completing on its own, so a query resolves the VMs that are complete (and every other
   * provider's) while the rest are still being read. `listVirtualMachines` is every `complete`.
   */
  listVirtualMachinesInStages?(scope?: RequestScope): Promise<StagedVirtualMachine[]>;
  /**
   * One VM (undefined when there is none), for a provider whose listing takes a read per VM:
   * with only that VM's reads, so a lookup by id does not list every VM's details.
   */
  getVirtualMachine?(nativeId: string, scope?: RequestScope): Promise<VirtualMachine | undefined>;
  listDisks(scope?: RequestScope): Promise<Disk[]>;
  listSchedules(scope?: RequestScope): Promise<Schedule[]>;
  listBackupLocations(scope?: RequestScope): Promise<BackupLocation[]>;
  /**
   * Schedule native id -> the resources it applies to. The gateway asks only when
   * `listSchedules()` left some `targets` undefined, so this may take the slow road.
   */
  scheduleTargets(scope?: RequestScope): Promise<Map<string, ResourceRef[]>>;
  /** Backup location native id -> VM native ids; asked only when `virtualMachineIds` were not listed. */
  locationTargets(scope?: RequestScope): Promise<Map<string, string[]>>;
  listBackups(resource: ResourceRef, scope?: RequestScope): Promise<Backup[]>;
  getBackup(nativeId: string, scope?: RequestScope): Promise<Backup | undefined>;
  /** Operations the upstream currently shows (running, or just finished). */
  listOperations(scope?: RequestScope): Promise<Operation[]>;
  /** One operation's current state, also after it left the upstream's running list where the provider can tell. */
  getOperation(nativeId: string, scope?: RequestScope): Promise<Operation | undefined>;
  /**
   * Finished operations of a resource the provider still reports (its history), for the
   * journal's backfill; providers whose history is their restore points leave it out.
   */
  listHistory?(resource: ResourceRef, scope?: RequestScope): Promise<Operation[]>;

  assignSchedule(target: ResourceRef, scheduleId: string, scope?: RequestScope): Promise<void>;
  unassignSchedule(target: ResourceRef, scheduleId: string, scope?: RequestScope): Promise<void>;
  assignBackupLocation(virtualMachineId: string, locationId: string, scope?: RequestScope): Promise<void>;
  unassignBackupLocation(virtualMachineId: string, locationId: string, scope?: RequestScope): Promise<void>;
  startBackup(target: ResourceRef, scope?: RequestScope): Promise<Operation>;
  startOffsiteCopy(virtualMachineId: string, scope?: RequestScope): Promise<Operation>;
  startRestore(backup: Backup, request: RestoreRequest, scope?: RequestScope): Promise<Operation>;
  startVerification(virtualMachineId: string, scope?: RequestScope): Promise<Operation>;
  abortOperation(operationId: string, scope?: RequestScope): Promise<Operation>;
  createSchedule(draft: ScheduleDraft, scope?: RequestScope): Promise<Schedule>;
  updateSchedule(id: string, patch: SchedulePatch, scope?: RequestScope): Promise<Schedule>;
  deleteSchedules(ids: string[], scope?: RequestScope): Promise<string[]>;

  /** End upstream sessions; called once on shutdown. */
  close(): Promise<void>;
}

export abstract class BaseProvider implements Provider {
  abstract readonly id: string;
  abstract readonly kind: ProviderKind;
  abstract readonly baseUrl: string;
  abstract readonly capabilities: readonly Capability[];

  abstract health(): ProviderHealth;
  abstract probe(): Promise<ProviderHealth>;
  abstract listVirtualMachines(scope?: RequestScope): Promise<VirtualMachine[]>;
  abstract listSchedules(scope?: RequestScope): Promise<Schedule[]>;
  abstract scheduleTargets(scope?: RequestScope): Promise<Map<string, ResourceRef[]>>;
  abstract listBackups(resource: ResourceRef, scope?: RequestScope): Promise<Backup[]>;
  abstract getBackup(nativeId: string, scope?: RequestScope): Promise<Backup | undefined>;
  abstract listOperations(scope?: RequestScope): Promise<Operation[]>;
  abstract getOperation(nativeId: string, scope?: RequestScope): Promise<Operation | undefined>;

  async listDisks(): Promise<Disk[]> {
    return [];
  }
  async listBackupLocations(): Promise<BackupLocation[]> {
    return [];
  }
  async locationTargets(): Promise<Map<string, string[]>> {
    return new Map();
  }

  protected unsupported(capability: Capability, message?: string): never {
    throw new UnsupportedByProviderError(this.id, capability, message);
  }

  assignSchedule(_target: ResourceRef, _scheduleId: string): Promise<void> {
    this.unsupported('SHARED_SCHEDULES', `provider "${this.id}" has no shared schedules to assign; create a schedule for the resource instead`);
  }
  unassignSchedule(_target: ResourceRef, _scheduleId: string): Promise<void> {
    this.unsupported('SHARED_SCHEDULES', `provider "${this.id}" has no shared schedules to unassign; delete the resource's schedule instead`);
  }
  assignBackupLocation(_vm: string, _location: string): Promise<void> {
    this.unsupported('ASSIGN_BACKUP_LOCATION');
  }
  unassignBackupLocation(_vm: string, _location: string): Promise<void> {
    this.unsupported('ASSIGN_BACKUP_LOCATION');
  }
  startBackup(_target: ResourceRef): Promise<Operation> {
    this.unsupported('TAKE_BACKUP');
  }
  startOffsiteCopy(_vm: string): Promise<Operation> {
    this.unsupported('OFFSITE_COPY');
  }
  startRestore(_backup: Backup, request: RestoreRequest): Promise<Operation> {
    this.unsupported(request.sandbox ? 'SANDBOX_RESTORE' : 'RESTORE');
  }
  startVerification(_vm: string): Promise<Operation> {
    this.unsupported('VERIFY');
  }
  abortOperation(_operationId: string): Promise<Operation> {
    this.unsupported('ABORT_OPERATION');
  }
  createSchedule(_draft: ScheduleDraft): Promise<Schedule> {
    this.unsupported('CREATE_SCHEDULE');
  }
  updateSchedule(_id: string, _patch: SchedulePatch): Promise<Schedule> {
    this.unsupported('UPDATE_SCHEDULE');
  }
  deleteSchedules(_ids: string[]): Promise<string[]> {
    this.unsupported('DELETE_SCHEDULE');
  }
  async close(): Promise<void> {}
}
