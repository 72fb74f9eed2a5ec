/**
 * CloudSigma API 2.0 behind the Provider interface.
 *
 * Mapping (DESIGN.md "Mapping notes"):
 * - servers -> VirtualMachine (`diskIds` = their drives, boot drive first; `host` unknown; `lastBackup`
 *   = the newest available snapshot of any of its drives); drives -> Disk (`virtualMachineId` = the
 *   first server in `mounted_on`; a drive on no server is listed too; `lastBackup` = its newest
 *   *available* snapshot, local or remote, as SUCCESS: one still in progress is not a result yet;
 *   `nextBackupAt` = the next run of the enabled scheduler a drive carries, earliest of its drives for a server)
 * - schedulers -> Schedule (`snapshot` -> LOCAL_SNAPSHOT, `backup`/`dr`/`migration` -> REMOTE_SNAPSHOT);
 *   `targets` = the drives whose `backup_scheduler` it is. A server's schedules are its drives'.
 * - BackupLocations: `local` (LOCAL: this cloud's location, where snapshots live next to the drives)
 *   and `remote:<CODE>` (REMOTE: each location a scheduler's `remote_location` or a remote snapshot
 *   names). The local code comes from the base URL's host (`zrh.cloudsigma.com`, the special hosts
 *   of §1.1), else from the provider id when it is a location code, else it stays unnamed.
 *   `locationTargets`: `local` -> every server with drives; `remote:X` -> the servers having a drive
 *   whose scheduler sends there or that has remote snapshots there.
 * - Backups: local snapshots (`snap:<uuid>`) and remote snapshots (`rsnap:<uuid>`) of a drive; for a
 *   server, those of all its drives.
 * - Operations: snapshot creation (`snap:`/`rsnap:`, kinds SNAPSHOT / REMOTE_SNAPSHOT) and restores
 *   (`clone:<new drive uuid>`, kind RESTORE). `listOperations` = snapshots not yet available and
 *   drives still `cloning_dst`; `getOperation` re-reads the snapshot or the drive. No percentages.
 *   No failure state is documented: one still in progress `pendingWaitMs` after it was first seen,
 *   or gone upstream after being seen, ends as a final UNKNOWN saying so (pending.ts).
 *
 * Writes (never retried; an unknown outcome is checked by reading the state back):
 * - assign/unassign on a Disk: `set_scheduler`, checked in its reply or by reading the drive back.
 *   Unassign clears only the scheduler the drive carries (else VALIDATION), in the first of the
 *   plausible forms the read-back confirms (clear-scheduler.ts). A drive holds one scheduler, so
 *   assigning replaces the one it had.
 *   On a VirtualMachine: each of its drives. Everything is checked first (server, drives, that each
 *   can be protected; for unassign, at least one drive carries the scheduler); drives already right
 *   are skipped. If a drive still fails midway, the drives changed so far are set back to what they
 *   had (best effort) and the error says so, naming any that could not be set back.
 * - startBackup on a Disk: a snapshot of the kind its scheduler makes — a remote snapshot to the
 *   scheduler's `remote_location` when the drive carries a REMOTE_SNAPSHOT scheduler, else a local
 *   snapshot. On a VirtualMachine: one of each drive (CD-ROMs skipped), checked first; the answer is
 *   the boot drive's operation (the others are in `operations`). If one create fails midway, local
 *   snapshots already made are deleted again (best effort); remote ones cannot be while in progress
 *   and are named in the error.
 * - startRestore: `?do=clone` of the snapshot into a new drive (named `restoredName` when given).
 * - createSchedule: portable `weekly` or `native` (`{incremental_backup, manual_incremental_backup?,
 *   user_timezone?}`, or a bare `incremental_backup`) passed through for the upstream to validate;
 *   its validation errors come back as VALIDATION naming the input field. updateSchedule: GET, apply
 *   the patch, PUT the full definition (§3.7); removing the retention rules is confirmed by a
 *   read-back, in the first form that works (clear-retention.ts). deleteSchedules: one bulk DELETE (§3.9).
 */
import { ConflictError, GatewayError, NotFoundError, UpstreamRejectedError, UpstreamUnavailableError, ValidationError } from '../../domain/errors.js';
import { isOver } from '../../domain/model.js';
import type {
  Backup,
  BackupLocation,
  BackupResult,
  Capability,
  Disk,
  Operation,
  ResourceRef,
  Schedule,
  VirtualMachine,
} from '../../domain/model.js';
import { weeklyToIncrementalBackup } from '../../domain/recurrence/cloudsigma.js';
import { nextRuns } from '../../domain/recurrence/index.js';
import { type RestoreRequest, type ScheduleDraft, type SchedulePatch } from '../../domain/provider.js';
import { validateTimeZone } from '../../domain/schedule-input.js';
import type { UpstreamOptions } from '../../upstream/http-client.js';
import { HttpProvider } from '../http-provider.js';
import { scopedOnce, type RequestScope } from '../../domain/request-scope.js';
import { writeWithVerification } from '../../upstream/verify-write.js';
import { RetentionClearer, hasRetentionRules } from './clear-retention.js';
import { SchedulerClearer } from './clear-scheduler.js';
import { CloudSigmaClient, type CloudSigmaConnection, type Wire } from './client.js';
import { PendingOperations } from './pending.js';
import { isRecord, str } from '../wire.js';
import {
  cloneOperation,
  diskRef,
  driveSchedulerUuid,
  NATIVE_KEYS,
  newestAvailable,
  parseNativeId,
  retentionToWire,
  scheduleKindOf,
  serverDriveUuids,
  SNAPSHOT_RESOURCE,
  snapshotDriveUuid,
  snapshotOperation,
  toBackup,
  toDisk,
  toSchedule,
  toVirtualMachine,
  unprotectableReason,
  type SnapshotKind,
} from './map.js';

export interface CloudSigmaProviderConfig extends CloudSigmaConnection {
  upstream?: Omit<UpstreamOptions, 'providerId'>;
  /** How long a snapshot or clone may stay in progress before it ends as a final UNKNOWN; default an hour. */
  pendingWaitMs?: number;
}

/** Location codes of contract §1.1, and the hosts that do not follow `{loc}.cloudsigma.com`. */
const LOCATION_CODES = ['PER', 'DUS', 'FRA', 'DUB', 'TYO', 'CRK', 'MNL', 'MNL2', 'RUH', 'GVA', 'ZRH', 'ADB', 'CWL', 'LON', 'HNL', 'WDC'];
const SPECIAL_HOSTS: Record<string, string> = { 'ec.servecentric.com': 'DUB', 'ruh.cld.v2.sa': 'RUH', 'siaflex.cloud': 'ADB', 'wdc.alpha3cloud.com': 'WDC' };

/** Scheduler fields a PUT sends back (the create body of §3.6); read-only ones are left out. */
const WRITABLE_SCHEDULER_KEYS = [
  'type',
  'name',
  'is_enabled',
  'is_default',
  'enable_backup_policy_notifications',
  'enable_retention_policy_notifications',
  'incremental_backup',
  'manual_incremental_backup',
  'initial_backup',
  'retention_policy',
  'user_timezone',
  'remote_location',
  'meta',
  'tags',
];

/** Upstream error_point -> the input field the user gave. */
const FIELD_OF_POINT: Record<string, string> = {
  name: 'name',
  type: 'kind',
  is_enabled: 'enabled',
  retention_policy: 'retention',
  remote_location: 'remoteLocation',
};

interface SnapshotPlan {
  drive: Wire;
  driveUuid: string;
  kind: SnapshotKind;
  location?: string;
}

export class CloudSigmaProvider extends HttpProvider {
  readonly kind = 'CLOUDSIGMA' as const;
  readonly capabilities: readonly Capability[] = [
    'SHARED_SCHEDULES',
    'CREATE_SCHEDULE',
    'UPDATE_SCHEDULE',
    'DELETE_SCHEDULE',
    'TAKE_BACKUP',
    'RESTORE',
    'RETENTION_POLICY',
  ];
  /** This cloud's location code (e.g. "ZRH"), when it can be told. */
  readonly locationCode: string | undefined;
  private readonly client: CloudSigmaClient;
  private readonly pending: PendingOperations;
  private readonly schedulerClearer: SchedulerClearer;
  private readonly retentionClearer: RetentionClearer;

  constructor(config: CloudSigmaProviderConfig) {
    super(config);
    this.client = new CloudSigmaClient(config, this.http);
    this.locationCode = locationCodeOf(config.baseUrl, config.providerId);
    this.pending = new PendingOperations(config.pendingWaitMs);
    this.schedulerClearer = new SchedulerClearer(this.client, this.id);
    this.retentionClearer = new RetentionClearer(this.client, this.id);
  }

  /** How many operations the provider remembers (for the bounded-memory test). */
  get memory(): { pending: number } {
    return { pending: this.pending.size };
  }

  protected cheapRead(): Promise<unknown> {
    return this.client.probe();
  }

  // ---- reads ----

  private snapshots(scope: RequestScope | undefined, kind: SnapshotKind, driveUuid?: string): Promise<Wire[]> {
    const list = this.client.list(scope, SNAPSHOT_RESOURCE[kind], driveUuid ? { drive: driveUuid } : {});
    // The `drive` filter is documented (§5.1, §6.3); filter again in case an install ignores it.
    return driveUuid ? list.then((all) => all.filter((s) => snapshotDriveUuid(s) === driveUuid)) : list;
  }

  /** Drive uuid -> its newest available snapshot; once per request (VMs and disks both need it). */
  private newestByDrive(scope: RequestScope | undefined): Promise<Map<string, BackupResult>> {
    return scopedOnce(scope, `${this.id}\u0000newestByDrive`, async () => {
      const [local, remote] = await Promise.all([this.snapshots(scope, 'local'), this.snapshots(scope, 'remote')]);
      return newestAvailable(local, remote);
    });
  }

  async listVirtualMachines(scope?: RequestScope): Promise<VirtualMachine[]> {
    const [servers, newest, nextByDrive] = await Promise.all([this.client.list(scope, 'servers'), this.newestByDrive(scope), this.nextRunByDrive(scope)]);
    return servers.map((server) => {
      const vm = toVirtualMachine(this.id, server, newest);
      const next = vm.diskIds.map((id) => nextByDrive.get(id)).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime());
      return { ...vm, nextBackupAt: next[0] };
    });
  }

  async listDisks(scope?: RequestScope): Promise<Disk[]> {
    const [drives, newest, nextByDrive] = await Promise.all([this.client.list(scope, 'drives'), this.newestByDrive(scope), this.nextRunByDrive(scope)]);
    return drives.map((drive) => ({ ...toDisk(this.id, drive, newest), nextBackupAt: nextByDrive.get(str(drive.uuid) ?? '') }));
  }

  /**
   * Drive uuid -> the next run of the enabled scheduler it carries, from the scheduler's
   * recurrence; once per request (VMs and disks both need it).
   */
  private nextRunByDrive(scope: RequestScope | undefined): Promise<Map<string, Date>> {
    return scopedOnce(scope, `${this.id}\u0000nextRunByDrive`, () => this.computeNextRunByDrive(scope));
  }

  private async computeNextRunByDrive(scope: RequestScope | undefined): Promise<Map<string, Date>> {
    const [schedulers, drives] = await Promise.all([this.client.list(scope, 'backupschedulers'), this.client.list(scope, 'drives')]);
    const now = new Date();
    const nextBySchedule = new Map<string, Date>();
    for (const scheduler of schedulers) {
      const schedule = toSchedule(this.id, scheduler, []);
      const next = schedule.enabled && schedule.recurrence ? nextRuns(schedule.recurrence, now, 1)[0] : undefined;
      if (next) nextBySchedule.set(schedule.nativeId, next);
    }
    const result = new Map<string, Date>();
    for (const drive of drives) {
      const next = nextBySchedule.get(driveSchedulerUuid(drive) ?? '');
      if (next) result.set(str(drive.uuid) ?? '', next);
    }
    return result;
  }

  async listSchedules(scope?: RequestScope): Promise<Schedule[]> {
    const [schedulers, targets] = await Promise.all([this.client.list(scope, 'backupschedulers'), this.scheduleTargets(scope)]);
    return schedulers.map((scheduler) => toSchedule(this.id, scheduler, targets.get(str(scheduler.uuid) ?? '') ?? []));
  }

  async scheduleTargets(scope?: RequestScope): Promise<Map<string, ResourceRef[]>> {
    const drives = await this.client.list(scope, 'drives');
    const result = new Map<string, ResourceRef[]>();
    for (const drive of drives) {
      const scheduler = driveSchedulerUuid(drive);
      const uuid = str(drive.uuid);
      if (scheduler && uuid) result.set(scheduler, [...(result.get(scheduler) ?? []), diskRef(this.id, uuid)]);
    }
    return result;
  }

  /** Remote location code -> drive uuids sending there (by scheduler or existing remote snapshots). */
  private async remoteUse(scope: RequestScope | undefined): Promise<Map<string, Set<string>>> {
    const [schedulers, drives, remote] = await Promise.all([this.client.list(scope, 'backupschedulers'), this.client.list(scope, 'drives'), this.snapshots(scope, 'remote')]);
    const use = new Map<string, Set<string>>();
    const add = (code: string | undefined, drive: string | undefined) => {
      if (!code) return;
      const key = code.toUpperCase();
      if (!use.has(key)) use.set(key, new Set());
      if (drive) use.get(key)!.add(drive);
    };
    const remoteTarget = new Map<string, string>();
    for (const s of schedulers) {
      if (scheduleKindOf(s.type) !== 'REMOTE_SNAPSHOT') continue;
      const code = str(s.remote_location);
      add(code, undefined);
      if (code && str(s.uuid)) remoteTarget.set(str(s.uuid)!, code);
    }
    for (const d of drives) add(remoteTarget.get(driveSchedulerUuid(d) ?? ''), str(d.uuid));
    for (const r of remote) add(str(r.location), snapshotDriveUuid(r));
    return use;
  }

  async listBackupLocations(scope?: RequestScope): Promise<BackupLocation[]> {
    const use = await this.remoteUse(scope);
    return [
      {
        providerId: this.id,
        nativeId: 'local',
        name: this.locationCode ? `${this.locationCode} (local snapshots)` : 'local snapshots',
        kind: 'LOCAL',
        path: this.locationCode,
      },
      ...[...use.keys()].sort().map((code) => ({ providerId: this.id, nativeId: `remote:${code}`, name: code, kind: 'REMOTE' as const, path: code })),
    ];
  }

  async locationTargets(scope?: RequestScope): Promise<Map<string, string[]>> {
    const [servers, use] = await Promise.all([this.client.list(scope, 'servers'), this.remoteUse(scope)]);
    const serverOfDrive = new Map<string, string>();
    for (const server of servers) for (const drive of serverDriveUuids(server)) if (str(server.uuid)) serverOfDrive.set(drive, str(server.uuid)!);
    const result = new Map<string, string[]>();
    result.set('local', servers.filter((s) => serverDriveUuids(s).length > 0).map((s) => str(s.uuid)!).filter(Boolean));
    for (const [code, drives] of use) {
      const vms = new Set([...drives].map((d) => serverOfDrive.get(d)).filter((v): v is string => !!v));
      result.set(`remote:${code}`, [...vms]);
    }
    return result;
  }

  async listBackups(resource: ResourceRef, scope?: RequestScope): Promise<Backup[]> {
    let drives: string[];
    if (resource.type === 'Disk') drives = [resource.nativeId];
    else {
      const server = await this.getOrUndefined(scope, `servers/${encodeURIComponent(resource.nativeId)}/`, 'servers/{uuid}');
      if (!server) return [];
      drives = serverDriveUuids(server);
    }
    const lists = await Promise.all(
      drives.flatMap((drive) =>
        (['local', 'remote'] as const).map(async (kind) => (await this.snapshots(scope, kind, drive)).map((s) => toBackup(this.id, kind, s, this.locationCode))),
      ),
    );
    return lists.flat().sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  }

  async getBackup(nativeId: string, scope?: RequestScope): Promise<Backup | undefined> {
    const parsed = parseNativeId(nativeId);
    if (!parsed || parsed.kind === 'clone') return undefined;
    const snap = await this.getOrUndefined(scope, `${SNAPSHOT_RESOURCE[parsed.kind]}/${encodeURIComponent(parsed.uuid)}/`, `${SNAPSHOT_RESOURCE[parsed.kind]}/{uuid}`);
    return snap ? toBackup(this.id, parsed.kind, snap, this.locationCode) : undefined;
  }

  /**
   * Snapshots not yet available and drives being cloned, minus those that ended (a failure status)
   * or waited too long (pending.ts). Ones this gateway saw end are forgotten here too.
   */
  async listOperations(scope?: RequestScope): Promise<Operation[]> {
    const now = new Date();
    const [local, remote, drives] = await Promise.all([this.snapshots(scope, 'local'), this.snapshots(scope, 'remote'), this.client.list(scope, 'drives')]);
    const all = [
      ...local.map((s) => snapshotOperation(this.id, 'local', s, now)),
      ...remote.map((s) => snapshotOperation(this.id, 'remote', s, now)),
    ];
    // Drives being cloned, and clones seen in progress before (so their end is seen and forgotten).
    const clones = drives
      .filter((d) => str(d.status)?.toLowerCase() === 'cloning_dst' || this.pending.has(`clone:${str(d.uuid)}`))
      .map((d) => cloneOperation(this.id, d, now));
    return [...all, ...clones].map((op) => this.pending.follow(op)).filter((op) => !isOver(op));
  }

  async getOperation(nativeId: string, scope?: RequestScope): Promise<Operation | undefined> {
    const parsed = parseNativeId(nativeId);
    if (!parsed) return undefined;
    const now = new Date();
    if (parsed.kind === 'clone') {
      const drive = await this.getOrUndefined(scope, `drives/${encodeURIComponent(parsed.uuid)}/`, 'drives/{uuid}');
      return drive ? this.pending.follow(cloneOperation(this.id, drive, now)) : this.pending.vanished(nativeId, now);
    }
    const snap = await this.getOrUndefined(scope, `${SNAPSHOT_RESOURCE[parsed.kind]}/${encodeURIComponent(parsed.uuid)}/`, `${SNAPSHOT_RESOURCE[parsed.kind]}/{uuid}`);
    return snap ? this.pending.follow(snapshotOperation(this.id, parsed.kind, snap, now)) : this.pending.vanished(nativeId, now);
  }

  private async getOrUndefined(scope: RequestScope | undefined, path: string, label: string): Promise<Wire | undefined> {
    try {
      return await this.client.get(scope, path, label);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private async drive(scope: RequestScope | undefined, uuid: string, field = 'targetId'): Promise<Wire> {
    const drive = await this.getOrUndefined(scope, `drives/${encodeURIComponent(uuid)}/`, 'drives/{uuid}');
    if (!drive) throw new NotFoundError(`${field}: no drive ${uuid} on provider "${this.id}"`, this.id);
    return drive;
  }

  private async scheduler(scope: RequestScope | undefined, uuid: string, field = 'scheduleId'): Promise<Wire> {
    const scheduler = await this.getOrUndefined(scope, `backupschedulers/${encodeURIComponent(uuid)}/`, 'backupschedulers/{uuid}');
    if (!scheduler) throw new NotFoundError(`${field}: no scheduler ${uuid} on provider "${this.id}"`, this.id);
    return scheduler;
  }

  /** The drives a target means: the disk itself, or every drive of the server (CD-ROMs left out). */
  private async targetDrives(scope: RequestScope | undefined, target: ResourceRef): Promise<Wire[]> {
    if (target.type === 'Disk') return [await this.drive(scope, target.nativeId)];
    const server = await this.getOrUndefined(scope, `servers/${encodeURIComponent(target.nativeId)}/`, 'servers/{uuid}');
    if (!server) throw new NotFoundError(`targetId: no server ${target.nativeId} on provider "${this.id}"`, this.id);
    const drives = (await Promise.all(serverDriveUuids(server).map((uuid) => this.drive(scope, uuid)))).filter((d) => str(d.media) !== 'cdrom');
    if (drives.length === 0) throw new ValidationError(`targetId: server ${str(server.name) ?? target.nativeId} has no drives to protect`, 'targetId', this.id);
    return drives;
  }

  private label(drive: Wire): string {
    return `drive ${str(drive.name) ?? str(drive.uuid)}`;
  }

  // ---- assignments ----

  async assignSchedule(target: ResourceRef, scheduleId: string, scope?: RequestScope): Promise<void> {
    const [drives] = await Promise.all([this.targetDrives(scope, target), this.scheduler(scope, scheduleId)]);
    for (const drive of drives) {
      const why = unprotectableReason(drive);
      if (why) throw new ValidationError(`targetId: ${this.label(drive)} cannot carry a backup scheduler: ${why}`, 'targetId', this.id);
    }
    const changes = drives.filter((d) => driveSchedulerUuid(d) !== scheduleId).map((d) => ({ drive: d, from: driveSchedulerUuid(d) ?? null, to: scheduleId }));
    await this.setSchedulers(scope, changes);
  }

  async unassignSchedule(target: ResourceRef, scheduleId: string, scope?: RequestScope): Promise<void> {
    const drives = await this.targetDrives(scope, target);
    const carrying = drives.filter((d) => driveSchedulerUuid(d) === scheduleId);
    if (carrying.length === 0) {
      const what = target.type === 'Disk' ? `${this.label(drives[0])} carries ${driveSchedulerUuid(drives[0]) ? `scheduler ${driveSchedulerUuid(drives[0])}` : 'no scheduler'}` : 'none of the server\'s drives carries it';
      throw new ValidationError(`scheduleId: the target is not on scheduler ${scheduleId}: ${what}`, 'scheduleId', this.id);
    }
    await this.setSchedulers(scope, carrying.map((d) => ({ drive: d, from: scheduleId, to: null })));
  }

  /** `set_scheduler` on each drive in turn; on a failure, set the changed ones back (best effort). */
  private async setSchedulers(scope: RequestScope | undefined, changes: Array<{ drive: Wire; from: string | null; to: string | null }>): Promise<void> {
    const done: typeof changes = [];
    for (const change of changes) {
      try {
        await this.setScheduler(scope, change.drive, change.from, change.to);
        done.push(change);
      } catch (error) {
        if (done.length === 0 || !(error instanceof GatewayError)) throw error;
        const stuck: string[] = [];
        for (const undo of done.reverse()) {
          await this.setScheduler(scope, undo.drive, undo.to, undo.from).catch(() => stuck.push(this.label(undo.drive)));
        }
        error.message += stuck.length
          ? `; ${this.label(change.drive)} failed and ${stuck.join(', ')} could not be set back (they now carry ${changes[0].to ?? 'no scheduler'})`
          : `; ${this.label(change.drive)} failed, so the ${done.length} drive(s) already changed were set back`;
        throw error;
      }
    }
  }

  /** Put `to` on the drive, or (null) take `from` off it; resolves only once the upstream shows it. */
  private async setScheduler(scope: RequestScope | undefined, drive: Wire, from: string | null, to: string | null): Promise<void> {
    const driveUuid = str(drive.uuid)!;
    if (to === null) {
      if (from) await this.schedulerClearer.clear(scope, drive, from, this.label(drive));
      return;
    }
    const shows = (d: Wire) => driveSchedulerUuid(d) === to;
    await writeWithVerification(
      async () => {
        const reply = await this.client.action(scope, 'drives', driveUuid, 'set_scheduler', { backup_policy_uuid: to });
        // The 202 carries the drive (§3.10); where it does not show the scheduler, read the drive back.
        if (shows(reply) || shows(await this.drive(scope, driveUuid))) return true;
        throw new UpstreamRejectedError(this.id, `provider "${this.id}" accepted set_scheduler of ${this.label(drive)}, but the drive, read back, does not carry scheduler ${to}`);
      },
      async () => (shows(await this.drive(scope, driveUuid)) ? true : undefined),
      { what: `set_scheduler of drive ${driveUuid}` },
    );
  }

  // ---- snapshots and restores ----

  async startBackup(target: ResourceRef, scope?: RequestScope): Promise<Operation> {
    const drives = await this.targetDrives(scope, target);
    const schedulers = new Map<string, Wire>();
    const plans: SnapshotPlan[] = [];
    for (const drive of drives) {
      const why = unprotectableReason(drive);
      if (why) throw new ValidationError(`targetId: ${this.label(drive)} cannot be snapshotted: ${why}`, 'targetId', this.id);
      const schedulerUuid = driveSchedulerUuid(drive);
      let scheduler: Wire | undefined;
      if (schedulerUuid) {
        scheduler = schedulers.get(schedulerUuid) ?? (await this.getOrUndefined(scope, `backupschedulers/${encodeURIComponent(schedulerUuid)}/`, 'backupschedulers/{uuid}'));
        if (scheduler) schedulers.set(schedulerUuid, scheduler);
      }
      const remote = scheduler && scheduleKindOf(scheduler.type) === 'REMOTE_SNAPSHOT';
      plans.push({ drive, driveUuid: str(drive.uuid)!, kind: remote ? 'remote' : 'local', location: remote ? str(scheduler!.remote_location) : undefined });
    }
    // What each drive has now: to check the remote rules before writing, and to recognise our snapshot if the answer is lost.
    const before = await Promise.all(plans.map((p) => this.snapshots(scope, p.kind, p.driveUuid)));
    plans.forEach((plan, i) => {
      if (plan.kind !== 'remote') return;
      const busy = before[i].find((s) => ['creating', 'transferring'].includes(str(s.status)?.toLowerCase() ?? ''));
      if (busy) throw new ConflictError(`${this.label(plan.drive)} already has a remote snapshot in progress (${str(busy.status)}); CloudSigma allows a new one only once it is available`, this.id);
    });

    const started: Operation[] = [];
    for (const [i, plan] of plans.entries()) {
      try {
        started.push(await this.snapshot(scope, plan, new Set(before[i].map((s) => str(s.uuid)))));
      } catch (error) {
        if (started.length === 0 || !(error instanceof GatewayError)) throw error;
        error.message += await this.undoSnapshots(scope, started, this.label(plan.drive));
        throw error;
      }
    }
    for (const op of started) this.pending.follow(op);
    return started[0];
  }

  private async snapshot(scope: RequestScope | undefined, plan: SnapshotPlan, known: Set<string | undefined>): Promise<Operation> {
    const resource = SNAPSHOT_RESOURCE[plan.kind];
    const body: Wire = { drive: plan.driveUuid, ...(plan.location ? { location: plan.location } : {}) };
    return writeWithVerification(
      async () => {
        const [created] = await this.client.create(scope, resource, [body]).catch((error: unknown) => {
          // The remote rules (§6.2) may come as 400 validation on the drive [I]: the drive's state, not our input.
          if (error instanceof ValidationError && (!error.field || error.field === 'drive')) {
            throw new ConflictError(`${this.label(plan.drive)} cannot be snapshotted now: ${error.message}`, this.id);
          }
          throw error;
        });
        if (!created || !str(created.uuid)) throw new UpstreamUnavailableError(this.id, `provider "${this.id}" accepted the snapshot of ${this.label(plan.drive)} but did not say which it is`);
        return snapshotOperation(this.id, plan.kind, created, new Date());
      },
      async () => {
        const fresh = (await this.snapshots(scope, plan.kind, plan.driveUuid)).find((s) => !known.has(str(s.uuid)));
        return fresh ? { ...snapshotOperation(this.id, plan.kind, fresh, new Date()), message: 'the request timed out, but the provider shows the snapshot' } : undefined;
      },
      { what: `${plan.kind} snapshot of ${this.label(plan.drive)}` },
    );
  }

  private async undoSnapshots(scope: RequestScope | undefined, started: Operation[], failed: string): Promise<string> {
    const left: string[] = [];
    for (const op of started) {
      const parsed = parseNativeId(op.nativeId)!;
      const ok = parsed.kind === 'local'
        ? await this.client.delete(scope, `snapshots/${encodeURIComponent(parsed.uuid)}/`, 'snapshots/{uuid}').then(() => true, () => false)
        : false; // a remote snapshot cannot be deleted while it is in progress (§6.2)
      if (!ok) left.push(`${op.nativeId} of disk ${op.target?.nativeId}`);
    }
    return left.length
      ? `; the snapshot of ${failed} failed; snapshots already started that remain: ${left.join(', ')}`
      : `; the snapshot of ${failed} failed, so the ${started.length} snapshot(s) already started were deleted again`;
  }

  async startRestore(backup: Backup, request: RestoreRequest, scope?: RequestScope): Promise<Operation> {
    if (request.sandbox) return super.startRestore(backup, request);
    const parsed = parseNativeId(backup.nativeId);
    if (!parsed || parsed.kind === 'clone') throw new ValidationError(`backupId: ${backup.nativeId} is not a CloudSigma snapshot`, 'backupId', this.id);
    const startedAt = new Date();
    const drive = await this.client.action(scope, SNAPSHOT_RESOURCE[parsed.kind], parsed.uuid, 'clone', request.restoredName ? { name: request.restoredName } : undefined);
    if (!str(drive.uuid)) throw new UpstreamUnavailableError(this.id, `provider "${this.id}" accepted the clone of ${backup.nativeId} but did not name the new drive`);
    return this.pending.follow(cloneOperation(this.id, drive, new Date(), startedAt));
  }

  // ---- schedules ----

  async createSchedule(draft: ScheduleDraft, scope?: RequestScope): Promise<Schedule> {
    if (draft.kind !== 'LOCAL_SNAPSHOT' && draft.kind !== 'REMOTE_SNAPSHOT') {
      throw new ValidationError(`kind: CloudSigma schedulers make LOCAL_SNAPSHOT or REMOTE_SNAPSHOT backups, not ${draft.kind}`, 'kind', this.id);
    }
    if (draft.target) {
      throw new ValidationError('targetId: CloudSigma schedulers are shared; create the schedule, then assignSchedule it to disks or servers', 'targetId', this.id);
    }
    const remoteLocation = this.remoteLocationOf(draft.kind, draft.remoteLocation);
    const recurrence = this.recurrenceFields(draft, undefined);
    if (!recurrence?.incremental_backup) throw new ValidationError('weekly: give weekly or native (the scheduler\'s incremental_backup)', 'weekly', this.id);
    const body: Wire = {
      type: draft.kind === 'LOCAL_SNAPSHOT' ? 'snapshot' : 'backup',
      name: draft.name,
      is_enabled: draft.enabled,
      is_default: false,
      enable_backup_policy_notifications: true,
      enable_retention_policy_notifications: false,
      ...recurrence,
      ...(draft.retention && draft.retention.length > 0 ? { retention_policy: retentionToWire(draft.retention) } : {}),
      ...(remoteLocation ? { remote_location: remoteLocation } : {}),
    };
    const [created] = await this.mapInputErrors(draft.native !== undefined, () => this.client.create(scope, 'backupschedulers', [body]));
    if (!created) throw new UpstreamUnavailableError(this.id, `provider "${this.id}" answered the scheduler create without the new scheduler`);
    return toSchedule(this.id, created, []);
  }

  async updateSchedule(id: string, patch: SchedulePatch, scope?: RequestScope): Promise<Schedule> {
    const current = await this.scheduler(scope, id, 'id');
    const body: Wire = {};
    for (const key of WRITABLE_SCHEDULER_KEYS) if (key in current) body[key] = current[key];
    let changed = false;
    if (patch.name !== undefined) ((body.name = patch.name), (changed = true));
    if (patch.enabled !== undefined) ((body.is_enabled = patch.enabled), (changed = true));
    const recurrence = this.recurrenceFields(patch, current);
    if (recurrence) (Object.assign(body, recurrence), (changed = true));
    const removeRules = patch.retention !== undefined && patch.retention.length === 0;
    if (patch.retention !== undefined) {
      body.retention_policy = patch.retention.length > 0 ? retentionToWire(patch.retention) : {};
      changed = true;
    }
    if (!changed) return toSchedule(this.id, current, undefined);
    if (removeRules && hasRetentionRules(current)) {
      const updated = await this.mapInputErrors(patch.native !== undefined, () => this.retentionClearer.clear(scope, id, body));
      return toSchedule(this.id, updated, undefined);
    }
    const updated = await this.mapInputErrors(patch.native !== undefined, () => this.client.put(scope, `backupschedulers/${encodeURIComponent(id)}/`, 'backupschedulers/{uuid}', body));
    return toSchedule(this.id, updated, undefined);
  }

  async deleteSchedules(ids: string[], scope?: RequestScope): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    await this.client.delete(scope, 'backupschedulers/', 'backupschedulers/bulk-delete', { objects: unique.map((uuid) => ({ uuid })) });
    return unique;
  }

  private remoteLocationOf(kind: ScheduleDraft['kind'], value: string | undefined): string | undefined {
    if (value === undefined || value === '') return undefined;
    if (kind !== 'REMOTE_SNAPSHOT') throw new ValidationError('remoteLocation: only REMOTE_SNAPSHOT schedules send snapshots to a remote location', 'remoteLocation', this.id);
    if (!/^[A-Za-z][A-Za-z0-9]{1,7}$/.test(value)) throw new ValidationError(`remoteLocation: "${value}" is not a CloudSigma location code such as ZRH or FRA`, 'remoteLocation', this.id);
    return value.toUpperCase();
  }

  /**
   * The recurrence fields to send (`incremental_backup`, `manual_incremental_backup`,
   * `user_timezone`), from `weekly` or `native` and `timezone`; undefined when none is given.
   * A new recurrence replaces the old one as a whole (manual times included); `timezone` alone
   * only changes `user_timezone`.
   */
  private recurrenceFields(input: { weekly?: ScheduleDraft['weekly']; native?: unknown; timezone?: string }, current: Wire | undefined): Wire | undefined {
    const out: Wire = {};
    let zone = input.timezone;
    if (input.weekly) {
      Object.assign(out, weeklyToIncrementalBackup(input.weekly));
    } else if (input.native !== undefined && input.native !== null) {
      const native = this.nativeInput(input.native);
      out.incremental_backup = native.incremental_backup;
      out.manual_incremental_backup = native.manual_incremental_backup ?? '';
      if (native.user_timezone !== undefined) {
        const fromNative = validateTimeZone(String(native.user_timezone), 'native.user_timezone');
        if (zone !== undefined && zone !== fromNative) {
          throw new ValidationError(`timezone: "${zone}" contradicts native.user_timezone "${fromNative}"; give one of them`, 'timezone', this.id);
        }
        zone = fromNative;
      }
    }
    if (zone !== undefined) out.user_timezone = validateTimeZone(zone);
    else if (!current && Object.keys(out).length > 0) out.user_timezone = 'Etc/UTC'; // CloudSigma's own default zone
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** `{incremental_backup, manual_incremental_backup?, user_timezone?}` (Recurrence.native) or a bare incremental_backup. */
  private nativeInput(native: unknown): { incremental_backup: Wire; manual_incremental_backup?: string; user_timezone?: unknown } {
    if (!isRecord(native)) throw new ValidationError('native: give an object: {incremental_backup, manual_incremental_backup?, user_timezone?} or an incremental_backup', 'native', this.id);
    if (!('incremental_backup' in native)) {
      const known = ['day_of_week', 'day_of_month', 'month', 'hour', 'minute', 'repeat', 'start_time', 'end_time'];
      const extra = Object.keys(native).filter((k) => !known.includes(k));
      if (extra.length > 0 || Object.keys(native).length === 0) {
        throw new ValidationError(`native: unexpected ${extra.length ? extra.join(', ') : 'empty object'}; give {incremental_backup, manual_incremental_backup?, user_timezone?} or the incremental_backup fields (${known.join(', ')})`, 'native', this.id);
      }
      return { incremental_backup: native };
    }
    const extra = Object.keys(native).filter((k) => !(NATIVE_KEYS as readonly string[]).includes(k));
    if (extra.length > 0) throw new ValidationError(`native: unexpected ${extra.join(', ')}; only ${NATIVE_KEYS.join(', ')} are the scheduler's recurrence (use name, kind, retention, remoteLocation, enabled for the rest)`, 'native', this.id);
    if (!isRecord(native.incremental_backup)) throw new ValidationError('native.incremental_backup must be an object', 'native.incremental_backup', this.id);
    const manual = native.manual_incremental_backup;
    if (manual !== undefined && manual !== null && typeof manual !== 'string') throw new ValidationError('native.manual_incremental_backup must be a string of "HH:MM" times', 'native.manual_incremental_backup', this.id);
    return { incremental_backup: native.incremental_backup, manual_incremental_backup: manual ?? undefined, user_timezone: native.user_timezone ?? undefined };
  }

  /** Upstream validation errors name wire fields; say which input field they concern. */
  private async mapInputErrors<T>(fromNative: boolean, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof ValidationError) || !error.field) throw error;
      const point = error.field.split('.')[0];
      const field =
        FIELD_OF_POINT[point] ??
        (point === 'user_timezone'
          ? fromNative ? 'native.user_timezone' : 'timezone'
          : ['incremental_backup', 'manual_incremental_backup', 'initial_backup'].includes(point)
            ? fromNative ? `native.${point}` : 'weekly'
            : fromNative ? 'native' : error.field);
      throw new ValidationError(error.message, field, this.id);
    }
  }
}

function locationCodeOf(baseUrl: string, providerId: string): string | undefined {
  let host = '';
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    // config validation already insists on a URL
  }
  if (SPECIAL_HOSTS[host]) return SPECIAL_HOSTS[host];
  const match = /^([a-z0-9]+)\.cloudsigma\.com$/.exec(host);
  if (match) return match[1].toUpperCase();
  return LOCATION_CODES.includes(providerId.toUpperCase()) ? providerId.toUpperCase() : undefined;
}

