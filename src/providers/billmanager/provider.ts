/**
 * BILLmanager (Zomro Cloud VPS) behind the Provider interface.
 *
 * Reads: `instances` -> VirtualMachine (`host` = `datacentername`, `status` = `instance_status`,
 * `lastBackup` = the newest finished backup, `nextBackupAt` = the earliest next run of its
 * schedules); per instance `instances.fleio_bckps` (backups, kind IMAGE, native id
 * `<instance>/<image>`) and `instances.fleio_bckps.schedule` (schedules: kind BACKUP, targets =
 * the instance, recurrence weekly in the configured zone, retention = the instance's
 * `backup_rotation` as one LAST rule, from the schedule list's doc or else `instances.edit`).
 * A VM listing costs 1 + 2 calls per instance (the API has no bulk form); the schema memoizes
 * provider reads per GraphQL request, and identical list reads in flight share one call.
 *
 * Writes (never retried; an unknown outcome is checked by reading the state back):
 * - createSchedule: needs a VirtualMachine target; `weekly` (one time of day, see below) or
 *   `native` `{rotation_days, rotation_time}`; `timezone`, when given, must be the panel's zone;
 *   `retention` sets the instance's `backup_rotation` first (set back if the create then fails).
 *   The new schedule is found by the answer's `id` when there is one, else by re-listing (§6).
 * - updateSchedule: the schedule's instance is found (cached from earlier listings, else by
 *   scanning), then all of name, days and time are sent (§5.9 "send all fields").
 * - deleteSchedules: one `.delete` with the ids joined by ", " (§1).
 * - startBackup: `instances.fleio_bckps.edit` with a unique name. The operation's native id is
 *   the new backup's: taken from the answer's `id` when present (§2.3 marks it inferred), else
 *   found by diffing the instance's backup list before and after (the new id, preferring our name).
 *   If neither tells yet, `<instance>/pending:<ms>:<name>` and the backup is matched by name later.
 *   Status: Saving -> RUNNING, Active -> SUCCEEDED. `getOperation` re-reads the instance's backups.
 * - startRestore: `instances.fleio.rebuild` in place from the backup's image (`fleio_id` from
 *   `image.edit`), tracked as RESTORE through `instance_status` (rebuilding -> RUNNING, then
 *   SUCCEEDED). The form requires a new root password (or an SSH key): a random one is generated
 *   and never stored, logged or returned; the user sets their own through the panel.
 * - `runningoperation` -> ConflictError (the client); assign/unassign: BaseProvider's
 *   UNSUPPORTED_BY_PROVIDER (schedules belong to one instance).
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, GatewayError, NotFoundError, UpstreamRejectedError, UpstreamUnavailableError, ValidationError } from '../../domain/errors.js';
import type { Backup, Capability, Operation, ProviderHealth, ResourceRef, RetentionRule, Schedule, VirtualMachine } from '../../domain/model.js';
import { isTerminal } from '../../domain/model.js';
import { type RestoreRequest, type ScheduleDraft, type SchedulePatch, type WeeklyRecurrence } from '../../domain/provider.js';
import { validateWeekly } from '../../domain/schedule-input.js';
import type { UpstreamOptions } from '../../upstream/http-client.js';
import { HttpProvider } from '../http-provider.js';
import { writeWithVerification } from '../../upstream/verify-write.js';
import { BillmanagerClient, idOf, isRecord, scalar, type BillmanagerConnection, type Wire } from './client.js';
import {
  backupNativeId,
  backupOperation,
  backupStatusOf,
  formatLocal,
  instanceStatusText,
  newestFirst,
  parseNativeId,
  parseRotationDays,
  parseRotationTime,
  restoreStatusOf,
  rotationOf,
  toBackup,
  toSchedule,
  toVirtualMachine,
  vmRef,
} from './map.js';

export interface BillmanagerProviderConfig extends BillmanagerConnection {
  /** The zone the panel evaluates `rotation_time` in and writes its dates in. */
  timezone: string;
  upstream?: Omit<UpstreamOptions, 'providerId'>;
}

/** `backup_rotation` range the panel offers (§5.3: UI 1–10; server limits unknown). */
const MAX_ROTATION = 10;
/** Schedule and backup names: 1–100 characters (§5.5, §5.9). */
const MAX_NAME = 100;
/** A restore not yet seen rebuilding is QUEUED this long before the instance's state is taken as final. */
const RESTORE_GRACE_MS = 60_000;
/** A started backup the panel never lists is given up (FAILED) after this long. */
const PENDING_BACKUP_GIVE_UP_MS = 15 * 60_000;
/** Keys of `native` (the wire form); the other wire fields of a listed schedule are ignored when sent back. */
const NATIVE_KEYS = ['rotation_days', 'rotation_time'];
const WIRE_ONLY_KEYS = ['id', 'elid', 'instance_id', 'servername', 'name', 'create_date'];

interface ScheduleList {
  elems: Wire[];
  rotation?: number;
}

interface When {
  days: number[];
  time: string;
  fromNative: boolean;
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
  /** Schedule id -> its instance, learnt from listings (saves a scan on update). */
  private readonly scheduleInstance = new Map<string, string>();
  /** Terminal operation states already established. */
  private readonly finished = new Map<string, Operation>();
  /** Restores started here: whether the instance was seen rebuilding yet. */
  private readonly restores = new Map<string, { seenRunning: boolean }>();

  constructor(config: BillmanagerProviderConfig) {
    super(config);
    this.timeZone = config.timezone;
    this.client = new BillmanagerClient(config, this.http);
  }

  /** From recent traffic; a refused login (HTTP 200 upstream) makes the provider DOWN too. */
  health(): ProviderHealth {
    const health = super.health();
    const refusal = this.client.loginRefusal;
    if (refusal && health.status !== 'DOWN') return { ...health, status: 'DOWN', message: refusal };
    return health;
  }

  /** A cheap authenticated read: the first instance. */
  protected cheapRead(): Promise<unknown> {
    return this.client.call('instances', { p_cnt: 1, p_num: 1 }, { idempotent: true });
  }

  protected endSession(): Promise<void> {
    return this.client.close();
  }

  // ---------------------------------------------------------------------------- reads

  private async instanceWires(): Promise<Wire[]> {
    return (await this.client.list('instances')).elems.filter((wire) => idOf(wire) !== '');
  }

  /** An instance's backups; undefined when the instance does not exist. */
  private async backupWires(instanceId: string): Promise<Wire[] | undefined> {
    return orUndefined(async () => (await this.client.list('instances.fleio_bckps', { elid: instanceId })).elems);
  }

  /** An instance's schedules (+ `backup_rotation` when asked); undefined when the instance does not exist. */
  private async scheduleList(instanceId: string, withRotation: boolean): Promise<ScheduleList | undefined> {
    const result = await orUndefined(() => this.client.list('instances.fleio_bckps.schedule', { elid: instanceId }));
    if (!result) return undefined;
    for (const wire of result.elems) this.scheduleInstance.set(idOf(wire), instanceId);
    let rotation = rotationOf(result.doc);
    if (rotation === undefined && withRotation && result.elems.length > 0) rotation = await this.rotationFromView(instanceId);
    return { elems: result.elems, rotation };
  }

  /** `backup_rotation` from the instance view (§5.3), for panels whose schedule list lacks it. */
  private async rotationFromView(instanceId: string): Promise<number | undefined> {
    const doc = await orUndefined(() => this.client.call('instances.edit', { elid: instanceId }, { idempotent: true }));
    return doc ? rotationOf(doc) : undefined;
  }

  private schedulesFrom(instanceId: string, list: ScheduleList | undefined): Schedule[] {
    return (list?.elems ?? []).map((wire) => toSchedule(this.id, instanceId, wire, list?.rotation, this.timeZone));
  }

  async listVirtualMachines(): Promise<VirtualMachine[]> {
    const now = new Date();
    const instances = await this.instanceWires();
    return Promise.all(instances.map(async (wire) => {
      const id = idOf(wire);
      const [backups, schedules] = await Promise.all([this.backupWires(id), this.scheduleList(id, false)]);
      return toVirtualMachine(
        this.id,
        wire,
        (backups ?? []).map((b) => toBackup(this.id, id, b, this.timeZone)),
        this.schedulesFrom(id, schedules),
        this.timeZone,
        now,
      );
    }));
  }

  async listSchedules(): Promise<Schedule[]> {
    const instances = await this.instanceWires();
    const perInstance = await Promise.all(instances.map(async (wire) => this.schedulesFrom(idOf(wire), await this.scheduleList(idOf(wire), true))));
    return perInstance.flat();
  }

  async scheduleTargets(): Promise<Map<string, ResourceRef[]>> {
    return new Map((await this.listSchedules()).map((s) => [s.nativeId, s.targets ?? []]));
  }

  async listBackups(resource: ResourceRef): Promise<Backup[]> {
    if (resource.type !== 'VirtualMachine') return [];
    const wires = (await this.backupWires(resource.nativeId)) ?? [];
    return newestFirst(wires.map((wire) => toBackup(this.id, resource.nativeId, wire, this.timeZone)));
  }

  async getBackup(nativeId: string): Promise<Backup | undefined> {
    const parsed = parseNativeId(nativeId);
    if (parsed?.kind !== 'backup') return undefined;
    const wire = (await this.backupWires(parsed.instanceId))?.find((b) => idOf(b) === parsed.backupId);
    return wire ? toBackup(this.id, parsed.instanceId, wire, this.timeZone) : undefined;
  }

  /** Backups being saved and instances being rebuilt. */
  async listOperations(): Promise<Operation[]> {
    const now = new Date();
    const instances = await this.instanceWires();
    const perInstance = await Promise.all(instances.map(async (instance) => {
      const id = idOf(instance);
      const ops: Operation[] = [];
      if (/rebuild/i.test(instanceStatusText(instance) ?? '')) {
        const known = [...this.restores.keys()].find((key) => key.startsWith(`${id}/rebuild`) && !this.finished.has(key));
        ops.push(this.restoreOperation(known ?? `${id}/rebuild`, instance, now));
      }
      for (const backup of (await this.backupWires(id)) ?? []) {
        const status = backupStatusOf(scalar(backup.fleio_status));
        if (status === 'RUNNING' || status === 'QUEUED') {
          ops.push(backupOperation(this.id, backupNativeId(id, idOf(backup)), id, backup, this.timeZone, now));
        }
      }
      return ops;
    }));
    return perInstance.flat();
  }

  async getOperation(nativeId: string): Promise<Operation | undefined> {
    const done = this.finished.get(nativeId);
    if (done) return done;
    const parsed = parseNativeId(nativeId);
    if (!parsed) return undefined;
    const now = new Date();
    if (parsed.kind === 'rebuild') {
      const instance = (await this.instanceWires()).find((wire) => idOf(wire) === parsed.instanceId);
      return instance ? this.remember(this.restoreOperation(nativeId, instance, now)) : undefined;
    }
    const backups = await this.backupWires(parsed.instanceId);
    if (!backups) return undefined;
    if (parsed.kind === 'backup') {
      const wire = backups.find((b) => idOf(b) === parsed.backupId);
      return wire ? this.remember(backupOperation(this.id, nativeId, parsed.instanceId, wire, this.timeZone, now)) : undefined;
    }
    // pending:<ms>:<name> — the backup the panel had not listed when it was started.
    const colon = parsed.name.indexOf(':');
    const startedAt = new Date(Number(parsed.name.slice(0, colon)));
    const name = parsed.name.slice(colon + 1);
    const wire = backups.find((b) => scalar(b.name) === name);
    if (wire) return this.remember(backupOperation(this.id, nativeId, parsed.instanceId, wire, this.timeZone, now));
    const gaveUp = now.getTime() - startedAt.getTime() > PENDING_BACKUP_GIVE_UP_MS;
    return this.remember({
      providerId: this.id,
      nativeId,
      kind: 'BACKUP',
      status: gaveUp ? 'FAILED' : 'QUEUED',
      message: gaveUp
        ? `the provider accepted the backup "${name}" but never listed it`
        : `waiting for the provider to list the backup "${name}"`,
      target: vmRef(this.id, parsed.instanceId),
      startedAt: Number.isFinite(startedAt.getTime()) ? startedAt : undefined,
      updatedAt: now,
      finishedAt: gaveUp ? now : undefined,
    });
  }

  /** A restore's state from the instance's status. */
  private restoreOperation(nativeId: string, instance: Wire, now: Date): Operation {
    const parsed = parseNativeId(nativeId);
    const startedAt = parsed?.kind === 'rebuild' ? parsed.startedAt : undefined;
    const statusText = instanceStatusText(instance) ?? '';
    const memory = this.restores.get(nativeId) ?? { seenRunning: false };
    this.restores.set(nativeId, memory);
    const base: Operation = {
      providerId: this.id,
      nativeId,
      kind: 'RESTORE',
      status: 'RUNNING',
      phase: statusText || undefined,
      target: vmRef(this.id, idOf(instance)),
      startedAt,
      updatedAt: now,
    };
    const state = restoreStatusOf(statusText);
    if (state === 'RUNNING') {
      memory.seenRunning = true;
      return base;
    }
    if (state === 'FAILED') return { ...base, status: 'FAILED', finishedAt: now, message: `the instance is in state "${statusText}" after the rebuild` };
    if (!memory.seenRunning && startedAt && now.getTime() - startedAt.getTime() < RESTORE_GRACE_MS) {
      return { ...base, status: 'QUEUED', message: 'waiting for the provider to start rebuilding the instance' };
    }
    return {
      ...base,
      status: 'SUCCEEDED',
      progress: 100,
      finishedAt: now,
      message: memory.seenRunning ? undefined : `the instance was not seen rebuilding; it is "${statusText}" again`,
    };
  }

  private remember(operation: Operation): Operation {
    if (isTerminal(operation.status)) {
      if (this.finished.size >= 1000) this.finished.delete(this.finished.keys().next().value!);
      this.finished.set(operation.nativeId, operation);
      this.restores.delete(operation.nativeId);
    }
    return operation;
  }

  // ---------------------------------------------------------------------------- backups and restores

  async startBackup(target: ResourceRef): Promise<Operation> {
    const instanceId = this.instanceOf(target, 'targetId', 'backs up instances (VirtualMachines) only');
    const before = await this.backupWires(instanceId);
    if (!before) throw new NotFoundError(`targetId: no instance ${instanceId} on provider "${this.id}"`, this.id);
    const known = new Set(before.map(idOf));
    const startedAt = new Date();
    const name = `gateway backup ${formatLocal(startedAt, this.timeZone)}`;
    const reply = await writeWithVerification(
      () => this.client.call('instances.fleio_bckps.edit', { sok: 'ok', plid: instanceId, name }),
      async () => {
        const fresh = findNewBackup((await this.backupWires(instanceId)) ?? [], known, name);
        return fresh ? ({ id: { $: idOf(fresh) } } as Wire) : undefined;
      },
      { what: `backup of instance ${instanceId}` },
    );
    const answeredId = scalar(reply.id);
    const after = (await this.backupWires(instanceId).catch(() => undefined)) ?? [];
    const wire = (answeredId ? after.find((b) => idOf(b) === answeredId) : undefined) ?? findNewBackup(after, known, name);
    const now = new Date();
    if (wire) return backupOperation(this.id, backupNativeId(instanceId, idOf(wire)), instanceId, wire, this.timeZone, now);
    return {
      providerId: this.id,
      nativeId: answeredId ? backupNativeId(instanceId, answeredId) : `${instanceId}/pending:${startedAt.getTime()}:${name}`,
      kind: 'BACKUP',
      status: 'QUEUED',
      message: name,
      target: vmRef(this.id, instanceId),
      startedAt,
      updatedAt: now,
    };
  }

  async startRestore(backup: Backup, request: RestoreRequest): Promise<Operation> {
    if (request.sandbox) return super.startRestore(backup, request);
    if (request.restoredName !== undefined) {
      throw new ValidationError('restoredName: BILLmanager restores by rebuilding the instance in place from the backup; it cannot restore into a new, named instance', 'restoredName', this.id);
    }
    const parsed = parseNativeId(backup.nativeId);
    if (parsed?.kind !== 'backup') throw new ValidationError(`backupId: ${backup.nativeId} is not a BILLmanager backup`, 'backupId', this.id);
    if (backup.status && backupStatusOf(backup.status) !== 'SUCCEEDED') {
      throw new ConflictError(`backupId: backup ${parsed.backupId} is "${backup.status}"; only an Active backup can be restored`, this.id);
    }
    const view = await this.client.call('image.edit', { elid: parsed.backupId }, { idempotent: true });
    const fleioId = scalar(view.fleio_id);
    if (!fleioId) throw new UpstreamRejectedError(this.id, `provider "${this.id}" did not give the image id (fleio_id) of backup ${parsed.backupId}, which a rebuild needs`);
    // The rebuild form requires a new root password (or an SSH key): a random one, sent once, kept nowhere.
    const password = randomBytes(18).toString('base64url');
    const startedAt = new Date();
    const nativeId = `${parsed.instanceId}/rebuild@${startedAt.getTime()}`;
    this.restores.set(nativeId, { seenRunning: false });
    const rebuilding = async () => {
      const instance = (await this.instanceWires()).find((wire) => idOf(wire) === parsed.instanceId);
      return instance && restoreStatusOf(instanceStatusText(instance) ?? '') === 'RUNNING' ? instance : undefined;
    };
    await writeWithVerification(
      async () =>
        this.client.call(
          'instances.fleio.rebuild',
          { elid: parsed.instanceId, sok: 'ok', clicked_button: 'ok', zone: 'own', select_rebuild: fleioId, enablessh: 'off', password },
          { secrets: [password] },
        ),
      rebuilding,
      { what: `rebuild of instance ${parsed.instanceId} from backup ${parsed.backupId}` },
    );
    const instance = await this.instanceWires()
      .then((all) => all.find((wire) => idOf(wire) === parsed.instanceId))
      .catch(() => undefined);
    if (instance) return this.restoreOperation(nativeId, instance, new Date());
    return { providerId: this.id, nativeId, kind: 'RESTORE', status: 'QUEUED', target: vmRef(this.id, parsed.instanceId), startedAt, updatedAt: new Date() };
  }

  // ---------------------------------------------------------------------------- schedules

  async createSchedule(draft: ScheduleDraft): Promise<Schedule> {
    const instanceId = this.instanceOf(draft.target, 'targetId', 'schedules belong to one instance: give the instance (a VirtualMachine) as targetId');
    if (draft.kind !== 'BACKUP') throw new ValidationError(`kind: BILLmanager schedules make BACKUP images, not ${draft.kind}`, 'kind', this.id);
    this.checkZone(draft.timezone);
    if (draft.enabled === false) throw this.noDisable();
    if (draft.remoteLocation) throw new ValidationError('remoteLocation: BILLmanager backups stay with the provider; there is no remote location to choose', 'remoteLocation', this.id);
    const name = this.checkName(draft.name);
    const when = this.when(draft, undefined);
    if (!when) throw new ValidationError('weekly: give weekly {daysOfWeek, times} or native {rotation_days, rotation_time}', 'weekly', this.id);
    const rotation = draft.retention !== undefined ? this.rotationInput(draft.retention) : undefined;

    const before = await this.scheduleList(instanceId, false);
    if (!before) throw new NotFoundError(`targetId: no instance ${instanceId} on provider "${this.id}"`, this.id);
    const known = new Set(before.elems.map(idOf));
    let previousRotation: number | undefined;
    if (rotation !== undefined) {
      previousRotation = before.rotation ?? (await this.rotationFromView(instanceId));
      if (previousRotation !== rotation) await this.setRotation(instanceId, rotation);
    }

    const days = when.days.join(',');
    const matches = (wire: Wire) => scalar(wire.name) === name && sameDays(wire.rotation_days, when.days) && parseRotationTime(wire.rotation_time) === when.time;
    let reply: Wire;
    try {
      reply = await writeWithVerification(
        () =>
          this.client.call('instances.fleio_bckps.schedule.edit', {
            sok: 'ok',
            clicked_button: 'ok',
            elid: '',
            plid: instanceId,
            name,
            rotation_days: days,
            rotation_time: when.time,
          }),
        async () => {
          const fresh = (await this.scheduleList(instanceId, false))?.elems.find((wire) => !known.has(idOf(wire)) && matches(wire));
          return fresh ? ({ id: { $: idOf(fresh) } } as Wire) : undefined;
        },
        { what: `schedule "${name}" of instance ${instanceId}` },
      );
    } catch (error) {
      if (previousRotation !== undefined && previousRotation !== rotation && error instanceof GatewayError) {
        const restored = await this.setRotation(instanceId, previousRotation).then(
          () => true,
          () => false,
        );
        error.message += restored
          ? `; the instance's backup_rotation was set back to ${previousRotation}`
          : `; the instance's backup_rotation was changed to ${rotation} and could not be set back to ${previousRotation}`;
      }
      throw this.inputError(error, when.fromNative, 'targetId');
    }

    const answeredId = scalar(reply.id);
    const after = await this.scheduleList(instanceId, true);
    const wire =
      (answeredId ? after?.elems.find((w) => idOf(w) === answeredId) : undefined) ?? after?.elems.find((w) => !known.has(idOf(w)) && matches(w));
    if (!wire) {
      throw new UpstreamUnavailableError(this.id, `provider "${this.id}" accepted schedule "${name}" of instance ${instanceId} but does not list it; check the instance's schedules before repeating`);
    }
    return toSchedule(this.id, instanceId, wire, after?.rotation, this.timeZone);
  }

  async updateSchedule(id: string, patch: SchedulePatch): Promise<Schedule> {
    this.checkZone(patch.timezone);
    if (patch.enabled === false) throw this.noDisable();
    const name = patch.name !== undefined ? this.checkName(patch.name) : undefined;
    const rotation = patch.retention !== undefined ? this.rotationInput(patch.retention) : undefined;
    const { instanceId, wire: current, rotation: currentRotation } = await this.locateSchedule(id);
    const currentDays = parseRotationDays(current.rotation_days);
    const currentTime = parseRotationTime(current.rotation_time);
    const when = this.when(patch, currentDays && currentTime ? { days: currentDays, time: currentTime } : undefined);

    if (name !== undefined || when) {
      const days = when?.days ?? currentDays;
      const time = when?.time ?? currentTime;
      if (!days || !time) {
        throw new ValidationError(
          `weekly: the schedule's current days "${scalar(current.rotation_days)}" at "${scalar(current.rotation_time)}" cannot be read, and BILLmanager needs all fields on update; give weekly (or native) in full`,
          'weekly',
          this.id,
        );
      }
      const newName = name ?? scalar(current.name);
      const applied = (wire: Wire) => scalar(wire.name) === newName && sameDays(wire.rotation_days, days) && parseRotationTime(wire.rotation_time) === time;
      try {
        await writeWithVerification(
          () =>
            this.client.call('instances.fleio_bckps.schedule.edit', {
              sok: 'ok',
              clicked_button: 'ok',
              elid: id,
              plid: instanceId,
              name: newName,
              rotation_days: days.join(','),
              rotation_time: time,
            }),
          async () => ((await this.scheduleList(instanceId, false))?.elems.some((w) => idOf(w) === id && applied(w)) ? ({} as Wire) : undefined),
          { what: `update of schedule ${id}` },
        );
      } catch (error) {
        throw this.inputError(error, when?.fromNative ?? false, 'id');
      }
    }
    if (rotation !== undefined && rotation !== currentRotation) {
      try {
        await this.setRotation(instanceId, rotation);
      } catch (error) {
        if (error instanceof GatewayError && (name !== undefined || when)) error.message += '; the schedule itself was updated';
        throw error;
      }
    }
    const after = await this.scheduleList(instanceId, true);
    const wire = after?.elems.find((w) => idOf(w) === id);
    if (!wire) throw new NotFoundError(`id: schedule ${id} is no longer listed on provider "${this.id}"`, this.id);
    return toSchedule(this.id, instanceId, wire, after?.rotation, this.timeZone);
  }

  async deleteSchedules(ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    await writeWithVerification(
      async () => {
        await this.client.call('instances.fleio_bckps.schedule.delete', { elid: unique.join(', ') });
        return true;
      },
      async () => {
        const listed = new Set((await this.listSchedules()).map((s) => s.nativeId));
        return unique.every((id) => !listed.has(id)) ? true : undefined;
      },
      { what: `deletion of schedule(s) ${unique.join(', ')}` },
    );
    for (const id of unique) this.scheduleInstance.delete(id);
    return unique;
  }

  /** The instance holding a schedule: the one it was last listed under, else a scan of all instances. */
  private async locateSchedule(id: string): Promise<{ instanceId: string; wire: Wire; rotation?: number }> {
    const cached = this.scheduleInstance.get(id);
    if (cached) {
      const list = await this.scheduleList(cached, true);
      const wire = list?.elems.find((w) => idOf(w) === id);
      if (wire) return { instanceId: cached, wire, rotation: list?.rotation };
    }
    const instances = await this.instanceWires();
    const found = await Promise.all(instances.map(async (instance) => {
      const list = await this.scheduleList(idOf(instance), false);
      const wire = list?.elems.find((w) => idOf(w) === id);
      return wire ? { instanceId: idOf(instance), wire } : undefined;
    }));
    const hit = found.find((f) => f !== undefined);
    if (!hit) throw new NotFoundError(`id: no schedule ${id} on provider "${this.id}"`, this.id);
    const list = await this.scheduleList(hit.instanceId, true);
    return { ...hit, rotation: list?.rotation };
  }

  private async setRotation(instanceId: string, rotation: number): Promise<void> {
    try {
      await writeWithVerification(
        async () => {
          await this.client.call('instances.edit', { elid: instanceId, sok: 'ok', clicked_button: 'ok', backup_rotation: rotation });
          return true;
        },
        async () => ((await this.rotationFromView(instanceId)) === rotation ? true : undefined),
        { what: `backup_rotation of instance ${instanceId}` },
      );
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.message, 'retention', this.id);
      throw error;
    }
  }

  /**
   * Days and time from `weekly` or `native` (undefined when neither is given).
   *
   * DECISION (several `weekly.times`): a VALIDATION error on `weekly.times`, not one upstream
   * schedule per time. A BILLmanager schedule has exactly one `rotation_time`; making several
   * would return one Schedule for several upstream objects (the others invisible to the caller,
   * untouched by its later update or delete), and a failure midway would leave some created.
   * The caller can create one schedule per time explicitly.
   */
  private when(input: { weekly?: WeeklyRecurrence; native?: unknown }, current: { days: number[]; time: string } | undefined): When | undefined {
    const hasNative = input.native !== undefined && input.native !== null;
    if (input.weekly && hasNative) throw new ValidationError('give either weekly or native, not both', 'native', this.id);
    if (input.weekly) {
      const weekly = validateWeekly(input.weekly);
      if (weekly.times.length > 1) {
        throw new ValidationError(
          `weekly.times: a BILLmanager schedule runs at one time of day (rotation_time); got ${weekly.times.length} (${weekly.times.join(', ')}). Create one schedule per time`,
          'weekly.times',
          this.id,
        );
      }
      return { days: weekly.daysOfWeek, time: weekly.times[0], fromNative: false };
    }
    if (!hasNative) return undefined;
    const native = input.native;
    if (!isRecord(native)) throw new ValidationError('native: give an object {rotation_days, rotation_time}, e.g. {"rotation_days": "1,2,3,4,5", "rotation_time": "02:01"}', 'native', this.id);
    const extra = Object.keys(native).filter((key) => !NATIVE_KEYS.includes(key) && !WIRE_ONLY_KEYS.includes(key));
    if (extra.length > 0) throw new ValidationError(`native: unexpected ${extra.join(', ')}; a BILLmanager schedule's recurrence is {rotation_days, rotation_time}`, 'native', this.id);
    let days = current?.days;
    if (native.rotation_days !== undefined) {
      days = parseRotationDays(native.rotation_days);
      if (!days) {
        throw new ValidationError(
          `native.rotation_days: ${JSON.stringify(native.rotation_days)} is not a list of weekdays; use names ("Monday Friday") or numbers 0=Sunday..6 ("1,2,3,4,5")`,
          'native.rotation_days',
          this.id,
        );
      }
    }
    let time = current?.time;
    if (native.rotation_time !== undefined) {
      time = parseRotationTime(native.rotation_time);
      if (!time) throw new ValidationError(`native.rotation_time: ${JSON.stringify(native.rotation_time)} is not a time of day; use "HH:MM" from 00:00 to 23:59`, 'native.rotation_time', this.id);
    }
    if (!days) throw new ValidationError('native.rotation_days is required', 'native.rotation_days', this.id);
    if (!time) throw new ValidationError('native.rotation_time is required', 'native.rotation_time', this.id);
    return { days, time, fromNative: true };
  }

  /** Exactly one LAST rule: the instance's `backup_rotation`. */
  private rotationInput(rules: RetentionRule[]): number {
    const rule = rules[0];
    if (rules.length !== 1 || rule.unit !== 'LAST' || (rule.anchor !== undefined && rule.anchor !== null)) {
      throw new ValidationError(
        `retention: BILLmanager keeps the newest N scheduled backups of an instance (backup_rotation, shared by all its schedules); give exactly one rule {unit: LAST, count: 1..${MAX_ROTATION}}`,
        'retention',
        this.id,
      );
    }
    if (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > MAX_ROTATION) {
      throw new ValidationError(`retention[0].count: BILLmanager keeps 1 to ${MAX_ROTATION} scheduled backups, got ${rule.count}`, 'retention[0].count', this.id);
    }
    return rule.count;
  }

  private checkZone(zone: string | undefined): void {
    if (zone === undefined || canonicalZone(zone) === canonicalZone(this.timeZone)) return;
    throw new ValidationError(
      `timezone: the BILLmanager panel evaluates schedules in its own zone (${this.timeZone}); give the times in ${this.timeZone} and leave timezone out`,
      'timezone',
      this.id,
    );
  }

  private checkName(name: string): string {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > MAX_NAME) throw new ValidationError(`name: BILLmanager names have 1 to ${MAX_NAME} characters`, 'name', this.id);
    return trimmed;
  }

  private noDisable(): ValidationError {
    return new ValidationError('enabled: BILLmanager schedules cannot be disabled; delete the schedule instead', 'enabled', this.id);
  }

  private instanceOf(target: ResourceRef | undefined, field: string, why: string): string {
    if (!target) throw new ValidationError(`${field}: BILLmanager ${why}`, field, this.id);
    if (target.type !== 'VirtualMachine') throw new ValidationError(`${field}: BILLmanager ${why}`, field, this.id);
    return target.nativeId;
  }

  /** Upstream field errors name wire fields; say which input field they concern. */
  private inputError(error: unknown, fromNative: boolean, idField: string): unknown {
    if (!(error instanceof ValidationError) || !error.field) return error;
    const fields: Record<string, string> = {
      rotation_days: fromNative ? 'native.rotation_days' : 'weekly.daysOfWeek',
      rotation_time: fromNative ? 'native.rotation_time' : 'weekly.times',
      name: 'name',
      plid: idField,
      elid: idField,
      backup_rotation: 'retention',
    };
    const field = fields[error.field];
    return field ? new ValidationError(error.message, field, this.id) : error;
  }
}

/** The backup that appeared since `known`: ours by name, else the only new one. */
function findNewBackup(list: Wire[], known: Set<string>, name: string): Wire | undefined {
  const fresh = list.filter((b) => !known.has(idOf(b)));
  return fresh.find((b) => scalar(b.name) === name) ?? (fresh.length === 1 ? fresh[0] : undefined);
}

function sameDays(wire: unknown, days: number[]): boolean {
  const parsed = parseRotationDays(wire);
  return !!parsed && parsed.join(',') === days.join(',');
}

function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** The read's result, or undefined when the upstream says the element does not exist. */
async function orUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

