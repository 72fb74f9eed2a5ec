/**
 * BILLmanager (Zomro Cloud VPS) behind the Provider interface: a thin facade over
 * - reads.ts: instances, per-instance backups and schedules, absence confirmed by the instance list;
 * - operations.ts: backups and restores, followed until an upstream answer confirms the outcome
 *   (or final UNKNOWN, saying why);
 * - schedules.ts: schedule create, update, delete (with rollback.ts for the instance rotation);
 * - validation.ts: what BILLmanager can take, checked before sending; errors.ts: wire fields
 *   said as input fields.
 *
 * Mapping: `instances` -> VirtualMachine (`host` = `datacentername`, `status` = `instance_status`,
 * `lastBackup` = the newest finished backup, `nextBackupAt` = the earliest next run of its
 * schedules); backups are kind IMAGE with native id `<instance>/<image>`; schedules are kind
 * BACKUP, targets = the instance, recurrence weekly in the configured zone, retention = the
 * instance's `backup_rotation` as one LAST rule. A VM listing costs 1 + 2 calls per instance
 * (the API has no bulk form), sent with the list for the instances the last list held (reads.ts:
 * reading ahead); identical reads share their upstream calls in UpstreamHttp.
 * Assign/unassign: BaseProvider's UNSUPPORTED_BY_PROVIDER (schedules belong to one instance).
 * Health: from UpstreamHttp, which the client tells about accepted and refused logins.
 */
import type { Backup, Capability, Operation, ResourceRef, Schedule, VirtualMachine } from '../../domain/model.js';
import type { RestoreRequest, ScheduleDraft, SchedulePatch, StagedVirtualMachine } from '../../domain/provider.js';
import type { RequestScope } from '../../domain/request-scope.js';
import type { UpstreamOptions } from '../../upstream/http-client.js';
import { HttpProvider } from '../http-provider.js';
import { BillmanagerClient, idOf, type BillmanagerConnection, type Wire } from './client.js';
import { newestFirst, parseNativeId, toBackup, toVirtualMachine } from './map.js';
import { BillmanagerOperations, DEFAULT_WAITS, type BillmanagerWaits } from './operations.js';
import { BillmanagerReads } from './reads.js';
import { BillmanagerSchedules } from './schedules.js';
import { BillmanagerValidation } from './validation.js';

export interface BillmanagerProviderConfig extends BillmanagerConnection {
  /** The zone the panel evaluates `rotation_time` in and writes its dates in. */
  timezone: string;
  upstream?: Omit<UpstreamOptions, 'providerId'>;
  /** How long to wait for what would confirm an operation's outcome (operations.ts; defaults: DEFAULT_WAITS). */
  waits?: Partial<BillmanagerWaits>;
}

export class BillmanagerProvider extends HttpProvider {
  readonly kind = 'BILLMANAGER' as const;
  readonly capabilities: readonly Capability[] = [
    'PER_RESOURCE_SCHEDULES',
    'CREATE_SCHEDULE',
    'UPDATE_SCHEDULE',
    'DELETE_SCHEDULE',
    'TAKE_BACKUP',
    'RESTORE',
    'RETENTION_POLICY',
  ];
  private readonly timeZone: string;
  private readonly client: BillmanagerClient;
  private readonly reads: BillmanagerReads;
  private readonly operations: BillmanagerOperations;
  private readonly schedules: BillmanagerSchedules;
  private readonly validate: BillmanagerValidation;

  constructor(config: BillmanagerProviderConfig) {
    super(config);
    this.timeZone = config.timezone;
    this.client = new BillmanagerClient(config, this.http);
    this.reads = new BillmanagerReads(this.client);
    this.validate = new BillmanagerValidation(this.id, this.timeZone);
    this.operations = new BillmanagerOperations(this.id, this.timeZone, this.client, this.reads, { ...DEFAULT_WAITS, ...config.waits });
    this.schedules = new BillmanagerSchedules(this.id, this.timeZone, this.client, this.reads, this.validate);
  }

  /** Entries held by each per-operation or per-session map (bounded memory; for tests and diagnostics). */
  get memorySizes(): Record<string, number> {
    return { ...this.client.sizes, ...this.reads.sizes, ...this.operations.sizes };
  }

  /** A cheap authenticated read: the first instance. */
  protected cheapRead(): Promise<unknown> {
    return this.client.call(undefined, 'instances', { p_cnt: 1, p_num: 1 }, { idempotent: true });
  }

  protected endSession(): Promise<void> {
    return this.client.close();
  }

  // ---------------------------------------------------------------------------- reads

  async listVirtualMachines(scope?: RequestScope): Promise<VirtualMachine[]> {
    return Promise.all((await this.listVirtualMachinesInStages(scope)).map((vm) => vm.complete));
  }

  /** Each instance as listed, then with its backups and schedules (two requests per instance). */
  async listVirtualMachinesInStages(scope?: RequestScope): Promise<Array<Required<StagedVirtualMachine>>> {
    const now = new Date();
    const instances = await this.reads.instanceWires(scope, ['backups', 'schedules']);
    return instances.map((wire) => {
      const complete = this.withDetails(scope, wire, now);
      // A VM no one waits for (a query's filter left it out) must not be an unhandled rejection.
      complete.catch(() => undefined);
      return { listed: toVirtualMachine(this.id, wire, [], [], this.timeZone, now), complete };
    });
  }

  /** One instance: the list (to know it exists), then its backups and schedules. */
  async getVirtualMachine(nativeId: string, scope?: RequestScope): Promise<VirtualMachine | undefined> {
    const wire = await this.reads.instance(scope, nativeId);
    return wire ? this.withDetails(scope, wire, new Date()) : undefined;
  }

  /** A listed instance with its backups and schedules. */
  private async withDetails(scope: RequestScope | undefined, wire: Wire, now: Date): Promise<VirtualMachine> {
    const id = idOf(wire);
    const [backups, schedules] = await Promise.all([this.reads.backupWires(scope, id, true), this.reads.scheduleList(scope, id, false, true)]);
    return toVirtualMachine(
      this.id,
      wire,
      (backups ?? []).map((b) => toBackup(this.id, id, b, this.timeZone)),
      this.schedules.schedulesFrom(id, schedules),
      this.timeZone,
      now,
    );
  }

  async listSchedules(scope?: RequestScope): Promise<Schedule[]> {
    return this.schedules.list(scope);
  }

  async scheduleTargets(scope?: RequestScope): Promise<Map<string, ResourceRef[]>> {
    return new Map((await this.listSchedules(scope)).map((s) => [s.nativeId, s.targets ?? []]));
  }

  async listBackups(resource: ResourceRef, scope?: RequestScope): Promise<Backup[]> {
    if (resource.type !== 'VirtualMachine') return [];
    const wires = (await this.reads.backupWires(scope, resource.nativeId)) ?? [];
    return newestFirst(wires.map((wire) => toBackup(this.id, resource.nativeId, wire, this.timeZone)));
  }

  async getBackup(nativeId: string, scope?: RequestScope): Promise<Backup | undefined> {
    const parsed = parseNativeId(nativeId);
    if (parsed?.kind !== 'backup') return undefined;
    const wire = (await this.reads.backupWires(scope, parsed.instanceId))?.find((b) => idOf(b) === parsed.backupId);
    return wire ? toBackup(this.id, parsed.instanceId, wire, this.timeZone) : undefined;
  }

  async listOperations(scope?: RequestScope): Promise<Operation[]> {
    return this.operations.list(scope);
  }

  async getOperation(nativeId: string, scope?: RequestScope): Promise<Operation | undefined> {
    return this.operations.get(scope, nativeId);
  }

  // ---------------------------------------------------------------------------- writes

  async startBackup(target: ResourceRef, scope?: RequestScope): Promise<Operation> {
    return this.operations.startBackup(scope, this.validate.instanceOf(target, 'targetId', 'backs up instances (VirtualMachines) only'));
  }

  async startRestore(backup: Backup, request: RestoreRequest, scope?: RequestScope): Promise<Operation> {
    if (request.sandbox) return super.startRestore(backup, request);
    return this.operations.startRestore(scope, backup, request);
  }

  async createSchedule(draft: ScheduleDraft, scope?: RequestScope): Promise<Schedule> {
    return this.schedules.create(scope, draft);
  }

  async updateSchedule(id: string, patch: SchedulePatch, scope?: RequestScope): Promise<Schedule> {
    return this.schedules.update(scope, id, patch);
  }

  async deleteSchedules(ids: string[], scope?: RequestScope): Promise<string[]> {
    return this.schedules.delete(scope, ids);
  }
}
