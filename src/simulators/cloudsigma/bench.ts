/**
 * Synthetic servers for load tests (`extraResources`): `bench-srv-001`, … added after the demo
 * seed, with deterministic uuids of their own. Each is a running server with one drive
 * (`bench-srv-001-os`) carrying one of the existing schedulers (round-robin; without the seed, one
 * daily "Bench daily" snapshot scheduler is created) and one or two snapshots made by that
 * scheduler's latest runs (`SchedulerEngine.backfillDrive`), so the data reads like the seed's.
 */
import type { SchedulerEngine } from './engine.js';
import { unitHash, type CloudSigmaState, type DriveRecord, type SchedulerRecord, type ServerRecord } from './state.js';
import { buildScheduler } from './validation.js';

const DAY_MS = 86_400_000;
const GIB = 1024 ** 3;

const BENCH_SCHEDULER = {
  type: 'snapshot',
  name: 'Bench daily',
  is_enabled: true,
  is_default: false,
  user_timezone: 'Etc/UTC',
  manual_incremental_backup: '',
  incremental_backup: { day_of_week: ['*'], day_of_month: '*', month: '*', hour: '2', minute: '0' },
  retention_policy: { name: 'Last 7 days', rules: [{ period: 'days', quantity: 7 }] },
};

export function benchServerName(n: number): string {
  return `bench-srv-${String(n).padStart(3, '0')}`;
}

export function addBenchServers(state: CloudSigmaState, engine: SchedulerEngine, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new Error(`cloudsigma simulator: extraResources must be a whole number >= 0, got ${count}`);
  if (count === 0) return;
  const now = state.clock.now();
  state.withDeterministicIds(`cloudsigma-bench:${state.config.location}`, () => {
    const schedulers = benchSchedulers(state, now);
    for (let n = 1; n <= count; n += 1) {
      const name = benchServerName(n);
      const scheduler = schedulers[(n - 1) % schedulers.length];
      const drive: DriveRecord = {
        uuid: state.newUuid(),
        name: `${name}-os`,
        size: (20 + 10 * Math.floor(unitHash(`bench-size:${name}`) * 9)) * GIB,
        media: 'disk',
        storageType: 'dssd',
        meta: {},
        tags: [],
        backupScheduler: scheduler.uuid,
        createdAt: now - 30 * DAY_MS,
      };
      state.drives.set(drive.uuid, drive);
      const server: ServerRecord = {
        uuid: state.newUuid(),
        name,
        cpu: 2000,
        mem: 2 * GIB,
        smp: 1,
        // Running, so snapshot-type schedulers (local snapshots need a running server) make their runs.
        status: 'running',
        drives: [{ drive: drive.uuid, boot_order: 1, dev_channel: '0:0', device: 'virtio' }],
        meta: { description: `${name} (simulated)` },
        // 22:c5:00:00:… is the seed's range; bench servers use 22:c5:00:b0:hi:lo.
        mac: `22:c5:00:b0:${hex2(n >> 8)}:${hex2(n)}`,
        startedAt: now - (1 + (n % 7)) * DAY_MS,
      };
      state.servers.set(server.uuid, server);
      engine.backfillDrive(drive, 1 + (n % 2), now);
    }
  });
}

/** The enabled schedulers, in creation order; a bench scheduler when there are none. */
function benchSchedulers(state: CloudSigmaState, now: number): SchedulerRecord[] {
  const enabled = [...state.schedulers.values()].filter((s) => s.data.is_enabled === true);
  if (enabled.length > 0) return enabled;
  const rec: SchedulerRecord = { uuid: state.newUuid(), data: buildScheduler(BENCH_SCHEDULER), createdAt: now - 30 * DAY_MS };
  state.schedulers.set(rec.uuid, rec);
  return [rec];
}

const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0');
