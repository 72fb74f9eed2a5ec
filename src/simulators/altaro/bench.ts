/**
 * Synthetic VMs for load tests (`extraResources`): `bench-vm-001`, `bench-vm-002`, … added after
 * the demo seed, deterministic like it. Each is configured, spread round-robin over the hosts, on
 * one of the seeded backup schedules and one primary location, with a short history made by the
 * seed's own `seedHistory`, so it has a last backup, reports and restore versions.
 */
import { hash32 } from './ids.js';
import { seededVm, seedHistory, type VmSeed } from './seed.js';
import type { AltaroState } from './state.js';

/** Long enough for the weekly schedule (Sunday Full) to have run at least once. */
const BENCH_HISTORY_DAYS = 8;

export function benchVmName(n: number): string {
  return `bench-vm-${String(n).padStart(3, '0')}`;
}

export function addBenchVms(state: AltaroState, now: number, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new Error(`altaro simulator: extraResources must be a whole number >= 0, got ${count}`);
  if (count === 0) return;
  const schedules = state.schedules.filter((s) => s.kind === 'Backup');
  const locations = state.locations.filter((l) => l.kind === 'Primary');
  if (state.hosts.length === 0 || schedules.length === 0 || locations.length === 0) {
    throw new Error('altaro simulator: extraResources needs the demo seed (seed: true) for schedules and locations');
  }
  for (let n = 1; n <= count; n += 1) {
    const name = benchVmName(n);
    // Different strides so VMs do not all pair the same host, schedule and location.
    const host = state.hosts[(n - 1) % state.hosts.length];
    const schedule = schedules[(n - 1) % schedules.length];
    const location = locations[Math.floor((n - 1) / schedules.length) % locations.length];
    const seed: VmSeed = { name, host: host.name, diskGb: 40 + (hash32(`bench-disk:${name}`) % 160), historyDays: BENCH_HISTORY_DAYS };
    const vm = seededVm(seed, host.ref, [schedule.id], [location.id]);
    state.vms.push(vm);
    seedHistory(state, vm, seed, now);
  }
}
