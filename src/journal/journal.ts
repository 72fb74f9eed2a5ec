/**
 * The journal as the rest of the gateway sees it: record what happens (an operation started
 * here, any operation observed, restore points, due runs) without waiting for the database,
 * and read it back through `store`.
 *
 * Writes go through a queue flushed in batches. When the database is away, the queue keeps the
 * observations (bounded: the oldest go first past MAX_QUEUED), the journal reports DOWN, and
 * every flush retries with backoff until it is back; then it catches up and logs so. Queries
 * meanwhile answer from the providers; only the journal's own queries fail.
 */
import type { Logger } from 'pino';
import { isOver, type Operation } from '../domain/model.js';
import { HistoryReader } from './history-reader.js';
import { operationKeyOf, type DueRun, type JournalHealth, type JournalOperation, type JournalStore, type OperationKey, type OperationSource, type RestorePoint } from './store.js';

export interface JournalOptions {
  /** A backup run due with no backup started this long after it is missed. Default 60. */
  missedGraceMinutes?: number;
  /** Rows older than this many days are pruned. Default 400. */
  retentionDays?: number;
  /** How long a queued write may wait before it is flushed. Default 200 ms. */
  flushDelayMs?: number;
}

/** Observations kept while the database is away; past this the oldest are dropped (and counted). */
const MAX_QUEUED = 50_000;
const BATCH = 500;
const MAX_BACKOFF_MS = 30_000;

type Queued =
  | { kind: 'operations'; rows: JournalOperation[] }
  | { kind: 'restorePoints'; rows: RestorePoint[] }
  | { kind: 'dueRuns'; rows: DueRun[] };

export class Journal {
  readonly missedGraceMinutes: number;
  readonly retentionDays: number;
  /** backupHistory's reads, with settled days kept in memory where the store allows (history-reader.ts). */
  readonly history: HistoryReader;
  private readonly flushDelayMs: number;
  private queue: Queued[] = [];
  private queuedRows = 0;
  private dropped = 0;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private failures = 0;
  private lastError?: string;
  private closed = false;
  /** Operations started here whose row may still be queued: their source is known at once. */
  private readonly startedHere = new Map<string, { startedBy?: string }>();

  constructor(
    readonly store: JournalStore,
    private readonly logger: Logger,
    options: JournalOptions = {},
  ) {
    this.missedGraceMinutes = options.missedGraceMinutes ?? 60;
    this.retentionDays = options.retentionDays ?? 400;
    this.flushDelayMs = options.flushDelayMs ?? 200;
    this.history = new HistoryReader(store, this.missedGraceMinutes);
  }

  health(): JournalHealth & { dialect: string; queued: number } {
    const base = { dialect: this.store.dialect, queued: this.queuedRows };
    if (this.lastError) return { ...base, status: 'DOWN', message: `the journal cannot be written (${this.lastError}); ${this.queuedRows} observations wait to be recorded` };
    return { ...base, status: 'UP' };
  }

  /** An operation started through the API, by the key named `startedBy` when keys are on. */
  started(operation: Operation, startedBy?: string): void {
    const key = operationKeyOf(operation);
    this.startedHere.set(key, { startedBy });
    if (this.startedHere.size > 10_000) this.startedHere.delete(this.startedHere.keys().next().value as string);
    this.enqueue({ kind: 'operations', rows: [toRow(operation, 'GATEWAY', startedBy)] });
  }

  /** Any state of any operation the gateway saw (polls, lists, subscriptions, other instances). */
  observed(operation: Operation): void {
    const here = this.startedHere.get(operationKeyOf(operation));
    this.enqueue({ kind: 'operations', rows: [toRow(operation, here ? 'GATEWAY' : 'PROVIDER', here?.startedBy)] });
  }

  restorePoints(points: RestorePoint[]): void {
    if (points.length) this.enqueue({ kind: 'restorePoints', rows: points });
  }

  dueRuns(runs: DueRun[]): void {
    if (runs.length) this.enqueue({ kind: 'dueRuns', rows: runs });
  }

  /**
   * GATEWAY with the key's name for an operation started here, PROVIDER otherwise; in the order
   * of `keys`, with one store read for all those not started here (PROVIDER if it fails).
   */
  async sourcesOf(keys: readonly OperationKey[]): Promise<Array<{ source: OperationSource; startedBy?: string }>> {
    const unknown = keys.filter((key) => !this.startedHere.has(operationKeyOf(key)));
    const rows = unknown.length === 0 ? [] : await this.store.getOperations(unknown).catch((): JournalOperation[] => []);
    const recorded = new Map(rows.map((row) => [operationKeyOf(row), row]));
    return keys.map((key) => {
      const here = this.startedHere.get(operationKeyOf(key));
      if (here) return { source: 'GATEWAY', startedBy: here.startedBy };
      const row = recorded.get(operationKeyOf(key));
      return row ? { source: row.source, startedBy: row.startedBy } : { source: 'PROVIDER' };
    });
  }

  /** Write everything queued now (tests, shutdown); throws if the database refuses. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    this.flushing = this.writeQueued().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  /** Delete what is older than `retentionDays`. */
  async prune(now = new Date()): Promise<number> {
    return this.store.prune(new Date(now.getTime() - this.retentionDays * 86_400_000));
  }

  async close(): Promise<void> {
    this.closed = true;
    try {
      await this.flush();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message, queued: this.queuedRows }, 'journal: closing with observations not recorded');
    }
    await this.store.close();
  }

  private enqueue(item: Queued): void {
    if (this.closed) return;
    this.queue.push(item);
    this.queuedRows += item.rows.length;
    while (this.queuedRows > MAX_QUEUED && this.queue.length > 1) {
      const old = this.queue.shift()!;
      this.queuedRows -= old.rows.length;
      this.dropped += old.rows.length;
    }
    this.schedule(this.queuedRows >= BATCH ? 0 : this.flushDelayMs);
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch(() => undefined); // recorded in lastError; retried with backoff
    }, delayMs);
    this.timer.unref?.();
  }

  private async writeQueued(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const rows = this.queuedRows;
    this.queuedRows = 0;
    try {
      await this.store.recordOperations(batch.flatMap((q) => (q.kind === 'operations' ? q.rows : [])));
      await this.store.recordRestorePoints(batch.flatMap((q) => (q.kind === 'restorePoints' ? q.rows : [])));
      await this.store.recordDueRuns(batch.flatMap((q) => (q.kind === 'dueRuns' ? q.rows : [])));
      if (this.lastError) this.logger.info({ recorded: rows, dropped: this.dropped }, 'journal: the database is back; caught up');
      this.lastError = undefined;
      this.failures = 0;
      this.dropped = 0;
    } catch (error) {
      // Keep them (in order, before anything queued meanwhile) and try again later.
      this.queue = [...batch, ...this.queue];
      this.queuedRows += rows;
      const message = (error as Error).message.split('\n')[0];
      if (!this.lastError) this.logger.error({ err: message, queued: this.queuedRows }, 'journal: cannot write to the database; keeping observations and retrying');
      this.lastError = message;
      this.failures += 1;
      if (!this.closed) {
        const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures, 6));
        this.flushing = undefined;
        this.schedule(delay);
      }
      throw error;
    }
  }
}

function toRow(operation: Operation, source: OperationSource, startedBy?: string): JournalOperation {
  return {
    providerId: operation.providerId,
    nativeId: operation.nativeId,
    kind: operation.kind,
    status: operation.status,
    final: isOver(operation) && operation.status === 'UNKNOWN',
    progress: operation.progress,
    phase: operation.phase,
    message: operation.message,
    target: operation.target,
    source,
    startedBy,
    startedAt: operation.startedAt,
    updatedAt: operation.updatedAt,
    finishedAt: operation.finishedAt,
  };
}
