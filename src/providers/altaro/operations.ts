/**
 * Following Altaro operations: the ones this gateway started and the ones it only saw listed
 * (a schedule, the console, another gateway, before a restart).
 *
 * - `operation-status` lists running operations (contract §4.6). Only `Processing` is a
 *   confirmed status name, so while an operation is listed nothing ends it.
 * - Once it is no longer listed, its outcome is the VM's report (or vms/list summary) that
 *   differs from the one read before it could have finished (outcome.ts). A VM is named only
 *   where an answer names it; until then the target is null.
 * - When nothing can tell the outcome within a bounded wait, the operation ends UNKNOWN, final,
 *   with the reason: every subscription ends, and no outcome is made up.
 */
import { randomUUID } from 'node:crypto';
import { UpstreamUnavailableError } from '../../domain/errors.js';
import type { Operation, OperationKind, ResourceRef } from '../../domain/model.js';
import type { RequestScope } from '../../domain/request-scope.js';
import { AltaroRefusal, listOf, type AltaroClient } from './client.js';
import { jobIdOf, listedStatusOf, operationKindOf, str, toListedOperation, type Wire } from './map.js';
import { DEFAULT_BOOK_LIMITS, OperationBook, type Baseline, type BookLimits, type KnownOperation } from './operation-book.js';
import { hasSummary, hasWitness, kindWord, OutcomeReader } from './outcome.js';
import { newJobsOf } from './start-check.js';

export interface FollowOptions {
  /** How long an operation that left operation-status may wait for its report before it ends UNKNOWN (default 10 s). */
  outcomeWaitMs?: number;
  /** And at least this many reads must have found it gone (default 3). */
  outcomeWaitRounds?: number;
  /** Checks after a timed-out instruction, and their spacing (default 3 × 700 ms). */
  startChecks?: number;
  startCheckSpacingMs?: number;
  limits?: BookLimits;
}

export class AltaroOperations {
  readonly book: OperationBook;
  private readonly outcomes: OutcomeReader;
  private readonly waitMs: number;
  private readonly waitRounds: number;

  constructor(
    private readonly client: AltaroClient,
    private readonly providerId: string,
    timeZone: string,
    private readonly options: FollowOptions = {},
  ) {
    this.book = new OperationBook(options.limits ?? DEFAULT_BOOK_LIMITS);
    this.outcomes = new OutcomeReader(client, providerId, timeZone);
    this.waitMs = options.outcomeWaitMs ?? 10_000;
    this.waitRounds = options.outcomeWaitRounds ?? 3;
  }

  // ---- reading

  async list(scope?: RequestScope): Promise<Operation[]> {
    const listedAt = Date.now();
    const items = (await this.statuses(scope)).filter((wire) => jobIdOf(wire));
    const now = new Date();
    await this.firstSight(items);
    const states: Operation[] = [];
    for (const wire of items) states.push(await this.listedState(wire, listedAt, now));
    await this.noteGone(new Set(items.map((wire) => jobIdOf(wire)!)), now);
    return states;
  }

  async get(nativeId: string, scope?: RequestScope): Promise<Operation | undefined> {
    const id = nativeId.toLowerCase();
    const ended = this.book.endedState(id);
    if (ended) return ended;
    const listedAt = Date.now();
    let statuses: Wire[];
    try {
      statuses = listOf<Wire>(await this.client.call(scope, 'activity/operation-status', { args: [id] }), 'Statuses');
    } catch (error) {
      // Some installs refuse a guid that is not running (any more): that is "not listed".
      if (!(error instanceof AltaroRefusal)) throw error;
      statuses = [];
    }
    const now = new Date();
    // Only the item with this JobId counts: an install may answer every running operation.
    const wire = statuses.find((item) => jobIdOf(item) === id);
    if (wire) {
      await this.firstSight([wire]);
      return this.listedState(wire, listedAt, now);
    }
    const known = this.book.get(id);
    return known ? this.resolveGone(known, now) : undefined;
  }

  /** Sizes of the per-operation memory (tests check they stay bounded). */
  get memory(): { known: number; ended: number } {
    return this.book.sizes;
  }

  // ---- starting

  /** Send an instruction that starts an operation on a VM; after a timeout, find out honestly whether it started. */
  async instruct(kind: OperationKind, resource: string, vmRef: string, scope?: RequestScope): Promise<Operation> {
    // Read before sending: the running jobs (to spot a new one) and the VM's last report (to spot its outcome).
    const [prior, baseline] = await Promise.all([
      this.statuses(scope)
        .then((items) => new Set(items.map((wire) => jobIdOf(wire)).filter((id): id is string => !!id)))
        .catch(() => undefined),
      this.outcomes.baseline(kind, vmRef),
    ]);
    const sentAt = new Date();
    try {
      const reply = await this.client.call(scope, resource, { method: 'POST', args: [vmRef] });
      return this.started(kind, reply.Data, vmRef, baseline, sentAt);
    } catch (error) {
      if (!(error instanceof UpstreamUnavailableError)) throw error;
      return this.checkStart(error, kind, vmRef, prior, baseline, sentAt);
    }
  }

  /** A restore-like instruction with a body: the same baseline, no start check (its path is unverified anyway). */
  async instructWithBody(kind: OperationKind, resource: string, vmRef: string, body: unknown, scope?: RequestScope): Promise<Operation> {
    const baseline = await this.outcomes.baseline(kind, vmRef);
    const sentAt = new Date();
    const reply = await this.client.call(scope, resource, { method: 'POST', body });
    return this.started(kind, reply.Data, vmRef, baseline, sentAt);
  }

  async abort(operationId: string, scope?: RequestScope): Promise<Operation> {
    await this.client.call(scope, 'instructions/abort-operation', { method: 'POST', args: [operationId] });
    return (
      (await this.get(operationId, scope)) ?? {
        providerId: this.providerId,
        nativeId: operationId,
        kind: 'BACKUP',
        status: 'UNKNOWN',
        updatedAt: new Date(),
        message: 'abort requested; the operation is not listed and this gateway did not follow it, so its outcome cannot be read',
        final: true,
      }
    );
  }

  private started(kind: OperationKind, data: unknown, vmRef: string, baseline: Baseline, at: Date): Operation {
    const nativeId = String(data ?? '').toLowerCase();
    const target = this.vm(vmRef);
    // The baseline was read before the instruction was sent: whatever report differs later is this one's.
    this.book.follow({ nativeId, kind, target, startedAt: at, baseline, trusted: true, goneRounds: 0 });
    return { providerId: this.providerId, nativeId, kind, status: 'QUEUED', target, startedAt: at, updatedAt: new Date() };
  }

  private async checkStart(error: UpstreamUnavailableError, kind: OperationKind, vmRef: string, prior: Set<string> | undefined, baseline: Baseline, sentAt: Date): Promise<Operation> {
    const word = kindWord(kind);
    const checks = this.options.startChecks ?? 3;
    for (let attempt = 0; attempt < checks; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.options.startCheckSpacingMs ?? 700));
      let statuses: Wire[];
      try {
        statuses = await this.statuses(undefined); // a check after the write: always fresh
      } catch {
        break; // the provider cannot be asked either
      }
      const fresh = prior ? newJobsOf(statuses, prior, kind, vmRef, (id) => this.book.get(id) !== undefined) : [];
      if (fresh.length === 1) {
        const nativeId = jobIdOf(fresh[0])!;
        this.book.follow({ nativeId, kind, target: this.vm(vmRef), startedAt: sentAt, baseline, trusted: true, goneRounds: 0 });
        const state = await this.listedState(fresh[0], Date.now(), new Date());
        return { ...state, message: `the request timed out, but a new ${word} appeared among the running operations right after it was sent; this is taken to be it` };
      }
      // Already over? The VM's last report or summary moved since the instruction was sent.
      const probe: KnownOperation = { nativeId: `timed-out-${randomUUID()}`, kind, target: this.vm(vmRef), startedAt: sentAt, baseline, trusted: true, goneRounds: 0 };
      const resolution = this.outcomes.canTell(probe) ? await this.outcomes.resolve(probe, new Set(), new Date()).catch(() => undefined) : undefined;
      if (resolution && 'state' in resolution) {
        const text = `the request timed out, but the VM's last ${word} changed since it was sent, so it ran`;
        return this.book.end({ ...resolution.state, message: resolution.state.message ? `${text}: ${resolution.state.message}` : text });
      }
    }
    throw new UpstreamUnavailableError(
      error.providerId,
      this.client.scrub(`${error.message}; whether the ${word} started cannot be told (no single new ${word} is listed and the VM's last ${word} did not change): look at the VM's operations and last ${word} before repeating it`),
    );
  }

  // ---- internals

  private async statuses(scope: RequestScope | undefined): Promise<Wire[]> {
    return listOf<Wire>(await this.client.call(scope, 'activity/operation-status'), 'Statuses');
  }

  /** Operations listed for the first time: remember them with what their VM (or every VM) showed before. */
  private async firstSight(items: Wire[]): Promise<void> {
    const fresh = items.filter((wire) => {
      const id = jobIdOf(wire)!;
      return !this.book.get(id) && !this.book.endedState(id);
    });
    if (fresh.length === 0) return;
    const kinds = fresh.map((wire) => operationKindOrBackup(wire));
    const vms = kinds.some(hasSummary) ? await this.outcomes.vmWires().catch(() => undefined) : undefined;
    const baselineAt = new Date();
    await Promise.all(
      fresh.map(async (wire, index) => {
        const kind = kinds[index];
        const vmRef = str(wire.AltaroVirtualMachineRef);
        const entry: KnownOperation = { nativeId: jobIdOf(wire)!, kind, startedAt: baselineAt, trusted: false, goneRounds: 0 };
        if (vmRef) {
          entry.target = this.vm(vmRef);
          entry.baseline = await this.outcomes.baseline(kind, vmRef, vms);
        } else if (vms) {
          entry.fleet = this.outcomes.fleet(kind, vms);
        }
        if (!this.book.get(entry.nativeId)) this.book.follow(entry);
      }),
    );
  }

  private async listedState(wire: Wire, listedAt: number, now: Date): Promise<Operation> {
    const id = jobIdOf(wire)!;
    const ended = this.book.endedState(id);
    if (ended) return ended;
    const known = this.book.get(id);
    const state = toListedOperation(this.providerId, wire, known, now);
    if (!known) return state;
    const { settled } = listedStatusOf(wire.Status);
    // Listed as still going after the baseline was read: no report of it can be in the baseline.
    if (settled && listedAt > known.startedAt.getTime()) known.trusted = true;
    if (known.last?.progress !== undefined && (state.progress ?? 0) < known.last.progress) state.progress = known.last.progress;
    known.last = state;
    known.lastStatusText = str(wire.Status);
    known.goneAt = undefined;
    known.goneRounds = 0;
    // A status name we do not know may mean it is ending: if its report is already there, that is the outcome.
    if (!settled && known.target && this.outcomes.canTell(known)) {
      const resolution = await this.outcomes.resolve(known, this.claimed(known), now).catch(() => undefined);
      if (resolution && 'state' in resolution) return this.book.end(resolution.state);
    }
    return state;
  }

  private async resolveGone(known: KnownOperation, now: Date): Promise<Operation> {
    known.goneAt ??= now.getTime();
    known.goneRounds += 1;
    if (!this.outcomes.canTell(known)) return this.endUnknown(known, now, this.whyNothingTells(known));
    const resolution = await this.outcomes.resolve(known, this.claimed(known), now);
    if (resolution && 'state' in resolution) return this.book.end(resolution.state);
    if (resolution && 'ambiguous' in resolution) return this.endUnknown(known, now, `the operation is no longer listed as running; ${resolution.ambiguous}`);
    if (known.goneRounds >= this.waitRounds && now.getTime() - known.goneAt >= this.waitMs) {
      const maybe = known.trusted ? '' : ' (it may have ended before its VM was first read, so its report may be the one already seen)';
      return this.endUnknown(
        known,
        now,
        `the operation is no longer listed as running and no new ${kindWord(known.kind)} report or result appeared within ${Math.round(this.waitMs / 1000)} s, so its outcome cannot be told${maybe}`,
      );
    }
    return {
      ...this.base(known, now),
      status: 'UNKNOWN',
      message: 'the operation is no longer listed as running; its outcome is read from the reports',
    };
  }

  private whyNothingTells(known: KnownOperation): string {
    const last = known.lastStatusText ? ` (last listed status "${known.lastStatusText}")` : '';
    if (!hasWitness(known.kind)) {
      return `the operation is no longer listed as running, and the API has no report of ${kindWord(known.kind)}s to read, so its outcome cannot be told${last}`;
    }
    if (!known.target) {
      return `the operation is no longer listed as running, and nothing names its VM, so no report can tell its outcome${last}`;
    }
    return `the operation is no longer listed as running, and its VM's reports could not be read before it ended, so its outcome cannot be told${last}`;
  }

  private endUnknown(known: KnownOperation, now: Date, message: string): Operation {
    return this.book.end({ ...this.base(known, now), status: 'UNKNOWN', final: true, message, finishedAt: now });
  }

  private base(known: KnownOperation, now: Date): Operation {
    return {
      providerId: this.providerId,
      nativeId: known.nativeId,
      kind: known.kind,
      status: 'UNKNOWN',
      progress: known.last?.progress,
      phase: known.last?.phase,
      target: known.target,
      startedAt: known.startedAt,
      updatedAt: now,
    };
  }

  /** VMs other followed operations of the same kind run on (they cannot be this one's). */
  private claimed(known: KnownOperation): Set<string> {
    const result = new Set<string>();
    for (const other of this.book.all()) {
      if (other !== known && other.kind === known.kind && other.target) result.add(other.target.nativeId);
    }
    return result;
  }

  /** Followed operations that left the list: note it; ones nobody asked about for long are settled now, so none stays forever. */
  private async noteGone(listed: Set<string>, now: Date): Promise<void> {
    for (const known of [...this.book.all()]) {
      if (listed.has(known.nativeId)) continue;
      known.goneAt ??= now.getTime();
      if (now.getTime() - known.goneAt <= Math.max(60_000, this.waitMs * 6)) continue;
      const resolution = this.outcomes.canTell(known) ? await this.outcomes.resolve(known, this.claimed(known), now).catch(() => undefined) : undefined;
      if (resolution && 'state' in resolution) this.book.end(resolution.state);
      else this.endUnknown(known, now, `the operation is no longer listed as running and no report told its outcome within ${Math.round((now.getTime() - known.goneAt) / 1000)} s`);
    }
  }

  private vm(vmRef: string): ResourceRef {
    return { type: 'VirtualMachine', providerId: this.providerId, nativeId: vmRef };
  }
}

function operationKindOrBackup(wire: Wire): OperationKind {
  return operationKindOf(wire.Operation) ?? 'BACKUP';
}
