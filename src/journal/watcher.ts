/**
 * The watcher keeps the journal current for what nobody subscribes to. Each round, on the
 * leading instance only (store.tryLead: a PostgreSQL advisory lock; SQLite has one process):
 *
 * - operations: each provider's operation list, recorded as observed; an operation that left
 *   the list is read once more to settle its outcome, and when a backup ended, its resource's
 *   restore points are read (the only per-resource call);
 * - due runs: the runs of each enabled backup schedule's recurrence that came due since the
 *   last round, per target; for schedules without a recurrence (Altaro), a VM's NextBackupTime
 *   once that time has passed;
 * - the first round imports the providers' history (backfill.ts); once a day, old rows go.
 *
 * Cheap by design: list calls only, plus one read per operation that just ended.
 */
import type { Logger } from 'pino';
import { isOver, type Operation, type ResourceRef } from '../domain/model.js';
import type { Provider } from '../domain/provider.js';
import { nextRuns } from '../domain/recurrence/index.js';
import { backfill } from './backfill.js';
import type { Journal } from './journal.js';
import { restorePointOf } from './restore-points.js';
import { operationKeyOf, type DueRun } from './store.js';

export interface WatcherOptions {
  intervalMs: number;
  logger: Logger;
  /** Import each provider's history on the first round (default true). */
  backfill?: boolean;
}

const BACKUP_KINDS = new Set(['BACKUP', 'SNAPSHOT', 'REMOTE_SNAPSHOT']);
const SCHEDULE_KINDS = new Set(['BACKUP', 'LOCAL_SNAPSHOT', 'REMOTE_SNAPSHOT']);
const PRUNE_EVERY_MS = 24 * 3_600_000;
/** Runs of one schedule per round at most (a schedule every minute over an hour-long gap). */
const MAX_RUNS_PER_ROUND = 1_000;

export class JournalWatcher {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private leadingNow = false;
  private backfilled = false;
  private lastRoundAt?: Date;
  private lastPruneAt = 0;
  /** Operations seen listed and not over yet, per provider+id. */
  private readonly following = new Map<string, Operation>();
  /** Each resource's last NextBackupTime, for schedules without a recurrence. */
  private readonly nextBackup = new Map<string, Date>();

  constructor(
    private readonly providers: () => Provider[],
    private readonly journal: Journal,
    private readonly options: WatcherOptions,
  ) {}

  /** Whether this instance led the last round. */
  get leading(): boolean {
    return this.leadingNow;
  }

  start(): void {
    if (this.options.intervalMs <= 0) return;
    const loop = () => {
      this.running = this.round()
        .catch((error) => this.options.logger.warn({ err: (error as Error).message }, 'journal watcher: round failed'))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) {
            this.timer = setTimeout(loop, this.options.intervalMs);
            this.timer.unref?.();
          }
        });
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round (also for tests). */
  async round(now = new Date()): Promise<void> {
    this.leadingNow = await this.journal.store.tryLead('watcher').catch(() => false);
    if (!this.leadingNow) return;
    const providers = this.providers();
    if (!this.backfilled && (this.options.backfill ?? true)) {
      await backfill(providers, this.journal, this.options.logger);
      this.backfilled = true;
    }
    const since = this.lastRoundAt ?? new Date(now.getTime() - this.options.intervalMs);
    await Promise.all(
      providers.map(async (provider) => {
        await this.watchOperations(provider).catch((error) => this.skip(provider, 'operations', error));
        await this.watchDueRuns(provider, since, now).catch((error) => this.skip(provider, 'due runs', error));
      }),
    );
    this.lastRoundAt = now;
    if (now.getTime() - this.lastPruneAt >= PRUNE_EVERY_MS) {
      this.lastPruneAt = now.getTime();
      await this.journal.flush().catch(() => undefined);
      const removed = await this.journal.prune(now).catch(() => 0);
      if (removed) this.options.logger.info({ removed }, 'journal: pruned rows older than the retention');
    }
  }

  private async watchOperations(provider: Provider): Promise<void> {
    const listed = await provider.listOperations();
    const present = new Set<string>();
    for (const op of listed) {
      const key = operationKeyOf(op);
      present.add(key);
      this.journal.observed(op);
      if (isOver(op)) await this.ended(provider, key, op);
      else this.following.set(key, op);
    }
    for (const [key, known] of this.following) {
      if (known.providerId !== provider.id || present.has(key)) continue;
      const latest = await provider.getOperation(known.nativeId).catch(() => undefined);
      if (!latest) {
        this.following.delete(key);
        continue;
      }
      this.journal.observed(latest);
      if (isOver(latest)) await this.ended(provider, key, latest);
    }
  }

  /** An operation ended: stop following it; a backup's new restore points are read once. */
  private async ended(provider: Provider, key: string, op: Operation): Promise<void> {
    const wasFollowed = this.following.delete(key);
    if (!wasFollowed || op.status !== 'SUCCEEDED' || !op.target || !BACKUP_KINDS.has(op.kind)) return;
    const backups = await provider.listBackups(op.target).catch(() => []);
    this.journal.restorePoints(backups.map((backup) => restorePointOf(backup, new Date())));
  }

  private async watchDueRuns(provider: Provider, since: Date, now: Date): Promise<void> {
    const schedules = (await provider.listSchedules()).filter((s) => s.enabled && SCHEDULE_KINDS.has(s.kind));
    if (schedules.length === 0) return;
    const targets = schedules.some((s) => s.targets === undefined) ? await provider.scheduleTargets() : undefined;
    const targetsOf = (s: (typeof schedules)[number]): ResourceRef[] => s.targets ?? targets?.get(s.nativeId) ?? [];
    const due: DueRun[] = [];
    const withoutRecurrence = new Set<string>();
    for (const schedule of schedules) {
      if (!schedule.recurrence?.rule) {
        for (const target of targetsOf(schedule)) withoutRecurrence.add(resourceKey(target));
        continue;
      }
      const runs = nextRuns(schedule.recurrence, since, MAX_RUNS_PER_ROUND).filter((at) => at.getTime() <= now.getTime());
      for (const dueAt of runs) {
        for (const resource of targetsOf(schedule)) due.push({ providerId: provider.id, resource, scheduleId: schedule.nativeId, dueAt, seenAt: now });
      }
    }
    if (withoutRecurrence.size > 0) {
      // The provider says only when each VM backs up next: once that time has passed, it was due.
      for (const vm of await provider.listVirtualMachines()) {
        const key = resourceKey(vm);
        if (!withoutRecurrence.has(key)) continue;
        const previous = this.nextBackup.get(key);
        if (previous && previous.getTime() <= now.getTime() && previous.getTime() > since.getTime() - this.options.intervalMs) {
          due.push({ providerId: provider.id, resource: { type: vm.type, providerId: vm.providerId, nativeId: vm.nativeId }, dueAt: previous, seenAt: now });
        }
        if (vm.nextBackupAt) this.nextBackup.set(key, vm.nextBackupAt);
        else this.nextBackup.delete(key);
      }
    }
    this.journal.dueRuns(due);
  }

  private skip(provider: Provider, what: string, error: unknown): void {
    this.options.logger.debug({ provider: provider.id, err: (error as Error).message }, `journal watcher: ${what} skipped this round`);
  }
}


function resourceKey(ref: ResourceRef): string {
  return `${ref.providerId}\u0000${ref.type}\u0000${ref.nativeId}`;
}
