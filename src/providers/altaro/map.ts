/**
 * Altaro wire shapes -> domain. Lenient by design (DESIGN.md): every field optional, results
 * matched case-insensitively, dates in the Altaro dash format or ISO, numbers as strings.
 */
import type {
  BackupOutcome,
  BackupResult,
  Operation,
  OperationKind,
  ResourceRef,
  VirtualMachine,
} from '../../domain/model.js';
import { instantOf } from '../../domain/time.js';
import { ownDate, ParseMemo } from '../parse-memo.js';
import { num, str, type Wire } from '../wire.js';

export type { Wire };
export { num, str };

/** "2024-08-13-01-53-14" (server-local, in `timeZone`) or ISO 8601. */
export function parseAltaroDate(value: unknown, timeZone: string): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return ownDate(parsedDates.get(`${timeZone}|${value}`, () => parseDate(value, timeZone)));
}

const parsedDates = new ParseMemo<Date | undefined>(50_000);

function parseDate(value: string, timeZone: string): Date | undefined {
  const dashed = /^(\d{4})-(\d{2})-(\d{2})[-T ](\d{2})[-:](\d{2})[-:](\d{2})$/.exec(value.trim());
  if (dashed) {
    const [year, month, day, hour, minute, second] = dashed.slice(1).map(Number);
    return instantOf({ year, month, day, hour, minute, second }, timeZone);
  }
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

export function outcomeOf(result: unknown): BackupOutcome {
  const text = String(result ?? '').toLowerCase();
  if (text === 'success' || text === 'succeeded' || text === 'completed') return 'SUCCESS';
  if (text === 'warning') return 'WARNING';
  if (text === 'aborted' || text === 'cancelled' || text === 'canceled') return 'ABORTED';
  if (text === 'unknown' || text === '') return 'UNKNOWN';
  return 'FAILED'; // "Error", "Failed", "BASEBACKUPCONTROLLER_18", …
}

function resultOf(wire: Wire, prefix: 'LastBackup' | 'LastOffsiteCopy', timeZone: string): BackupResult | undefined {
  const at = parseAltaroDate(wire[`${prefix}Time`], timeZone);
  const result = wire[`${prefix}Result`];
  if (!at && (result === null || result === undefined || result === '')) return undefined;
  return {
    at,
    outcome: outcomeOf(result),
    durationSeconds: num(wire[`${prefix}Duration`]),
    transferredBytes: num(wire[`${prefix}TransferSizeCompressed`]),
    message: str(result),
  };
}

/** A VM's native id: its AltaroVirtualMachineRef, or the hypervisor UUID while it is not configured. */
export function vmNativeId(wire: Wire): string {
  return String(str(wire.AltaroVirtualMachineRef) ?? str(wire.HypervisorVirtualMachineUuid) ?? '');
}

export function toVirtualMachine(providerId: string, wire: Wire, timeZone: string): VirtualMachine {
  const configured = wire.Configured === true || wire.Configured === 'true' || (wire.Configured === undefined && !!str(wire.AltaroVirtualMachineRef));
  return {
    type: 'VirtualMachine',
    providerId,
    nativeId: vmNativeId(wire),
    name: str(wire.VirtualMachineName) ?? vmNativeId(wire),
    host: str(wire.HostName),
    configured,
    status: configured ? 'Configured' : 'Not configured',
    diskIds: [],
    lastBackup: resultOf(wire, 'LastBackup', timeZone),
    lastOffsiteCopy: resultOf(wire, 'LastOffsiteCopy', timeZone),
    nextBackupAt: parseAltaroDate(wire.NextBackupTime, timeZone),
  };
}

const OPERATION_KINDS: Record<string, OperationKind> = {
  backup: 'BACKUP',
  offsitecopy: 'OFFSITE_COPY',
  restore: 'RESTORE',
  sandboxrestore: 'SANDBOX_RESTORE',
  verification: 'VERIFY',
  dataverification: 'VERIFY',
  seedtodisk: 'SEED_TO_DISK',
};

export function operationKindOf(value: unknown): OperationKind | undefined {
  return OPERATION_KINDS[String(value ?? '').replace(/[\s_-]/g, '').toLowerCase()];
}

const IN_PROGRESS = new Set(['processing', 'running', 'inprogress']);
const WAITING = new Set(['queued', 'pending', 'waiting', 'initializing', 'initialising', 'starting', 'preparing']);

/**
 * A listed operation's status. Only `Processing` is confirmed (contract §5.3): while an
 * operation is listed, no status name ends it; the outcome comes from the reports. `settled`
 * says the name is one we know to mean "still going" (Processing, Queued, …).
 */
export function listedStatusOf(value: unknown): { status: 'QUEUED' | 'RUNNING'; settled: boolean } {
  const text = String(value ?? '').replace(/[\s_-]/g, '').toLowerCase();
  if (IN_PROGRESS.has(text)) return { status: 'RUNNING', settled: true };
  if (WAITING.has(text)) return { status: 'QUEUED', settled: true };
  return { status: 'RUNNING', settled: false };
}

/** The JobId of a status item (the OperationGuid, very probably [I]). */
export function jobIdOf(wire: Wire): string | undefined {
  return (str(wire.JobId) ?? str(wire.OperationGuid))?.toLowerCase();
}

/** One `Statuses` item while it is listed: never terminal. The VM is named only where the item carries it (not documented). */
export function toListedOperation(providerId: string, wire: Wire, known: { kind: OperationKind; target?: ResourceRef; startedAt: Date } | undefined, now: Date): Operation {
  const { status, settled } = listedStatusOf(wire.Status);
  const vmRef = str(wire.AltaroVirtualMachineRef);
  const target: ResourceRef | undefined = known?.target ?? (vmRef ? { type: 'VirtualMachine', providerId, nativeId: vmRef } : undefined);
  const raw = str(wire.Status);
  return {
    providerId,
    nativeId: jobIdOf(wire) ?? '',
    kind: known?.kind ?? operationKindOf(wire.Operation) ?? 'BACKUP',
    status,
    progress: clampPercent(num(wire.Percentage)),
    phase: str(wire.SubOperation),
    // A status name we do not know is shown as it is: it may mean the operation is ending.
    message: settled || !raw ? undefined : `Altaro reports the status "${raw}"; the outcome is read from the reports once the operation ends`,
    target,
    startedAt: known?.startedAt,
    updatedAt: now,
  };
}

function clampPercent(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(value)));
}
