/**
 * The scheduler engine: runs every enabled backup scheduler attached to a drive on the SimClock.
 *
 * - A cursor marks how far simulated time has been evaluated. `sync()` evaluates (cursor, now]:
 *   it is called every `schedulerTickMs` real ms, on every `clock.advance()` (so skipped spans
 *   are caught up before `advance` returns), and at the start of every API request.
 * - Catch-up is bounded to the last MAX_CATCHUP_MS (400 days) of a span; older runs are skipped.
 * - Runs of all (scheduler, drive) pairs in the span are processed in time order. Each run creates
 *   a local snapshot (`snapshot` type) or a remote one (`backup`, and also `dr`/`migration` [I])
 *   stamped with the run time, then prunes that drive by the retention rules as of the run time.
 *   After a span every attached drive is pruned as of now.
 * - A run is skipped when: the scheduler is disabled; the drive is ephemeral; for local snapshots,
 *   the drive is not attached to a running server (release 2510); for remote snapshots, the
 *   30-minute / in-progress rules forbid one.
 * - Scheduler-made snapshots carry meta `backup_scheduler` (uuid) and `backup_scheduler_name`.
 *   Retention prunes only scheduler-made snapshots of the drive (from any scheduler) of the kind
 *   the current scheduler makes, and only once they are `available`; manual snapshots are never
 *   pruned. A disabled scheduler neither creates nor prunes.
 */
import type { SimClock } from '../kit/clock.js';
import { createSnapshot, inProgress, isEphemeral, remoteSnapshotBlock } from './lifecycle.js';
import { compileRecurrence, type CompiledRecurrence, occurrencesBetween } from './recurrence.js';
import { effectiveRules, isKept } from './retention.js';
import type { CloudSigmaState, DriveRecord, SchedulerRecord, SnapshotKind } from './state.js';

export const MAX_CATCHUP_MS = 400 * 86_400_000;

export function kindOf(scheduler: SchedulerRecord): SnapshotKind {
  return scheduler.data.type === 'snapshot' ? 'local' : 'remote';
}

export interface EngineStats {
  runs: number;
  created: number;
  skipped: number;
  pruned: number;
}

export class SchedulerEngine {
  private cursor: number;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly compiled = new Map<string, { key: string; rec: CompiledRecurrence | null }>();
  private busy = false;
  readonly stats: EngineStats = { runs: 0, created: 0, skipped: 0, pruned: 0 };

  constructor(
    private readonly state: CloudSigmaState,
    private readonly clock: SimClock,
    private readonly tickMs: number,
  ) {
    this.cursor = clock.now();
  }

  start(): void {
    this.cursor = this.clock.now();
    this.unsubscribe = this.clock.onAdvance(() => this.sync());
    this.timer = setInterval(() => this.sync(), Math.max(10, this.tickMs));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    this.timer = undefined;
    this.unsubscribe = undefined;
  }

  /** Evaluate everything due up to now. Safe to call often. */
  sync(): void {
    if (this.busy) return;
    const now = this.clock.now();
    if (now <= this.cursor) return;
    this.busy = true;
    try {
      const from = Math.max(this.cursor, now - MAX_CATCHUP_MS);
      this.cursor = now;
      this.runSpan(() => from, now);
      this.pruneAll(now);
    } catch (error) {
      console.error('cloudsigma simulator: scheduler engine failed', error);
    } finally {
      this.busy = false;
    }
  }

  /** Run the span (fromFor(scheduler), to] without moving the cursor (the seed back-fills history with it). */
  runSpan(fromFor: (scheduler: SchedulerRecord) => number, to: number): void {
    const due: { at: number; scheduler: string; drive: string }[] = [];
    for (const scheduler of this.state.schedulers.values()) {
      if (scheduler.data.is_enabled !== true) continue;
      const drives = this.state.drivesWithScheduler(scheduler.uuid);
      if (drives.length === 0) continue;
      const rec = this.recurrenceOf(scheduler);
      if (!rec) continue;
      const times = occurrencesBetween(rec, fromFor(scheduler), to);
      for (const at of times) for (const drive of drives) due.push({ at, scheduler: scheduler.uuid, drive: drive.uuid });
    }
    due.sort((a, b) => a.at - b.at);
    for (const item of due) {
      const scheduler = this.state.schedulers.get(item.scheduler);
      const drive = this.state.drives.get(item.drive);
      if (!scheduler || !drive || drive.backupScheduler !== scheduler.uuid) continue;
      this.runOnce(scheduler, drive, item.at);
    }
  }

  /**
   * Give one drive its scheduler's last `runs` runs before `now` (at most MAX_CATCHUP_MS back),
   * made exactly as live runs are (skip rules, location, retention). Bench drives join this way
   * with a short history instead of a full `runSpan` replay, which would touch every drive.
   */
  backfillDrive(drive: DriveRecord, runs: number, now: number): void {
    const scheduler = drive.backupScheduler ? this.state.schedulers.get(drive.backupScheduler) : undefined;
    if (!scheduler || scheduler.data.is_enabled !== true || runs <= 0) return;
    const rec = this.recurrenceOf(scheduler);
    if (!rec) return;
    // Widen the look-back only as far as needed: most schedulers run daily or more often.
    let times: number[] = [];
    for (const spanMs of [2 * 86_400_000, 40 * 86_400_000, MAX_CATCHUP_MS]) {
      times = occurrencesBetween(rec, now - spanMs, now);
      if (times.length >= runs) break;
    }
    for (const at of times.slice(-runs)) this.runOnce(scheduler, drive, at);
  }

  pruneAll(at: number): void {
    for (const drive of this.state.drives.values()) {
      if (!drive.backupScheduler) continue;
      const scheduler = this.state.schedulers.get(drive.backupScheduler);
      if (scheduler && scheduler.data.is_enabled === true) this.prune(scheduler, drive, at);
    }
  }

  private recurrenceOf(scheduler: SchedulerRecord): CompiledRecurrence | null {
    const d = scheduler.data;
    const key = JSON.stringify([d.incremental_backup, d.manual_incremental_backup, d.user_timezone]);
    const cached = this.compiled.get(scheduler.uuid);
    if (cached && cached.key === key) return cached.rec;
    let rec: CompiledRecurrence | null = null;
    try {
      rec = compileRecurrence({
        incremental_backup: d.incremental_backup,
        manual_incremental_backup: d.manual_incremental_backup,
        user_timezone: String(d.user_timezone),
      });
    } catch {
      rec = null;
    }
    this.compiled.set(scheduler.uuid, { key, rec });
    return rec;
  }

  private runOnce(scheduler: SchedulerRecord, drive: DriveRecord, at: number): void {
    this.stats.runs += 1;
    const kind = kindOf(scheduler);
    let skip = isEphemeral(drive);
    if (!skip && kind === 'local') {
      skip = !this.state.serversOfDrive(drive.uuid).some((s) => s.status === 'running');
    }
    if (!skip && kind === 'remote') skip = remoteSnapshotBlock(this.state, drive.uuid, at) !== null;
    if (skip) {
      this.stats.skipped += 1;
      return;
    }
    const location = typeof scheduler.data.remote_location === 'string' && scheduler.data.remote_location !== '' ? scheduler.data.remote_location : undefined;
    try {
      createSnapshot(this.state, kind, { drive: drive.uuid, ...(location ? { location } : {}) }, at, scheduler);
    } catch {
      // e.g. a remote_location the simulator does not know: the run fails, nothing is created.
      this.stats.skipped += 1;
      return;
    }
    this.stats.created += 1;
    this.prune(scheduler, drive, at);
  }

  private prune(scheduler: SchedulerRecord, drive: DriveRecord, at: number): void {
    const rules = effectiveRules(scheduler.data.retention_policy);
    if (rules.length === 0) return;
    const kind = kindOf(scheduler);
    const tz = String(scheduler.data.user_timezone);
    const store = this.state.snapshotsOf(kind);
    for (const snap of this.state.driveSnapshots(kind, drive.uuid)) {
      if (!snap.scheduler || snap.takenAt > at || inProgress(this.state, snap, at)) continue;
      if (!isKept(snap.takenAt, at, rules, tz)) {
        store.delete(snap.uuid);
        this.stats.pruned += 1;
      }
    }
  }
}
