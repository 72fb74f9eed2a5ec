/**
 * Backups and restores as operations: starting them, and the state machine that follows them
 * through the panel's lists. An outcome is reported only when an upstream answer confirmed it;
 * what no answer can confirm any more ends `UNKNOWN` with `final: true` and a message saying why.
 *
 * Backup (`instances.fleio_bckps.edit`, native id `<instance>/<image>`; `<instance>/pending:<ms>:<name>`
 * while the panel has not listed it, matched by our unique name as §6 advises, since the
 * answer's `id` is [I]): listed `Saving` -> RUNNING, `Active` -> SUCCEEDED (both compared
 * case-insensitively), an error word -> FAILED. Final UNKNOWN when it is never listed within
 * `backupListedMs`, when it leaves the list before it was seen Active, or when it is not Active
 * `backupDoneMs` after it started (a status such as `Suspended` says nothing about the result).
 *
 * Restore (`instances.fleio.rebuild` in place, native id `<instance>/rebuild@<ms>`): the rebuild
 * must be seen to start (the instance in any state other than a resting one: the rebuild's own
 * word is [I]) and to end (a resting state again -> SUCCEEDED; `error` -> FAILED). No rebuild
 * seen within `restoreStartMs` of the request: final UNKNOWN, never SUCCEEDED. The rebuild form
 * requires a new root password (or an SSH key): a random one, sent once, kept nowhere.
 *
 * Memory: `watched` (operations being followed) loses an entry when its operation is over, and
 * both maps keep at most their last KEPT entries.
 */
import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, UpstreamRejectedError, ValidationError } from '../../domain/errors.js';
import type { Backup, Operation } from '../../domain/model.js';
import { isOver } from '../../domain/model.js';
import type { RestoreRequest } from '../../domain/provider.js';
import { writeWithVerification } from '../../upstream/verify-write.js';
import type { Wire } from '../wire.js';
import { type BillmanagerClient, idOf, scalar } from './client.js';
import {
  backupCreatedAt,
  backupNativeId,
  backupOperation,
  backupStatusOf,
  formatLocal,
  instanceStatusText,
  parseNativeId,
  restoreStatusOf,
  showsRebuild,
  vmRef,
} from './map.js';
import type { RequestScope } from '../../domain/request-scope.js';
import type { BillmanagerReads } from './reads.js';

/** How long to wait for what would confirm an operation's outcome. */
export interface BillmanagerWaits {
  /** A restore whose rebuild the panel has not shown this long after the request ends UNKNOWN. Default 60 s. */
  restoreStartMs: number;
  /** A started backup the panel has not listed this long ends UNKNOWN. Default 15 min. */
  backupListedMs: number;
  /** A backup not Active this long after it started ends UNKNOWN. Default 6 h. */
  backupDoneMs: number;
}

export const DEFAULT_WAITS: BillmanagerWaits = { restoreStartMs: 60_000, backupListedMs: 15 * 60_000, backupDoneMs: 6 * 3_600_000 };

/** Entries kept at most in each per-operation map. */
const KEPT = 1000;

interface Watch {
  kind: 'BACKUP' | 'RESTORE';
  instanceId: string;
  startedAt: number;
  /** Restore: the instance was seen being worked on. */
  seenRunning: boolean;
  /** Backup: the panel listed it. */
  seenListed: boolean;
  /** Backup: the name we gave it. */
  name?: string;
}

export class BillmanagerOperations {
  /** Operations followed until they are over. */
  private readonly watched = new Map<string, Watch>();
  /** Over operations, answered as they ended (a pruned backup stays SUCCEEDED). */
  private readonly finished = new Map<string, Operation>();

  constructor(
    private readonly providerId: string,
    private readonly timeZone: string,
    private readonly client: BillmanagerClient,
    private readonly reads: BillmanagerReads,
    private readonly waits: BillmanagerWaits,
  ) {}

  get sizes(): { watched: number; finished: number } {
    return { watched: this.watched.size, finished: this.finished.size };
  }

  // ---------------------------------------------------------------------------- start

  async startBackup(scope: RequestScope | undefined, instanceId: string): Promise<Operation> {
    const before = await this.reads.backupWires(scope, instanceId);
    if (!before) throw new NotFoundError(`targetId: no instance ${instanceId} on provider "${this.providerId}"`, this.providerId);
    const known = new Set(before.map(idOf));
    const startedAt = new Date();
    const name = `gateway backup ${formatLocal(startedAt, this.timeZone)}`;
    const ours = (list: Wire[]) => list.find((b) => !known.has(idOf(b)) && scalar(b.name) === name);
    const reply = await writeWithVerification(
      () => this.client.call(scope, 'instances.fleio_bckps.edit', { sok: 'ok', plid: instanceId, name }),
      async () => {
        const fresh = ours((await this.reads.backupWires(scope, instanceId, true)) ?? []);
        return fresh ? ({ id: { $: idOf(fresh) } } as Wire) : undefined;
      },
      { what: `backup of instance ${instanceId}` },
    );
    const answeredId = scalar(reply.id);
    const after = (await this.reads.backupWires(scope, instanceId, true).catch(() => undefined)) ?? [];
    const wire = (answeredId ? after.find((b) => idOf(b) === answeredId) : undefined) ?? ours(after);
    const nativeId = wire
      ? backupNativeId(instanceId, idOf(wire))
      : answeredId
        ? backupNativeId(instanceId, answeredId)
        : `${instanceId}/pending:${startedAt.getTime()}:${name}`;
    this.watch(nativeId, { kind: 'BACKUP', instanceId, startedAt: startedAt.getTime(), seenRunning: false, seenListed: false, name });
    return this.settle(this.backupState(nativeId, instanceId, wire, new Date()));
  }

  async startRestore(scope: RequestScope | undefined, backup: Backup, request: RestoreRequest): Promise<Operation> {
    if (request.restoredName !== undefined) {
      throw new ValidationError(
        'restoredName: BILLmanager restores by rebuilding the instance in place from the backup; it cannot restore into a new, named instance',
        'restoredName',
        this.providerId,
      );
    }
    const parsed = parseNativeId(backup.nativeId);
    if (parsed?.kind !== 'backup') throw new ValidationError(`backupId: ${backup.nativeId} is not a BILLmanager backup`, 'backupId', this.providerId);
    if (backup.status && backupStatusOf(backup.status) !== 'SUCCEEDED') {
      throw new ConflictError(`backupId: backup ${parsed.backupId} is "${backup.status}"; only an Active backup can be restored`, this.providerId);
    }
    const view = await this.client.call(scope, 'image.edit', { elid: parsed.backupId }, { idempotent: true });
    const fleioId = scalar(view.fleio_id);
    if (!fleioId) {
      throw new UpstreamRejectedError(this.providerId, `provider "${this.providerId}" did not give the image id (fleio_id) of backup ${parsed.backupId}, which a rebuild needs`);
    }
    const password = randomBytes(18).toString('base64url');
    const startedAt = new Date();
    const nativeId = `${parsed.instanceId}/rebuild@${startedAt.getTime()}`;
    this.watch(nativeId, { kind: 'RESTORE', instanceId: parsed.instanceId, startedAt: startedAt.getTime(), seenRunning: false, seenListed: false });
    const rebuilding = async () => {
      const instance = await this.reads.instance(scope, parsed.instanceId);
      return instance && restoreStatusOf(instanceStatusText(instance) ?? '') === 'RUNNING' ? instance : undefined;
    };
    try {
      await writeWithVerification(
        async () =>
          this.client.call(scope, 
            'instances.fleio.rebuild',
            { elid: parsed.instanceId, sok: 'ok', clicked_button: 'ok', zone: 'own', select_rebuild: fleioId, enablessh: 'off', password },
            { secrets: [password] },
          ),
        rebuilding,
        { what: `rebuild of instance ${parsed.instanceId} from backup ${parsed.backupId}` },
      );
    } catch (error) {
      this.watched.delete(nativeId);
      throw error;
    }
    const instance = await this.reads.instance(scope, parsed.instanceId).catch(() => undefined);
    if (instance) return this.settle(this.restoreState(nativeId, parsed.instanceId, instance, new Date()));
    return { providerId: this.providerId, nativeId, kind: 'RESTORE', status: 'QUEUED', target: vmRef(this.providerId, parsed.instanceId), startedAt, updatedAt: new Date() };
  }

  // ---------------------------------------------------------------------------- read

  /** Backups being saved and instances being rebuilt (ours, or a rebuild the panel names). */
  async list(scope: RequestScope | undefined): Promise<Operation[]> {
    const now = new Date();
    const instances = await this.reads.instanceWires(scope, ['backups']);
    const perInstance = await Promise.all(instances.map(async (instance) => {
      const id = idOf(instance);
      const ops: Operation[] = [];
      const status = instanceStatusText(instance) ?? '';
      const ourRestore = this.watchedOf('RESTORE', id);
      if (ourRestore) {
        const op = this.restoreState(ourRestore, id, instance, now);
        if (!isOver(op)) ops.push(op);
      } else if (showsRebuild(status)) {
        ops.push(this.restoreState(`${id}/rebuild`, id, instance, now));
      }
      for (const backup of (await this.reads.backupWires(scope, id, true)) ?? []) {
        const state = backupStatusOf(scalar(backup.fleio_status));
        if (state !== 'RUNNING' && state !== 'QUEUED') continue;
        const pending = this.watchedOf('BACKUP', id, scalar(backup.name));
        const nativeId = pending?.includes('/pending:') ? pending : backupNativeId(id, idOf(backup));
        ops.push(backupOperation(this.providerId, nativeId, id, backup, this.timeZone, now));
      }
      return ops;
    }));
    return perInstance.flat();
  }

  async get(scope: RequestScope | undefined, nativeId: string): Promise<Operation | undefined> {
    const done = this.finished.get(nativeId);
    if (done) return done;
    const parsed = parseNativeId(nativeId);
    if (!parsed) return undefined;
    const now = new Date();
    if (parsed.kind === 'rebuild') {
      const instance = await this.reads.instance(scope, parsed.instanceId);
      if (!instance) return this.vanishedInstance(nativeId, parsed.instanceId, 'RESTORE', now);
      return this.settle(this.restoreState(nativeId, parsed.instanceId, instance, now));
    }
    const backups = await this.reads.backupWires(scope, parsed.instanceId);
    if (!backups) return this.vanishedInstance(nativeId, parsed.instanceId, 'BACKUP', now);
    if (parsed.kind === 'backup') {
      const wire = backups.find((b) => idOf(b) === parsed.backupId);
      if (!wire && !this.watched.has(nativeId)) return undefined;
      return this.settle(this.backupState(nativeId, parsed.instanceId, wire, now));
    }
    // pending:<ms>:<name> — ours (here or before a restart): the start time and name are in the id.
    const colon = parsed.name.indexOf(':');
    const startedAt = Number(parsed.name.slice(0, colon));
    const name = parsed.name.slice(colon + 1);
    if (!this.watched.has(nativeId) && Number.isFinite(startedAt)) {
      this.watch(nativeId, { kind: 'BACKUP', instanceId: parsed.instanceId, startedAt, seenRunning: false, seenListed: false, name });
    }
    return this.settle(this.backupState(nativeId, parsed.instanceId, backups.find((b) => scalar(b.name) === name), now));
  }

  // ---------------------------------------------------------------------------- state machine

  private backupState(nativeId: string, instanceId: string, wire: Wire | undefined, now: Date): Operation {
    const watch = this.watched.get(nativeId);
    const target = vmRef(this.providerId, instanceId);
    const name = watch?.name ?? (wire ? scalar(wire.name) : undefined);
    if (!wire) {
      const base: Operation = { providerId: this.providerId, nativeId, kind: 'BACKUP', status: 'QUEUED', target, message: name, updatedAt: now };
      const startedAt = watch ? new Date(watch.startedAt) : undefined;
      if (watch?.seenListed) {
        return { ...base, startedAt, status: 'UNKNOWN', final: true, message: `the backup "${name}" is no longer listed on instance ${instanceId} and was not seen Active; whether it was made is not known` };
      }
      if (watch && now.getTime() - watch.startedAt < this.waits.backupListedMs) {
        return { ...base, startedAt, message: `waiting for the provider to list the backup "${name}"` };
      }
      return {
        ...base,
        startedAt,
        status: 'UNKNOWN',
        final: true,
        message: `the provider accepted the backup "${name}" but did not list it within ${seconds(this.waits.backupListedMs)}; whether it was made is not known`,
      };
    }
    const startedAt = watch?.startedAt ?? backupCreatedAt(wire, this.timeZone)?.getTime();
    if (watch) watch.seenListed = true;
    const op = backupOperation(this.providerId, nativeId, instanceId, wire, this.timeZone, now);
    if (isOver(op)) return op;
    const statusText = scalar(wire.fleio_status);
    if (startedAt !== undefined && now.getTime() - startedAt >= this.waits.backupDoneMs) {
      return {
        ...op,
        status: 'UNKNOWN',
        final: true,
        message: `the backup "${scalar(wire.name)}" is still "${statusText}", not Active, ${seconds(now.getTime() - startedAt)} after it started; its outcome is not known`,
      };
    }
    if (op.status === 'UNKNOWN') {
      return { ...op, message: `the provider shows the backup "${scalar(wire.name)}" as "${statusText}", which does not say whether it is done` };
    }
    return op;
  }

  /** A restore's state from the instance's status and what was seen of it so far. */
  private restoreState(nativeId: string, instanceId: string, instance: Wire, now: Date): Operation {
    const parsed = parseNativeId(nativeId);
    const statusText = instanceStatusText(instance) ?? '';
    let watch = this.watched.get(nativeId);
    const startedAtMs = (parsed?.kind === 'rebuild' ? parsed.startedAt?.getTime() : undefined) ?? watch?.startedAt;
    const base: Operation = {
      providerId: this.providerId,
      nativeId,
      kind: 'RESTORE',
      status: 'RUNNING',
      phase: statusText || undefined,
      target: vmRef(this.providerId, instanceId),
      startedAt: startedAtMs !== undefined ? new Date(startedAtMs) : undefined,
      updatedAt: now,
    };
    const state = restoreStatusOf(statusText);
    if (state === 'RUNNING') {
      watch ??= this.watch(nativeId, { kind: 'RESTORE', instanceId, startedAt: startedAtMs ?? now.getTime(), seenRunning: true, seenListed: false });
      watch.seenRunning = true;
      return base;
    }
    if (watch?.seenRunning) {
      if (state === 'ERROR') return { ...base, status: 'FAILED', finishedAt: now, message: `the instance is in state "${statusText}" after the rebuild` };
      if (state === 'RESTING') return { ...base, status: 'SUCCEEDED', progress: 100, finishedAt: now };
      return { ...base, status: 'UNKNOWN', message: 'the instance was rebuilding; its state cannot be read now' };
    }
    if (startedAtMs !== undefined && now.getTime() - startedAtMs < this.waits.restoreStartMs) {
      return { ...base, status: 'QUEUED', message: 'waiting for the provider to show the rebuild of the instance' };
    }
    return {
      ...base,
      status: 'UNKNOWN',
      final: true,
      message:
        startedAtMs !== undefined
          ? `the provider accepted the rebuild of instance ${instanceId} but never showed it within ${seconds(this.waits.restoreStartMs)} (the instance stayed "${statusText}"); it may have been too quick to see, or not have happened: check the instance before restoring again`
          : `no rebuild of instance ${instanceId} is in progress and none was seen here (the instance is "${statusText}"); whether it was rebuilt is not known`,
    };
  }

  /** The instance of an operation is gone: final UNKNOWN for one we follow, else not found. */
  private vanishedInstance(nativeId: string, instanceId: string, kind: 'BACKUP' | 'RESTORE', now: Date): Operation | undefined {
    const watch = this.watched.get(nativeId);
    if (!watch) return undefined;
    return this.settle({
      providerId: this.providerId,
      nativeId,
      kind,
      status: 'UNKNOWN',
      final: true,
      target: vmRef(this.providerId, instanceId),
      startedAt: new Date(watch.startedAt),
      updatedAt: now,
      message: `instance ${instanceId} is no longer listed; the outcome is not known`,
    });
  }

  // ---------------------------------------------------------------------------- memory

  private watch(nativeId: string, entry: Watch): Watch {
    this.watched.set(nativeId, entry);
    if (this.watched.size > KEPT) this.watched.delete(this.watched.keys().next().value!);
    return entry;
  }

  /** The id of a followed operation of this kind on the instance (a backup: with this name). */
  private watchedOf(kind: Watch['kind'], instanceId: string, name?: string): string | undefined {
    for (const [id, w] of this.watched) if (w.kind === kind && w.instanceId === instanceId && (name === undefined || w.name === name)) return id;
    return undefined;
  }

  /** An over operation is remembered as it ended and no longer followed. */
  private settle(operation: Operation): Operation {
    if (isOver(operation)) {
      this.watched.delete(operation.nativeId);
      this.finished.set(operation.nativeId, operation);
      if (this.finished.size > KEPT) this.finished.delete(this.finished.keys().next().value!);
    }
    return operation;
  }
}

function seconds(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

