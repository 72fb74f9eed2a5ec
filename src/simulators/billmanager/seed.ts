/**
 * The deterministic demo account: 12 Cloud VPS instances (two stopped, three without any
 * schedule), weekly schedules, and a backup history made by replaying the schedules over the
 * last 10 days (relative to the clock at start) with the normal engine, so rotation has already
 * pruned it, plus a few manual backups (one protected).
 */
import { ScheduleEngine } from './schedule.js';
import type { BillmanagerState, PowerState } from './state.js';
import { zonedParts, zonedToEpoch } from './zone.js';

const DAY_MS = 86_400_000;
const WEEKDAYS = [1, 2, 3, 4, 5];
const DAILY = [0, 1, 2, 3, 4, 5, 6];

interface SeedInstance {
  id: string;
  servername: string;
  datacenter: 'Ukraine' | 'Netherlands' | 'Germany';
  powerState: PowerState;
  rotation: number;
  plan: 'Start' | 'Standard' | 'Pro';
  os: [string, string];
  schedules: Array<{ name: string; days: number[]; time: string }>;
}

export const PLANS = {
  Start: { pricelist: 'Cloud VPS Start', cost: '0.13 EUR/Day', diskGb: 20 },
  Standard: { pricelist: 'Cloud VPS Standard', cost: '0.27 EUR/Day', diskGb: 40 },
  Pro: { pricelist: 'Cloud VPS Pro', cost: '0.53 EUR/Day', diskGb: 80 },
} as const;

export const SEED_INSTANCES: readonly SeedInstance[] = [
  { id: '5203761', servername: 'vps-kyiv-01', datacenter: 'Ukraine', powerState: 'active', rotation: 5, plan: 'Standard', os: ['Ubuntu', '22.04'], schedules: [{ name: 'Weekdays', days: WEEKDAYS, time: '02:01' }] },
  { id: '5203762', servername: 'vps-kyiv-02', datacenter: 'Ukraine', powerState: 'active', rotation: 7, plan: 'Pro', os: ['Debian', '12'], schedules: [{ name: 'Daily', days: DAILY, time: '04:30' }] },
  { id: '5203763', servername: 'vps-kyiv-03', datacenter: 'Ukraine', powerState: 'active', rotation: 3, plan: 'Start', os: ['Ubuntu', '24.04'], schedules: [{ name: 'Weekdays', days: WEEKDAYS, time: '02:01' }, { name: 'Sunday full', days: [0], time: '23:00' }] },
  { id: '5203764', servername: 'vps-kyiv-04', datacenter: 'Ukraine', powerState: 'stopped', rotation: 4, plan: 'Start', os: ['AlmaLinux', '9'], schedules: [{ name: 'Daily', days: DAILY, time: '04:30' }] },
  { id: '5203765', servername: 'vps-ams-01', datacenter: 'Netherlands', powerState: 'active', rotation: 6, plan: 'Pro', os: ['Ubuntu', '22.04'], schedules: [{ name: 'Nightly', days: DAILY, time: '04:30' }, { name: 'Weekly', days: [0], time: '23:00' }] },
  { id: '5203766', servername: 'vps-ams-02', datacenter: 'Netherlands', powerState: 'active', rotation: 5, plan: 'Standard', os: ['Debian', '12'], schedules: [{ name: 'Weekdays', days: WEEKDAYS, time: '02:01' }] },
  { id: '5203767', servername: 'vps-ams-03', datacenter: 'Netherlands', powerState: 'active', rotation: 3, plan: 'Start', os: ['Ubuntu', '22.04'], schedules: [] },
  { id: '5203768', servername: 'vps-ams-04', datacenter: 'Netherlands', powerState: 'stopped', rotation: 3, plan: 'Start', os: ['Debian', '11'], schedules: [] },
  { id: '5203769', servername: 'vps-fra-01', datacenter: 'Germany', powerState: 'active', rotation: 7, plan: 'Standard', os: ['Ubuntu', '24.04'], schedules: [{ name: 'Mon-Wed-Fri', days: [1, 3, 5], time: '01:15' }] },
  { id: '5203770', servername: 'vps-fra-02', datacenter: 'Germany', powerState: 'active', rotation: 4, plan: 'Standard', os: ['AlmaLinux', '9'], schedules: [{ name: 'Sunday early', days: [0], time: '03:30' }, { name: 'Daily', days: DAILY, time: '04:30' }] },
  { id: '5203771', servername: 'vps-fra-03', datacenter: 'Germany', powerState: 'active', rotation: 5, plan: 'Pro', os: ['Ubuntu', '22.04'], schedules: [] },
  { id: '5203772', servername: 'vps-fra-04', datacenter: 'Germany', powerState: 'active', rotation: 6, plan: 'Pro', os: ['Debian', '12'], schedules: [{ name: 'Weekdays', days: WEEKDAYS, time: '02:01' }, { name: 'Saturday', days: [6], time: '12:00' }] },
];

/** Manual backups: [instance id, name, days ago, local time, protected]. */
const SEED_MANUAL: ReadonlyArray<[string, string, number, string, boolean]> = [
  ['5203761', 'before-upgrade', 6, '14:20', true],
  ['5203767', 'initial-setup', 9, '11:05', false],
  ['5203772', 'pre-migration', 2, '17:40', false],
];

/** Instants of "N days ago at HH:MM" provider-local. */
function localDaysAgo(now: number, days: number, time: string, timeZone: string): number {
  const p = zonedParts(now - days * DAY_MS, timeZone);
  const [hour, minute] = time.split(':').map(Number);
  return zonedToEpoch(p.year, p.month, p.day, hour, minute, timeZone);
}

export function seedState(state: BillmanagerState, now: number, timeZone: string, historyDays = 10): void {
  SEED_INSTANCES.forEach((seed, index) => {
    const plan = PLANS[seed.plan];
    const n = index + 1;
    const instance = state.addInstance({
      id: seed.id,
      servername: seed.servername,
      name: `${seed.servername}.example.net`,
      ip: `203.0.113.${10 + n}`,
      ipV6: `2001:db8:${seed.datacenter === 'Ukraine' ? 'ua' : seed.datacenter === 'Germany' ? 'de' : 'a1'}::${n.toString(16)}`,
      powerState: seed.powerState,
      pricelist: plan.pricelist,
      cost: plan.cost,
      diskGb: plan.diskGb,
      datacenter: seed.datacenter,
      osDistro: seed.os[0],
      osVersion: seed.os[1],
      backupRotation: seed.rotation,
      createdAt: localDaysAgo(now, 90 + 13 * n, '10:00', timeZone),
    });
    seed.schedules.forEach((sch, i) => {
      state.addSchedule({
        instanceId: instance.id,
        name: sch.name,
        days: sch.days,
        time: sch.time,
        at: localDaysAgo(now, 30 + 3 * n + i, '16:20', timeZone),
      });
    });
  });

  // replay the schedules over the history window with the real engine (rotation included)
  const history = new ScheduleEngine(state, { timezone: timeZone }, now - historyDays * DAY_MS);
  history.evaluate(now);

  // manual backups afterwards (a Saving one would have made the replayed firings skip)
  for (const [instanceId, name, daysAgo, time, isProtected] of SEED_MANUAL) {
    const backup = state.createBackup({ instanceId, name, kind: 'manual', at: localDaysAgo(now, daysAgo, time, timeZone) });
    backup.protected = isProtected;
  }
  state.settle(now);
  state.renumberBackupsChronologically();
}
