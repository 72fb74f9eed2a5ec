/**
 * Deterministic seed data (uuids derive from the location code, so two simulators with different
 * locations never share uuids):
 * - the 13 valid example schedulers of contract §4 (4.1–4.11 as POST bodies, 4.12 rebuilt from the
 *   detail dump), created through the same validation as POST;
 * - 12 servers with 1–2 drives each, plus 2 drives attached to no server;
 * - schedulers attached to most drives; 4 drives carry none (see UNPROTECTED_DRIVES);
 * - snapshot history made by running the attached schedulers over the past (per scheduler, its
 *   retention horizon plus a day, at least 10 days, at most 400 days), plus one manual snapshot.
 */
import type { SchedulerEngine } from './engine.js';
import { createSnapshot } from './lifecycle.js';
import { effectiveRules, retentionHorizonMs } from './retention.js';
import type { CloudSigmaState, DriveRecord, SchedulerRecord, ServerRecord } from './state.js';
import { buildScheduler } from './validation.js';

const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

/** §4 example bodies, verbatim. */
export const EXAMPLE_SCHEDULERS: Record<string, Record<string, unknown>> = {
  every45: {"type": "backup", "name": "Every 45 minutes", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "remote_location": "ZRH", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": "", "minute": ""}, "hour": "*", "minute": "*", "month": "*", "repeat": {"hour": "", "minute": "*/45"}, "start_time": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Last 2 days", "rules": [{"period": "days", "quantity": 2}]}, "tags": []},
  every12h: {"type": "snapshot", "name": "Every 12 hours. Last 2 days", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": [], "day_of_month": "", "month": "", "hour": "", "minute": "", "repeat": {"hour": "*/12", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 6, "minute": 45}}, "retention_policy": {"name": "Keep 12 Month", "rules": [{"period": "days", "quantity": 2}]}},
  sunday2300: {"type": "snapshot", "name": "Every sunday at 23:00", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "*", "day_of_week": ["sun"], "end_time": {"hour": "", "minute": ""}, "hour": "23", "minute": "00", "month": "*", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Last 4 weeks", "rules": [{"period": "weeks", "quantity": 4}]}, "tags": []},
  firstOfMonth2359: {"type": "backup", "name": "Every first of month at 23:59", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "1", "day_of_week": ["*"], "end_time": {"hour": "", "minute": ""}, "hour": "23", "minute": "59", "month": "*", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Last 6 months", "rules": [{"period": "months", "quantity": 6}]}, "tags": []},
  hourly2023: {"type": "backup", "name": "Every hour", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Europe/London", "remote_location": "ZRH", "manual_incremental_backup": "", "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": "23", "minute": "00"}, "hour": "*", "minute": "*", "month": "*", "repeat": {"hour": "*/1", "minute": ""}, "start_time": {"hour": "20", "minute": "00"}}, "retention_policy": {"name": "Last 7 days", "rules": [{"period": "days", "quantity": 7}]}, "tags": []},
  definedHours: {"type": "snapshot", "name": "Defined hours backups", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "02:00,06:00,20:00,22:15", "incremental_backup": {"day_of_month": "", "month": "", "hour": "", "minute": "", "day_of_week": ["sat", "sun"], "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 6, "minute": 45}, "repeat": {"hour": "", "minute": ""}}, "retention_policy": {"name": "Keep 1 Day", "rules": [{"period": "months", "quantity": 1}]}},
  weekday3am: {"type": "snapshot", "name": "Weekday 3AM Snapshot Policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": ["mon", "tue", "wed", "thu", "fri"], "day_of_month": "*", "month": "*", "hour": "3", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 12, "minute": 0}, "end_time": {"hour": 11, "minute": 45}}, "retention_policy": {"name": "Keep 3 Weeks", "rules": [{"period": "weeks", "quantity": 3}]}},
  workhours: {"type": "backup", "name": "Weekdays Workhours Backup Policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": ["mon", "wed", "fri"], "day_of_month": "*", "month": "*", "hour": "", "minute": "", "repeat": {"hour": "*/12", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 19, "minute": 0}}, "retention_policy": {"name": "Keep 1 Month", "rules": [{"period": "months", "quantity": 1}]}},
  biMonthly: {"type": "backup", "name": "BiMonthly Snapshot Policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": [], "day_of_month": "1", "month": "2,4,6,8,10,12", "hour": "17", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 19, "minute": 0}}, "retention_policy": {"name": "Keep 12 Month", "rules": [{"period": "months", "quantity": 6}]}},
  firstOfMonth: {"type": "backup", "name": "1st of the month backup", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "Etc/UTC", "remote_location": "TBC", "manual_incremental_backup": "", "incremental_backup": {"day_of_week": [], "day_of_month": "1", "month": "", "hour": "23", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 7, "minute": 0}, "end_time": {"hour": 6, "minute": 45}}, "retention_policy": {"name": "Keep 12 Month", "rules": [{"period": "months", "quantity": 12}]}},
  gfs: {"type": "snapshot", "name": "Son, Father, GrandFather Policy", "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "is_enabled": true, "is_default": false, "manual_incremental_backup": "", "retention_policy": {"name": "Son, Father, GrandFather Policy", "rules": [{"period": "days", "quantity": 7}, {"period": "weeks", "quantity": 4, "time_option": 1}, {"period": "months", "quantity": 12, "time_option": 23}]}, "initial_backup": {"day_of_week": ["*"], "start_time": {"hour": 12, "minute": 0}, "end_time": {"hour": 11, "minute": 45}}, "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "month": "*", "hour": "1", "minute": "0", "repeat": {"hour": "", "minute": ""}, "start_time": {"hour": 12, "minute": 0}, "end_time": {"hour": 11, "minute": 45}}, "user_timezone": "Etc/GMT+12"},
  backupsPolicy: {"type": "backup", "name": "backups policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "America/Danmarkshavn", "remote_location": "TBC", "manual_incremental_backup": "", "initial_backup": {"day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "start_time": {"hour": 0, "minute": 0}}, "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "hour": "", "minute": "*", "month": "*", "repeat": {"hour": "*/1", "minute": ""}, "start_time": {"hour": 0, "minute": 0}}, "retention_policy": {"name": "Last 2 days", "rules": [{"period": "days", "quantity": 2}]}},
  snapshotsPolicy: {"type": "snapshot", "name": "snapshots policy", "is_enabled": true, "is_default": false, "enable_backup_policy_notifications": true, "enable_retention_policy_notifications": false, "user_timezone": "America/Danmarkshavn", "remote_location": "TBC", "manual_incremental_backup": "", "initial_backup": {"day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "start_time": {"hour": 0, "minute": 0}}, "incremental_backup": {"day_of_month": "*", "day_of_week": ["*"], "end_time": {"hour": 23, "minute": 45}, "hour": "", "minute": "*", "month": "*", "repeat": {"hour": "*/2", "minute": ""}, "start_time": {"hour": 0, "minute": 0}}, "retention_policy": {"name": "Last 3 days", "rules": [{"period": "days", "quantity": 3}]}},
};

interface DriveSpec {
  name: string;
  sizeGiB: number;
  scheduler: keyof typeof EXAMPLE_SCHEDULERS | null;
  storageType?: string;
}

interface ServerSpec {
  name: string;
  cpu: number;
  memGiB: number;
  status: 'running' | 'stopped';
  drives: DriveSpec[];
}

export const SEED_SERVERS: ServerSpec[] = [
  { name: 'web-01', cpu: 2000, memGiB: 2, status: 'running', drives: [{ name: 'web-01-os', sizeGiB: 20, scheduler: 'weekday3am' }] },
  { name: 'web-02', cpu: 2000, memGiB: 2, status: 'running', drives: [{ name: 'web-02-os', sizeGiB: 20, scheduler: 'weekday3am' }] },
  { name: 'web-03', cpu: 2000, memGiB: 2, status: 'running', drives: [{ name: 'web-03-os', sizeGiB: 20, scheduler: null }] },
  {
    name: 'db-01', cpu: 8000, memGiB: 16, status: 'running',
    drives: [{ name: 'db-01-os', sizeGiB: 40, scheduler: 'gfs' }, { name: 'db-01-data', sizeGiB: 200, scheduler: 'every45' }],
  },
  {
    name: 'db-02', cpu: 8000, memGiB: 16, status: 'running',
    drives: [{ name: 'db-02-os', sizeGiB: 40, scheduler: 'every12h' }, { name: 'db-02-data', sizeGiB: 200, scheduler: 'backupsPolicy' }],
  },
  {
    name: 'app-01', cpu: 4000, memGiB: 8, status: 'running',
    drives: [{ name: 'app-01-os', sizeGiB: 30, scheduler: 'sunday2300' }, { name: 'app-01-data', sizeGiB: 100, scheduler: 'workhours' }],
  },
  { name: 'app-02', cpu: 4000, memGiB: 8, status: 'running', drives: [{ name: 'app-02-os', sizeGiB: 30, scheduler: null }] },
  { name: 'cache-01', cpu: 2000, memGiB: 4, status: 'running', drives: [{ name: 'cache-01-os', sizeGiB: 20, scheduler: null }] },
  {
    name: 'mail-01', cpu: 2000, memGiB: 4, status: 'running',
    drives: [{ name: 'mail-01-os', sizeGiB: 20, scheduler: 'definedHours' }, { name: 'mail-01-store', sizeGiB: 150, scheduler: 'hourly2023' }],
  },
  {
    name: 'ci-01', cpu: 4000, memGiB: 8, status: 'stopped',
    drives: [{ name: 'ci-01-os', sizeGiB: 30, scheduler: 'firstOfMonth' }, { name: 'ci-01-cache', sizeGiB: 50, scheduler: 'biMonthly' }],
  },
  {
    name: 'files-01', cpu: 2000, memGiB: 4, status: 'running',
    drives: [{ name: 'files-01-os', sizeGiB: 20, scheduler: 'snapshotsPolicy' }, { name: 'files-01-share', sizeGiB: 500, scheduler: 'firstOfMonth2359' }],
  },
  { name: 'mon-01', cpu: 2000, memGiB: 4, status: 'running', drives: [{ name: 'mon-01-os', sizeGiB: 20, scheduler: 'every12h' }] },
];

export const SEED_LOOSE_DRIVES: DriveSpec[] = [
  { name: 'archive-2023', sizeGiB: 250, scheduler: 'firstOfMonth' },
  { name: 'scratch-volume', sizeGiB: 50, scheduler: null },
];

export const UNPROTECTED_DRIVES = ['web-03-os', 'app-02-os', 'cache-01-os', 'scratch-volume'];

const MIN_HISTORY_MS = 10 * DAY_MS;
const MAX_HISTORY_MS = 400 * DAY_MS;

export function seedState(state: CloudSigmaState, engine: SchedulerEngine): void {
  const now = state.clock.now();
  const location = state.config.location;
  state.withDeterministicIds(`cloudsigma-seed:${location}`, () => {
    const schedulerByKey = new Map<string, SchedulerRecord>();
    for (const [key, body] of Object.entries(EXAMPLE_SCHEDULERS)) {
      const rec: SchedulerRecord = { uuid: state.newUuid(), data: buildScheduler(body), createdAt: now - MAX_HISTORY_MS };
      state.schedulers.set(rec.uuid, rec);
      schedulerByKey.set(key, rec);
    }
    const addDrive = (spec: DriveSpec): DriveRecord => {
      const drive: DriveRecord = {
        uuid: state.newUuid(),
        name: spec.name,
        size: spec.sizeGiB * GIB,
        media: 'disk',
        storageType: spec.storageType ?? 'dssd',
        meta: {},
        tags: [],
        backupScheduler: spec.scheduler ? schedulerByKey.get(spec.scheduler)!.uuid : null,
        createdAt: now - MAX_HISTORY_MS,
      };
      state.drives.set(drive.uuid, drive);
      return drive;
    };
    SEED_SERVERS.forEach((spec, i) => {
      const drives = spec.drives.map(addDrive);
      const server: ServerRecord = {
        uuid: state.newUuid(),
        name: spec.name,
        cpu: spec.cpu,
        mem: spec.memGiB * GIB,
        smp: Math.max(1, Math.round(spec.cpu / 2000)),
        status: spec.status,
        drives: drives.map((d, slot) => ({ drive: d.uuid, boot_order: slot === 0 ? 1 : null, dev_channel: `0:${slot}`, device: 'virtio' })),
        meta: { description: `${spec.name} (simulated)` },
        mac: `22:c5:00:00:${(i + 1).toString(16).padStart(2, '0')}:01`,
        startedAt: spec.status === 'running' ? now - (3 + i) * DAY_MS : null,
      };
      state.servers.set(server.uuid, server);
    });
    SEED_LOOSE_DRIVES.forEach(addDrive);

    // History: run the schedulers over each one's retention horizon.
    engine.runSpan((scheduler) => {
      const horizon = retentionHorizonMs(effectiveRules(scheduler.data.retention_policy)) + DAY_MS;
      return now - Math.min(MAX_HISTORY_MS, Math.max(MIN_HISTORY_MS, horizon));
    }, now);
    engine.pruneAll(now);

    // One manual snapshot on an unprotected drive.
    const appDrive = [...state.drives.values()].find((d) => d.name === 'app-02-os');
    if (appDrive) createSnapshot(state, 'local', { drive: appDrive.uuid, name: 'before-upgrade', meta: { reason: 'manual' } }, now - 3 * DAY_MS);
  });
}
