/**
 * The shared journal: PostgreSQL through a `pg` Pool, for several gateway instances on one
 * database. Every write is one transaction of set-based upserts (unnest of arrays), and the
 * merge rules live in the `ON CONFLICT … DO UPDATE`, so two instances writing the same rows at
 * once still end with one row each, merged the same way. The watcher's leadership is a session
 * advisory lock held on a dedicated connection (not the pool), so it lasts exactly as long as
 * that connection.
 */
import pg from 'pg';
import { type BackupKind, type OperationKind, type OperationStatus, type ResourceType } from '../domain/model.js';
import { MIGRATIONS } from './migrations.js';
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
import { operationKeyOf } from './store.js';
import { EVERYTHING, operationChanges, restorePointChanges, type HistoryChange, type HistoryChangeListener, type OperationShape, type RestorePointShape } from './history-changes.js';
import { PostgresHistoryFeed, publishHistoryChanges } from './postgres-history-feed.js';

/** Serializes migrators of one database (a bigint outside hashtext's int4 range: no clash with leader names). */
const MIGRATION_LOCK = '7627866746097516908';
const APPLICATION_NAME = 'backup-gateway-journal';
const RETRIES = 3;
/** A query that has not answered by then is failed (a network partition would otherwise hold the writer forever). */
const QUERY_TIMEOUT_MS = 60_000;

const UPSERT_OPERATIONS = `
  INSERT INTO operations AS o (provider_id, native_id, kind, status, final, progress, phase, message, target_type, target_id, source, started_by, started_at, updated_at, finished_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::timestamptz[])
  ON CONFLICT (provider_id, native_id) DO UPDATE SET
    ${operationMergeSet('o', (x, y) => `least(${x}, ${y})`)}`;

const UPSERT_EVENTS = `
  INSERT INTO operation_events AS e (provider_id, native_id, status, at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
  ON CONFLICT (provider_id, native_id, status) DO UPDATE SET at = least(e.at, excluded.at)`;

const UPSERT_RESTORE_POINTS = `
  INSERT INTO restore_points AS r (provider_id, native_id, resource_type, resource_id, kind, created_at, size_bytes, status, location, first_seen_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[], $8::text[], $9::text[], $10::timestamptz[])
  ON CONFLICT (provider_id, native_id) DO UPDATE SET
    resource_type = excluded.resource_type, resource_id = excluded.resource_id, kind = excluded.kind,
    created_at = coalesce(excluded.created_at, r.created_at),
    size_bytes = coalesce(excluded.size_bytes, r.size_bytes),
    status = coalesce(excluded.status, r.status),
    location = coalesce(excluded.location, r.location),
    first_seen_at = least(r.first_seen_at, excluded.first_seen_at)`;

const UPSERT_DUE_RUNS = `
  INSERT INTO due_runs AS d (provider_id, resource_type, resource_id, due_at, schedule_id, seen_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::timestamptz[])
  ON CONFLICT (provider_id, resource_type, resource_id, due_at) DO UPDATE SET
    schedule_id = coalesce(excluded.schedule_id, d.schedule_id),
    seen_at = least(d.seen_at, excluded.seen_at)`;

const RESTORE_POINT_AT = '(coalesce(created_at, first_seen_at))';

// What the history reads of a row (history-changes.ts): read before an upsert, RETURNING after it.
const OPERATION_SHAPE = 'provider_id, native_id, kind, status, target_type, target_id, started_at, updated_at, finished_at';
const RESTORE_POINT_SHAPE = 'provider_id, native_id, resource_type, resource_id, created_at, first_seen_at';
const BY_KEYS = 'JOIN unnest($1::text[], $2::text[]) AS k (provider_id, native_id) ON t.provider_id = k.provider_id AND t.native_id = k.native_id';
type OperationShapeRow = { provider_id: string; native_id: string; kind: string; status: string; target_type: string | null; target_id: string | null; started_at: Date | null; updated_at: Date; finished_at: Date | null };
type RestorePointShapeRow = { provider_id: string; native_id: string; resource_type: string; resource_id: string; created_at: Date | null; first_seen_at: Date };
const msOrNull = (date: Date | null) => (date === null ? null : date.getTime());
const operationShape = (r: OperationShapeRow): OperationShape => [r.kind, r.status, r.target_type, r.target_id, msOrNull(r.started_at), r.updated_at.getTime(), msOrNull(r.finished_at)];
const restorePointShape = (r: RestorePointShapeRow): RestorePointShape => [r.resource_type, r.resource_id, msOrNull(r.created_at), r.first_seen_at.getTime()];
const rowKey = (r: { provider_id: string; native_id: string }) => operationKeyOf({ providerId: r.provider_id, nativeId: r.native_id });

interface OperationRow {
  provider_id: string;
  native_id: string;
  kind: string;
  status: string;
  final: boolean;
  progress: number | null;
  phase: string | null;
  message: string | null;
  target_type: string | null;
  target_id: string | null;
  source: string;
  started_by: string | null;
  started_at: Date | null;
  updated_at: Date;
  finished_at: Date | null;
}

interface RestorePointRow {
  provider_id: string;
  native_id: string;
  resource_type: string;
  resource_id: string;
  kind: string;
  created_at: Date | null;
  size_bytes: string | null;
  status: string | null;
  location: string | null;
  first_seen_at: Date;
}

interface DueRunRow {
  provider_id: string;
  resource_type: string;
  resource_id: string;
  due_at: Date;
  schedule_id: string | null;
  seen_at: Date;
}

const orUndefined = <T>(value: T | null) => (value === null ? undefined : value);

function toOperation(row: OperationRow): JournalOperation {
  return {
    providerId: row.provider_id,
    nativeId: row.native_id,
    kind: row.kind as OperationKind,
    status: row.status as OperationStatus,
    final: row.final,
    progress: orUndefined(row.progress),
    phase: orUndefined(row.phase),
    message: orUndefined(row.message),
    target: row.target_id === null ? undefined : { providerId: row.provider_id, type: row.target_type as ResourceType, nativeId: row.target_id },
    source: row.source as OperationSource,
    startedBy: orUndefined(row.started_by),
    startedAt: orUndefined(row.started_at),
    updatedAt: row.updated_at,
    finishedAt: orUndefined(row.finished_at),
  };
}

function toRestorePoint(row: RestorePointRow): RestorePoint {
  return {
    providerId: row.provider_id,
    nativeId: row.native_id,
    resource: { providerId: row.provider_id, type: row.resource_type as ResourceType, nativeId: row.resource_id },
    kind: row.kind as BackupKind,
    createdAt: orUndefined(row.created_at),
    sizeBytes: row.size_bytes === null ? undefined : Number(row.size_bytes),
    status: orUndefined(row.status),
    location: orUndefined(row.location),
    firstSeenAt: row.first_seen_at,
  };
}

function toDueRun(row: DueRunRow): DueRun {
  return {
    providerId: row.provider_id,
    resource: { providerId: row.provider_id, type: row.resource_type as ResourceType, nativeId: row.resource_id },
    scheduleId: orUndefined(row.schedule_id),
    dueAt: row.due_at,
    seenAt: row.seen_at,
  };
}

/** Numbered parameters for a query being built. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** WHERE conditions of an operation filter. An empty list matches nothing (= ANY of an empty array). */
function operationConditions(filter: OperationFilter, params: Params): string[] {
  const sql: string[] = [];
  if (filter.providerIds !== undefined) sql.push(`provider_id = ANY(${params.add(filter.providerIds)}::text[])`);
  if (filter.kinds !== undefined) sql.push(`kind = ANY(${params.add(filter.kinds)}::text[])`);
  if (filter.statuses !== undefined) sql.push(`status = ANY(${params.add(filter.statuses)}::text[])`);
  if (filter.targets !== undefined) {
    const [providers, types, ids] = [filter.targets.map((t) => t.providerId), filter.targets.map((t) => t.type), filter.targets.map((t) => t.nativeId)];
    sql.push(`(provider_id, target_type, target_id) IN (SELECT * FROM unnest(${params.add(providers)}::text[], ${params.add(types)}::text[], ${params.add(ids)}::text[]))`);
  }
  if (filter.from !== undefined) sql.push(`sort_at >= ${params.add(filter.from)}`);
  if (filter.to !== undefined) sql.push(`sort_at < ${params.add(filter.to)}`);
  return sql;
}

const where = (conditions: string[]) => (conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`);

/**
 * Splits a batch into rounds in which each key appears once (PostgreSQL refuses to upsert one
 * row twice in a statement), keeping each key's observations in order; each round is sorted
 * by key so concurrent writers lock rows in the same order.
 */
function rounds<T>(items: T[], key: (item: T) => string): T[][] {
  const result: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    const round = seen.get(k) ?? 0;
    seen.set(k, round + 1);
    (result[round] ??= []).push(item);
  }
  for (const round of result) round.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return result;
}

const isRetryable = (error: unknown) => error instanceof pg.DatabaseError && (error.code === '40P01' || error.code === '40001');

export class PostgresJournal implements JournalStore {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private leader?: pg.Client;
  private readonly led = new Set<string>();
  /** Set when the leader connection died holding a lock: the next tryLead says false once. */
  private leadershipLost = false;
  private leading: Promise<unknown> = Promise.resolve();
  private readonly feed: PostgresHistoryFeed;

  constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, query_timeout: QUERY_TIMEOUT_MS, keepAlive: true, application_name: APPLICATION_NAME });
    // An idle pooled connection that drops emits 'error' on the pool; unhandled, it would end the
    // process. The pool discards that client, and the next query reports the outage to its caller.
    this.pool.on('error', () => undefined);
    this.feed = new PostgresHistoryFeed(url, this.pool);
  }

  /** Every instance's history changes, heard over LISTEN (postgres-history-feed.ts). */
  onHistoryChange(listener: HistoryChangeListener): void {
    this.feed.subscribe(listener);
  }

  historyCaughtUp(): Promise<boolean> {
    return this.feed.caughtUp();
  }

  /** The pool, for tables other parts own in the journal's database (src/alerts/sql.ts). */
  get connectionPool(): pg.Pool {
    return this.pool;
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        // Not a database answer (the connection failed): do not return that client to the pool.
        if (!(error instanceof pg.DatabaseError)) broken = error as Error;
        // Deadlocks between concurrent batches are resolved by PostgreSQL aborting one: retry it.
        if (!isRetryable(error) || attempt >= RETRIES) throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      // Two instances starting together: the second waits here, then finds every version applied.
      await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
      try {
        await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
        const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
        const applied = new Set(rows.map((row) => row.version));
        for (const migration of MIGRATIONS) {
          if (applied.has(migration.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(migration.postgres);
            await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())', [migration.version]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
          }
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => undefined);
      }
    } catch (error) {
      if (!(error instanceof pg.DatabaseError)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async recordOperations(operations: JournalOperation[]): Promise<void> {
    if (operations.length === 0) return;
    const events = new Map<string, JournalEvent>();
    for (const { providerId, nativeId, status, updatedAt } of operations) {
      const key = `${providerId}\u0000${nativeId}\u0000${status}`;
      const known = events.get(key);
      if (known === undefined || updatedAt < known.at) events.set(key, { providerId, nativeId, status, at: updatedAt });
    }
    const sortedEvents = rounds([...events.values()], (e) => `${e.providerId}\u0000${e.nativeId}\u0000${e.status}`)[0];
    const keys = [...new Map(operations.map((o) => [operationKeyOf(o), o])).values()];
    await this.transaction(async (client) => {
      const keyParams = [keys.map((o) => o.providerId), keys.map((o) => o.nativeId)];
      const before = new Map((await client.query<OperationShapeRow>(`SELECT ${OPERATION_SHAPE.replace(/(\w+)/g, 't.$1')} FROM operations t ${BY_KEYS}`, keyParams)).rows.map((r) => [rowKey(r), operationShape(r)]));
      const after = new Map<string, OperationShapeRow>();
      for (const round of rounds(operations, (o) => operationKeyOf(o))) {
        const { rows } = await client.query<OperationShapeRow>(`${UPSERT_OPERATIONS} RETURNING ${OPERATION_SHAPE}`, [
          round.map((o) => o.providerId),
          round.map((o) => o.nativeId),
          round.map((o) => o.kind),
          round.map((o) => o.status),
          round.map((o) => o.final),
          round.map((o) => o.progress ?? null),
          round.map((o) => o.phase ?? null),
          round.map((o) => o.message ?? null),
          round.map((o) => o.target?.type ?? null),
          round.map((o) => o.target?.nativeId ?? null),
          round.map((o) => o.source),
          round.map((o) => o.startedBy ?? null),
          round.map((o) => o.startedAt ?? null),
          round.map((o) => o.updatedAt),
          round.map((o) => o.finishedAt ?? null),
        ]);
        for (const row of rows) after.set(rowKey(row), row);
      }
      const changes: HistoryChange[] = [];
      const changed: OperationShapeRow[] = [];
      for (const [key, row] of after) {
        const found = operationChanges(row.provider_id, before.get(key), operationShape(row));
        if (found.length === 0) continue;
        changes.push(...found);
        changed.push(row);
      }
      if (changed.length > 0) {
        // A restore point that is one of these operations (same native id) is no success of its own any more.
        const { rows } = await client.query<RestorePointShapeRow>(`SELECT ${RESTORE_POINT_SHAPE.replace(/(\w+)/g, 't.$1')} FROM restore_points t ${BY_KEYS}`, [changed.map((r) => r.provider_id), changed.map((r) => r.native_id)]);
        for (const row of rows) changes.push(...restorePointChanges(row.provider_id, undefined, restorePointShape(row)));
      }
      await publishHistoryChanges(client, changes);
      await client.query(UPSERT_EVENTS, [
        sortedEvents.map((e) => e.providerId),
        sortedEvents.map((e) => e.nativeId),
        sortedEvents.map((e) => e.status),
        sortedEvents.map((e) => e.at),
      ]);
    });
  }

  async getOperation(providerId: string, nativeId: string): Promise<JournalOperation | undefined> {
    const { rows } = await this.pool.query<OperationRow>('SELECT * FROM operations WHERE provider_id = $1 AND native_id = $2', [providerId, nativeId]);
    return rows[0] === undefined ? undefined : toOperation(rows[0]);
  }

  async getOperations(keys: OperationKey[]): Promise<JournalOperation[]> {
    if (keys.length === 0) return [];
    const { rows } = await this.pool.query<OperationRow>(
      'SELECT o.* FROM operations o JOIN unnest($1::text[], $2::text[]) AS k (provider_id, native_id) ON o.provider_id = k.provider_id AND o.native_id = k.native_id',
      [keys.map((key) => key.providerId), keys.map((key) => key.nativeId)],
    );
    return rows.map(toOperation);
  }

  async listOperations(filter: OperationFilter, first: number, after?: OperationCursor): Promise<OperationPage> {
    const limit = Math.max(0, Math.min(first, 1000));
    const countParams = new Params();
    const counted = this.pool.query<{ n: string }>(`SELECT count(*) AS n FROM operations ${where(operationConditions(filter, countParams))}`, countParams.values);
    const params = new Params();
    const conditions = operationConditions(filter, params);
    if (after !== undefined) {
      const at = params.add(after.sortAt);
      conditions.push(`(sort_at < ${at} OR (sort_at = ${at} AND (provider_id, native_id) > (${params.add(after.providerId)}, ${params.add(after.nativeId)})))`);
    }
    const page = this.pool.query<OperationRow>(`SELECT * FROM operations ${where(conditions)} ORDER BY sort_at DESC, provider_id, native_id LIMIT ${params.add(limit + 1)}`, params.values);
    const [count, rows] = await Promise.all([counted, page]);
    return { items: rows.rows.slice(0, limit).map(toOperation), totalCount: Number(count.rows[0].n), hasNextPage: rows.rows.length > limit };
  }

  async operationsBetween(from: Date, to: Date, filter: Pick<OperationFilter, 'providerIds' | 'kinds'> = {}): Promise<JournalOperation[]> {
    const params = new Params();
    const conditions = operationConditions({ providerIds: filter.providerIds, kinds: filter.kinds, from, to }, params);
    const { rows } = await this.pool.query<OperationRow>(`SELECT * FROM operations ${where(conditions)} ORDER BY sort_at, provider_id, native_id`, params.values);
    return rows.map(toOperation);
  }

  /** The three range reads at once (in parallel on the pool); their rows fit the history as they are. */
  async historyFacts(window: HistoryWindow): Promise<HistoryFacts> {
    const [operations, restorePoints, dueRuns] = await Promise.all([
      this.operationsBetween(window.from, window.to, { providerIds: window.providerIds, kinds: window.kinds }),
      this.restorePointsBetween(window.pointsFrom ?? window.from, window.to, { providerIds: window.providerIds }),
      this.dueRunsBetween(window.dueFrom, window.dueTo, { providerIds: window.providerIds }),
    ]);
    return { operations, restorePoints, dueRuns };
  }

  async events(providerId: string, nativeId: string): Promise<JournalEvent[]> {
    const { rows } = await this.pool.query<{ status: string; at: Date }>(
      'SELECT status, at FROM operation_events WHERE provider_id = $1 AND native_id = $2 ORDER BY at, status',
      [providerId, nativeId],
    );
    return rows.map((row) => ({ providerId, nativeId, status: row.status as OperationStatus, at: row.at }));
  }

  async recordRestorePoints(points: RestorePoint[]): Promise<void> {
    if (points.length === 0) return;
    const keys = [...new Map(points.map((p) => [operationKeyOf(p), p])).values()];
    await this.transaction(async (client) => {
      const keyParams = [keys.map((p) => p.providerId), keys.map((p) => p.nativeId)];
      const before = new Map((await client.query<RestorePointShapeRow>(`SELECT ${RESTORE_POINT_SHAPE.replace(/(\w+)/g, 't.$1')} FROM restore_points t ${BY_KEYS}`, keyParams)).rows.map((r) => [rowKey(r), restorePointShape(r)]));
      const after = new Map<string, RestorePointShapeRow>();
      for (const round of rounds(points, (p) => operationKeyOf(p))) {
        const { rows } = await client.query<RestorePointShapeRow>(`${UPSERT_RESTORE_POINTS} RETURNING ${RESTORE_POINT_SHAPE}`, [
          round.map((p) => p.providerId),
          round.map((p) => p.nativeId),
          round.map((p) => p.resource.type),
          round.map((p) => p.resource.nativeId),
          round.map((p) => p.kind),
          round.map((p) => p.createdAt ?? null),
          round.map((p) => (p.sizeBytes === undefined ? null : Math.round(p.sizeBytes))),
          round.map((p) => p.status ?? null),
          round.map((p) => p.location ?? null),
          round.map((p) => p.firstSeenAt),
        ]);
        for (const row of rows) after.set(rowKey(row), row);
      }
      await publishHistoryChanges(client, [...after].flatMap(([key, row]) => restorePointChanges(row.provider_id, before.get(key), restorePointShape(row))));
    });
  }

  async restorePointsBetween(from: Date, to: Date, filter: { providerIds?: string[] } = {}): Promise<RestorePoint[]> {
    const params = new Params();
    const conditions = [`${RESTORE_POINT_AT} >= ${params.add(from)}`, `${RESTORE_POINT_AT} < ${params.add(to)}`];
    if (filter.providerIds !== undefined) conditions.push(`provider_id = ANY(${params.add(filter.providerIds)}::text[])`);
    const { rows } = await this.pool.query<RestorePointRow>(`SELECT * FROM restore_points ${where(conditions)} ORDER BY ${RESTORE_POINT_AT}, provider_id, native_id`, params.values);
    return rows.map(toRestorePoint);
  }

  async recordDueRuns(runs: DueRun[]): Promise<void> {
    if (runs.length === 0) return;
    await this.transaction(async (client) => {
      // Only a new due run changes the history (its schedule id and seenAt do not).
      const { rows: known } = await client.query<{ provider_id: string; resource_type: string; resource_id: string; due_at: Date }>(
        'SELECT d.provider_id, d.resource_type, d.resource_id, d.due_at FROM due_runs d JOIN unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS k (provider_id, resource_type, resource_id, due_at) ON d.provider_id = k.provider_id AND d.resource_type = k.resource_type AND d.resource_id = k.resource_id AND d.due_at = k.due_at',
        [runs.map((r) => r.providerId), runs.map((r) => r.resource.type), runs.map((r) => r.resource.nativeId), runs.map((r) => r.dueAt)],
      );
      const dueKey = (providerId: string, type: string, id: string, at: number) => `${providerId}\u0000${type}\u0000${id}\u0000${at}`;
      const old = new Set(known.map((k) => dueKey(k.provider_id, k.resource_type, k.resource_id, k.due_at.getTime())));
      const fresh = new Map<string, HistoryChange>();
      for (const r of runs) {
        const key = dueKey(r.providerId, r.resource.type, r.resource.nativeId, r.dueAt.getTime());
        if (!old.has(key)) fresh.set(key, { resource: r.resource, from: r.dueAt.getTime(), to: r.dueAt.getTime() });
      }
      await publishHistoryChanges(client, [...fresh.values()]);
      for (const round of rounds(runs, (r) => `${r.providerId}\u0000${r.resource.type}\u0000${r.resource.nativeId}\u0000${r.dueAt.getTime()}`)) {
        await client.query(UPSERT_DUE_RUNS, [
          round.map((r) => r.providerId),
          round.map((r) => r.resource.type),
          round.map((r) => r.resource.nativeId),
          round.map((r) => r.dueAt),
          round.map((r) => r.scheduleId ?? null),
          round.map((r) => r.seenAt),
        ]);
      }
    });
  }

  async dueRunsBetween(from: Date, to: Date, filter: { providerIds?: string[] } = {}): Promise<DueRun[]> {
    const params = new Params();
    const conditions = [`due_at >= ${params.add(from)}`, `due_at < ${params.add(to)}`];
    if (filter.providerIds !== undefined) conditions.push(`provider_id = ANY(${params.add(filter.providerIds)}::text[])`);
    const { rows } = await this.pool.query<DueRunRow>(`SELECT * FROM due_runs ${where(conditions)} ORDER BY due_at, provider_id, resource_type, resource_id`, params.values);
    return rows.map(toDueRun);
  }

  async backfilledAt(providerId: string): Promise<Date | undefined> {
    const { rows } = await this.pool.query<{ at: Date }>('SELECT at FROM backfills WHERE provider_id = $1', [providerId]);
    return rows[0]?.at;
  }

  async markBackfilled(providerId: string, at: Date): Promise<void> {
    await this.pool.query('INSERT INTO backfills (provider_id, at) VALUES ($1, $2) ON CONFLICT (provider_id) DO UPDATE SET at = excluded.at', [providerId, at]);
  }

  async tryLead(name: string): Promise<boolean> {
    // One call at a time: two concurrent first calls must not open two leader connections.
    const attempt = this.leading.then(() => this.lead(name));
    this.leading = attempt.catch(() => undefined);
    return attempt;
  }

  private async lead(name: string): Promise<boolean> {
    if (this.leadershipLost) {
      this.leadershipLost = false;
      return false;
    }
    try {
      const client = this.leader ?? (await this.connectLeader());
      if (this.led.has(name)) {
        // Still ours as long as the session lives: prove it does.
        await client.query('SELECT 1');
        return true;
      }
      const { rows } = await client.query<{ led: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS led', [name]);
      if (rows[0].led) this.led.add(name);
      return rows[0].led;
    } catch {
      // Unreachable or dropped mid-call: not leading now; the next call reconnects and tries again.
      this.dropLeader();
      return false;
    }
  }

  private async connectLeader(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000, query_timeout: QUERY_TIMEOUT_MS, keepAlive: true, application_name: `${APPLICATION_NAME}-leader` });
    // The session ended under us (server restart, terminated backend, network): its locks are gone.
    const lost = () => {
      if (this.leader !== client) return;
      if (this.led.size > 0) this.leadershipLost = true;
      this.dropLeader();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    this.leader = client;
    return client;
  }

  private dropLeader(): void {
    const client = this.leader;
    this.leader = undefined;
    this.led.clear();
    client?.end().catch(() => undefined);
  }

  async prune(before: Date): Promise<number> {
    return this.transaction(async (client) => {
      const steps = [
        'DELETE FROM operation_events WHERE (provider_id, native_id) IN (SELECT provider_id, native_id FROM operations WHERE updated_at < $1)',
        'DELETE FROM operations WHERE updated_at < $1',
        `DELETE FROM restore_points WHERE ${RESTORE_POINT_AT} < $1`,
        'DELETE FROM due_runs WHERE due_at < $1',
      ];
      let removed = 0;
      for (const sql of steps) removed += (await client.query(sql, [before])).rowCount ?? 0;
      if (removed > 0) await publishHistoryChanges(client, EVERYTHING);
      return removed;
    });
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    const leader = this.leader;
    this.leader = undefined;
    this.led.clear();
    // Ending the leader session releases its advisory locks at once: another instance can lead.
    await leader?.end().catch(() => undefined);
    await this.feed.close();
    await this.pool.end().catch(() => undefined);
  }
}
