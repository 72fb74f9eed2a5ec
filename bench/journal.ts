/**
 * The journal on SQLite and PostgreSQL: a year of daily history for 1,000 resources (one backup
 * operation with its two status events, one restore point and one due run per resource and day,
 * today's included), written in batches of 1,000 as the recorder and backfill write them; then
 * the database size, and `backupHistory(days: 30)` over it as the resolver reads it
 * (src/journal/history-reader.ts: the journal's facts, counted per resource and day, then the
 * matrix), without GraphQL and HTTP:
 * - warm: the gateway's steady state. Between queries the journal is written as a live one is:
 *   50 backups start today, 50 finish with their restore points, 200 of yesterday's operations
 *   are observed again unchanged. On SQLite settled days are kept in memory (the store reports
 *   its changes); PostgreSQL, written by other instances too, counts every day each time.
 * - cold: every day counted from the journal (the first query after a start; PostgreSQL always).
 * PostgreSQL runs durable (fsync on), in a throwaway cluster on this machine.
 * Run: `npx tsx bench/journal.ts` (or `npm run bench`).
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { HistoryResource } from '../src/domain/history.js';
import { HistoryReader } from '../src/journal/history-reader.js';
import { openJournal } from '../src/journal/open.js';
import type { DueRun, JournalOperation, JournalStore, RestorePoint } from '../src/journal/store.js';
import { startPostgres } from '../test/support/postgres.js';

const RESOURCES = 1_000;
const DAYS = 365;
/** Resources whose backups start, and others whose backups finish, between two warm queries. */
const LIVE = 50;
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
  warmP50: number;
  warmP90: number;
  warmCpuP50: number;
  coldP50: number;
  coldCpuP50: number;
  /** The 1-minute load average when measured (2 cores). */
  load: number;
}

async function load(store: JournalStore): Promise<{ rows: number; seconds: number }> {
  let rows = 0;
  const started = performance.now();
  for (let d = 0; d <= DAYS; d++) {
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

/**
 * The backupHistory resolver's journal work, for 30 days in UTC and a 60-minute grace: wall ms,
 * and this process's CPU ms (less disturbed by other processes on a shared machine; on
 * PostgreSQL the server's own work is not in it).
 */
async function historyQuery(reader: HistoryReader): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await reader.backupHistory({ resources, providerIds: PROVIDERS, now: NOW, days: 30, timezone: 'UTC' });
  if (result.resources.length !== RESOURCES || result.resources[0].days.length !== 30) throw new Error('backupHistory lost rows');
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

/** What a live journal records between two queries (round `n`): backups starting and finishing today, yesterday's seen again. */
async function liveWrites(store: JournalStore, n: number): Promise<void> {
  const today = NOW.getTime() - (NOW.getTime() % DAY_MS);
  const operations: JournalOperation[] = [];
  const points: RestorePoint[] = [];
  for (let i = 0; i < LIVE; i++) {
    const resource = resources[(n * LIVE * 2 + i) % RESOURCES];
    const startedAt = new Date(today + 6 * 3_600_000 + n * 60_000 + i * 1_000);
    operations.push({ providerId: resource.providerId, nativeId: `live-${n}-${i}`, kind: 'BACKUP', status: 'RUNNING', final: false, target: resource, source: 'PROVIDER', startedAt, updatedAt: startedAt });
    const done = resources[(n * LIVE * 2 + LIVE + i) % RESOURCES];
    const finishedAt = new Date(startedAt.getTime() + 15 * 60_000);
    operations.push({ providerId: done.providerId, nativeId: `done-${n}-${i}`, kind: 'BACKUP', status: 'SUCCEEDED', final: false, target: done, source: 'PROVIDER', startedAt, updatedAt: finishedAt, finishedAt });
    points.push({ providerId: done.providerId, nativeId: `rp-done-${n}-${i}`, resource: done, kind: 'VERSION', createdAt: finishedAt, firstSeenAt: finishedAt, status: 'OK', location: 'primary' });
  }
  for (let i = 0; i < 200; i++) {
    const seen = dayOf((n * 200 + i) % RESOURCES, DAYS - 1).operation;
    if (seen) operations.push(seen);
  }
  await store.recordOperations(operations);
  await store.recordRestorePoints(points);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function measure(store: JournalStore, size: () => Promise<number>): Promise<Figures> {
  await store.migrate();
  // As the gateway does (Journal builds it at start): on SQLite its change reports cost each write.
  const reader = new HistoryReader(store, 60);
  const { rows, seconds } = await load(store);
  const everyDay = new HistoryReader(store, 60, { keepSettledDays: false });
  await historyQuery(everyDay); // warm-up: caches, JIT
  const cold: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < 5; i++) cold.push(await historyQuery(everyDay));
  await historyQuery(reader); // the first query keeps the settled days
  const runs: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < QUERIES; i++) {
    await liveWrites(store, i);
    runs.push(await historyQuery(reader));
  }
  const warm = runs.map((r) => r.wall).sort((a, b) => a - b);
  const figures = {
    dialect: store.dialect,
    rows,
    loadSeconds: seconds,
    rowsPerSecond: rows / seconds,
    sizeBytes: 0,
    warmP50: median(warm),
    warmP90: warm[Math.floor(QUERIES * 0.9)],
    warmCpuP50: median(runs.map((r) => r.cpu)),
    coldP50: median(cold.map((r) => r.wall)),
    coldCpuP50: median(cold.map((r) => r.cpu)),
    load: os.loadavg()[0],
  };
  figures.sizeBytes = await size();
  console.log(`  ${store.dialect}: ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(figures.rowsPerSecond)} rows/s), backupHistory(days: 30) warm p50 ${figures.warmP50.toFixed(1)} ms (CPU ${figures.warmCpuP50.toFixed(1)} ms), p90 ${figures.warmP90.toFixed(1)} ms, cold p50 ${figures.coldP50.toFixed(1)} ms (CPU ${figures.coldCpuP50.toFixed(1)} ms), ${(figures.sizeBytes / 2 ** 20).toFixed(0)} MiB, load ${figures.load.toFixed(1)}`);
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
    `Each resource and day (today's included): a backup operation seen RUNNING then finished (two upserts, two events; about 2.7% FAILED, 1.9% missed), a restore point and a due run: ${results[0].rows.toLocaleString('en')} rows written in batches of ${BATCH} (one transaction each; on SQLite with the change reports the in-memory history needs). backupHistory(days: 30) = the resolver's journal work (src/journal/history-reader.ts: reads, counts per resource and day, the matrix), without GraphQL/HTTP. Warm: ${QUERIES} queries, each after a live round of writes (${LIVE} backups start today, ${LIVE} finish with their restore points, 200 of yesterday's operations seen again); on SQLite settled days are kept in memory, PostgreSQL counts every day. Cold: every day counted from the journal (the first query after a start, and PostgreSQL always), 5 queries. PostgreSQL 15 durable (fsync on) in a local throwaway cluster; SQLite WAL, synchronous=NORMAL.`,
    '',
    '| journal | rows written per second (sustained) | load time | database size after a year | backupHistory(days: 30) warm p50 | warm p90 | warm CPU p50 | cold p50 | cold CPU p50 | load average |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (f) =>
        `| ${f.dialect} | ${Math.round(f.rowsPerSecond).toLocaleString('en')} | ${f.loadSeconds.toFixed(1)} s | ${mib(f.sizeBytes)} | ${f.warmP50.toFixed(1)} ms | ${f.warmP90.toFixed(1)} ms | ${f.warmCpuP50.toFixed(1)} ms | ${f.coldP50.toFixed(1)} ms | ${f.coldCpuP50.toFixed(1)} ms | ${f.load.toFixed(1)} |`,
    ),
    '',
    `Goal: backupHistory(days: 30) under 100 ms on SQLite: warm p50 ${results[0].warmP50.toFixed(1)} ms (CPU ${results[0].warmCpuP50.toFixed(1)} ms), ${results[0].warmP50 < 100 ? 'met' : '**not met**'}.`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());
