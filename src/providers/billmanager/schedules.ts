/**
 * Schedule writes (never retried; an unknown outcome is checked by reading the state back):
 * - create: needs a VirtualMachine target; `weekly` (one time of day) or `native`
 *   `{rotation_days, rotation_time}`; `timezone`, when given, must be the panel's zone;
 *   `retention` sets the instance's `backup_rotation` first (set back if the create then fails).
 *   The new schedule is found by the answer's `id` when there is one (§2.3 [I]), else by
 *   re-listing and matching name, days and time (§6).
 * - update: the schedule's instance is found (cached from earlier listings, else by scanning),
 *   then all of name, days and time are sent (§5.9 "send all fields").
 * - delete: the ids are checked against the listing first (a panel may answer `ok` to an unknown
 *   id), then one `.delete` with the ids joined by ", " (§1).
 */
import { GatewayError, NotFoundError, UpstreamUnavailableError } from '../../domain/errors.js';
import type { Schedule } from '../../domain/model.js';
import type { ScheduleDraft, SchedulePatch } from '../../domain/provider.js';
import type { RequestScope } from '../../domain/request-scope.js';
import { writeWithVerification } from '../../upstream/verify-write.js';
import type { Wire } from '../wire.js';
import { type BillmanagerClient, idOf, scalar } from './client.js';
import { inputError, retentionError } from './errors.js';
import { parseRotationDays, parseRotationTime, toSchedule } from './map.js';
import type { BillmanagerReads, ScheduleList } from './reads.js';
import { withRotationRollback } from './rollback.js';
import { sameDays, type BillmanagerValidation } from './validation.js';

export class BillmanagerSchedules {
  constructor(
    private readonly providerId: string,
    private readonly timeZone: string,
    private readonly client: BillmanagerClient,
    private readonly reads: BillmanagerReads,
    private readonly validate: BillmanagerValidation,
  ) {}

  /** Every schedule of every instance. */
  async list(scope: RequestScope | undefined): Promise<Schedule[]> {
    const instances = await this.reads.instanceWires(scope, ['schedules']);
    const perInstance = await Promise.all(instances.map(async (wire) => this.schedulesFrom(idOf(wire), await this.reads.scheduleList(scope, idOf(wire), true, true))));
    return perInstance.flat();
  }

  /**
   * An instance's schedules from its list. Each wire element is mapped once: the VM listing and
   * the schedule listing of one query (and of concurrent queries sharing the upstream answer)
   * read the same parsed elements, and mapping a recurrence is not cheap.
   */
  schedulesFrom(instanceId: string, list: ScheduleList | undefined): Schedule[] {
    return (list?.elems ?? []).map((wire) => {
      const known = this.mapped.get(wire);
      if (known && known.instanceId === instanceId && known.rotation === list?.rotation) return known.schedule;
      const schedule = toSchedule(this.providerId, instanceId, wire, list?.rotation, this.timeZone);
      this.mapped.set(wire, { instanceId, rotation: list?.rotation, schedule });
      return schedule;
    });
  }

  /** Wire element -> the schedule mapped from it (with what else it was mapped from). */
  private readonly mapped = new WeakMap<Wire, { instanceId: string; rotation?: number; schedule: Schedule }>();

  async create(scope: RequestScope | undefined, draft: ScheduleDraft): Promise<Schedule> {
    const v = this.validate;
    const instanceId = v.instanceOf(draft.target, 'targetId', 'schedules belong to one instance: give the instance (a VirtualMachine) as targetId');
    if (draft.kind !== 'BACKUP') throw v.error(`kind: BILLmanager schedules make BACKUP images, not ${draft.kind}`, 'kind');
    v.zone(draft.timezone);
    v.enabled(draft.enabled);
    if (draft.remoteLocation) throw v.error('remoteLocation: BILLmanager backups stay with the provider; there is no remote location to choose', 'remoteLocation');
    const name = v.name(draft.name);
    const when = v.when(draft, undefined);
    if (!when) throw v.error('weekly: give weekly {daysOfWeek, times} or native {rotation_days, rotation_time}', 'weekly');
    const rotation = draft.retention !== undefined ? v.rotation(draft.retention) : undefined;

    const before = await this.reads.scheduleList(scope, instanceId, false);
    if (!before) throw new NotFoundError(`targetId: no instance ${instanceId} on provider "${this.providerId}"`, this.providerId);
    const known = new Set(before.elems.map(idOf));
    let previous: number | undefined;
    if (rotation !== undefined) {
      previous = before.rotation ?? (await this.reads.rotationFromView(scope, instanceId));
      if (previous !== rotation) await this.setRotation(scope, instanceId, rotation);
    }

    const matches = (wire: Wire) => scalar(wire.name) === name && sameDays(wire.rotation_days, when.days) && parseRotationTime(wire.rotation_time) === when.time;
    let reply: Wire;
    try {
      reply = await withRotationRollback({ previous, next: rotation }, (r) => this.setRotation(scope, instanceId, r), () =>
        writeWithVerification(
          () =>
            this.client.call(scope, 'instances.fleio_bckps.schedule.edit', {
              sok: 'ok',
              clicked_button: 'ok',
              elid: '',
              plid: instanceId,
              name,
              rotation_days: when.days.join(','),
              rotation_time: when.time,
            }),
          async () => {
            const fresh = (await this.reads.scheduleList(scope, instanceId, false, true))?.elems.find((wire) => !known.has(idOf(wire)) && matches(wire));
            return fresh ? ({ id: { $: idOf(fresh) } } as Wire) : undefined;
          },
          { what: `schedule "${name}" of instance ${instanceId}` },
        ),
      );
    } catch (error) {
      throw inputError(error, this.providerId, when.fromNative, 'targetId');
    }

    const answeredId = scalar(reply.id);
    const after = await this.reads.scheduleList(scope, instanceId, true, true);
    const wire = (answeredId ? after?.elems.find((w) => idOf(w) === answeredId) : undefined) ?? after?.elems.find((w) => !known.has(idOf(w)) && matches(w));
    if (!wire) {
      throw new UpstreamUnavailableError(
        this.providerId,
        `provider "${this.providerId}" accepted schedule "${name}" of instance ${instanceId} but does not list it; check the instance's schedules before repeating`,
      );
    }
    return toSchedule(this.providerId, instanceId, wire, after?.rotation, this.timeZone);
  }

  async update(scope: RequestScope | undefined, id: string, patch: SchedulePatch): Promise<Schedule> {
    const v = this.validate;
    v.zone(patch.timezone);
    v.enabled(patch.enabled);
    const name = patch.name !== undefined ? v.name(patch.name) : undefined;
    const rotation = patch.retention !== undefined ? v.rotation(patch.retention) : undefined;
    const { instanceId, wire: current, rotation: currentRotation } = await this.locate(scope, id);
    const currentDays = parseRotationDays(current.rotation_days);
    const currentTime = parseRotationTime(current.rotation_time);
    const when = v.when(patch, currentDays && currentTime ? { days: currentDays, time: currentTime } : undefined);

    if (name !== undefined || when) {
      const days = when?.days ?? currentDays;
      const time = when?.time ?? currentTime;
      if (!days || !time) {
        throw v.error(
          `weekly: the schedule's current days "${scalar(current.rotation_days)}" at "${scalar(current.rotation_time)}" cannot be read, and BILLmanager needs all fields on update; give weekly (or native) in full`,
          'weekly',
        );
      }
      const newName = name ?? scalar(current.name);
      const applied = (wire: Wire) => scalar(wire.name) === newName && sameDays(wire.rotation_days, days) && parseRotationTime(wire.rotation_time) === time;
      try {
        await writeWithVerification(
          () =>
            this.client.call(scope, 'instances.fleio_bckps.schedule.edit', {
              sok: 'ok',
              clicked_button: 'ok',
              elid: id,
              plid: instanceId,
              name: newName,
              rotation_days: days.join(','),
              rotation_time: time,
            }),
          async () => ((await this.reads.scheduleList(scope, instanceId, false, true))?.elems.some((w) => idOf(w) === id && applied(w)) ? ({} as Wire) : undefined),
          { what: `update of schedule ${id}` },
        );
      } catch (error) {
        throw inputError(error, this.providerId, when?.fromNative ?? false, 'id');
      }
    }
    if (rotation !== undefined && rotation !== currentRotation) {
      try {
        await this.setRotation(scope, instanceId, rotation);
      } catch (error) {
        if (error instanceof GatewayError && (name !== undefined || when)) error.message += '; the schedule itself was updated';
        throw error;
      }
    }
    const after = await this.reads.scheduleList(scope, instanceId, true, true);
    const wire = after?.elems.find((w) => idOf(w) === id);
    if (!wire) throw new NotFoundError(`id: schedule ${id} is no longer listed on provider "${this.providerId}"`, this.providerId);
    return toSchedule(this.providerId, instanceId, wire, after?.rotation, this.timeZone);
  }

  async delete(scope: RequestScope | undefined, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const listedIds = async () => new Set((await this.list(scope)).map((s) => s.nativeId));
    const before = await listedIds();
    const missing = unique.filter((id) => !before.has(id));
    if (missing.length > 0) throw new NotFoundError(`ids: no schedule ${missing.join(', ')} on provider "${this.providerId}"`, this.providerId);
    await writeWithVerification(
      async () => {
        await this.client.call(scope, 'instances.fleio_bckps.schedule.delete', { elid: unique.join(', ') });
        return true;
      },
      async () => {
        const listed = await listedIds();
        return unique.every((id) => !listed.has(id)) ? true : undefined;
      },
      { what: `deletion of schedule(s) ${unique.join(', ')}` },
    );
    for (const id of unique) this.reads.forgetSchedule(id);
    return unique;
  }

  /** The instance holding a schedule: the one it was last listed under, else a scan of all instances. */
  private async locate(scope: RequestScope | undefined, id: string): Promise<{ instanceId: string; wire: Wire; rotation?: number }> {
    const cached = this.reads.scheduleInstanceOf(id);
    if (cached) {
      const list = await this.reads.scheduleList(scope, cached, true);
      const wire = list?.elems.find((w) => idOf(w) === id);
      if (wire) return { instanceId: cached, wire, rotation: list?.rotation };
    }
    const instances = await this.reads.instanceWires(scope);
    const found = await Promise.all(instances.map(async (instance) => {
      const list = await this.reads.scheduleList(scope, idOf(instance), false, true);
      const wire = list?.elems.find((w) => idOf(w) === id);
      return wire ? { instanceId: idOf(instance), wire } : undefined;
    }));
    const hit = found.find((f) => f !== undefined);
    if (!hit) throw new NotFoundError(`id: no schedule ${id} on provider "${this.providerId}"`, this.providerId);
    const list = await this.reads.scheduleList(scope, hit.instanceId, true, true);
    return { ...hit, rotation: list?.rotation };
  }

  private async setRotation(scope: RequestScope | undefined, instanceId: string, rotation: number): Promise<void> {
    try {
      await writeWithVerification(
        async () => {
          await this.client.call(scope, 'instances.edit', { elid: instanceId, sok: 'ok', clicked_button: 'ok', backup_rotation: rotation });
          return true;
        },
        async () => ((await this.reads.rotationFromView(scope, instanceId)) === rotation ? true : undefined),
        { what: `backup_rotation of instance ${instanceId}` },
      );
    } catch (error) {
      throw retentionError(error, this.providerId);
    }
  }
}

