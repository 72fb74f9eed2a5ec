/**
 * Gateway CPU per dashboard query, p50 against the ideal critical path, and throughput at
 * concurrency 10, for the gateway of the checkout at `ROOT` (default: this one), run as `npm
 * start` runs it (compiled `dist/main.js`, built there first when stale; see processes.ts),
 * with that checkout's dashboard query, against this tree's simulators: run it against a `git
 * worktree` of an older commit, alternating with this tree, to compare before and after on the
 * same (shared) machine. Not part of `npm run bench` (support files are not run); prints one
 * JSON line. PROFILE=dir adds `--cpu-prof` to the gateway (its .cpuprofile lands in dir);
 * GATEWAY_NODE_ARGS="--flag …" passes Node flags to it (to try one).
 *
 *   ROOT=/tmp/before npx tsx bench/support/compare-dashboard.ts; npx tsx bench/support/compare-dashboard.ts
 */
import { performance } from 'node:perf_hooks';

const ROOT = process.env.ROOT ?? new URL('../../', import.meta.url).pathname.replace(/\/$/, '');
const QUERIES = Number(process.env.QUERIES ?? 30);
const PER_RESOURCE_ROUTES = new Set(['instances.fleio_bckps', 'instances.fleio_bckps.schedule', 'vms/schedules', 'vms/backuplocations']);

const { DashboardQuery } = await import(`${ROOT}/test/support/documents.ts`);
const { gql } = await import(`${ROOT}/bench/support/graphql.ts`);
const { gatewayEntry, startGateway, startSimulators } = await import('./processes.js');
const { median } = await import('./stats.js');
const { clearLogs, readLogs } = await import('./upstream-log.js');

const PROFILE = process.env.PROFILE;
const sims = await startSimulators({ latencyMs: 20, extraResources: 87 });
try {
  const gateway = await startGateway(sims, { shareReads: true, maxConnections: 256, root: ROOT, nodeArgs: [...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : []), ...(process.env.GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [])] });
  try {
    for (let i = 0; i < 5; i++) await gql(gateway.url, DashboardQuery);
    const latencies: number[] = [];
    const ideals: number[] = [];
    let cpuMs = 0;
    for (let i = 0; i < QUERIES; i++) {
      await clearLogs(sims);
      const cpuBefore = gateway.cpuMs();
      const started = performance.now();
      await gql(gateway.url, DashboardQuery);
      latencies.push(performance.now() - started);
      cpuMs += gateway.cpuMs() - cpuBefore;
      // The slowest call of each dependent round (server-side durations), as scale-dashboard.ts.
      const rounds = [0, 0];
      for (const requests of Object.values(await readLogs(sims)) as Array<Array<{ routeKey: string; durationMs?: number }>>) {
        for (const r of requests) {
          const round = PER_RESOURCE_ROUTES.has(r.routeKey) ? 1 : 0;
          rounds[round] = Math.max(rounds[round], r.durationMs ?? 0);
        }
      }
      ideals.push(rounds[0] + rounds[1]);
    }
    let answered = 0;
    const began = performance.now();
    const until = began + 8_000;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (performance.now() < until) {
          await gql(gateway.url, DashboardQuery);
          answered += 1;
        }
      }),
    );
    const p50 = median(latencies);
    const ideal = median(ideals);
    console.log(JSON.stringify({ tree: ROOT, compiled: gatewayEntry(ROOT).compiled, cpuPerQueryMs: +(cpuMs / QUERIES).toFixed(1), p50Ms: +p50.toFixed(1), idealMs: +ideal.toFixed(1), p50OverIdeal: +(p50 / ideal).toFixed(2), rps10: +(answered / ((performance.now() - began) / 1000)).toFixed(2) }));
  } finally {
    await gateway.stop();
  }
} finally {
  await sims.stop();
}
