/**
 * nextRuns for 10,000 schedules (5 runs each): a mix of weekly rules (BILLmanager-like) and
 * CloudSigma cron-like rules shaped like the contract's §4 examples, spread over zones with and
 * without DST. Deterministic (seeded). Run: `npx tsx bench/next-runs.ts` (or `npm run bench`).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Recurrence } from '../src/domain/model.js';
import { cloudSigmaRecurrence } from '../src/domain/recurrence/cloudsigma.js';
import { nextRuns } from '../src/domain/recurrence/index.js';
import { weeklyRecurrence } from '../src/domain/recurrence/weekly.js';

const SCHEDULES = 10_000;
const RUNS = 5;
// Friday before the European spring-forward: many schedules cross a DST change.
const AFTER = new Date('2026-03-27T12:00:00Z');
const ZONES = ['Etc/UTC', 'Europe/London', 'Europe/Zurich', 'America/New_York', 'America/Sao_Paulo', 'Asia/Tokyo', 'Australia/Sydney', 'Etc/GMT+12', 'America/Danmarkshavn'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
const none = { hour: '', minute: '' };

/** CloudSigma `incremental_backup` shapes after §4 (fixed, interval, window, manual, monthly). */
function cloudSigmaNative(): Record<string, unknown> {
  const user_timezone = pick(ZONES);
  const base = { day_of_week: ['*'], day_of_month: '*', month: '*', hour: '', minute: '', repeat: none, start_time: none, end_time: none };
  const shape = int(0, 6);
  let incremental_backup: Record<string, unknown>;
  let manual = '';
  if (shape === 0) incremental_backup = { ...base, repeat: { hour: '', minute: `*/${pick([15, 30, 45])}` } }; // 4.1, dr
  else if (shape === 1) incremental_backup = { ...base, day_of_week: [], repeat: { hour: `*/${pick([1, 2, 6, 12])}`, minute: '' }, start_time: { hour: 7, minute: 0 }, end_time: { hour: 6, minute: 45 } }; // 4.2, 4.12
  else if (shape === 2) incremental_backup = { ...base, day_of_week: DAYS.filter(() => random() < 0.6), hour: String(int(0, 23)), minute: pick(['0', '00', '15', '30']) }; // 4.3, 4.7
  else if (shape === 3) incremental_backup = { ...base, day_of_month: pick(['1', '1,15', 'last']), month: pick(['*', '2,4,6,8,10,12']), hour: String(int(0, 23)), minute: '59' }; // 4.4, 4.9, 4.10
  else if (shape === 4) incremental_backup = { ...base, repeat: { hour: '*/1', minute: '' }, start_time: { hour: String(int(18, 21)), minute: '00' }, end_time: { hour: String(int(0, 3)), minute: '00' } }; // 4.5, wrapping
  else if (shape === 5) {
    incremental_backup = { ...base, day_of_week: ['sat', 'sun'], start_time: { hour: 7, minute: 0 }, end_time: { hour: 6, minute: 45 } }; // 4.6
    manual = '02:00,06:00,20:00,22:15';
  } else incremental_backup = { ...base, day_of_week: ['mon', 'wed', 'fri'], repeat: { hour: '*/12', minute: '' }, start_time: { hour: 7, minute: 0 }, end_time: { hour: 19, minute: 0 } }; // 4.8
  return { incremental_backup, manual_incremental_backup: manual, user_timezone };
}

function weekly(): Recurrence {
  const days = [0, 1, 2, 3, 4, 5, 6].filter(() => random() < 0.5);
  const times = Array.from({ length: int(1, 3) }, () => hhmm(int(0, 23), pick([0, 15, 30, 45])));
  return weeklyRecurrence({ kind: 'weekly', daysOfWeek: days.length ? days : [1], times }, pick(ZONES), null);
}

let start = performance.now();
const recurrences: Recurrence[] = Array.from({ length: SCHEDULES }, () => (random() < 0.4 ? weekly() : cloudSigmaRecurrence(cloudSigmaNative())));
const buildMs = performance.now() - start;
const cronLike = recurrences.filter((r) => r.rule?.kind === 'cronlike').length;

// Warm up (Intl formatters per zone, JIT) on a separate instant, then time one full pass.
for (const r of recurrences.slice(0, 200)) nextRuns(r, new Date('2026-01-10T00:00:00Z'), RUNS);
const spent = { weekly: 0, cronlike: 0 };
let total = 0;
const whole = performance.now();
for (const r of recurrences) {
  const t = performance.now();
  total += nextRuns(r, AFTER, RUNS).length;
  spent[r.rule!.kind] += performance.now() - t;
}
const ms = performance.now() - whole;

console.log(`next-runs: ${SCHEDULES} schedules (${SCHEDULES - cronLike} weekly, ${cronLike} cron-like), ${RUNS} runs each after ${AFTER.toISOString()}`);
console.log(`  build (parse + rrule + description): ${buildMs.toFixed(1)} ms`);
console.log(`  nextRuns: ${ms.toFixed(1)} ms total, ${((ms * 1000) / SCHEDULES).toFixed(1)} µs per schedule, ${total} runs`);
console.log(`    weekly ${((spent.weekly * 1000) / (SCHEDULES - cronLike)).toFixed(1)} µs, cron-like ${((spent.cronlike * 1000) / cronLike).toFixed(1)} µs per schedule`);
console.log(`  cpu: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), node ${process.version}`);
