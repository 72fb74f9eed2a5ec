/**
 * The operation engine: starts backups, offsite copies, restores, sandbox restores and
 * verifications; computes their progress from the SimClock on read; finishes them (updating the
 * VM, reports and restore versions) at their exact end time; keeps finished ones visible for the
 * grace period; and (optionally) starts scheduled backups when the clock passes a run time.
 *
 * Everything is driven by `settle(now)`, which the routes call before every request and the
 * clock calls after every `advance()`. No timers.
 */
import { abortedText, ALTERR } from './alterr.js';
import { formatCloneStamp } from './format.js';
import { newGuid } from './ids.js';
import { backupTransfer } from './metrics.js';
import { runsBetween } from './schedule.js';
import type {
  AltaroState,
  Operation,
  OperationKind,
  OperationOutcome,
  Report,
  RestoreVersion,
  Vm,
} from './state.js';

export interface EngineConfig {
  operationMs: number;
  /** 0 = finished operations vanish from operation-status at once. */
  finishedGraceMs: number;
  /** Which status item fields and names to show (variants.ts). */
  statusItemFields: 'extended' | 'documented';
  statusNames: 'plain' | 'unlisted';
  operationNames: 'compact' | 'spaced';
}

export type StartResult =
  | { ok: true; operation: Operation }
  | { ok: false; code: 'notConfigured' | 'alreadyRunning' | 'noLocation' | 'noVersion'; message: string };

/** The five documented fields (contract §4.6), plus the VM's ref and name in the 'extended' variant. */
export interface StatusItem {
  JobId: string;
  Operation: string;
  SubOperation: string;
  Percentage: number;
  Status: string;
  AltaroVirtualMachineRef?: string;
  VirtualMachineName?: string;
}

const SPACED_NAMES: Record<OperationKind, string> = {
  Backup: 'Backup',
  OffsiteCopy: 'Offsite Copy',
  Restore: 'Restore',
  SandboxRestore: 'Sandbox Restore',
  Verification: 'Data Verification',
};

export interface RestoreRequest {
  version: RestoreVersion;
  restoreAsName?: string;
}

const DAY = 86_400_000;
/** Scheduler catch-up is capped so a huge clock jump stays cheap. */
const MAX_CATCH_UP_MS = 15 * DAY;

const STEPS: Record<OperationKind, Array<[upToPercent: number, text: string]>> = {
  Backup: [
    [10, 'Preparing'],
    [20, 'Taking snapshot'],
    [90, 'Transferring data'],
    [100, 'Finalising'],
  ],
  OffsiteCopy: [
    [10, 'Preparing'],
    [90, 'Transferring data'],
    [100, 'Finalising'],
  ],
  Restore: [
    [10, 'Preparing'],
    [90, 'Restoring data'],
    [100, 'Finalising'],
  ],
  SandboxRestore: [
    [10, 'Preparing'],
    [70, 'Restoring data'],
    [95, 'Verifying restored data'],
    [100, 'Finalising'],
  ],
  Verification: [
    [10, 'Preparing'],
    [95, 'Verifying data'],
    [100, 'Finalising'],
  ],
};

const FINISHED_TEXT: Record<OperationOutcome, string> = {
  Success: 'Completed',
  Warning: 'Completed with warnings',
  Error: 'Failed',
  Aborted: 'Aborted by user',
};

export class OperationEngine {
  private lastScheduleCheck: number;

  constructor(
    private readonly state: AltaroState,
    private readonly config: EngineConfig,
    startedAt: number,
  ) {
    this.lastScheduleCheck = startedAt;
  }

  // ------------------------------------------------------------------ starting

  startBackup(vm: Vm, at: number, trigger: Operation['trigger'] = 'Manual'): StartResult {
    const ref = vm.altaroRef;
    if (!ref) return notConfigured(vm);
    if (this.state.runningOperation(ref, 'Backup')) return alreadyRunning(vm, 'backup');
    const primary = this.state.locationsOf(vm, 'Primary');
    if (primary.length === 0) {
      return { ok: false, code: 'noLocation', message: `Virtual machine '${vm.name}' is not assigned to a backup location.` };
    }
    return { ok: true, operation: this.add('Backup', vm, at, trigger, primary.map((l) => l.id)) };
  }

  startOffsiteCopy(vm: Vm, at: number, trigger: Operation['trigger'] = 'Manual'): StartResult {
    const ref = vm.altaroRef;
    if (!ref) return notConfigured(vm);
    if (this.state.runningOperation(ref, 'OffsiteCopy')) return alreadyRunning(vm, 'offsite copy');
    const offsite = this.state.locationsOf(vm, 'Offsite');
    if (offsite.length === 0) {
      return { ok: false, code: 'noLocation', message: `Virtual machine '${vm.name}' is not assigned to an offsite location.` };
    }
    return { ok: true, operation: this.add('OffsiteCopy', vm, at, trigger, offsite.map((l) => l.id)) };
  }

  startVerification(vm: Vm, at: number): StartResult {
    const ref = vm.altaroRef;
    if (!ref) return notConfigured(vm);
    if (this.state.runningOperation(ref, 'Verification')) return alreadyRunning(vm, 'verification');
    const primary = this.state.locationsOf(vm, 'Primary');
    if (primary.length === 0) {
      return { ok: false, code: 'noLocation', message: `Virtual machine '${vm.name}' is not assigned to a backup location.` };
    }
    if (!vm.versions.some((v) => primary.some((l) => l.id === v.locationId))) {
      return { ok: false, code: 'noVersion', message: `No backup versions of virtual machine '${vm.name}' to verify.` };
    }
    return { ok: true, operation: this.add('Verification', vm, at, 'Manual', primary.map((l) => l.id)) };
  }

  /** Restore (clone) or sandbox restore of a version the routes already picked. */
  startRestore(kind: 'Restore' | 'SandboxRestore', vm: Vm, at: number, request: RestoreRequest): StartResult {
    const ref = vm.altaroRef;
    if (!ref) return notConfigured(vm);
    if (kind === 'SandboxRestore' && this.state.runningOperation(ref, 'SandboxRestore')) {
      return alreadyRunning(vm, 'sandbox restore');
    }
    const op = this.add(kind, vm, at, 'Manual', [request.version.locationId]);
    op.version = request.version;
    op.restoreAsName =
      request.restoreAsName ??
      `${vm.name}-${kind === 'Restore' ? 'Clone' : 'Sandbox'}-${formatCloneStamp(at, this.state.timeZone)}`;
    return { ok: true, operation: op };
  }

  private add(kind: OperationKind, vm: Vm, at: number, trigger: Operation['trigger'], locationIds: string[]): Operation {
    const durationMs = Math.max(1, this.config.operationMs);
    const op: Operation = {
      guid: newGuid(),
      kind,
      vmRef: vm.altaroRef!,
      vmName: vm.name,
      trigger,
      startedAt: at,
      durationMs,
      queuedMs: Math.min(2000, Math.round(durationMs * 0.1)),
      locationIds,
      finishedAt: null,
      outcome: null,
      finalPercentage: 0,
      error: null,
    };
    this.state.operations.set(op.guid, op);
    return op;
  }

  // ------------------------------------------------------------------ aborting

  /** Aborts a running operation; false when it is unknown or already finished. */
  abort(guid: string, now: number): 'aborted' | 'unknown' | 'finished' {
    this.settle(now);
    const op = this.state.operations.get(guid);
    if (!op) return 'unknown';
    if (op.finishedAt !== null) return 'finished';
    op.finalPercentage = this.percentage(op, now);
    this.finish(op, now, 'Aborted');
    return 'aborted';
  }

  // ------------------------------------------------------------------ time

  /** Brings everything up to `now`: scheduled starts, finishes (in time order) and grace expiry. */
  settle(now: number): void {
    if (now > this.lastScheduleCheck) {
      if (this.state.autoRunSchedules) {
        const from = Math.max(this.lastScheduleCheck, now - MAX_CATCH_UP_MS);
        const due: Array<{ at: number; scheduleId: string }> = [];
        for (const schedule of this.state.schedules) {
          if (schedule.kind !== 'Backup') continue;
          for (const at of runsBetween(schedule, from, now, this.state.timeZone)) due.push({ at, scheduleId: schedule.id });
        }
        due.sort((a, b) => a.at - b.at);
        for (const { at, scheduleId } of due) {
          this.finishUpTo(at);
          for (const vm of this.state.vms) {
            if (vm.altaroRef && vm.scheduleIds.includes(scheduleId)) this.startBackup(vm, at, 'Schedule');
          }
        }
      }
      this.lastScheduleCheck = now;
    }
    this.finishUpTo(now);
    for (const [guid, op] of this.state.operations) {
      if (op.finishedAt !== null && now >= op.finishedAt + this.config.finishedGraceMs) this.state.operations.delete(guid);
    }
  }

  private finishUpTo(t: number): void {
    for (;;) {
      let next: Operation | undefined;
      for (const op of this.state.operations.values()) {
        if (op.finishedAt !== null) continue;
        const end = op.startedAt + op.durationMs;
        if (end <= t && (!next || end < next.startedAt + next.durationMs)) next = op;
      }
      if (!next) return;
      this.finish(next, next.startedAt + next.durationMs, this.outcomeOf(next));
    }
  }

  private outcomeOf(op: Operation): OperationOutcome {
    const vm = this.state.vmByRef(op.vmRef);
    if (op.kind === 'Backup' && vm?.failNextBackup) return 'Error';
    if (op.kind === 'OffsiteCopy' && vm?.failNextOffsiteCopy) return 'Error';
    if (op.kind === 'OffsiteCopy' && vm && !this.latestPrimaryVersion(vm)) return 'Error';
    return 'Success';
  }

  // ------------------------------------------------------------------ finishing

  private finish(op: Operation, at: number, outcome: OperationOutcome): void {
    op.finishedAt = at;
    op.outcome = outcome;
    if (outcome === 'Success' || outcome === 'Warning') op.finalPercentage = 100;
    const vm = this.state.vmByRef(op.vmRef);
    const durationS = Math.max(1, Math.round((at - op.startedAt) / 1000));
    const startedAt = Math.floor(op.startedAt / 1000) * 1000;
    if (!vm) return; // the VM vanished (tests may edit state); nothing to record
    if (this.state.withholdReports) return;

    switch (op.kind) {
      case 'Backup':
        return this.finishBackup(op, vm, outcome, startedAt, durationS);
      case 'OffsiteCopy':
        return this.finishOffsite(op, vm, outcome, startedAt, durationS);
      case 'Restore':
      case 'SandboxRestore':
      case 'Verification': {
        op.error = outcome === 'Aborted' ? abortedText(op.kind) : null;
        const report: Report = {
          at: startedAt,
          durationS,
          result: outcome,
          location: this.state.location(op.locationIds[0])?.path ?? null,
          error: op.error,
          compressed: 0,
          uncompressed: 0,
          operationGuid: op.guid,
        };
        if (op.kind !== 'Verification') report.restoreAsName = op.restoreAsName;
        const list =
          op.kind === 'Restore' ? vm.reports.restore : op.kind === 'SandboxRestore' ? vm.reports.sandbox : vm.reports.verification;
        list.push(report);
        return;
      }
    }
  }

  private finishBackup(op: Operation, vm: Vm, outcome: OperationOutcome, at: number, durationS: number): void {
    if (outcome === 'Error') vm.failNextBackup = false;
    const ok = outcome === 'Success' || outcome === 'Warning';
    const sizes = ok ? backupTransfer(vm.diskBytes, `${op.vmRef}:${op.startedAt}`) : { compressed: 0, uncompressed: 0 };
    op.error = outcome === 'Aborted' ? ALTERR.backupAborted : outcome === 'Error' ? ALTERR.backupFailed : null;
    vm.reports.backup.push({
      at,
      durationS,
      result: outcome,
      location: this.state.location(op.locationIds[0])?.path ?? null,
      error: op.error,
      ...sizes,
      operationGuid: op.guid,
    });
    vm.lastBackup = { at, durationS, result: outcome, ...sizes };
    if (!ok) return;
    for (const locationId of op.locationIds) vm.versions.push({ locationId, at, sizeBytes: sizes.compressed });
    // A scheduled backup is followed by the offsite copy when the VM has an offsite location.
    if (op.trigger === 'Schedule' && this.state.locationsOf(vm, 'Offsite').length > 0) {
      this.startOffsiteCopy(vm, op.finishedAt!, 'Schedule');
    }
  }

  private finishOffsite(op: Operation, vm: Vm, outcome: OperationOutcome, at: number, durationS: number): void {
    const source = this.latestPrimaryVersion(vm);
    if (outcome === 'Error') {
      op.error = vm.failNextOffsiteCopy ? ALTERR.offsiteFailed : ALTERR.offsiteNothingToCopy;
      vm.failNextOffsiteCopy = false;
    } else op.error = outcome === 'Aborted' ? ALTERR.offsiteAborted : null;
    const ok = outcome === 'Success' || outcome === 'Warning';
    const sizes =
      ok && source ? backupTransfer(vm.diskBytes, `${op.vmRef}:${source.at}`) : { compressed: 0, uncompressed: 0 };
    vm.reports.offsite.push({
      at,
      durationS,
      result: outcome,
      location: this.state.location(op.locationIds[0])?.path ?? null,
      error: op.error,
      ...sizes,
      operationGuid: op.guid,
    });
    vm.lastOffsiteCopy = { at, durationS, result: outcome, ...sizes };
    if (!ok || !source) return;
    for (const locationId of op.locationIds) {
      if (!vm.versions.some((v) => v.locationId === locationId && v.at === source.at)) {
        vm.versions.push({ locationId, at: source.at, sizeBytes: source.sizeBytes });
      }
    }
  }

  private latestPrimaryVersion(vm: Vm): RestoreVersion | undefined {
    let best: RestoreVersion | undefined;
    for (const v of vm.versions) {
      if (this.state.location(v.locationId)?.kind !== 'Primary') continue;
      if (!best || v.at > best.at) best = v;
    }
    return best;
  }

  // ------------------------------------------------------------------ reading

  private percentage(op: Operation, now: number): number {
    if (op.finishedAt !== null) return op.finalPercentage;
    const elapsed = now - op.startedAt;
    if (elapsed < op.queuedMs) return 0;
    const span = Math.max(1, op.durationMs - op.queuedMs);
    return Math.min(99, Math.max(0, Math.floor(((elapsed - op.queuedMs) / span) * 100)));
  }

  /** The operation-status item for an operation (call `settle(now)` first). */
  view(op: Operation, now: number): StatusItem {
    const unlisted = this.config.statusNames === 'unlisted';
    const item = (SubOperation: string, Percentage: number, Status: string): StatusItem => ({
      JobId: op.guid,
      Operation: this.config.operationNames === 'spaced' ? SPACED_NAMES[op.kind] : op.kind,
      SubOperation,
      Percentage,
      Status,
      ...(this.config.statusItemFields === 'extended' ? { AltaroVirtualMachineRef: op.vmRef, VirtualMachineName: op.vmName } : {}),
    });
    if (op.finishedAt !== null && op.outcome) {
      return item(FINISHED_TEXT[op.outcome], op.finalPercentage, unlisted ? 'Completing' : op.outcome);
    }
    if (now - op.startedAt < op.queuedMs) return item('Waiting in queue', 0, unlisted ? 'Initializing' : 'Queued');
    const pct = this.percentage(op, now);
    const step = STEPS[op.kind].find(([upTo]) => pct < upTo)?.[1] ?? 'Finalising';
    return item(step, pct, unlisted && pct >= 90 ? 'Finalizing' : 'Processing');
  }

  /** Running operations and finished ones still in their grace period, oldest first. */
  visible(): Operation[] {
    return [...this.state.operations.values()].sort((a, b) => a.startedAt - b.startedAt);
  }
}

function notConfigured(vm: Vm): StartResult {
  return { ok: false, code: 'notConfigured', message: `Virtual machine '${vm.name}' is not added to the backup configuration.` };
}

function alreadyRunning(vm: Vm, what: string): StartResult {
  return {
    ok: false,
    code: 'alreadyRunning',
    message: `Another ${what} operation is already running for virtual machine '${vm.name}'.`,
  };
}
