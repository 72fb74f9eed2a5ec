/**
 * Altaro VM Backup behind the Provider interface.
 *
 * Reads: `vms/list` (VMs and their last/next backup), `schedules/1/0` and `/0/1` (the kind is
 * the filter that returned a schedule, not a guessed type field), `backuplocations/1/0` and
 * `/0/1` (PRIMARY and OFFSITE the same way). Assignments come inline when the install lists a
 * schedule's or location's VMs; otherwise one `vms/schedules` / `vms/backuplocations` call per
 * configured VM, made once per GraphQL request (the schema memoizes provider reads).
 */
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type {
  Backup,
  BackupLocation,
  Capability,
  Operation,
  ResourceRef,
  Schedule,
  VirtualMachine,
} from '../../domain/model.js';
import { type RestoreRequest } from '../../domain/provider.js';
import type { RequestScope } from '../../domain/request-scope.js';
import type { UpstreamOptions } from '../../upstream/http-client.js';
import { HttpProvider } from '../http-provider.js';
import { writeWithVerification } from '../../upstream/verify-write.js';
import { AltaroClient, listOf, type AltaroConnection } from './client.js';
import { num, parseAltaroDate, str, toVirtualMachine, vmNativeId, type Wire } from './map.js';
import { reportHistory } from './history.js';
import { AltaroOperations } from './operations.js';

export interface AltaroProviderConfig extends AltaroConnection {
  /** Zone the Altaro server writes its times in (they carry no offset). */
  timezone: string;
  upstream?: Omit<UpstreamOptions, 'providerId'>;
  /**
   * Optional: how long an operation that left operation-status waits for a report before it
   * ends UNKNOWN (default 10 s, and at least 3 reads).
   */
  outcomeWaitMs?: number;
}

/** Inline assignment keys an install may list on a schedule or location item. */
const INLINE_VM_KEYS = ['VirtualMachines', 'AltaroVirtualMachineRefs', 'VirtualMachineRefs', 'AssignedVirtualMachines'];

export class AltaroProvider extends HttpProvider {
  readonly kind = 'ALTARO' as const;
  readonly capabilities: readonly Capability[] = [
    'SHARED_SCHEDULES',
    'ASSIGN_BACKUP_LOCATION',
    'TAKE_BACKUP',
    'OFFSITE_COPY',
    'RESTORE',
    'SANDBOX_RESTORE',
    'VERIFY',
    'ABORT_OPERATION',
    'OPERATION_PROGRESS',
  ];
  private readonly client: AltaroClient;
  private readonly timeZone: string;
  /** Operations started here or seen listed, followed to their end (bounded memory). */
  private readonly operations: AltaroOperations;

  constructor(config: AltaroProviderConfig) {
    super(config);
    this.timeZone = config.timezone;
    this.client = new AltaroClient(config, this.http);
    this.operations = new AltaroOperations(this.client, this.id, this.timeZone, { outcomeWaitMs: config.outcomeWaitMs });
  }

  /** Sizes of the per-operation memory (read-only, for tests and metrics). */
  get operationMemory(): { known: number; ended: number } {
    return this.operations.memory;
  }

  /** An authenticated read (`protocol/version` needs no login, so it cannot tell whether ours works). */
  protected cheapRead(): Promise<unknown> {
    return this.client.call(undefined, 'activity/operation-status');
  }

  protected endSession(): Promise<void> {
    return this.client.close();
  }

  // ---- reads ----

  private async vmWires(scope: RequestScope | undefined): Promise<Wire[]> {
    return listOf<Wire>(await this.client.call(scope, 'vms/list'), 'VirtualMachines');
  }

  async listVirtualMachines(scope?: RequestScope): Promise<VirtualMachine[]> {
    return (await this.vmWires(scope)).map((wire) => toVirtualMachine(this.id, wire, this.timeZone));
  }

  private async scheduleWires(scope: RequestScope | undefined): Promise<Array<{ wire: Wire; kind: Schedule['kind'] }>> {
    const [backup, sandbox] = await Promise.all([
      this.client.call(scope, 'schedules', { args: ['1', '0'] }),
      this.client.call(scope, 'schedules', { args: ['0', '1'] }),
    ]);
    return [
      ...listOf<Wire>(backup, 'BackupSchedules').map((wire) => ({ wire, kind: 'BACKUP' as const })),
      ...listOf<Wire>(sandbox, 'BackupSchedules').map((wire) => ({ wire, kind: 'SANDBOX_RESTORE' as const })),
      ...listOf<Wire>(sandbox, 'SandboxRestoreSchedules').map((wire) => ({ wire, kind: 'SANDBOX_RESTORE' as const })),
    ];
  }

  async listSchedules(scope?: RequestScope): Promise<Schedule[]> {
    return (await this.scheduleWires(scope)).map(({ wire, kind }) => ({
      providerId: this.id,
      nativeId: String(str(wire.ScheduleId) ?? ''),
      name: str(wire.ScheduleName) ?? String(wire.ScheduleId),
      kind,
      enabled: wire.Enabled === undefined ? true : wire.Enabled === true || wire.Enabled === 'true',
      // Altaro exposes no recurrence over its API; `nextBackupAt` comes from each VM.
      recurrence: undefined,
      targets: inlineVms(wire)?.map((nativeId) => ({ type: 'VirtualMachine' as const, providerId: this.id, nativeId })),
    }));
  }

  private async locationWires(scope: RequestScope | undefined): Promise<Array<{ wire: Wire; kind: BackupLocation['kind'] }>> {
    const [primary, offsite] = await Promise.all([
      this.client.call(scope, 'backuplocations', { args: ['1', '0'] }),
      this.client.call(scope, 'backuplocations', { args: ['0', '1'] }),
    ]);
    return [
      ...listOf<Wire>(primary, 'BackupLocations').map((wire) => ({ wire, kind: 'PRIMARY' as const })),
      ...listOf<Wire>(offsite, 'BackupLocations').map((wire) => ({ wire, kind: 'OFFSITE' as const })),
    ];
  }

  async listBackupLocations(scope?: RequestScope): Promise<BackupLocation[]> {
    return (await this.locationWires(scope)).map(({ wire, kind }) => {
      const path = str(wire.LocationPath);
      return {
        providerId: this.id,
        nativeId: String(str(wire.BackupLocationId) ?? ''),
        name: str(wire.LocationName) ?? path ?? String(wire.BackupLocationId),
        kind,
        path,
        virtualMachineIds: inlineVms(wire),
      };
    });
  }

  /** Asked only when the schedule listing did not carry its VMs inline (see RequestReads.scheduleTargets). */
  async scheduleTargets(scope?: RequestScope): Promise<Map<string, ResourceRef[]>> {
    const perVm = await this.perVmAssignments(scope, 'vms/schedules', 'BackupSchedules', 'ScheduleId');
    return invert(perVm, (nativeId) => this.vmRef(nativeId));
  }

  /** Asked only when the location listing did not carry its VMs inline. */
  async locationTargets(scope?: RequestScope): Promise<Map<string, string[]>> {
    const perVm = await this.perVmAssignments(scope, 'vms/backuplocations', 'BackupLocations', 'BackupLocationId');
    return invert(perVm, (nativeId) => nativeId);
  }

  /** VM ref -> assigned ids, one call per configured VM (the API has no bulk form). */
  private async perVmAssignments(scope: RequestScope | undefined, resource: string, key: string, idField: string): Promise<Map<string, string[]>> {
    const refs = (await this.vmWires(scope)).map((wire) => str(wire.AltaroVirtualMachineRef)).filter((ref): ref is string => !!ref);
    const result = new Map<string, string[]>();
    // All at once: the connection pool (maxConnections) is what limits the load on the server.
    await Promise.all(
      refs.map(async (ref) => {
        const reply = await this.client.call(scope, resource, { args: [ref] });
        result.set(ref, listOf<Wire>(reply, key).map((item) => String(item[idField])));
      }),
    );
    return result;
  }

  private vmRef(nativeId: string): ResourceRef {
    return { type: 'VirtualMachine', providerId: this.id, nativeId };
  }

  /** Restore versions of a VM at each of its locations. Backup native id = "vmRef|locationId|version". */
  async listBackups(resource: ResourceRef, scope?: RequestScope): Promise<Backup[]> {
    if (resource.type !== 'VirtualMachine') return [];
    const assigned = listOf<Wire>(await this.client.call(scope, 'vms/backuplocations', { args: [resource.nativeId] }), 'BackupLocations');
    const all = await this.listBackupLocations(scope);
    const backups: Backup[] = [];
    for (const location of assigned) {
      const locationId = String(location.BackupLocationId);
      const known = all.find((l) => l.nativeId === locationId);
      backups.push(...(await this.versionsAt(scope, resource.nativeId, locationId, known?.path ?? str(location.LocationPath))));
    }
    return backups.sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  }

  private async versionsAt(scope: RequestScope | undefined, vmRef: string, locationId: string, path: string | undefined): Promise<Backup[]> {
    const reply = await this.client.call(scope, 'restore-options/available-versions', { args: [vmRef, locationId] });
    const details = listOf<Wire>(reply, 'VirtualMachineRestoreDetails');
    const versions = details.flatMap((detail) => (Array.isArray(detail.Versions) ? (detail.Versions as unknown[]) : []));
    return versions.map((version) => {
      const item: Wire = typeof version === 'object' && version !== null ? (version as Wire) : { BackupVersion: version };
      const stamp = String(item.BackupVersion ?? item.Version ?? item.DateTime ?? '');
      return {
        providerId: this.id,
        nativeId: [vmRef, locationId, stamp].join('|'),
        resource: this.vmRef(vmRef),
        kind: 'VERSION' as const,
        createdAt: parseAltaroDate(stamp, item.IsUtc === true ? 'UTC' : this.timeZone),
        sizeBytes: num(item.SizeBytes ?? item.Size),
        status: 'Available',
        location: path,
      };
    });
  }

  async getBackup(nativeId: string, scope?: RequestScope): Promise<Backup | undefined> {
    const [vmRef, locationId, stamp] = nativeId.split('|');
    if (!vmRef || !locationId || !stamp) return undefined;
    const location = (await this.listBackupLocations(scope)).find((l) => l.nativeId === locationId);
    if (!location) return undefined;
    return (await this.versionsAt(scope, vmRef, locationId, location.path)).find((b) => b.nativeId === nativeId);
  }

  listOperations(scope?: RequestScope): Promise<Operation[]> {
    return this.operations.list(scope);
  }

  getOperation(nativeId: string, scope?: RequestScope): Promise<Operation | undefined> {
    return this.operations.get(nativeId, scope);
  }

  /** Backup and offsite-copy reports the install still holds (the journal's backfill). */
  async listHistory(resource: ResourceRef, scope?: RequestScope): Promise<Operation[]> {
    if (resource.type !== 'VirtualMachine') return [];
    return reportHistory(scope, this.client, this.id, resource.nativeId, this.timeZone);
  }

  // ---- writes ----

  async assignSchedule(target: ResourceRef, scheduleId: string, scope?: RequestScope): Promise<void> {
    await this.link(scope, 'vms/schedules', 'BackupSchedules', 'ScheduleId', this.configuredRef(target), scheduleId, true);
  }

  async unassignSchedule(target: ResourceRef, scheduleId: string, scope?: RequestScope): Promise<void> {
    await this.link(scope, 'vms/schedules', 'BackupSchedules', 'ScheduleId', this.configuredRef(target), scheduleId, false);
  }

  async assignBackupLocation(vmId: string, locationId: string, scope?: RequestScope): Promise<void> {
    await this.link(scope, 'vms/backuplocations', 'BackupLocations', 'BackupLocationId', vmId, locationId, true);
  }

  async unassignBackupLocation(vmId: string, locationId: string, scope?: RequestScope): Promise<void> {
    await this.link(scope, 'vms/backuplocations', 'BackupLocations', 'BackupLocationId', vmId, locationId, false);
  }

  /** POST (link) or DELETE (unlink); on an unknown outcome, re-read the VM's links to tell. */
  private async link(scope: RequestScope | undefined, resource: string, key: string, idField: string, vmRef: string, id: string, linked: boolean): Promise<void> {
    await writeWithVerification(
      async () => {
        await this.client.call(scope, resource, { method: linked ? 'POST' : 'DELETE', args: [vmRef, id] });
        return true;
      },
      async () => {
        const now = listOf<Wire>(await this.client.call(scope, resource, { args: [vmRef] }), key).some((item) => String(item[idField]) === id);
        return now === linked ? true : undefined;
      },
      { what: `${linked ? 'assignment' : 'removal'} via ${resource}` },
    );
  }

  async startBackup(target: ResourceRef, scope?: RequestScope): Promise<Operation> {
    return this.operations.instruct('BACKUP', 'instructions/take-backup', this.configuredRef(target), scope);
  }

  async startOffsiteCopy(vmId: string, scope?: RequestScope): Promise<Operation> {
    return this.operations.instruct('OFFSITE_COPY', 'instructions/take-offsitecopy', vmId, scope);
  }

  async startVerification(vmId: string, scope?: RequestScope): Promise<Operation> {
    // Path unverified against a real install (contract §4.4 marks it unknown).
    return this.operations.instruct('VERIFY', 'instructions/take-verification', vmId, scope);
  }

  async startRestore(backup: Backup, request: RestoreRequest, scope?: RequestScope): Promise<Operation> {
    const [vmRef, locationId, version] = backup.nativeId.split('|');
    const vm = (await this.vmWires(scope)).find((wire) => vmNativeId(wire) === vmRef);
    if (!vm) throw new NotFoundError(`virtual machine ${vmRef} of backup ${backup.nativeId} no longer exists on provider "${this.id}"`, this.id);
    const name = str(vm.VirtualMachineName) ?? vmRef;
    // Paths and body unverified against a real install (contract §4.4: field names from the vendor reference, path unknown).
    const body = {
      AltaroVirtualMachineRef: vmRef,
      HypervisorVirtualMachineUuid: str(vm.HypervisorVirtualMachineUuid),
      RestoreFromLocationId: locationId,
      RestoreBackupVersion: version,
      BackupVerisonFormat: 'yyyy-MM-dd-HH-mm-ss',
      RestoreBackupVersionIsUtc: false,
      OriginalVirtualMachineName: name,
      RestoredVirtualMachineName: request.restoredName ?? `${name}-restored`,
      DisableNicOnRestoredVirtualMachine: true,
    };
    const kind = request.sandbox ? 'SANDBOX_RESTORE' : 'RESTORE';
    return this.operations.instructWithBody(kind, request.sandbox ? 'instructions/sandbox-restore' : 'instructions/restore', vmRef, body, scope);
  }

  abortOperation(operationId: string, scope?: RequestScope): Promise<Operation> {
    return this.operations.abort(operationId, scope);
  }

  private configuredRef(target: ResourceRef): string {
    if (target.type !== 'VirtualMachine') throw new ValidationError(`provider "${this.id}" protects virtual machines only`, 'targetId', this.id);
    return target.nativeId;
  }
}

function inlineVms(wire: Wire): string[] | undefined {
  for (const key of INLINE_VM_KEYS) {
    const value = wire[key];
    if (Array.isArray(value)) {
      return value
        .map((item) => (typeof item === 'string' ? item : str((item as Wire)?.AltaroVirtualMachineRef)))
        .filter((ref): ref is string => !!ref);
    }
  }
  return undefined;
}

/** VM -> ids  into  id -> VMs. */
function invert<T>(perVm: Map<string, string[]>, toTarget: (vm: string) => T): Map<string, T[]> {
  const result = new Map<string, T[]>();
  for (const [vm, ids] of perVm) {
    for (const id of ids) result.set(id, [...(result.get(id) ?? []), toTarget(vm)]);
  }
  return result;
}

