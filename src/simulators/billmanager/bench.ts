/**
 * Synthetic instances for load tests (`extraResources`): `bench-vps-001`, … added after the demo
 * seed (ids continue after it). Each has one daily backup schedule and `backup_rotation` 1 or 2;
 * the real engine replays that schedule over the last 3 days, so rotation leaves exactly one or
 * two automatic backups, named and recorded like the seed's.
 */
import type { ScheduleEngine } from './schedule.js';
import { PLANS } from './seed.js';
import type { BillmanagerState, ScheduleRecord } from './state.js';

const DAY_MS = 86_400_000;
const DAILY = [0, 1, 2, 3, 4, 5, 6];
/** More daily firings than the largest rotation (2), so rotation has pruned by the end. */
const REPLAY_DAYS = 3;

const DATACENTERS = ['Ukraine', 'Netherlands', 'Germany'] as const;
const PLAN_NAMES = ['Start', 'Standard', 'Pro'] as const;
const OSES: Array<[string, string]> = [['Ubuntu', '22.04'], ['Debian', '12'], ['Ubuntu', '24.04'], ['AlmaLinux', '9']];
const SCHEDULES = [
  { name: 'Daily', time: '04:30' },
  { name: 'Nightly', time: '01:15' },
  { name: 'Daily', time: '02:45' },
];

export function benchInstanceName(n: number): string {
  return `bench-vps-${String(n).padStart(3, '0')}`;
}

export function addBenchInstances(state: BillmanagerState, engine: ScheduleEngine, now: number, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new Error(`billmanager simulator: extraResources must be a whole number >= 0, got ${count}`);
  if (count === 0) return;
  const schedules: ScheduleRecord[] = [];
  for (let n = 1; n <= count; n += 1) {
    const servername = benchInstanceName(n);
    const plan = PLANS[PLAN_NAMES[(n - 1) % PLAN_NAMES.length]];
    const [osDistro, osVersion] = OSES[(n - 1) % OSES.length];
    const instance = state.addInstance({
      servername,
      // Outside the seed's 203.0.113.x: 100.64.0.0/10 holds any bench size without clashes.
      ip: `100.64.${(n >> 8) & 0xff}.${n & 0xff}`,
      ipV6: `2001:db8:be::${n.toString(16)}`,
      powerState: 'active',
      pricelist: plan.pricelist,
      cost: plan.cost,
      diskGb: plan.diskGb,
      datacenter: DATACENTERS[(n - 1) % DATACENTERS.length],
      osDistro,
      osVersion,
      backupRotation: 1 + (n % 2),
      createdAt: now - (60 + (n % 30)) * DAY_MS,
    });
    const spec = SCHEDULES[(n - 1) % SCHEDULES.length];
    // Created well before the replay window, so every firing in it counts.
    schedules.push(state.addSchedule({ instanceId: instance.id, name: spec.name, days: DAILY, time: spec.time, at: now - 20 * DAY_MS }));
  }
  engine.replay(schedules, now - REPLAY_DAYS * DAY_MS, now);
  state.settle(now);
}
