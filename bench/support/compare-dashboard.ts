/**
 * Gateway CPU per dashboard query, p50 against the ideal critical path, and throughput at
 * concurrency 10, for the gateway of the checkout at `ROOT` (default: this one), run as `npm
 * start` runs it (compiled `dist/main.js`, built there first when stale; see processes.ts),
 * with that checkout's dashboard query, against this tree's simulators: run it against a `git
 * worktree` of an older commit, alternating with this tree, to compare before and after on the
 * same (shared) machine. `bench/dashboard-cpu.ts` runs it for `npm run bench` against the
 * issue's tree; run directly, it prints one JSON line. PROFILE=dir adds `--cpu-prof` to the gateway (its .cpuprofile lands in dir);
 * GATEWAY_NODE_ARGS="--flag …" passes Node flags to it (to try one).
 *
 *   ROOT=/tmp/before npx tsx bench/support/compare-dashboard.ts; npx tsx bench/support/compare-dashboard.ts
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startGateway, startSimulators, type Simulators } from './processes.js';
import { median } from './stats.js';
import { replayedCriticalPaths, startRecordingProxies, type ReplayedPaths } from './replay.js';
import { clearLogs, idealCriticalPath, readLogs } from './upstream-log.js';

export const THIS_ROOT = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export interface DashboardFigures {
  tree: string;
  compiled: boolean;
  cpuPerQueryMs: number;
  p50Ms: number;
  idealMs: number;
  p50OverIdeal: number;
  /** The two rounds replayed by a client that does no work (replay.ts). */
  replayedMs: number;
  p50OverReplayed: number;
  /** The same requests replayed all at once (replay.ts): the fastest with the ids known ahead. */
  replayedOneRoundMs: number;
  p50OverOneRound: number;
  rps10: number;
}

export interface CompareOptions {
  queries?: number;
  /** Directory for the gateway's `--cpu-prof` output. */
  profileDir?: string;
  /** Extra Node flags for the gateway. */
  nodeArgs?: string[];
}

/** The dashboard figures of the gateway of the checkout at `root`, with that checkout's query and client. */
export async function measureDashboard(root: string = THIS_ROOT, options: CompareOptions = {}): Promise<DashboardFigures> {
  const queries = options.queries ?? 30;
  const { DashboardQuery } = await import(`${root}/test/support/documents.ts`);
  const { gql } = await import(`${root}/bench/support/graphql.ts`);
  const sims = await startSimulators({ latencyMs: 20, extraResources: 87 });
  try {
    const replayed = await replayedDashboardPaths(root, sims, (url) => gql(url, DashboardQuery));
    const nodeArgs = [...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), ...(options.nodeArgs ?? [])];
    const gateway = await startGateway(sims, { shareReads: true, maxConnections: 256, root, nodeArgs });
    try {
      for (let i = 0; i < 5; i++) await gql(gateway.url, DashboardQuery);
      const latencies: number[] = [];
      const ideals: number[] = [];
      let cpuMs = 0;
      for (let i = 0; i < queries; i++) {
        await clearLogs(sims);
        const cpuBefore = gateway.cpuMs();
        const started = performance.now();
        await gql(gateway.url, DashboardQuery);
        latencies.push(performance.now() - started);
        cpuMs += gateway.cpuMs() - cpuBefore;
        ideals.push(idealCriticalPath(await readLogs(sims)));
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
      return {
        tree: root,
        compiled: gateway.compiled,
        cpuPerQueryMs: +(cpuMs / queries).toFixed(1),
        p50Ms: +p50.toFixed(1),
        idealMs: +ideal.toFixed(1),
        p50OverIdeal: +(p50 / ideal).toFixed(2),
        replayedMs: +replayed.twoRoundsMs.toFixed(1),
        p50OverReplayed: +(p50 / replayed.twoRoundsMs).toFixed(2),
        replayedOneRoundMs: +replayed.oneRoundMs.toFixed(1),
        p50OverOneRound: +(p50 / replayed.oneRoundMs).toFixed(2),
        rps10: +(answered / ((performance.now() - began) / 1000)).toFixed(2),
      };
    } finally {
      await gateway.stop();
    }
  } finally {
    await sims.stop();
  }
}

/**
 * One warm dashboard of the gateway of `root`, recorded through proxies, then its upstream
 * requests replayed with no work between them (replay.ts), while that gateway still holds the
 * sessions they carry.
 */
async function replayedDashboardPaths(root: string, sims: Simulators, dashboard: (url: string) => Promise<unknown>): Promise<ReplayedPaths> {
  const proxies = await startRecordingProxies(sims);
  try {
    const gateway = await startGateway(proxies.sims, { shareReads: true, maxConnections: 256, root });
    try {
      for (let i = 0; i < 3; i++) await dashboard(gateway.url);
      await proxies.reset();
      await dashboard(gateway.url);
      return await replayedCriticalPaths(sims, await proxies.recorded());
    } finally {
      await gateway.stop();
    }
  } finally {
    await proxies.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await measureDashboard(process.env.ROOT ?? THIS_ROOT, {
    queries: process.env.QUERIES ? Number(process.env.QUERIES) : undefined,
    profileDir: process.env.PROFILE,
    nodeArgs: process.env.GATEWAY_NODE_ARGS?.split(' ').filter(Boolean),
  });
  console.log(JSON.stringify(figures));
}
