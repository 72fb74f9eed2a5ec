/**
 * Issue #7, part 4: mutation throughput. Pairs of assignSchedule + unassignSchedule on Altaro
 * VMs (each mutation: the write, then the re-read its answer shows), one worker per VM so
 * workers never touch the same assignment, with the simulators answering after 20 ms.
 */
import { performance } from 'node:perf_hooks';
import { AssignScheduleMutation, SchedulesQuery, UnassignScheduleMutation, VirtualMachinesQuery } from '../test/support/documents.js';
import { gql } from './support/graphql.js';
import { startGateway, startSimulators } from './support/processes.js';
import { markdownTable, median, ms, percentile } from './support/stats.js';

const LATENCY_MS = 20;
const SECONDS = 6;
const CONCURRENCY = [1, 10];

export default async function mutationsBench(): Promise<string> {
  const sims = await startSimulators({ latencyMs: LATENCY_MS, extraResources: 20 });
  const gateway = await startGateway(sims);
  try {
    const vms = (await gql(gateway.url, VirtualMachinesQuery, { first: 100, filter: { providerIds: ['hq'], configured: true } })).virtualMachines.edges.map((e) => e.node);
    const schedules = (await gql(gateway.url, SchedulesQuery, { filter: { providerIds: ['hq'] } })).schedules.edges.map((e) => e.node);
    // A schedule each VM is not on, so assign then unassign returns it to where it was.
    const pairs = vms
      .map((vm) => ({ vm, schedule: schedules.find((s) => s.kind === 'BACKUP' && !s.targets.some((t) => t.id === vm.id)) }))
      .filter((p): p is { vm: (typeof vms)[number]; schedule: (typeof schedules)[number] } => !!p.schedule);
    if (pairs.length < Math.max(...CONCURRENCY)) throw new Error(`only ${pairs.length} VMs can take part`);

    const rows: Array<Array<string | number>> = [];
    for (const workers of CONCURRENCY) {
      const latencies: number[] = [];
      let completedPairs = 0;
      const until = performance.now() + SECONDS * 1000;
      const began = performance.now();
      await Promise.all(
        pairs.slice(0, workers).map(async ({ vm, schedule }) => {
          const input = { targetId: vm.id, scheduleId: schedule.id };
          while (performance.now() < until) {
            let t = performance.now();
            const assigned = await gql(gateway.url, AssignScheduleMutation, { input });
            latencies.push(performance.now() - t);
            if (assigned.assignSchedule.__typename !== 'AssignScheduleSuccess') throw new Error(JSON.stringify(assigned));
            t = performance.now();
            const unassigned = await gql(gateway.url, UnassignScheduleMutation, { input });
            latencies.push(performance.now() - t);
            if (unassigned.unassignSchedule.__typename !== 'AssignScheduleSuccess') throw new Error(JSON.stringify(unassigned));
            completedPairs += 1;
          }
        }),
      );
      const seconds = (performance.now() - began) / 1000;
      const row = { workers, pairsPerSecond: completedPairs / seconds, p50: median(latencies), p99: percentile(latencies, 99) };
      console.log(JSON.stringify(row));
      rows.push([workers, row.pairsPerSecond.toFixed(1), ms(row.p50), ms(row.p99)]);
    }
    return [
      `## 4. Mutations: assignSchedule + unassignSchedule pairs on Altaro, upstream latency ${LATENCY_MS} ms, ${SECONDS} s per row`,
      '',
      markdownTable(['concurrent workers (one VM each)', 'pairs per second', 'mutation p50', 'mutation p99'], rows),
    ].join('\n');
  } finally {
    await gateway.stop();
    await sims.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await mutationsBench());
