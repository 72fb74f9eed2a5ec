/**
 * An Altaro operation's outcome, once it left operation-status (contract §4.6: from then on only
 * the reports tell). Reports are read in their confirmed path form only: `reports/<kind>/{token}/{vmRef}`
 * with no segments = the VM's last operation (§4.7). `vms/list` `Last<kind>Time/Result` [C-code]
 * is the second witness (the only one for offsite copies where `reports/offsitecopy` [?] is missing).
 *
 * Matching does not depend on the server's zone: a report (or summary) that differs from the one
 * read before the operation could have finished is this operation's; dates are parsed only for display.
 */
import { UpstreamRejectedError } from '../../domain/errors.js';
import type { Operation, OperationKind, OperationStatus } from '../../domain/model.js';
import type { AltaroClient } from './client.js';
import { listOf } from './client.js';
import { num, outcomeOf, parseAltaroDate, str, type Wire } from './map.js';
import type { Baseline, KnownOperation } from './operation-book.js';

/** Where each kind's reports are; the offsite segment and key are unconfirmed, so both keys are read. */
const REPORTS: Partial<Record<OperationKind, { path: string; keys: string[] }>> = {
  BACKUP: { path: 'reports/backup', keys: ['BackupReports'] },
  OFFSITE_COPY: { path: 'reports/offsitecopy', keys: ['OffsiteCopyReports', 'BackupReports'] },
  RESTORE: { path: 'reports/restore', keys: ['RestoreReports'] },
};

/** The vms/list fields that summarise a VM's last operation of a kind. */
const SUMMARY: Partial<Record<OperationKind, 'LastBackup' | 'LastOffsiteCopy'>> = {
  BACKUP: 'LastBackup',
  OFFSITE_COPY: 'LastOffsiteCopy',
};

const KIND_WORD: Record<OperationKind, string> = {
  BACKUP: 'backup',
  OFFSITE_COPY: 'offsite copy',
  RESTORE: 'restore',
  SANDBOX_RESTORE: 'sandbox restore',
  VERIFY: 'verification',
  SEED_TO_DISK: 'seed to disk',
  SNAPSHOT: 'snapshot',
  REMOTE_SNAPSHOT: 'remote snapshot',
};

export function kindWord(kind: OperationKind): string {
  return KIND_WORD[kind];
}

export function hasWitness(kind: OperationKind): boolean {
  return REPORTS[kind] !== undefined || SUMMARY[kind] !== undefined;
}

export function hasSummary(kind: OperationKind): boolean {
  return SUMMARY[kind] !== undefined;
}

interface LastReport {
  signature: string | null | 'unavailable';
  wire?: Wire;
}

export type Resolution = { state: Operation } | { ambiguous: string } | undefined;

/** Reads that find out how an operation ended: fresh from upstream each time, as a poll's are (no request scope). */
export class OutcomeReader {
  constructor(
    private readonly client: AltaroClient,
    private readonly providerId: string,
    private readonly timeZone: string,
  ) {}

  async vmWires(): Promise<Wire[]> {
    return listOf<Wire>(await this.client.call(undefined, 'vms/list'), 'VirtualMachines');
  }

  /** The VM's newest report of a kind; 'unavailable' when no report route answers (a refusal or 404). */
  async lastReport(kind: OperationKind, vmRef: string): Promise<LastReport> {
    const route = REPORTS[kind];
    if (!route) return { signature: 'unavailable' };
    let reply;
    try {
      reply = await this.client.call(undefined, route.path, { args: [vmRef] });
    } catch (error) {
      if (error instanceof UpstreamRejectedError) return { signature: 'unavailable' };
      throw error;
    }
    const wire = route.keys.flatMap((key) => listOf<Wire>(reply, key))[0];
    return { signature: wire ? reportSignature(wire) : null, wire };
  }

  /** Baseline of one VM before (or while) an operation of `kind` runs on it. Best effort: what cannot be read stays undefined. */
  async baseline(kind: OperationKind, vmRef: string, vms?: Wire[]): Promise<Baseline> {
    const [report, summary] = await Promise.all([
      REPORTS[kind] ? this.lastReport(kind, vmRef).then((r) => r.signature).catch(() => undefined) : Promise.resolve('unavailable' as const),
      SUMMARY[kind]
        ? (vms ? Promise.resolve(vms) : this.vmWires()).then((list) => summaryOf(list.find((w) => str(w.AltaroVirtualMachineRef) === vmRef), kind)).catch(() => undefined)
        : Promise.resolve(undefined),
    ]);
    return { report, summary };
  }

  /** vms/list summaries of every configured VM, for an operation whose VM nothing names yet. */
  fleet(kind: OperationKind, vms: Wire[]): Map<string, string | null> | undefined {
    if (!SUMMARY[kind]) return undefined;
    const result = new Map<string, string | null>();
    for (const wire of vms) {
      const ref = str(wire.AltaroVirtualMachineRef);
      if (ref) result.set(ref, summaryOf(wire, kind) ?? null);
    }
    return result;
  }

  /**
   * The outcome of an operation that left operation-status, if an answer tells it apart from what
   * was there before. `claimed` = VMs other followed operations of the same kind run on.
   */
  async resolve(known: KnownOperation, claimed: Set<string>, now: Date): Promise<Resolution> {
    if (known.target) return this.resolveOnVm(known, known.target.nativeId, now);
    if (!known.fleet) return undefined;
    const vms = await this.vmWires();
    const changed = vms.filter((wire) => {
      const ref = str(wire.AltaroVirtualMachineRef);
      return ref && !claimed.has(ref) && known.fleet!.has(ref) && (summaryOf(wire, known.kind) ?? null) !== known.fleet!.get(ref);
    });
    if (changed.length === 0) return undefined;
    if (changed.length > 1) {
      const names = changed.map((w) => str(w.VirtualMachineName) ?? str(w.AltaroVirtualMachineRef)).join(', ');
      return { ambiguous: `the provider names no VM for it, and the last ${kindWord(known.kind)} of several VMs changed meanwhile (${names}), so which one was this operation's cannot be told` };
    }
    // Exactly one VM's last run of this kind changed: that VM is the target.
    const vm = changed[0];
    const ref = str(vm.AltaroVirtualMachineRef)!;
    known.target = { type: 'VirtualMachine', providerId: this.providerId, nativeId: ref };
    const report = await this.lastReport(known.kind, ref).catch(() => undefined);
    // The report of the same run carries the same timestamp text as vms/list (no zone involved).
    const prefix = SUMMARY[known.kind]!;
    if (report?.wire && str(report.wire.DateTime) === str(vm[`${prefix}Time`])) return { state: this.fromReport(known, report.wire, now) };
    return { state: this.fromSummary(known, vm, now) };
  }

  private async resolveOnVm(known: KnownOperation, vmRef: string, now: Date): Promise<Resolution> {
    const before = known.baseline ?? {};
    if (REPORTS[known.kind] && before.report !== undefined && before.report !== 'unavailable') {
      const report = await this.lastReport(known.kind, vmRef);
      if (report.wire && report.signature !== 'unavailable' && report.signature !== before.report) {
        return { state: this.fromReport(known, report.wire, now) };
      }
    }
    if (SUMMARY[known.kind] && before.summary !== undefined) {
      const vm = (await this.vmWires()).find((w) => str(w.AltaroVirtualMachineRef) === vmRef);
      const summary = summaryOf(vm, known.kind);
      if (vm && summary !== undefined && summary !== before.summary) return { state: this.fromSummary(known, vm, now) };
    }
    return undefined;
  }

  /** Whether any later answer could tell this operation's outcome (false = say UNKNOWN now). */
  canTell(known: KnownOperation): boolean {
    if (known.target) {
      const before = known.baseline ?? {};
      const report = REPORTS[known.kind] !== undefined && before.report !== undefined && before.report !== 'unavailable';
      const summary = SUMMARY[known.kind] !== undefined && before.summary !== undefined;
      return report || summary;
    }
    return known.fleet !== undefined && SUMMARY[known.kind] !== undefined;
  }

  fromReport(known: KnownOperation, report: Wire, now: Date): Operation {
    const startedAt = parseAltaroDate(report.DateTime, this.timeZone);
    const duration = num(report.Duration);
    return this.finished(known, report.Result, str(report.Error), now, startedAt && duration !== undefined ? new Date(startedAt.getTime() + duration * 1000) : undefined, 'report');
  }

  fromSummary(known: KnownOperation, vm: Wire, now: Date): Operation {
    const prefix = SUMMARY[known.kind]!;
    const startedAt = parseAltaroDate(vm[`${prefix}Time`], this.timeZone);
    const duration = num(vm[`${prefix}Duration`]);
    return this.finished(known, vm[`${prefix}Result`], undefined, now, startedAt && duration !== undefined ? new Date(startedAt.getTime() + duration * 1000) : undefined, 'summary');
  }

  private finished(known: KnownOperation, result: unknown, error: string | undefined, now: Date, finishedAt: Date | undefined, source: 'report' | 'summary'): Operation {
    const outcome = outcomeOf(result);
    const status: OperationStatus =
      outcome === 'SUCCESS' || outcome === 'WARNING' ? 'SUCCEEDED' : outcome === 'ABORTED' ? 'ABORTED' : outcome === 'FAILED' ? 'FAILED' : 'UNKNOWN';
    const where = source === 'report' ? "the VM's report" : `the VM's last ${kindWord(known.kind)} in vms/list`;
    const message =
      status === 'UNKNOWN'
        ? `the operation finished; ${where} gives its result as ${JSON.stringify(String(result ?? ''))}, which does not say whether it succeeded`
        : (error ?? (outcome === 'WARNING' ? 'completed with warnings' : undefined));
    return {
      providerId: this.providerId,
      nativeId: known.nativeId,
      kind: known.kind,
      status,
      final: status === 'UNKNOWN' ? true : undefined,
      progress: status === 'SUCCEEDED' ? 100 : known.last?.progress,
      phase: known.last?.phase,
      message,
      target: known.target,
      startedAt: known.startedAt,
      updatedAt: now,
      finishedAt: finishedAt ?? now,
    };
  }
}

function reportSignature(wire: Wire): string {
  return [str(wire.DateTime) ?? '', str(wire.Result) ?? '', str(wire.Duration) ?? ''].join('|');
}

/** `Last<kind>Time|Result|Duration` of a VM; null = never ran; undefined = no VM or no such fields for the kind. */
export function summaryOf(vm: Wire | undefined, kind: OperationKind): string | null | undefined {
  const prefix = SUMMARY[kind];
  if (!vm || !prefix) return undefined;
  const time = str(vm[`${prefix}Time`]);
  const result = str(vm[`${prefix}Result`]);
  if (!time && !result) return null;
  return [time ?? '', result ?? '', str(vm[`${prefix}Duration`]) ?? ''].join('|');
}
