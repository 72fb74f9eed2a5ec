/**
 * The simulator's in-memory state: servers, drives, backup schedulers, local and remote snapshots.
 * Records hold internal fields; `views.ts` turns them into wire objects.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SimClock } from '../kit/clock.js';
import type { CloudSigmaVariants } from './variants.js';

export interface CloudSigmaConfig {
  username: string;
  password: string;
  token: string;
  snapshotMs: number;
  remoteTransferMs: number;
  /** cloning_dst -> unmounted for drives cloned from a snapshot. */
  cloneMs: number;
  schedulerTickMs: number;
  location: string;
  ownerUuid: string;
  /** The answer at each [I]/[?] point (variants.ts). */
  variants: CloudSigmaVariants;
}

export type SnapshotKind = 'local' | 'remote';

export interface SchedulerRecord {
  uuid: string;
  /** Stored wire fields (everything but uuid, resource_uri and owner), already normalised. */
  data: Record<string, unknown>;
  createdAt: number;
}

export interface DriveRecord {
  uuid: string;
  name: string;
  size: number;
  media: 'disk' | 'cdrom';
  storageType: string;
  meta: Record<string, string>;
  tags: unknown[];
  /** Attached scheduler uuid (set only through `?do=set_scheduler`). */
  backupScheduler: string | null;
  createdAt: number;
  /** Drives cloned from a snapshot: `cloning_dst` until this instant (SimClock ms). */
  cloningUntil?: number;
  /** The clone's job uuid (listed in `jobs` while cloning). */
  cloneJob?: string;
  /** A clone that does not end `unmounted` (variant `cloneOutcome`). */
  cloneOutcome?: 'stuck' | 'vanishes';
}

export interface ServerDriveSlot {
  drive: string;
  boot_order: number | null;
  dev_channel: string;
  device: string;
}

export interface ServerRecord {
  uuid: string;
  name: string;
  cpu: number;
  mem: number;
  smp: number;
  status: 'running' | 'stopped';
  drives: ServerDriveSlot[];
  meta: Record<string, string>;
  mac: string;
  startedAt: number | null;
}

export interface SnapshotRecord {
  kind: SnapshotKind;
  uuid: string;
  drive: string;
  name: string;
  meta: Record<string, string>;
  tags: unknown[];
  /** Creation instant: `timestamp`, and the start of the creating -> available progress. */
  takenAt: number;
  /** Size once available. */
  allocatedSize: number;
  /** Remote only. */
  location?: string;
  driveMeta?: { media: string; name: string; size: number; src_uuid: string; storage_type: string };
  /** The scheduler that created it (internal; also mirrored into meta). */
  scheduler?: string;
  /** A snapshot made through the API that does not end `available` (variant `snapshotOutcome`). */
  outcome?: 'stuck' | 'vanishes' | 'error';
}

export class CloudSigmaState {
  readonly schedulers = new Map<string, SchedulerRecord>();
  readonly drives = new Map<string, DriveRecord>();
  readonly servers = new Map<string, ServerRecord>();
  readonly snapshots = new Map<string, SnapshotRecord>();
  readonly remoteSnapshots = new Map<string, SnapshotRecord>();
  private deterministic: { label: string; counter: number } | null = null;

  constructor(
    readonly config: CloudSigmaConfig,
    readonly clock: SimClock,
  ) {}

  /** Random v4 uuids, or deterministic ones while seeding. */
  newUuid(): string {
    if (!this.deterministic) return randomUUID();
    this.deterministic.counter += 1;
    return deterministicUuid(`${this.deterministic.label}:${this.deterministic.counter}`);
  }

  withDeterministicIds<T>(label: string, fn: () => T): T {
    const previous = this.deterministic;
    this.deterministic = { label, counter: 0 };
    try {
      return fn();
    } finally {
      this.deterministic = previous;
    }
  }

  snapshotsOf(kind: SnapshotKind): Map<string, SnapshotRecord> {
    return kind === 'local' ? this.snapshots : this.remoteSnapshots;
  }

  /** Snapshots of one drive, oldest first. */
  driveSnapshots(kind: SnapshotKind, driveUuid: string): SnapshotRecord[] {
    return [...this.snapshotsOf(kind).values()].filter((s) => s.drive === driveUuid).sort((a, b) => a.takenAt - b.takenAt);
  }

  serversOfDrive(driveUuid: string): ServerRecord[] {
    return [...this.servers.values()].filter((s) => s.drives.some((slot) => slot.drive === driveUuid));
  }

  drivesWithScheduler(schedulerUuid: string): DriveRecord[] {
    return [...this.drives.values()].filter((d) => d.backupScheduler === schedulerUuid);
  }
}

/** A stable v4-shaped uuid derived from a label. */
export function deterministicUuid(label: string): string {
  const hex = createHash('sha256').update(label).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable number in [0, 1) derived from a string (sizes and the like). */
export function unitHash(text: string): number {
  return parseInt(createHash('sha256').update(text).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
}
