/**
 * The embedded journal: one SQLite file through better-sqlite3 (WAL, synchronous=NORMAL, a busy
 * timeout so a second reader waits instead of failing). better-sqlite3 is synchronous; every
 * method is async only to fit the JournalStore interface. A batch is one transaction: one fsync
 * per batch, not per row. Times are integer milliseconds, booleans 0/1 (see migrations.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { type BackupKind, type OperationKind, type OperationStatus, type ResourceType } from '../domain/model.js';
import { MIGRATIONS } from './migrations.js';
import type { HistoryDueRun, HistoryOperation, HistoryRestorePoint } from '../domain/history.js';
import type {
  DueRun,
  HistoryFacts,
  HistoryWindow,
  JournalEvent,
  JournalOperation,
  JournalStore,
  OperationCursor,
  OperationFilter,
  OperationKey,
  OperationPage,
  OperationSource,
  RestorePoint,
} from './store.js';
import { operationMergeSet } from './merge-rules.js';
import { EVERYTHING, operationChanges, restorePointChanges, type HistoryChange, type HistoryChangeListener, type OperationShape, type RestorePointShape } from './history-changes.js';

const UPSERT_OPERATION = `
  INSERT INTO operations (provider_id, native_id, kind, status, final, progress, phase, message, target_type, target_id, source, started_by, started_at, updated_at, finished_at)
  VALUES (@providerId, @nativeId, @kind, @status, @final, @progress, @phase, @message, @targetType, @targetId, @source, @startedBy, @startedAt, @updatedAt, @finishedAt)
  ON CONFLICT (provider_id, native_id) DO UPDATE SET
    ${operationMergeSet('operations', (x, y) => `min(coalesce(${x}, ${y}), coalesce(${y}, ${x}))`)}`;

// The first time a status was seen: the earliest observation of it, whatever the arrival order.
const UPSERT_EVENT = `
  INSERT INTO operation_events (provider_id, native_id, status, at) VALUES (?, ?, ?, ?)
  ON CONFLICT (provider_id, native_id, status) DO UPDATE SET at = min(operation_events.at, excluded.at)`;

const UPSERT_RESTORE_POINT = `
  INSERT INTO restore_points (provider_id, native_id, resource_type, resource_id, kind, created_at, size_bytes, status, location, first_seen_at)
  VALUES (@providerId, @nativeId, @resourceType, @resourceId, @kind, @createdAt, @sizeBytes, @status, @location, @firstSeenAt)
  ON CONFLICT (provider_id, native_id) DO UPDATE SET
    resource_type = excluded.resource_type, resource_id = excluded.resource_id, kind = excluded.kind,
    created_at = coalesce(excluded.created_at, restore_points.created_at),
    size_bytes = coalesce(excluded.size_bytes, restore_points.size_bytes),
    status = coalesce(excluded.status, restore_points.status),
    location = coalesce(excluded.location, restore_points.location),
    first_seen_at = min(restore_points.first_seen_at, excluded.first_seen_at)`;

const UPSERT_DUE_RUN = `
  INSERT INTO due_runs (provider_id, resource_type, resource_id, due_at, schedule_id, seen_at) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (provider_id, resource_type, resource_id, due_at) DO UPDATE SET
    schedule_id = coalesce(excluded.schedule_id, due_runs.schedule_id),
    seen_at = min(due_runs.seen_at, excluded.seen_at)`;

const RESTORE_POINT_AT = 'coalesce(created_at, first_seen_at)';

// What the history reads of a row (history-changes.ts), before an upsert and (RETURNING) after it.
const OPERATION_SHAPE = 'kind, status, target_type, target_id, started_at, updated_at, finished_at';
const RESTORE_POINT_SHAPE = 'resource_type, resource_id, created_at, first_seen_at';

// Bulk reads fetch rows as arrays (better-sqlite3's raw mode), in these column orders: a month
// of history is tens of thousands of rows, and arrays skip building an object per row.
const OPERATION_COLUMNS = 'provider_id, native_id, kind, status, final, progress, phase, message, target_type, target_id, source, started_by, started_at, updated_at, finished_at';
type OperationRow = [string, string, string, string, number, number | null, string | null, string | null, string | null, string | null, string, string | null, number | null, number, number | null];
const RESTORE_POINT_COLUMNS = 'provider_id, native_id, resource_type, resource_id, kind, created_at, size_bytes, status, location, first_seen_at';
type RestorePointRow = [string, string, string, string, string, number | null, number | null, string | null, string | null, number];
const DUE_RUN_COLUMNS = 'provider_id, resource_type, resource_id, due_at, schedule_id, seen_at';
type DueRunRow = [string, string, string, number, string | null, number];

// The history's lean reads (historyFacts): only what src/domain/history.ts uses.
const HISTORY_OPERATION_COLUMNS = 'provider_id, native_id, kind, status, target_type, target_id, started_at, updated_at, finished_at';
type HistoryOperationRow = [string, string, string, string, string | null, string | null, number | null, number, number | null];
const HISTORY_RESTORE_POINT_COLUMNS = 'provider_id, native_id, resource_type, resource_id, created_at, first_seen_at';
type HistoryRestorePointRow = [string, string, string, string, number | null, number];
const HISTORY_DUE_RUN_COLUMNS = 'provider_id, resource_type, resource_id, schedule_id, due_at';
type HistoryDueRunRow = [string, string, string, string | null, number];

const KEYS_PER_READ = 500;

const ms = (date: Date | undefined) => (date === undefined ? null : date.getTime());
const date = (value: number | null) => (value === null ? undefined : new Date(value));
const text = (value: string | null) => (value === null ? undefined : value);
const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

function toOperation(row: OperationRow): JournalOperation {
  const [providerId, nativeId, kind, status, final, progress, phase, message, targetType, targetId, source, startedBy, startedAt, updatedAt, finishedAt] = row;
  return {
    providerId,
    nativeId,
    kind: kind as OperationKind,
    status: status as OperationStatus,
    final: final === 1,
    progress: progress ?? undefined,
    phase: text(phase),
    message: text(message),
    target: targetId === null ? undefined : { providerId, type: targetType as ResourceType, nativeId: targetId },
    source: source as OperationSource,
    startedBy: text(startedBy),
    startedAt: date(startedAt),
    updatedAt: new Date(updatedAt),
    finishedAt: date(finishedAt),
  };
}

function toRestorePoint(row: RestorePointRow): RestorePoint {
  const [providerId, nativeId, resourceType, resourceId, kind, createdAt, sizeBytes, status, location, firstSeenAt] = row;
  return {
    providerId,
    nativeId,
    resource: { providerId, type: resourceType as ResourceType, nativeId: resourceId },
    kind: kind as BackupKind,
    createdAt: date(createdAt),
    sizeBytes: sizeBytes ?? undefined,
    status: text(status),
    location: text(location),
    firstSeenAt: new Date(firstSeenAt),
  };
}

function toDueRun(row: DueRunRow): DueRun {
  const [providerId, resourceType, resourceId, dueAt, scheduleId, seenAt] = row;
  return {
    providerId,
    resource: { providerId, type: resourceType as ResourceType, nativeId: resourceId },
    scheduleId: text(scheduleId),
    dueAt: new Date(dueAt),
    seenAt: new Date(seenAt),
  };
}

/** WHERE conditions of an operation filter. An empty list matches nothing (a filter that named no one). */
function operationConditions(filter: OperationFilter): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const oneOf = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    sql.push(values.length === 0 ? '0' : `${column} IN (${placeholders(values.length)})`);
    params.push(...values);
  };
  // `+provider_id`: not through the primary key. SQLite (without statistics) would otherwise walk
  // a provider's whole history by its key and sort it, instead of the time index it needs.
  oneOf('+provider_id', filter.providerIds);
  oneOf('kind', filter.kinds);
  oneOf('status', filter.statuses);
  if (filter.targets !== undefined) {
    sql.push(filter.targets.length === 0 ? '0' : `(${filter.targets.map(() => '(provider_id = ? AND target_type = ? AND target_id = ?)').join(' OR ')})`);
    for (const target of filter.targets) params.push(target.providerId, target.type, target.nativeId);
  }
  if (filter.from !== undefined) {
    sql.push('sort_at >= ?');
    params.push(filter.from.getTime());
  }
  if (filter.to !== undefined) {
    sql.push('sort_at < ?');
    params.push(filter.to.getTime());
  }
  return { sql, params };
}

const where = (conditions: string[]) => (conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`);

function providerCondition(providerIds: string[] | undefined): { sql: string[]; params: unknown[] } {
  if (providerIds === undefined) return { sql: [], params: [] };
  if (providerIds.length === 0) return { sql: ['0'], params: [] };
  return { sql: [`+provider_id IN (${placeholders(providerIds.length)})`], params: providerIds }; // see operationConditions
}

export class SqliteJournal implements JournalStore {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly historyListeners: HistoryChangeListener[] = [];

  /** `path` is a file path (its folder is created) or ':memory:'. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Keys land all over the b-trees (provider/native ids): SQLite's default 2 MB page cache
    // thrashes once a year of history is in; 64 MB keeps the indexes' upper levels in memory.
    this.db.pragma('cache_size = -65536');
  }

  /** The open database, for tables other parts own in it (src/alerts/sql.ts). */
  get connection(): Database.Database {
    return this.db;
  }

  /** Prepared once per SQL text (tables must exist, hence not in the constructor). */
  private statement(sql: string, raw = false): Database.Statement {
    const key = raw ? `raw:${sql}` : sql;
    let statement = this.statements.get(key);
    if (statement === undefined) {
      // Filters with lists make many shapes: keep the cache bounded.
      if (this.statements.size >= 256) this.statements.clear();
      statement = this.db.prepare(sql);
      if (raw) statement.raw(true);
      this.statements.set(key, statement);
    }
    return statement;
  }

  async migrate(): Promise<void> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const applied = this.statement('SELECT 1 FROM schema_migrations WHERE version = ?');
    const record = this.statement('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)');
    for (const migration of MIGRATIONS) {
      // IMMEDIATE: a second process opening the same file waits for the write lock, then sees the version applied.
      this.db
        .transaction(() => {
          if (applied.get(migration.version) !== undefined) return;
          this.db.exec(migration.sqlite);
          record.run(migration.version, Date.now());
        })
        .immediate();
    }
  }

  onHistoryChange(listener: HistoryChangeListener): void {
    this.historyListeners.push(listener);
  }

  private reportHistory(changes: readonly HistoryChange[] | typeof EVERYTHING): void {
    if (changes !== EVERYTHING && changes.length === 0) return;
    for (const listener of this.historyListeners) listener(changes);
  }

  async recordOperations(operations: JournalOperation[]): Promise<void> {
    const watched = this.historyListeners.length > 0;
    const upsert = this.statement(watched ? `${UPSERT_OPERATION} RETURNING ${OPERATION_SHAPE}` : UPSERT_OPERATION, watched);
    const event = this.statement(UPSERT_EVENT);
    const before = this.statement(`SELECT ${OPERATION_SHAPE} FROM operations WHERE provider_id = ? AND native_id = ?`, true);
    // A restore point that is this operation (same native id) is no success of its own any more.
    const itself = this.statement(`SELECT ${RESTORE_POINT_SHAPE} FROM restore_points WHERE provider_id = ? AND native_id = ?`, true);
    const changes: HistoryChange[] = [];
    this.db.transaction(() => {
      for (const operation of operations) {
        const old = watched ? (before.get(operation.providerId, operation.nativeId) as OperationShape | undefined) : undefined;
        const values = {
          providerId: operation.providerId,
          nativeId: operation.nativeId,
          kind: operation.kind,
          status: operation.status,
          final: operation.final ? 1 : 0,
          progress: operation.progress ?? null,
          phase: operation.phase ?? null,
          message: operation.message ?? null,
          targetType: operation.target?.type ?? null,
          targetId: operation.target?.nativeId ?? null,
          source: operation.source,
          startedBy: operation.startedBy ?? null,
          startedAt: ms(operation.startedAt),
          updatedAt: operation.updatedAt.getTime(),
          finishedAt: ms(operation.finishedAt),
        };
        if (watched) {
          const found = operationChanges(operation.providerId, old, upsert.get(values) as OperationShape);
          if (found.length > 0) {
            changes.push(...found);
            const point = itself.get(operation.providerId, operation.nativeId) as RestorePointShape | undefined;
            if (point) changes.push(...restorePointChanges(operation.providerId, undefined, point));
          }
        } else {
          upsert.run(values);
        }
        event.run(operation.providerId, operation.nativeId, operation.status, operation.updatedAt.getTime());
      }
    })();
    this.reportHistory(changes);
  }

  async getOperation(providerId: string, nativeId: string): Promise<JournalOperation | undefined> {
    const row = this.statement(`SELECT ${OPERATION_COLUMNS} FROM operations WHERE provider_id = ? AND native_id = ?`, true).get(providerId, nativeId) as OperationRow | undefined;
    return row === undefined ? undefined : toOperation(row);
  }

  async getOperations(keys: OperationKey[]): Promise<JournalOperation[]> {
    const found: JournalOperation[] = [];
    // In slices, so the statement's shape (and SQLite's parameter count) stays bounded.
    for (let i = 0; i < keys.length; i += KEYS_PER_READ) {
      const slice = keys.slice(i, i + KEYS_PER_READ);
      const rows = this
        .statement(`SELECT ${OPERATION_COLUMNS} FROM operations WHERE (provider_id, native_id) IN (VALUES ${slice.map(() => '(?, ?)').join(', ')})`, true)
        .all(...slice.flatMap((key) => [key.providerId, key.nativeId])) as OperationRow[];
      found.push(...rows.map(toOperation));
    }
    return found;
  }

  async listOperations(filter: OperationFilter, first: number, after?: OperationCursor): Promise<OperationPage> {
    const limit = Math.max(0, Math.min(first, 1000));
    const { sql, params } = operationConditions(filter);
    const totalCount = (this.statement(`SELECT count(*) AS n FROM operations ${where(sql)}`).get(...params) as { n: number }).n;
    const page = [...sql];
    const pageParams = [...params];
    if (after !== undefined) {
      page.push('(sort_at < ? OR (sort_at = ? AND (provider_id, native_id) > (?, ?)))');
      pageParams.push(after.sortAt.getTime(), after.sortAt.getTime(), after.providerId, after.nativeId);
    }
    const rows = this
      .statement(`SELECT ${OPERATION_COLUMNS} FROM operations ${where(page)} ORDER BY sort_at DESC, provider_id, native_id LIMIT ?`, true)
      .all(...pageParams, limit + 1) as OperationRow[];
    return { items: rows.slice(0, limit).map(toOperation), totalCount, hasNextPage: rows.length > limit };
  }

  async operationsBetween(from: Date, to: Date, filter: Pick<OperationFilter, 'providerIds' | 'kinds'> = {}): Promise<JournalOperation[]> {
    const { sql, params } = operationConditions({ providerIds: filter.providerIds, kinds: filter.kinds, from, to });
    const rows = this.statement(`SELECT ${OPERATION_COLUMNS} FROM operations ${where(sql)} ORDER BY sort_at, provider_id, native_id`, true).all(...params) as OperationRow[];
    return rows.map(toOperation);
  }

  /**
   * Each table's rows travel as one JSON array of arrays: handing tens of thousands of rows to
   * JavaScript one by one costs several times what SQLite takes to find them; one text value
   * and JSON.parse cost a fraction (measured on a month of 1,000 VMs; see bench/RESULTS.md).
   */
  private packed<Row>(columns: string, fromWhere: string, params: unknown[]): Row[] {
    const [json] = this.statement(`SELECT json_group_array(json_array(${columns})) ${fromWhere}`, true).get(...params) as [string];
    return JSON.parse(json) as Row[];
  }

  async historyFacts(window: HistoryWindow): Promise<HistoryFacts> {
    const ops = operationConditions({ providerIds: window.providerIds, kinds: window.kinds, from: window.from, to: window.to });
    const providers = providerCondition(window.providerIds);
    const operations = this.packed<HistoryOperationRow>(HISTORY_OPERATION_COLUMNS, `FROM operations ${where(ops.sql)}`, ops.params).map(
      ([providerId, nativeId, kind, status, targetType, targetId, startedAt, updatedAt, finishedAt]): HistoryOperation => ({
        providerId,
        nativeId,
        kind: kind as OperationKind,
        status: status as OperationStatus,
        target: targetId === null ? undefined : { providerId, type: targetType as ResourceType, nativeId: targetId },
        startedAt: date(startedAt),
        updatedAt: new Date(updatedAt),
        finishedAt: date(finishedAt),
      }),
    );
    const restorePoints = this.packed<HistoryRestorePointRow>(
      HISTORY_RESTORE_POINT_COLUMNS,
      `FROM restore_points ${where([`${RESTORE_POINT_AT} >= ?`, `${RESTORE_POINT_AT} < ?`, ...providers.sql])}`,
      [(window.pointsFrom ?? window.from).getTime(), window.to.getTime(), ...providers.params],
    ).map(
      ([providerId, nativeId, resourceType, resourceId, createdAt, firstSeenAt]): HistoryRestorePoint => ({
        providerId,
        nativeId,
        resource: { providerId, type: resourceType as ResourceType, nativeId: resourceId },
        createdAt: date(createdAt),
        firstSeenAt: new Date(firstSeenAt),
      }),
    );
    const dueRuns = this.packed<HistoryDueRunRow>(HISTORY_DUE_RUN_COLUMNS, `FROM due_runs ${where(['due_at >= ?', 'due_at < ?', ...providers.sql])}`, [
      window.dueFrom.getTime(),
      window.dueTo.getTime(),
      ...providers.params,
    ]).map(
      ([providerId, resourceType, resourceId, scheduleId, dueAt]): HistoryDueRun => ({
        providerId,
        resource: { providerId, type: resourceType as ResourceType, nativeId: resourceId },
        scheduleId: text(scheduleId),
        dueAt: new Date(dueAt),
      }),
    );
    return { operations, restorePoints, dueRuns };
  }

  async events(providerId: string, nativeId: string): Promise<JournalEvent[]> {
    const rows = this
      .statement('SELECT status, at FROM operation_events WHERE provider_id = ? AND native_id = ? ORDER BY at, status')
      .all(providerId, nativeId) as { status: string; at: number }[];
    return rows.map((row) => ({ providerId, nativeId, status: row.status as OperationStatus, at: new Date(row.at) }));
  }

  async recordRestorePoints(points: RestorePoint[]): Promise<void> {
    const watched = this.historyListeners.length > 0;
    const upsert = this.statement(watched ? `${UPSERT_RESTORE_POINT} RETURNING ${RESTORE_POINT_SHAPE}` : UPSERT_RESTORE_POINT, watched);
    const before = this.statement(`SELECT ${RESTORE_POINT_SHAPE} FROM restore_points WHERE provider_id = ? AND native_id = ?`, true);
    const changes: HistoryChange[] = [];
    this.db.transaction(() => {
      for (const point of points) {
        const old = watched ? (before.get(point.providerId, point.nativeId) as RestorePointShape | undefined) : undefined;
        const values = {
          providerId: point.providerId,
          nativeId: point.nativeId,
          resourceType: point.resource.type,
          resourceId: point.resource.nativeId,
          kind: point.kind,
          createdAt: ms(point.createdAt),
          sizeBytes: point.sizeBytes ?? null,
          status: point.status ?? null,
          location: point.location ?? null,
          firstSeenAt: point.firstSeenAt.getTime(),
        };
        if (watched) changes.push(...restorePointChanges(point.providerId, old, upsert.get(values) as RestorePointShape));
        else upsert.run(values);
      }
    })();
    this.reportHistory(changes);
  }

  async restorePointsBetween(from: Date, to: Date, filter: { providerIds?: string[] } = {}): Promise<RestorePoint[]> {
    const providers = providerCondition(filter.providerIds);
    const rows = this
      .statement(`SELECT ${RESTORE_POINT_COLUMNS} FROM restore_points ${where([`${RESTORE_POINT_AT} >= ?`, `${RESTORE_POINT_AT} < ?`, ...providers.sql])} ORDER BY ${RESTORE_POINT_AT}, provider_id, native_id`, true)
      .all(from.getTime(), to.getTime(), ...providers.params) as RestorePointRow[];
    return rows.map(toRestorePoint);
  }

  async recordDueRuns(runs: DueRun[]): Promise<void> {
    const upsert = this.statement(UPSERT_DUE_RUN);
    const known = this.statement('SELECT 1 FROM due_runs WHERE provider_id = ? AND resource_type = ? AND resource_id = ? AND due_at = ?', true);
    const watched = this.historyListeners.length > 0;
    const changes: HistoryChange[] = [];
    this.db.transaction(() => {
      for (const run of runs) {
        const key = [run.providerId, run.resource.type, run.resource.nativeId, run.dueAt.getTime()] as const;
        // Only a new due run changes the history (its schedule id and seenAt do not).
        if (watched && known.get(...key) === undefined) changes.push({ resource: run.resource, from: key[3], to: key[3] });
        upsert.run(...key, run.scheduleId ?? null, run.seenAt.getTime());
      }
    })();
    this.reportHistory(changes);
  }

  async dueRunsBetween(from: Date, to: Date, filter: { providerIds?: string[] } = {}): Promise<DueRun[]> {
    const providers = providerCondition(filter.providerIds);
    const rows = this
      .statement(`SELECT ${DUE_RUN_COLUMNS} FROM due_runs ${where(['due_at >= ?', 'due_at < ?', ...providers.sql])} ORDER BY due_at, provider_id, resource_type, resource_id`, true)
      .all(from.getTime(), to.getTime(), ...providers.params) as DueRunRow[];
    return rows.map(toDueRun);
  }

  async backfilledAt(providerId: string): Promise<Date | undefined> {
    const row = this.statement('SELECT at FROM backfills WHERE provider_id = ?').get(providerId) as { at: number } | undefined;
    return row === undefined ? undefined : new Date(row.at);
  }

  async markBackfilled(providerId: string, at: Date): Promise<void> {
    this.statement('INSERT INTO backfills (provider_id, at) VALUES (?, ?) ON CONFLICT (provider_id) DO UPDATE SET at = excluded.at').run(providerId, at.getTime());
  }

  /** One process owns the file, so it always leads. */
  async tryLead(): Promise<boolean> {
    return true;
  }

  async prune(before: Date): Promise<number> {
    const cutoff = before.getTime();
    const removedRows = this.db.transaction(() => {
      let removed = 0;
      removed += this
        .statement('DELETE FROM operation_events WHERE (provider_id, native_id) IN (SELECT provider_id, native_id FROM operations WHERE updated_at < ?)')
        .run(cutoff).changes;
      removed += this.statement('DELETE FROM operations WHERE updated_at < ?').run(cutoff).changes;
      removed += this.statement(`DELETE FROM restore_points WHERE ${RESTORE_POINT_AT} < ?`).run(cutoff).changes;
      removed += this.statement('DELETE FROM due_runs WHERE due_at < ?').run(cutoff).changes;
      return removed;
    })();
    if (removedRows > 0) this.reportHistory(EVERYTHING);
    return removedRows;
  }

  async ping(): Promise<void> {
    this.statement('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
