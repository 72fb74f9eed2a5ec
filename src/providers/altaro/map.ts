/**
 * Altaro wire shapes -> domain. Lenient by design (DESIGN.md): every field optional, results
 * matched case-insensitively, dates in the Altaro dash format or ISO, numbers as strings.
 */
import type {
  BackupOutcome,
  BackupResult,
  Operation,
  OperationKind,
  OperationStatus,
  ResourceRef,
  VirtualMachine,
} from '../../domain/model.js';
import { instantOf } from '../../domain/time.js';
import { num, str, type Wire } from '../wire.js';

export type { Wire };
export { num, str };

/** "2024-08-13-01-53-14" (server-local, in `timeZone`) or ISO 8601. */
export function parseAltaroDate(value: unknown, timeZone: string): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
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

export function operationStatusOf(value: unknown): OperationStatus {
  const text = String(value ?? '').toLowerCase();
  if (text === 'processing' || text === 'running' || text === 'inprogress') return 'RUNNING';
  if (text === 'queued' || text === 'pending' || text === 'waiting') return 'QUEUED';
  const outcome = outcomeOf(text);
  if (outcome === 'SUCCESS' || outcome === 'WARNING') return 'SUCCEEDED';
  if (outcome === 'ABORTED') return 'ABORTED';
  if (outcome === 'FAILED') return 'FAILED';
  return 'UNKNOWN';
}

export interface KnownOperation {
  kind: OperationKind;
  target?: ResourceRef;
  startedAt: Date;
}

/** One `Statuses` item; `known` is what we remember of operations we started ourselves. */
export function toOperation(providerId: string, wire: Wire, known: KnownOperation | undefined, now: Date): Operation {
  const status = operationStatusOf(wire.Status);
  const vmRef = str(wire.AltaroVirtualMachineRef);
  const target: ResourceRef | undefined = vmRef ? { type: 'VirtualMachine', providerId, nativeId: vmRef } : known?.target;
  const terminal = status === 'SUCCEEDED' || status === 'FAILED' || status === 'ABORTED';
  return {
    providerId,
    nativeId: String(str(wire.JobId) ?? str(wire.OperationGuid) ?? ''),
    kind: operationKindOf(wire.Operation) ?? known?.kind ?? 'BACKUP',
    status,
    progress: clampPercent(num(wire.Percentage)),
    phase: str(wire.SubOperation),
    message: outcomeOf(wire.Status) === 'WARNING' ? 'completed with warnings' : undefined,
    target,
    startedAt: known?.startedAt,
    updatedAt: now,
    finishedAt: terminal ? now : undefined,
  };
}

function clampPercent(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(value)));
}
