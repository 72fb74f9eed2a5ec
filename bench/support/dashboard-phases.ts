/**
 * Where a dashboard's wall time goes, without touching the gateway: the simulators' log stamps
 * (epoch ms, same machine) against the client's clock, median of 30 warm dashboards: when the
 * first and the last upstream request arrived, when the last reply was written, and when the
 * client had the answer, each from the client's send. Not part of `npm run bench`.
 *
 *   npx tsx bench/support/dashboard-phases.ts; ROOT=/tmp/before npx tsx bench/support/dashboard-phases.ts
 */
import { performance } from 'node:perf_hooks';
import { THIS_ROOT } from './compare-dashboard.js';
import { startGateway, startSimulators } from './processes.js';
import { median } from './stats.js';
import { clearLogs, readLogs } from './upstream-log.js';

const root = process.env.ROOT ?? THIS_ROOT;
const { DashboardQuery } = await import(`${root}/test/support/documents.ts`);
const { gql } = await import(`${root}/bench/support/graphql.ts`);
const sims = await startSimulators({ latencyMs: 20, extraResources: 87 });
const gateway = await startGateway(sims, { shareReads: true, maxConnections: 256, root });
try {
  const epochNow = () => performance.timeOrigin + performance.now();
  for (let i = 0; i < 5; i++) await gql(gateway.url, DashboardQuery);
  const phases = { firstArrives: [] as number[], lastArrives: [] as number[], lastReplyWritten: [] as number[], clientHasAnswer: [] as number[] };
  for (let i = 0; i < 30; i++) {
    await clearLogs(sims);
    const sent = epochNow();
    await gql(gateway.url, DashboardQuery);
    phases.clientHasAnswer.push(epochNow() - sent);
    const requests = Object.values(await readLogs(sims)).flat();
    phases.firstArrives.push(Math.min(...requests.map((r) => r.startedMs)) - sent);
    phases.lastArrives.push(Math.max(...requests.map((r) => r.startedMs)) - sent);
    phases.lastReplyWritten.push(Math.max(...requests.map((r) => r.startedMs + (r.durationMs ?? 0))) - sent);
  }
  console.log(JSON.stringify({ root, ...Object.fromEntries(Object.entries(phases).map(([name, values]) => [`${name}Ms`, +median(values).toFixed(1)])) }));
} finally {
  await gateway.stop();
  await sims.stop();
}
