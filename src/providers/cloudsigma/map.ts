/**
 * CloudSigma wire shapes -> domain, and the portable schedule inputs -> wire. Lenient by design
 * (DESIGN.md): every field optional, references as `{uuid}` objects or bare strings, numbers as
 * strings, `day_of_week` and `month` as lists or comma strings, window times as numbers or
 * strings, retention rules in the split-`time_option` form of the dumps (§2.4).
 *
 * Native ids: servers, drives and schedulers by uuid; backups and operations say what they are:
 * `snap:<uuid>` (local snapshot), `rsnap:<uuid>` (remote snapshot), `clone:<drive uuid>` (a drive
 * being cloned from a snapshot, i.e. a restore).
 */
import { ValidationError } from '../../domain/errors.js';
import type {
  Backup,
  BackupKind,
  BackupResult,
  Disk,
  Operation,
  OperationStatus,
  Recurrence,
  ResourceRef,
  RetentionPolicy,
  RetentionRule,
  Schedule,
  ScheduleKind,
  VirtualMachine,
} from '../../domain/model.js';
import { cloudSigmaRecurrence } from '../../domain/recurrence/cloudsigma.js';
import { ownDate, ParseMemo } from '../parse-memo.js';
import { isRecord, num, str, type Wire } from '../wire.js';

export type SnapshotKind = 'local' | 'remote';

export const SNAPSHOT_RESOURCE: Record<SnapshotKind, string> = { local: 'snapshots', remote: 'remotesnapshots' };
const PREFIX: Record<SnapshotKind, string> = { local: 'snap', remote: 'rsnap' };

/** "snap:<uuid>" / "rsnap:<uuid>" / "clone:<uuid>" -> parts; undefined for anything else. */
export function parseNativeId(nativeId: string): { kind: SnapshotKind | 'clone'; uuid: string } | undefined {
  const match = /^(snap|rsnap|clone):([^\s/?#]+)$/.exec(nativeId);
  if (!match) return undefined;
  const kind = match[1] === 'snap' ? 'local' : match[1] === 'rsnap' ? 'remote' : 'clone';
  return { kind, uuid: match[2] };
}

export function snapshotNativeId(kind: SnapshotKind, uuid: string): string {
  return `${PREFIX[kind]}:${uuid}`;
}

// ---- references and timestamps -------------------------------------------------------------------

/** A reference as `{uuid, resource_uri}`, a bare uuid, or only a resource_uri. */
export function refUuid(value: unknown): string | undefined {
  if (typeof value === 'string') return value.includes('/') ? lastSegment(value) : str(value);
  if (isRecord(value)) return str(value.uuid) ?? (typeof value.resource_uri === 'string' ? lastSegment(value.resource_uri) : undefined);
  return undefined;
}

function lastSegment(uri: string): string | undefined {
  return uri.split('/').filter(Boolean).at(-1);
}

/** `"2014-06-05 09:53:28.851859+00:00"` (§5.1), ISO 8601, or epoch seconds. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value < 1e12 ? value * 1000 : value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return ownDate(parsedTimestamps.get(value, () => parseText(value.trim())));
}

const parsedTimestamps = new ParseMemo<Date | undefined>(50_000);

function parseText(text: string): Date | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(text);
  if (match) {
    const [, date, time, fraction, zone] = match;
    const ms = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '';
    const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const parsed = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}${ms}${offset}`);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

// ---- servers and drives -------------------------------------------------------------------------

/** The drive uuids a server lists, boot drive first (lowest `boot_order`), then in listed order. */
export function serverDriveUuids(server: Wire): string[] {
  const slots = Array.isArray(server.drives) ? server.drives : [];
  return slots
    .map((slot, index) => ({ uuid: isRecord(slot) ? refUuid(slot.drive) : refUuid(slot), boot: isRecord(slot) ? num(slot.boot_order) : undefined, index }))
    .filter((s): s is { uuid: string; boot: number | undefined; index: number } => !!s.uuid)
    .sort((a, b) => (a.boot ?? Infinity) - (b.boot ?? Infinity) || a.index - b.index)
    .map((s) => s.uuid);
}

export function toVirtualMachine(providerId: string, server: Wire, newest: Map<string, BackupResult>): VirtualMachine {
  const nativeId = str(server.uuid) ?? '';
  const diskIds = serverDriveUuids(server);
  const results = diskIds.map((id) => newest.get(id)).filter((r): r is BackupResult => !!r);
  return {
    type: 'VirtualMachine',
    providerId,
    nativeId,
    name: str(server.name) ?? nativeId,
    host: undefined, // the API does not say which host runs a server
    configured: true,
    status: str(server.status),
    diskIds,
    lastBackup: results.sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0))[0],
    nextBackupAt: undefined,
  };
}

export function toDisk(providerId: string, drive: Wire, newest: Map<string, BackupResult>): Disk {
  const nativeId = str(drive.uuid) ?? '';
  const mounted = Array.isArray(drive.mounted_on) ? drive.mounted_on.map(refUuid).filter((u): u is string => !!u) : [];
  const runtime = isRecord(drive.runtime) ? drive.runtime : {};
  return {
    type: 'Disk',
    providerId,
    nativeId,
    name: str(drive.name) ?? nativeId,
    sizeBytes: num(drive.size),
    storageType: str(drive.storage_type) ?? str(runtime.storage_type),
    virtualMachineId: mounted[0],
    lastBackup: newest.get(nativeId),
    nextBackupAt: undefined,
  };
}

/** The scheduler uuid a drive carries, if any. */
export function driveSchedulerUuid(drive: Wire): string | undefined {
  return drive.backup_scheduler ? refUuid(drive.backup_scheduler) : undefined;
}

/** Ephemeral (`local_nvme`) drives and drives the runtime marks unsnapshotable cannot be protected. */
export function unprotectableReason(drive: Wire): string | undefined {
  const runtime = isRecord(drive.runtime) ? drive.runtime : {};
  const storage = str(drive.storage_type) ?? str(runtime.storage_type);
  if (storage === 'local_nvme' || runtime.is_ephemeral === true) return 'it is an ephemeral local_nvme drive';
  if (runtime.is_snapshotable === false) return 'the provider marks it as not snapshotable';
  if (str(drive.media) === 'cdrom') return 'it is a CD-ROM';
  return undefined;
}

/** Drive uuid -> its newest available snapshot, local or remote, as a SUCCESS. */
export function newestAvailable(...lists: Wire[][]): Map<string, BackupResult> {
  const newest = new Map<string, BackupResult>();
  for (const snapshots of lists) {
    for (const snap of snapshots) {
      if (str(snap.status)?.toLowerCase() !== 'available') continue;
      const drive = snapshotDriveUuid(snap);
      const at = parseTimestamp(snap.timestamp);
      if (!drive || !at) continue;
      const known = newest.get(drive);
      if (!known?.at || known.at < at) {
        newest.set(drive, { at, outcome: 'SUCCESS', transferredBytes: num(snap.allocated_size), message: str(snap.name) });
      }
    }
  }
  return newest;
}

export function snapshotDriveUuid(snap: Wire): string | undefined {
  return refUuid(snap.drive) ?? (isRecord(snap.drive_meta) ? str(snap.drive_meta.src_uuid) : undefined);
}

// ---- snapshots as backups and operations --------------------------------------------------------

export function diskRef(providerId: string, nativeId: string): ResourceRef {
  return { type: 'Disk', providerId, nativeId };
}

export function toBackup(providerId: string, kind: SnapshotKind, snap: Wire, localLocation: string | undefined): Backup {
  const uuid = str(snap.uuid) ?? '';
  const backupKind: BackupKind = kind === 'local' ? 'LOCAL_SNAPSHOT' : 'REMOTE_SNAPSHOT';
  return {
    providerId,
    nativeId: snapshotNativeId(kind, uuid),
    resource: diskRef(providerId, snapshotDriveUuid(snap) ?? ''),
    kind: backupKind,
    createdAt: parseTimestamp(snap.timestamp),
    sizeBytes: num(snap.allocated_size),
    status: str(snap.status),
    location: kind === 'remote' ? str(snap.location) : localLocation,
  };
}

/**
 * A snapshot in the one status model. Local: `creating` -> RUNNING. Remote: `creating` -> QUEUED
 * (the copy has not started moving), `transferring` -> RUNNING. `available` -> SUCCEEDED.
 * `phase` is the provider's own status; CloudSigma reports no percentage, so `progress` stays unset
 * (and OPERATION_PROGRESS is not declared).
 */
export function snapshotOperation(providerId: string, kind: SnapshotKind, snap: Wire, now: Date): Operation {
  const status = str(snap.status)?.toLowerCase() ?? '';
  const mapped = snapshotStatus(kind, status);
  const startedAt = parseTimestamp(snap.timestamp);
  const drive = snapshotDriveUuid(snap);
  return {
    providerId,
    nativeId: snapshotNativeId(kind, str(snap.uuid) ?? ''),
    kind: kind === 'local' ? 'SNAPSHOT' : 'REMOTE_SNAPSHOT',
    status: mapped,
    phase: status || undefined,
    ...(mapped === 'UNKNOWN' ? { message: status ? `CloudSigma status "${status}" is not one the API documents; still waiting for "available"` : 'CloudSigma gave no status' } : {}),
    target: drive ? diskRef(providerId, drive) : undefined,
    startedAt,
    updatedAt: now,
    finishedAt: mapped === 'SUCCEEDED' || mapped === 'FAILED' ? (parseTimestamp(snap.last_state_change) ?? undefined) : undefined,
  };
}

/** Status names that say the upstream gave up (none is documented; these are what an install may use). */
const FAILED_STATUSES = ['error', 'failed', 'failure', 'unavailable'];

/**
 * Documented: `creating`, `transferring`, `available` (§5.1, §6.2). A failure status is FAILED,
 * since the upstream said so. Any other name is UNKNOWN, not terminal: the snapshot is still
 * listed and may yet become available (pending.ts ends it after a bounded wait).
 */
function snapshotStatus(kind: SnapshotKind, status: string): OperationStatus {
  if (status === 'available') return 'SUCCEEDED';
  if (status === 'creating') return kind === 'local' ? 'RUNNING' : 'QUEUED';
  if (status === 'transferring') return 'RUNNING';
  if (FAILED_STATUSES.includes(status)) return 'FAILED';
  return 'UNKNOWN';
}

/**
 * A drive being cloned from a snapshot (restore): `cloning_dst` -> RUNNING; `unmounted` / `mounted`
 * (a usable drive, §7.1) -> SUCCEEDED; a failure status -> FAILED; any other status (`resizing`,
 * a name no dump shows) -> UNKNOWN, not terminal.
 */
export function cloneOperation(providerId: string, drive: Wire, now: Date, startedAt?: Date): Operation {
  const uuid = str(drive.uuid) ?? '';
  const status = str(drive.status)?.toLowerCase() ?? '';
  const mapped: OperationStatus =
    status === 'cloning_dst' || status === 'cloning'
      ? 'RUNNING'
      : status === 'creating'
        ? 'QUEUED'
        : status === 'unmounted' || status === 'mounted'
          ? 'SUCCEEDED'
          : FAILED_STATUSES.includes(status)
            ? 'FAILED'
            : 'UNKNOWN';
  return {
    providerId,
    nativeId: `clone:${uuid}`,
    kind: 'RESTORE',
    status: mapped,
    phase: status || undefined,
    message: `restoring into drive ${str(drive.name) ?? uuid}`,
    target: diskRef(providerId, uuid),
    startedAt,
    updatedAt: now,
  };
}

// ---- schedulers ---------------------------------------------------------------------------------

/** `snapshot` makes local snapshots; `backup` (and the legacy `dr`, `migration`) remote ones (§2.1). */
export function scheduleKindOf(type: unknown): ScheduleKind {
  return String(type ?? '').toLowerCase() === 'snapshot' ? 'LOCAL_SNAPSHOT' : 'REMOTE_SNAPSHOT';
}

/**
 * The recurrence fields of a scheduler, untouched: what `Recurrence.native` carries and `native`
 * input accepts. `manual_incremental_backup` belongs here: its times replace hour/minute/repeat
 * (§2.3 rule 3). `initial_backup` (a one-time migration window) does not; an update keeps it.
 */
export const NATIVE_KEYS = ['incremental_backup', 'manual_incremental_backup', 'user_timezone'] as const;

/**
 * Recurrences by the text of their native fields: the VMs' and disks' next runs and the schedule
 * list of every query read the same schedulers again, and one recurrence object per distinct
 * scheduler also lets nextRuns remember its runs. Shared objects: callers treat them as read-only.
 */
const recurrencesByNative = new ParseMemo<Recurrence>(1_000);

export function recurrenceOf(scheduler: Wire): Recurrence | undefined {
  if (!isRecord(scheduler.incremental_backup) && !str(scheduler.manual_incremental_backup)) return undefined;
  const fields: Wire = {};
  for (const key of NATIVE_KEYS) if (key in scheduler) fields[key] = scheduler[key];
  return recurrencesByNative.get(JSON.stringify(fields), () => recurrenceFromNative(structuredClone(fields)));
}

function recurrenceFromNative(native: Wire): Recurrence {
  try {
    return cloudSigmaRecurrence(native);
  } catch (error) {
    // An install sent something we cannot read: show it untouched, say why, compute no runs.
    const timezone = str(native.user_timezone) ?? 'Etc/UTC';
    return { timezone, description: `unreadable recurrence (${(error as Error).message})`, native };
  }
}

export function toSchedule(providerId: string, scheduler: Wire, targets: ResourceRef[] | undefined): Schedule {
  const nativeId = str(scheduler.uuid) ?? '';
  const kind = scheduleKindOf(scheduler.type);
  return {
    providerId,
    nativeId,
    name: str(scheduler.name) ?? nativeId,
    kind,
    enabled: scheduler.is_enabled === true || scheduler.is_enabled === 'true',
    recurrence: recurrenceOf(scheduler),
    retention: retentionOf(scheduler.retention_policy),
    remoteLocation: kind === 'REMOTE_SNAPSHOT' ? str(scheduler.remote_location) : undefined,
    targets,
  };
}

const PERIOD_UNITS: Record<string, RetentionRule['unit']> = { days: 'DAYS', day: 'DAYS', weeks: 'WEEKS', week: 'WEEKS', months: 'MONTHS', month: 'MONTHS' };

/**
 * `retention_policy.rules` -> rules; `time_option` becomes `anchor`. A rule holding only a
 * `time_option` (the split form of §2.4) anchors the rule before it. Unknown periods are skipped.
 */
export function retentionOf(policy: unknown): RetentionPolicy | undefined {
  if (!isRecord(policy)) return undefined;
  const rules: RetentionRule[] = [];
  for (const item of Array.isArray(policy.rules) ? policy.rules : []) {
    if (!isRecord(item)) continue;
    const anchor = num(item.time_option);
    const period = str(item.period)?.toLowerCase();
    if (period === undefined) {
      const last = rules.at(-1);
      if (last && last.anchor === undefined && anchor !== undefined) last.anchor = anchor;
      continue;
    }
    const unit = PERIOD_UNITS[period];
    const count = num(item.quantity);
    if (!unit || count === undefined) continue;
    rules.push({ unit, count, ...(anchor !== undefined ? { anchor } : {}) });
  }
  const name = str(policy.name);
  if (rules.length === 0 && !name) return undefined;
  return { name, rules, semantics: 'ANY_RULE_KEEPS' };
}

// ---- portable input -> wire ---------------------------------------------------------------------

const UNIT_PERIODS: Partial<Record<RetentionRule['unit'], string>> = { DAYS: 'days', WEEKS: 'weeks', MONTHS: 'months' };

/** Rules -> `retention_policy` (§2.4); LAST and YEARS have no CloudSigma form. */
export function retentionToWire(rules: RetentionRule[]): Wire {
  const wire = rules.map((rule, index) => {
    const period = UNIT_PERIODS[rule.unit];
    if (!period) {
      const hint = rule.unit === 'YEARS' ? `; use MONTHS with count ${rule.count * 12}` : '; use DAYS, WEEKS or MONTHS';
      throw new ValidationError(`retention[${index}].unit: CloudSigma keeps snapshots by days, weeks or months, not ${rule.unit}${hint}`, `retention[${index}].unit`);
    }
    return { period, quantity: rule.count, ...(rule.anchor !== undefined && rule.anchor !== null ? { time_option: rule.anchor } : {}) };
  });
  return { name: retentionName(rules), rules: wire };
}

function retentionName(rules: RetentionRule[]): string {
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const parts = rules.map((r) => {
    const unit = r.unit.toLowerCase().replace(/s$/, r.count === 1 ? '' : 's');
    const anchor = r.anchor === undefined ? '' : r.unit === 'WEEKS' ? ` (${day[r.anchor] ?? r.anchor})` : ` (day ${r.anchor})`;
    return `${r.count} ${unit}${anchor}`;
  });
  return `Keep ${parts.join(', ')}`;
}
