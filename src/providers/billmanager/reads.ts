/**
 * BILLmanager reads: the instance list (`instances`, confirmed [C]) and, per instance, its
 * backups (`instances.fleio_bckps`), its schedules (`instances.fleio_bckps.schedule`) and its
 * `backup_rotation` (on the schedule list's doc on newer panels, else `instances.edit`).
 *
 * Absence is decided by the instance list, never by the form of an error alone: how a panel
 * answers an unknown `elid` is unknown (§8: `$type=missed`, an access error, a bare message, or
 * an empty list). So a per-instance read that fails with an API error, or comes back empty for
 * an id that was not just listed, is checked against `instances`: the instance is missing only
 * when the list lacks it; otherwise the error stands (or the list really is empty).
 */
import { NotFoundError, UpstreamRejectedError } from '../../domain/errors.js';
import { scopedOnce, type RequestScope } from '../../domain/request-scope.js';
import { afterPendingWrites } from '../../upstream/after-pending-writes.js';
import type { BillmanagerClient, ListResult } from './client.js';
import { idOf } from './client.js';
import { rotationOf } from './map.js';
import type { Wire } from '../wire.js';

/** Per-instance lists a caller reads for every listed instance. */
export type PerInstanceList = 'backups' | 'schedules';

export interface ScheduleList {
  elems: Wire[];
  rotation?: number;
}

/** Schedule ids whose instance is remembered (saves a scan on update); the oldest go first. */
const SCHEDULE_INSTANCES_KEPT = 10_000;

export class BillmanagerReads {
  /** Schedule id -> its instance, learnt from listings. */
  private readonly scheduleInstance = new Map<string, string>();

  /** The ids the last instance list held (empty after a failed list): what is read ahead. */
  private lastListed: readonly string[] = [];

  constructor(private readonly client: BillmanagerClient) {}

  get sizes(): { scheduleInstance: number; lastListed: number } {
    return { scheduleInstance: this.scheduleInstance.size, lastListed: this.lastListed.length };
  }

  /** The instance list; with the per-instance lists in `ahead` read ahead (see above). */
  async instanceWires(scope: RequestScope | undefined, ahead: readonly PerInstanceList[] = []): Promise<Wire[]> {
    const listing = this.client.list(scope, 'instances');
    for (const list of ahead) this.readAhead(scope, list);
    let listed: ListResult;
    try {
      listed = await listing;
    } catch (error) {
      this.lastListed = [];
      throw error;
    }
    const wires = listed.elems.filter((wire) => idOf(wire) !== '');
    this.lastListed = wires.map(idOf);
    return wires;
  }

  async instance(scope: RequestScope | undefined, instanceId: string): Promise<Wire | undefined> {
    return (await this.instanceWires(scope)).find((wire) => idOf(wire) === instanceId);
  }

  /**
   * An instance's backups; undefined when the instance does not exist. `listed`: the id comes
   * from an instance list just read, so an empty answer needs no check.
   */
  async backupWires(scope: RequestScope | undefined, instanceId: string, listed = false): Promise<Wire[] | undefined> {
    const result = await this.ofInstance(scope, instanceId, listed, () => this.client.list(scope, 'instances.fleio_bckps', { elid: instanceId }));
    return result?.elems;
  }

  /** An instance's schedules (+ `backup_rotation` when asked); undefined when the instance does not exist. */
  async scheduleList(scope: RequestScope | undefined, instanceId: string, withRotation: boolean, listed = false): Promise<ScheduleList | undefined> {
    const result = await this.ofInstance(scope, instanceId, listed, () => this.client.list(scope, 'instances.fleio_bckps.schedule', { elid: instanceId }));
    if (!result) return undefined;
    for (const wire of result.elems) this.rememberSchedule(idOf(wire), instanceId);
    let rotation = rotationOf(result.doc);
    if (rotation === undefined && withRotation && result.elems.length > 0) rotation = await this.rotationFromView(scope, instanceId);
    return { elems: result.elems, rotation };
  }

  /** `backup_rotation` from the instance view (§5.3), for panels whose schedule list lacks it. */
  async rotationFromView(scope: RequestScope | undefined, instanceId: string): Promise<number | undefined> {
    const doc = await this.ofInstance(scope, instanceId, true, () => this.client.call(scope, 'instances.edit', { elid: instanceId }, { idempotent: true }));
    return doc ? rotationOf(doc) : undefined;
  }

  scheduleInstanceOf(scheduleId: string): string | undefined {
    return this.scheduleInstance.get(scheduleId);
  }

  forgetSchedule(scheduleId: string): void {
    this.scheduleInstance.delete(scheduleId);
  }

  /** Once per request and list: `list` of each instance the last list held, for the caller to find in the scope. */
  private readAhead(scope: RequestScope | undefined, list: PerInstanceList): void {
    if (!scope?.reads || this.lastListed.length === 0) return;
    void scopedOnce(scope, `${this.client.providerId}\u0000readAhead\u0000${list}`, async () => {
      // The lists this request has dispatched so far (this provider's, the others') go out first.
      await afterPendingWrites();
      for (const id of this.lastListed) {
        const read = list === 'backups' ? this.backupWires(scope, id, true) : this.scheduleList(scope, id, false, true);
        // Maybe an instance that is gone: its outcome is used only if the list still has it.
        read.catch(() => undefined);
      }
    });
  }

  private rememberSchedule(scheduleId: string, instanceId: string): void {
    this.scheduleInstance.delete(scheduleId);
    this.scheduleInstance.set(scheduleId, instanceId);
    if (this.scheduleInstance.size > SCHEDULE_INSTANCES_KEPT) this.scheduleInstance.delete(this.scheduleInstance.keys().next().value!);
  }

  /** A per-instance read, with the instance's absence confirmed by the instance list (see above). */
  private async ofInstance<T extends Wire | ListResult>(scope: RequestScope | undefined, instanceId: string, listed: boolean, read: () => Promise<T>): Promise<T | undefined> {
    let result: T;
    try {
      result = await read();
    } catch (error) {
      if (!(error instanceof NotFoundError || error instanceof UpstreamRejectedError)) throw error;
      if (!(await this.instance(scope, instanceId))) return undefined;
      throw error;
    }
    const empty = 'elems' in result && Array.isArray(result.elems) ? result.elems.length === 0 : false;
    if (empty && !listed && !(await this.instance(scope, instanceId))) return undefined;
    return result;
  }
}
