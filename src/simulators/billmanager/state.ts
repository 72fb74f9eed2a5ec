/**
 * The simulator's in-memory world: instances, backups (BILLmanager "images"), schedules, sessions,
 * and the time-driven transitions (backup Saving -> Active, rebuild -> active, rotation pruning).
 * Nothing here reads a clock: callers pass the simulated time in, and `settle(t)` applies every
 * transition due by `t` in time order, so a big clock jump gives the same result as living it.
 */
import { createHash } from 'node:crypto';
import type { BillmanagerVariants } from './variants.js';

export type PowerState = 'active' | 'stopped';
export type BackupKind = 'manual' | 'auto';
/** 'Saving' while being made, then the variant's final status ('Active' unless a test picks another). */
export type BackupStatus = string;

export interface InstanceRecord {
  id: string;
  servername: string;
  /** The fallback `name` field of the list. */
  name: string;
  ip: string;
  ipV6: string;
  powerState: PowerState;
  /** Billing status code (2 = Active). */
  billingStatus: string;
  billingStatusText: string;
  pricelist: string;
  cost: string;
  datacenter: string;
  createdAt: number;
  osDistro: string;
  osVersion: string;
  uuid: string;
  rdnsRecord: string;
  /** How many automatic (scheduled) backups are kept. */
  backupRotation: number;
  diskGb: number;
  /** Set while a rebuild (restore) runs: from `since` to `until`, the power state it had before. */
  rebuild?: { since: number; until: number; backupId: string; fleioId: string; powerBefore: PowerState };
  /** The last completed restore, for inspection. */
  lastRestore?: { at: number; backupId: string; fleioId: string };
}

export interface BackupRecord {
  /** BILLmanager image id. */
  id: string;
  instanceId: string;
  name: string;
  kind: BackupKind;
  status: BackupStatus;
  createdAt: number;
  completesAt: number;
  sizeGb: number;
  protected: boolean;
  /** The OpenStack image UUID, used as `select_rebuild` for a restore. */
  fleioId: string;
  osDistro: string;
  osVersion: string;
  scheduleId?: string;
}

export interface ScheduleRecord {
  id: string;
  instanceId: string;
  name: string;
  /** 0 = Sunday … 6 = Saturday, sorted, unique. */
  days: number[];
  /** `HH:MM`, provider-local. */
  time: string;
  createdAt: number;
  updatedAt: number;
}

export interface SessionRecord {
  id: string;
  username: string;
  createdAt: number;
  lastUsed: number;
  /** The `instances.filter` saved in this session. */
  instanceFilter: Record<string, string>;
}

export interface ScheduleRunRecord {
  scheduleId: string;
  instanceId: string;
  at: number;
  /** The backup made (left undefined by the seed's renumbering when rotation had pruned it). */
  backupId?: string;
  /** Why the run made no backup (the instance was busy). */
  skipped?: string;
}

export interface StateConfig {
  backupMs: number;
  restoreMs: number;
  /** The rebuild and backup forms picked for this run (variants.ts). */
  variants: Pick<BillmanagerVariants, 'rebuildStatus' | 'rebuildShownAfterMs' | 'afterRebuild' | 'backupFinalStatus'>;
}

const MAX_RUN_LOG = 2000;

export class BillmanagerState {
  readonly instances = new Map<string, InstanceRecord>();
  readonly backups = new Map<string, BackupRecord>();
  readonly schedules = new Map<string, ScheduleRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  /** Scheduled runs, oldest first (capped). */
  readonly scheduleRuns: ScheduleRunRecord[] = [];
  /** Creation times of manual backups per instance (deleted ones included), for the daily limit. */
  readonly manualCreations = new Map<string, number[]>();

  private nextInstanceId = 5203800;
  private nextScheduleId = 301;
  private nextBackupId = 9001;

  constructor(readonly config: StateConfig) {}

  // ------------------------------------------------------------------------------ instances

  addInstance(init: Partial<InstanceRecord> & Pick<InstanceRecord, 'servername' | 'createdAt'>): InstanceRecord {
    const id = init.id ?? String(this.nextInstanceId++);
    const record: InstanceRecord = {
      id,
      name: `${init.servername}.example.net`,
      ip: '203.0.113.10',
      ipV6: '2001:db8::10',
      powerState: 'active',
      billingStatus: '2',
      billingStatusText: 'Active',
      pricelist: 'Cloud VPS Start',
      cost: '0.13 EUR/Day',
      datacenter: 'Netherlands',
      osDistro: 'Ubuntu',
      osVersion: '22.04',
      uuid: uuidFrom(`instance:${id}`),
      rdnsRecord: `${init.servername}.example.net`,
      backupRotation: 3,
      diskGb: 20,
      ...init,
    };
    this.instances.set(id, record);
    return record;
  }

  /**
   * `instance_status` as shown at `now`: transitional states win over the power state. A rebuild
   * shows as the variant's word once `rebuildShownAfterMs` passed, or not at all (`hidden`).
   */
  instanceStatus(instance: InstanceRecord, now: number): string {
    const { rebuildStatus, rebuildShownAfterMs } = this.config.variants;
    if (instance.rebuild) {
      if (rebuildStatus !== 'hidden' && now >= instance.rebuild.since + rebuildShownAfterMs) return rebuildStatus;
      return instance.rebuild.powerBefore;
    }
    if (this.savingBackupOf(instance.id)) return 'image_uploading';
    return instance.powerState;
  }

  /** What blocks a new backup or rebuild of the instance, if anything. */
  busyReason(instanceId: string): string | undefined {
    const instance = this.instances.get(instanceId);
    if (instance?.rebuild) return 'rebuild';
    if (this.savingBackupOf(instanceId)) return 'backup';
    return undefined;
  }

  private savingBackupOf(instanceId: string): BackupRecord | undefined {
    for (const b of this.backups.values()) if (b.instanceId === instanceId && b.status === 'Saving') return b;
    return undefined;
  }

  startRebuild(instanceId: string, backup: BackupRecord, at: number): void {
    const instance = this.mustInstance(instanceId);
    instance.rebuild = { since: at, until: at + this.config.restoreMs, backupId: backup.id, fleioId: backup.fleioId, powerBefore: instance.powerState };
    instance.osDistro = backup.osDistro;
    instance.osVersion = backup.osVersion;
  }

  // ------------------------------------------------------------------------------ backups

  backupsOf(instanceId: string): BackupRecord[] {
    return [...this.backups.values()].filter((b) => b.instanceId === instanceId);
  }

  createBackup(input: { instanceId: string; name: string; kind: BackupKind; at: number; scheduleId?: string }): BackupRecord {
    const instance = this.mustInstance(input.instanceId);
    const id = String(this.nextBackupId++);
    const backup: BackupRecord = {
      id,
      instanceId: instance.id,
      name: input.name,
      kind: input.kind,
      status: 'Saving',
      createdAt: input.at,
      completesAt: input.at + this.config.backupMs,
      sizeGb: Math.round(instance.diskGb * (0.3 + 0.25 * fraction(`size:${id}`)) * 100) / 100,
      protected: false,
      fleioId: uuidFrom(`image:${id}`),
      osDistro: instance.osDistro,
      osVersion: instance.osVersion,
      scheduleId: input.scheduleId,
    };
    this.backups.set(id, backup);
    if (input.kind === 'manual') {
      const list = this.manualCreations.get(instance.id) ?? [];
      list.push(input.at);
      this.manualCreations.set(instance.id, list);
    }
    if (backup.completesAt <= input.at) this.settle(input.at);
    return backup;
  }

  /**
   * Rotation: keep the newest `backupRotation` automatic backups of the instance. Manual backups
   * are never touched; protected automatic ones are neither deleted nor counted; Saving ones wait.
   */
  pruneAutomatic(instanceId: string): string[] {
    const instance = this.instances.get(instanceId);
    if (!instance) return [];
    const autos = this.backupsOf(instanceId)
      .filter((b) => b.kind === 'auto' && !b.protected && b.status !== 'Saving')
      .sort((a, b) => b.createdAt - a.createdAt || Number(b.id) - Number(a.id));
    const doomed = autos.slice(Math.max(0, instance.backupRotation));
    for (const b of doomed) this.backups.delete(b.id);
    return doomed.map((b) => b.id);
  }

  // ------------------------------------------------------------------------------ schedules

  schedulesOf(instanceId: string): ScheduleRecord[] {
    return [...this.schedules.values()].filter((sch) => sch.instanceId === instanceId);
  }

  addSchedule(input: { instanceId: string; name: string; days: number[]; time: string; at: number }): ScheduleRecord {
    this.mustInstance(input.instanceId);
    const record: ScheduleRecord = {
      id: String(this.nextScheduleId++),
      instanceId: input.instanceId,
      name: input.name,
      days: [...input.days],
      time: input.time,
      createdAt: input.at,
      updatedAt: input.at,
    };
    this.schedules.set(record.id, record);
    return record;
  }

  recordRun(run: ScheduleRunRecord): void {
    this.scheduleRuns.push(run);
    if (this.scheduleRuns.length > MAX_RUN_LOG) this.scheduleRuns.splice(0, this.scheduleRuns.length - MAX_RUN_LOG);
  }

  // ------------------------------------------------------------------------------ time

  /** Apply every transition due at or before `t`, in time order. */
  settle(t: number): void {
    for (;;) {
      let nextBackup: BackupRecord | undefined;
      for (const b of this.backups.values()) {
        if (b.status === 'Saving' && b.completesAt <= t && (!nextBackup || b.completesAt < nextBackup.completesAt)) nextBackup = b;
      }
      let nextRebuild: InstanceRecord | undefined;
      for (const i of this.instances.values()) {
        if (i.rebuild && i.rebuild.until <= t && (!nextRebuild || i.rebuild.until < nextRebuild.rebuild!.until)) nextRebuild = i;
      }
      if (!nextBackup && !nextRebuild) return;
      if (nextBackup && (!nextRebuild || nextBackup.completesAt <= nextRebuild.rebuild!.until)) {
        nextBackup.status = this.config.variants.backupFinalStatus;
        if (nextBackup.kind === 'auto') this.pruneAutomatic(nextBackup.instanceId);
      } else if (nextRebuild) {
        const { until, backupId, fleioId } = nextRebuild.rebuild!;
        nextRebuild.lastRestore = { at: until, backupId, fleioId };
        nextRebuild.rebuild = undefined;
        if (this.config.variants.afterRebuild === 'active') nextRebuild.powerState = 'active';
      }
    }
  }

  /**
   * Give every backup a fresh id in creation order (ids are then chronological, as a real
   * image table's are); used once after seeding. Derived fields (fleio_id, size) follow the id.
   */
  renumberBackupsChronologically(first = 9001): void {
    const ordered = [...this.backups.values()].sort((a, b) => a.createdAt - b.createdAt || Number(a.id) - Number(b.id));
    const renamed = new Map<string, string>();
    this.backups.clear();
    ordered.forEach((b, i) => {
      const id = String(first + i);
      renamed.set(b.id, id);
      const instance = this.instances.get(b.instanceId);
      b.id = id;
      b.fleioId = uuidFrom(`image:${id}`);
      if (instance) b.sizeGb = Math.round(instance.diskGb * (0.3 + 0.25 * fraction(`size:${id}`)) * 100) / 100;
      this.backups.set(id, b);
    });
    for (const run of this.scheduleRuns) if (run.backupId) run.backupId = renamed.get(run.backupId);
    for (const i of this.instances.values()) if (i.rebuild) i.rebuild.backupId = renamed.get(i.rebuild.backupId) ?? i.rebuild.backupId;
    this.nextBackupId = first + ordered.length;
  }

  // ------------------------------------------------------------------------------ helpers

  mustInstance(id: string): InstanceRecord {
    const instance = this.instances.get(id);
    if (!instance) throw new Error(`no instance ${id}`);
    return instance;
  }
}

/** A stable UUID-shaped id derived from a seed string. */
export function uuidFrom(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable number in [0, 1) derived from a seed string. */
export function fraction(seed: string): number {
  return parseInt(createHash('sha1').update(seed).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
}
