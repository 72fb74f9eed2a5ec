/**
 * Snapshot lifecycle (contract §5, §6, §8): statuses derived from the SimClock, creation with the
 * remote-snapshot rules, and the edit/delete guards.
 *
 * - Local: `creating` for `snapshotMs` after `takenAt`, then `available`; `allocated_size` is null
 *   while creating.
 * - Remote: `creating` for the first third of `remoteTransferMs`, `transferring` until
 *   `remoteTransferMs`, then `available` [I: the split]; `allocated_size` is 0 until available.
 * - Remote rules [C text; status/type I]: at most one remote snapshot per drive within 30 minutes,
 *   none while the drive's previous one is `creating`/`transferring`, no edit/delete while it is in
 *   progress. All answered 403 `permission` ("the operation is not allowed", §1.4).
 * - Ephemeral `local_nvme` drives cannot be snapshotted: 403 `permission`, error_point `drive`.
 * - Variants `snapshotOutcome` / `cloneOutcome`: a snapshot made through the API may stay in its
 *   last in-progress status for ever (`stuck`), turn `error`, or be gone (`vanishes`) once it would
 *   have been available; a clone may stay `cloning_dst` or be gone.
 */
import type { CloudSigmaState, DriveRecord, SchedulerRecord, SnapshotKind, SnapshotRecord } from './state.js';
import { unitHash } from './state.js';
import { ApiError, apiError, nameStamp, notExist, validationError } from './wire.js';

export type SnapshotStatus = 'creating' | 'transferring' | 'available' | 'error';

export const REMOTE_MIN_GAP_MS = 30 * 60_000;

export const KNOWN_LOCATIONS = ['PER', 'DUS', 'FRA', 'DUB', 'TYO', 'CRK', 'MNL', 'MNL2', 'RUH', 'GVA', 'ZRH', 'ADB', 'CWL', 'LON', 'HNL', 'WDC', 'TBC'];

function phases(state: CloudSigmaState, snap: SnapshotRecord): { creatingUntil: number; transferringUntil: number } {
  if (snap.kind === 'local') {
    const until = snap.takenAt + state.config.snapshotMs;
    return { creatingUntil: until, transferringUntil: until };
  }
  const total = state.config.remoteTransferMs;
  return { creatingUntil: snap.takenAt + Math.floor(total / 3), transferringUntil: snap.takenAt + total };
}

export function snapshotStatus(state: CloudSigmaState, snap: SnapshotRecord, at = state.clock.now()): SnapshotStatus {
  const p = phases(state, snap);
  if (at < p.creatingUntil) return 'creating';
  if (at < p.transferringUntil) return 'transferring';
  if (snap.outcome === 'stuck') return snap.kind === 'local' ? 'creating' : 'transferring';
  return snap.outcome === 'error' ? 'error' : 'available';
}

/** Whether the snapshot has reached its end (available, error, or due to vanish). */
function isDue(state: CloudSigmaState, snap: SnapshotRecord, at: number): boolean {
  return at >= phases(state, snap).transferringUntil;
}

/** Drop the snapshots and clones of the `vanishes` variants whose end has come. */
export function sweepVanished(state: CloudSigmaState, at = state.clock.now()): void {
  for (const kind of ['local', 'remote'] as const) {
    const store = state.snapshotsOf(kind);
    for (const snap of store.values()) if (snap.outcome === 'vanishes' && isDue(state, snap, at)) store.delete(snap.uuid);
  }
  for (const drive of state.drives.values()) {
    if (drive.cloneOutcome === 'vanishes' && drive.cloningUntil !== undefined && at >= drive.cloningUntil) state.drives.delete(drive.uuid);
  }
}

export function lastStateChange(state: CloudSigmaState, snap: SnapshotRecord, at = state.clock.now()): number {
  const p = phases(state, snap);
  if (at >= p.transferringUntil && snap.outcome !== 'stuck') return p.transferringUntil;
  if (at >= p.creatingUntil && snap.kind === 'remote') return p.creatingUntil;
  return snap.takenAt;
}

export function allocatedSize(state: CloudSigmaState, snap: SnapshotRecord, at = state.clock.now()): number | null {
  const status = snapshotStatus(state, snap, at);
  if (status === 'available') return snap.allocatedSize;
  return snap.kind === 'local' ? null : 0;
}

export function inProgress(state: CloudSigmaState, snap: SnapshotRecord, at = state.clock.now()): boolean {
  const status = snapshotStatus(state, snap, at);
  return status === 'creating' || status === 'transferring';
}

export function isEphemeral(drive: DriveRecord): boolean {
  return drive.storageType === 'local_nvme';
}

/** Why a new remote snapshot of this drive is not allowed at `at`, or null. */
export function remoteSnapshotBlock(state: CloudSigmaState, driveUuid: string, at: number): string | null {
  for (const snap of state.driveSnapshots('remote', driveUuid)) {
    if (snap.takenAt > at) continue;
    if (inProgress(state, snap, at)) {
      return `Remote snapshot ${snap.uuid} of this drive is still ${snapshotStatus(state, snap, at)}; a new one cannot be created until it is available`;
    }
    if (snap.takenAt > at - REMOTE_MIN_GAP_MS) {
      return `Only one remote snapshot per drive is allowed within 30 minutes; the last one was taken at ${new Date(snap.takenAt).toISOString()}`;
    }
  }
  return null;
}

export interface SnapshotInput {
  drive?: unknown;
  name?: unknown;
  meta?: unknown;
  tags?: unknown;
  location?: unknown;
}

export function parseMeta(value: unknown, point = 'meta'): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw validationError(point, 'meta must be an object of strings');
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key.length > 32) throw validationError(point, `meta key "${key}" is longer than 32 characters`);
    out[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

export function parseTags(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationError('tags', 'tags must be a list');
  return value;
}

/**
 * Create a snapshot of `kind` taken at `at` (an API call passes now; the scheduler passes the run
 * time). Throws ApiError when the drive is unknown or the rules forbid it.
 */
export function createSnapshot(
  state: CloudSigmaState,
  kind: SnapshotKind,
  input: SnapshotInput,
  at: number,
  scheduler?: SchedulerRecord,
): SnapshotRecord {
  const driveRef = input.drive;
  const driveUuid =
    typeof driveRef === 'string' ? driveRef : driveRef && typeof driveRef === 'object' ? (driveRef as { uuid?: unknown }).uuid : undefined;
  if (driveRef === undefined || driveRef === null || driveRef === '') throw validationError('drive', 'This field is required');
  if (typeof driveUuid !== 'string') throw validationError('drive', 'drive must be a drive uuid');
  const drive = state.drives.get(driveUuid);
  if (!drive) throw notExist('drive', driveUuid, 'drive');
  if (isEphemeral(drive)) throw apiError(403, 'permission', 'Ephemeral (local_nvme) drives cannot be snapshotted', 'drive');

  let location: string | undefined;
  if (kind === 'remote') {
    const raw = input.location;
    if (raw === undefined || raw === null || raw === '') location = state.config.location;
    else if (typeof raw !== 'string' || !KNOWN_LOCATIONS.includes(raw.toUpperCase())) {
      throw validationError('location', `Unknown location ${JSON.stringify(raw)}`);
    } else location = raw.toUpperCase();
    const block = remoteSnapshotBlock(state, drive.uuid, at);
    if (block) throw ruleError(state, block, 'drive');
  }
  if (input.name !== undefined && input.name !== null && typeof input.name !== 'string') throw validationError('name', 'name must be a string');

  const uuid = state.newUuid();
  const meta = parseMeta(input.meta);
  if (scheduler) {
    meta.backup_scheduler = scheduler.uuid;
    meta.backup_scheduler_name = String(scheduler.data.name ?? '');
  }
  const fraction = 0.04 + unitHash(uuid) * 0.3;
  const snap: SnapshotRecord = {
    kind,
    uuid,
    drive: drive.uuid,
    name: typeof input.name === 'string' && input.name !== '' ? input.name : `${drive.uuid}__${nameStamp(at)}`,
    meta,
    tags: parseTags(input.tags),
    takenAt: at,
    allocatedSize: Math.max(1, Math.round((drive.size * fraction) / 1_048_576)) * 1_048_576,
    ...(kind === 'remote'
      ? {
          location,
          driveMeta: { media: drive.media, name: drive.name, size: drive.size, src_uuid: drive.uuid, storage_type: drive.storageType },
        }
      : {}),
    ...(scheduler ? { scheduler: scheduler.uuid } : {}),
  };
  state.snapshotsOf(kind).set(uuid, snap);
  return snap;
}

export function assertChangeable(state: CloudSigmaState, snap: SnapshotRecord, verb: 'edit' | 'delete'): void {
  if (snap.kind === 'remote' && inProgress(state, snap)) {
    throw ruleError(state, `Cannot ${verb} remote snapshot ${snap.uuid} while it is ${snapshotStatus(state, snap)}`, null);
  }
}

/** A remote-snapshot rule (§6.2) broken: 403 `permission`, or 400 `validation` (variant `remoteRuleRejection`). */
function ruleError(state: CloudSigmaState, message: string, point: string | null): ApiError {
  return state.config.variants.remoteRuleRejection === 'validation' ? apiError(400, 'validation', message, point) : apiError(403, 'permission', message, point);
}

export interface CloneInput {
  name?: unknown;
  media?: unknown;
  affinities?: unknown;
}

/**
 * `POST /{snapshots|remotesnapshots}/{uuid}/action/?do=clone` (contract §5.2, §6.3): a new drive
 * made from the snapshot, answered at once with status `cloning_dst`, which turns `unmounted`
 * `cloneMs` later [I: timing]. The source drive's size, media and storage type are copied (for a
 * remote snapshot from its `drive_meta`, so a clone works after the source drive is gone).
 * - A remote snapshot still `creating`/`transferring` cannot be cloned: 403 `permission` (§6.2).
 * - A local snapshot still `creating` may be [I]: the clone then finishes `cloneMs` after the
 *   snapshot became available.
 * - Body (optional): `name` (string), `media` (`disk`|`cdrom`), `affinities` (list of strings,
 *   stored nowhere). Default name: `{source drive name}-clone-{YYYY-MM-DD__HH_MM_SS of the snapshot}`.
 */
export function cloneSnapshot(state: CloudSigmaState, snap: SnapshotRecord, input: CloneInput, at: number): DriveRecord {
  if (snap.kind === 'remote' && inProgress(state, snap, at)) {
    throw apiError(403, 'permission', `Cannot clone remote snapshot ${snap.uuid} while it is ${snapshotStatus(state, snap, at)}`);
  }
  if (input.name !== undefined && input.name !== null && typeof input.name !== 'string') throw validationError('name', 'name must be a string');
  if (input.media !== undefined && input.media !== null && input.media !== 'disk' && input.media !== 'cdrom') {
    throw validationError('media', 'media must be "disk" or "cdrom"');
  }
  if (input.affinities !== undefined && input.affinities !== null && (!Array.isArray(input.affinities) || input.affinities.some((a) => typeof a !== 'string'))) {
    throw validationError('affinities', 'affinities must be a list of strings');
  }
  const source = state.drives.get(snap.drive);
  const origin = snap.driveMeta ?? (source ? { media: source.media, name: source.name, size: source.size, storage_type: source.storageType } : undefined);
  if (!origin) throw notExist('drive', snap.drive, 'drive');
  const availableAt = phases(state, snap).transferringUntil;
  const uuid = state.newUuid();
  const drive: DriveRecord = {
    uuid,
    name: typeof input.name === 'string' && input.name !== '' ? input.name : `${origin.name}-clone-${nameStamp(snap.takenAt)}`,
    size: origin.size,
    media: (input.media as 'disk' | 'cdrom' | undefined) ?? (origin.media === 'cdrom' ? 'cdrom' : 'disk'),
    storageType: origin.storage_type,
    meta: {},
    tags: [],
    backupScheduler: null,
    createdAt: at,
    cloningUntil: Math.max(at, availableAt) + state.config.cloneMs,
    cloneJob: state.newUuid(),
  };
  state.drives.set(uuid, drive);
  return drive;
}
