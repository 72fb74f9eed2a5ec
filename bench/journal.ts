/**
 * The journal on SQLite and PostgreSQL: a year of daily history for 1,000 resources (one backup
 * operation with its two status events, one restore point and one due run per resource and day),
 * written in batches of 1,000 as the recorder and backfill write them; then the database size,
 * and `backupHistory(days: 30)` over it: the journal read the resolver makes (historyFacts) plus the
 * matrix (src/domain/history.ts), without GraphQL and HTTP. PostgreSQL runs durable (fsync on),
 * in a throwaway cluster on this machine. Run: `npx tsx bench/journal.ts` (or `npm run bench`).
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { backupHistory, HISTORY_OPERATION_KINDS, localDays, type HistoryResource } from '../src/domain/history.js';
import { openJournal } from '../src/journal/open.js';
import type { DueRun, JournalOperation, JournalStore, RestorePoint } from '../src/journal/store.js';
import { startPostgres } from '../test/support/postgres.js';

const RESOURCES = 1_000;
const DAYS = 365;
const BATCH = 1_000;
const QUERIES = 15;
const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-30T12:00:00Z');

// The resolver always names the providers (every configured one when the filter names none).
const PROVIDERS = ['hq', 'cloud', 'billing'];
const resources: HistoryResource[] = Array.from({ length: RESOURCES }, (_, i) => ({
  providerId: PROVIDERS[i % 3],
  type: 'VirtualMachine',
  nativeId: `vm-${i}`,
  name: `vm ${i}`,
}));

/** Day d (0 = a year ago) for resource r: due at 01:00 UTC plus a spread, started on time, 20 minutes long. */
function dayOf(r: number, d: number) {
  const resource = resources[r];
  const dueAt = new Date(NOW.getTime() - (DAYS - d) * DAY_MS - (NOW.getTime() % DAY_MS) + 3_600_000 + (r % 120) * 60_000);
  const failed = (r * 7 + d) % 37 === 0;
  const missed = (r * 11 + d) % 53 === 0;
  const finishedAt = new Date(dueAt.getTime() + 20 * 60_000);
  const operation: JournalOperation | undefined = missed
    ? undefined
    : {
        providerId: resource.providerId,
        nativeId: `op-${r}-${d}`,
        kind: 'BACKUP',
        status: failed ? 'FAILED' : 'SUCCEEDED',
        final: false,
        target: resource,
        source: d % 10 === 0 ? 'GATEWAY' : 'PROVIDER',
        startedAt: dueAt,
        updatedAt: finishedAt,
        finishedAt,
        message: failed ? 'VSS writer timed out' : undefined,
      };
  const point: RestorePoint | undefined =
    missed || failed ? undefined : { providerId: resource.providerId, nativeId: `rp-${r}-${d}`, resource, kind: 'VERSION', createdAt: finishedAt, sizeBytes: 40 * 2 ** 30, status: 'OK', location: 'primary', firstSeenAt: finishedAt };
  const due: DueRun = { providerId: resource.providerId, resource, scheduleId: `sched-${r % 50}`, dueAt, seenAt: dueAt };
  return { operation, point, due };
}

interface Figures {
  dialect: string;
  rowsPerSecond: number;
  rows: number;
  loadSeconds: number;
  sizeBytes: number;
  p50: number;
  p90: number;
  readP50: number;
  matrixP50: number;
}

async function load(store: JournalStore): Promise<{ rows: number; seconds: number }> {
  let rows = 0;
  const started = performance.now();
  for (let d = 0; d < DAYS; d++) {
    const operations: JournalOperation[] = [];
    const points: RestorePoint[] = [];
    const due: DueRun[] = [];
    for (let r = 0; r < RESOURCES; r++) {
      const day = dayOf(r, d);
      // Seen running first, then finished: two observations, two events, one row.
      if (day.operation) operations.push({ ...day.operation, status: 'RUNNING', updatedAt: day.operation.startedAt!, finishedAt: undefined, message: undefined }, day.operation);
      if (day.point) points.push(day.point);
      due.push(day.due);
    }
    for (let i = 0; i < operations.length; i += BATCH) await store.recordOperations(operations.slice(i, i + BATCH));
    for (let i = 0; i < points.length; i += BATCH) await store.recordRestorePoints(points.slice(i, i + BATCH));
    for (let i = 0; i < due.length; i += BATCH) await store.recordDueRuns(due.slice(i, i + BATCH));
    rows += operations.length + points.length + due.length;
    if (d % 73 === 72) console.log(`  ${store.dialect}: ${d + 1} days written, ${Math.round(rows / ((performance.now() - started) / 1000))} rows/s`);
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
}

/** What the backupHistory resolver does with the journal, for 30 days in UTC and a 60-minute grace: ms reading, ms computing. */
async function historyQuery(store: JournalStore): Promise<{ read: number; matrix: number }> {
  const started = performance.now();
  const window = localDays(NOW, 30, 'UTC');
  const from = new Date(window[0].start.getTime() - DAY_MS);
  const to = window[window.length - 1].end;
  const facts = await store.historyFacts({ from, to, dueFrom: window[0].start, dueTo: to, providerIds: PROVIDERS, kinds: [...HISTORY_OPERATION_KINDS] });
  const read = performance.now();
  const result = backupHistory({ resources, ...facts, now: NOW, days: 30, timezone: 'UTC', graceMinutes: 60 });
  if (result.resources.length !== RESOURCES) throw new Error('backupHistory lost rows');
  return { read: read - started, matrix: performance.now() - read };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(store: JournalStore, size: () => Promise<number>): Promise<Figures> {
  await store.migrate();
  const { rows, seconds } = await load(store);
  await historyQuery(store); // warm-up: caches, JIT
  const runs: { read: number; matrix: number }[] = [];
  for (let i = 0; i < QUERIES; i++) runs.push(await historyQuery(store));
  const times = runs.map((r) => r.read + r.matrix).sort((a, b) => a - b);
  const figures = {
    dialect: store.dialect,
    rows,
    loadSeconds: seconds,
    rowsPerSecond: rows / seconds,
    sizeBytes: 0,
    p50: median(times),
    p90: times[Math.floor(QUERIES * 0.9)],
    readP50: median(runs.map((r) => r.read)),
    matrixP50: median(runs.map((r) => r.matrix)),
  };
  figures.sizeBytes = await size();
  console.log(`  ${store.dialect}: ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(figures.rowsPerSecond)} rows/s), backupHistory(days: 30) p50 ${figures.p50.toFixed(1)} ms, p90 ${figures.p90.toFixed(1)} ms (reads ${figures.readP50.toFixed(1)} ms, matrix ${figures.matrixP50.toFixed(1)} ms), ${(figures.sizeBytes / 2 ** 20).toFixed(0)} MiB`);
  return figures;
}

async function onSqlite(): Promise<Figures> {
  const dir = mkdtempSync(join(os.tmpdir(), 'journal-bench-'));
  const file = join(dir, 'journal.db');
  try {
    const store = await openJournal(`sqlite:${file}`);
    let closed = false;
    const figures = await measure(store, async () => {
      await store.close(); // checkpoints the WAL into the file
      closed = true;
      return statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    });
    if (!closed) await store.close();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<Figures> {
  const server = await startPostgres({ durable: true });
  try {
    const store = await openJournal(server.url);
    try {
      return await measure(store, async () => {
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        try {
          await client.query('VACUUM ANALYZE');
          const { rows } = await client.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size');
          return Number(rows[0].size);
        } finally {
          await client.end();
        }
      });
    } finally {
      await store.close();
    }
  } finally {
    await server.stop();
  }
}

export default async function run(): Promise<string> {
  console.log(`journal: ${RESOURCES} resources x ${DAYS} days, batches of ${BATCH}`);
  const results = [await onSqlite(), await onPostgres()];
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return [
    `## Journal: a year of daily history for ${RESOURCES.toLocaleString('en')} resources`,
    '',
    `Each resource and day: a backup operation seen RUNNING then finished (two upserts, two events; about 2.7% FAILED, 1.9% missed), a restore point and a due run: ${results[0].rows.toLocaleString('en')} rows written in batches of ${BATCH} (one transaction each). backupHistory(days: 30) = the resolver's journal read (historyFacts: operations, restore points and due runs, lean) plus the matrix, ${QUERIES} queries after a warm-up, without GraphQL/HTTP. PostgreSQL 15 durable (fsync on) in a local throwaway cluster; SQLite WAL, synchronous=NORMAL.`,
    '',
    '| journal | rows written per second (sustained) | load time | database size after a year | backupHistory(days: 30) p50 | p90 | of the p50: journal reads | of the p50: matrix |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (f) =>
        `| ${f.dialect} | ${Math.round(f.rowsPerSecond).toLocaleString('en')} | ${f.loadSeconds.toFixed(1)} s | ${mib(f.sizeBytes)} | ${f.p50.toFixed(1)} ms | ${f.p90.toFixed(1)} ms | ${f.readP50.toFixed(1)} ms | ${f.matrixP50.toFixed(1)} ms |`,
    ),
    '',
    `Goal: backupHistory(days: 30) under 100 ms on SQLite: ${results[0].p50.toFixed(1)} ms, ${results[0].p50 < 100 ? 'met' : '**not met**'}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
