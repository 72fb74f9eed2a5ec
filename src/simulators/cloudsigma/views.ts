/**
 * Wire shapes of every resource: full (detail / single GET) and reduced (plain list) forms, with
 * keys sorted as in the dumps.
 */
import { allocatedSize, lastStateChange, snapshotStatus } from './lifecycle.js';
import type { CloudSigmaState, DriveRecord, SchedulerRecord, ServerRecord, SnapshotRecord } from './state.js';
import { formatTimestamp, ref, sortKeys } from './wire.js';

export function owner(state: CloudSigmaState): { resource_uri: string; uuid: string } {
  return { resource_uri: `/api/2.0/user/${state.config.ownerUuid}/`, uuid: state.config.ownerUuid };
}

// --- backup schedulers --------------------------------------------------------------------------

/**
 * The full scheduler. `echo: true` is the create reply, which gives the rules as submitted; the
 * other replies split `time_option` into entries of their own under `retentionEcho: 'split'` (§2.4).
 */
export function schedulerFull(state: CloudSigmaState, rec: SchedulerRecord, echo = false): Record<string, unknown> {
  const data = structuredClone(rec.data);
  if (!echo && state.config.variants.retentionEcho === 'split') data.retention_policy = splitRules(data.retention_policy);
  return sortKeys({
    ...data,
    owner: owner(state),
    resource_uri: `/api/2.0/backupschedulers/${rec.uuid}/`,
    uuid: rec.uuid,
  });
}

function splitRules(policy: unknown): unknown {
  if (!policy || typeof policy !== 'object' || !Array.isArray((policy as { rules?: unknown }).rules)) return policy;
  const rules = (policy as { rules: unknown[] }).rules.flatMap((rule) => {
    if (!rule || typeof rule !== 'object') return [rule];
    const { time_option: timeOption, ...rest } = rule as Record<string, unknown>;
    if (timeOption === undefined || rest.period === undefined) return [rule];
    return [rest, { time_option: timeOption }];
  });
  return { ...(policy as Record<string, unknown>), rules };
}

const SCHEDULER_LIST_FIELDS = [
  'is_default',
  'is_enabled',
  'meta',
  'name',
  'orchestrator_timezone',
  'owner',
  'remote_location',
  'resource_uri',
  'type',
  'user_timezone',
  'uuid',
];

export function schedulerReduced(state: CloudSigmaState, rec: SchedulerRecord): Record<string, unknown> {
  const full = schedulerFull(state, rec);
  return Object.fromEntries(SCHEDULER_LIST_FIELDS.map((k) => [k, full[k]]));
}

// --- drives ---------------------------------------------------------------------------------------

export function isCloning(state: CloudSigmaState, drive: DriveRecord): boolean {
  if (drive.cloningUntil === undefined) return false;
  return drive.cloneOutcome === 'stuck' || state.clock.now() < drive.cloningUntil;
}

/** §5.1 timestamps, with their offset or (variant `timestamps: 'naive'`) without a zone. */
function stamp(state: CloudSigmaState, epochMs: number): string {
  const text = formatTimestamp(epochMs);
  return state.config.variants.timestamps === 'naive' ? text.replace(/\+00:00$/, '') : text;
}

export function driveStatus(state: CloudSigmaState, drive: DriveRecord): string {
  if (isCloning(state, drive)) return 'cloning_dst';
  return state.serversOfDrive(drive.uuid).length > 0 ? 'mounted' : 'unmounted';
}

export function driveFull(state: CloudSigmaState, drive: DriveRecord): Record<string, unknown> {
  const now = state.clock.now();
  const locals = state.driveSnapshots('local', drive.uuid);
  const remotes = state.driveSnapshots('remote', drive.uuid);
  const snapshotsAllocated = locals.reduce((sum, s) => sum + (allocatedSize(state, s, now) ?? 0), 0);
  return sortKeys({
    affinities: [],
    allow_multimount: false,
    backup_scheduler: drive.backupScheduler ? ref('backupschedulers', drive.backupScheduler) : null,
    grantees: [],
    iops: null,
    jobs: isCloning(state, drive) && drive.cloneJob ? [ref('jobs', drive.cloneJob)] : [],
    licenses: [],
    media: drive.media,
    meta: { ...drive.meta },
    mounted_on: state.serversOfDrive(drive.uuid).map((s) => ref('servers', s.uuid)),
    name: drive.name,
    owner: owner(state),
    permissions: [],
    remote_snapshots: remotes.map((s) => ref('remotesnapshots', s.uuid)),
    resource_uri: `/api/2.0/drives/${drive.uuid}/`,
    runtime: {
      is_snapshotable: drive.storageType !== 'local_nvme',
      snapshots_allocated_size: snapshotsAllocated,
      storage_type: drive.storageType,
      ...(drive.storageType === 'local_nvme' ? { is_ephemeral: true } : {}),
    },
    size: drive.size,
    snapshots: locals.map((s) => ref('snapshots', s.uuid)),
    status: driveStatus(state, drive),
    storage_type: drive.storageType,
    tags: [...drive.tags],
    uuid: drive.uuid,
  });
}

export function driveReduced(state: CloudSigmaState, drive: DriveRecord): Record<string, unknown> {
  return {
    owner: owner(state),
    resource_uri: `/api/2.0/drives/${drive.uuid}/`,
    status: driveStatus(state, drive),
    uuid: drive.uuid,
  };
}

// --- servers --------------------------------------------------------------------------------------

function serverRuntime(state: CloudSigmaState, server: ServerRecord): Record<string, unknown> | null {
  if (server.status !== 'running' || server.startedAt === null) return null;
  return { active_since: stamp(state, server.startedAt), nics: [] };
}

export function serverFull(state: CloudSigmaState, server: ServerRecord): Record<string, unknown> {
  return sortKeys({
    context: true,
    cpu: server.cpu,
    cpu_model: null,
    cpus_instead_of_cores: false,
    drives: server.drives.map((slot) => ({
      boot_order: slot.boot_order,
      dev_channel: slot.dev_channel,
      device: slot.device,
      drive: ref('drives', slot.drive),
      runtime: null,
    })),
    enable_numa: false,
    grantees: [],
    hv_relaxed: false,
    hv_tsc: false,
    jobs: [],
    mem: server.mem,
    meta: { ...server.meta },
    name: server.name,
    nics: [
      {
        boot_order: null,
        firewall_policy: null,
        ip_v4_conf: { conf: 'dhcp', ip: null },
        ip_v6_conf: null,
        mac: server.mac,
        model: 'virtio',
        runtime: null,
        vlan: null,
      },
    ],
    owner: owner(state),
    permissions: [],
    pubkeys: [],
    requirements: [],
    resource_uri: `/api/2.0/servers/${server.uuid}/`,
    runtime: serverRuntime(state, server),
    smp: server.smp,
    status: server.status,
    tags: [],
    uuid: server.uuid,
  });
}

export function serverReduced(state: CloudSigmaState, server: ServerRecord): Record<string, unknown> {
  return {
    name: server.name,
    owner: owner(state),
    resource_uri: `/api/2.0/servers/${server.uuid}/`,
    runtime: serverRuntime(state, server),
    status: server.status,
    uuid: server.uuid,
  };
}

// --- snapshots ------------------------------------------------------------------------------------

export function snapshotFull(state: CloudSigmaState, snap: SnapshotRecord): Record<string, unknown> {
  const now = state.clock.now();
  const base: Record<string, unknown> = {
    allocated_size: allocatedSize(state, snap, now),
    drive: ref('drives', snap.drive),
    grantees: [],
    meta: { ...snap.meta },
    name: snap.name,
    owner: owner(state),
    permissions: [],
    resource_uri: `/api/2.0/${snap.kind === 'local' ? 'snapshots' : 'remotesnapshots'}/${snap.uuid}/`,
    status: snapshotStatus(state, snap, now),
    tags: [...snap.tags],
    timestamp: stamp(state, snap.takenAt),
    uuid: snap.uuid,
  };
  if (snap.kind === 'remote') {
    base.drive_meta = { ...snap.driveMeta };
    base.last_state_change = stamp(state, lastStateChange(state, snap, now));
    base.location = snap.location;
  }
  return sortKeys(base);
}
