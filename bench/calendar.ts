/**
 * backupCalendar for 500 resources over 31 days: the domain work behind the query (runs of
 * every schedule in the window, then host and resource conflicts). 500 VMs on 25 hosts, each on
 * one of 60 schedules (weekly and CloudSigma cron-like shapes, some every 45 minutes), some on
 * two. Deterministic. Run: `npx tsx bench/calendar.ts` (or `npm run bench`).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { findConflicts, scheduledRuns, type ScheduleWithTargets } from '../src/domain/calendar.js';
import type { Schedule, VirtualMachine } from '../src/domain/model.js';
import { cloudSigmaRecurrence } from '../src/domain/recurrence/cloudsigma.js';
import { weeklyRecurrence } from '../src/domain/recurrence/weekly.js';

const RESOURCES = 500;
const HOSTS = 25;
const SCHEDULES = 60;
const FROM = new Date('2026-03-15T00:00:00Z'); // the window crosses the European spring-forward
const TO = new Date(FROM.getTime() + 31 * 86_400_000);

const vms: VirtualMachine[] = Array.from({ length: RESOURCES }, (_, i) => ({
  type: 'VirtualMachine',
  providerId: `p${i % 3}`,
  nativeId: `vm-${i}`,
  name: `vm-${i}`,
  host: `host-${i % HOSTS}`,
  configured: true,
  diskIds: [],
}));

const none = { hour: '', minute: '' };
const schedules: Schedule[] = Array.from({ length: SCHEDULES }, (_, i) => {
  const zone = ['Europe/Zurich', 'Europe/Kyiv', 'America/New_York', 'Etc/UTC'][i % 4];
  const recurrence =
    i % 3 === 0
      ? weeklyRecurrence({ kind: 'weekly', daysOfWeek: [1, 2, 3, 4, 5], times: [`0${i % 6}:${String((i * 7) % 60).padStart(2, '0')}`] }, zone, {})
      : i % 3 === 1
        ? cloudSigmaRecurrence({ incremental_backup: { day_of_week: ['*'], day_of_month: '*', month: '*', hour: String(i % 24), minute: '0', repeat: none, start_time: none, end_time: none } }, zone)
        : cloudSigmaRecurrence({ incremental_backup: { day_of_week: ['sat', 'sun'], day_of_month: '*', month: '*', hour: '', minute: '', repeat: { hour: '', minute: '*/45' }, start_time: { hour: 20, minute: 0 }, end_time: { hour: 23, minute: 0 } } }, zone);
  return { providerId: `p${i % 3}`, nativeId: `s-${i}`, name: `schedule-${i}`, kind: 'BACKUP', enabled: true, recurrence };
});

const entries: ScheduleWithTargets[] = schedules.map((schedule, i) => ({
  schedule,
  targets: vms.filter((vm, j) => j % SCHEDULES === i || (j % 7 === 0 && (j + 1) % SCHEDULES === i)),
}));

export default function run(): void {
  const rounds = 5;
  let runs = 0;
  let conflicts = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const found = scheduledRuns(entries, FROM, TO);
    runs = found.length;
    conflicts = findConflicts(found, 15, (r) => (r.type === 'VirtualMachine' ? r.host : undefined)).length;
  }
  const ms = (performance.now() - started) / rounds;
  console.log(`backupCalendar: ${RESOURCES} resources, ${SCHEDULES} schedules, 31 days -> ${runs} runs, ${conflicts} conflicts`);
  console.log(`  ${ms.toFixed(1)} ms per calendar (mean of ${rounds}) on ${os.cpus()[0]?.model ?? 'unknown CPU'} x${os.cpus().length}, node ${process.version}`);
}

if (import.meta.url === `file://${process.argv[1]}`) run();
