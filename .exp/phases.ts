// Where a dashboard's wall time goes, from the simulators' logs (epoch ms) and the client's clock.
import { performance } from 'node:perf_hooks';
import { startGateway, startSimulators } from '../bench/support/processes.js';
import { clearLogs, readLogs } from '../bench/support/upstream-log.js';
import { gql } from '../bench/support/graphql.js';
import { DashboardQuery } from '../test/support/documents.js';
const root = process.env.ROOT ?? process.cwd();
const sims = await startSimulators({ latencyMs: 20, extraResources: 87 });
const gw = await startGateway(sims, { shareReads: true, maxConnections: 256, root });
const now = () => performance.timeOrigin + performance.now();
for (let i = 0; i < 5; i++) await gql(gw.url, DashboardQuery);
const rows: number[][] = [];
for (let i = 0; i < 30; i++) {
  await clearLogs(sims);
  const sent = now();
  await gql(gw.url, DashboardQuery);
  const got = now();
  const all = Object.values(await readLogs(sims)).flat();
  const first = Math.min(...all.map((r) => r.startedMs));
  const lastArrival = Math.max(...all.map((r) => r.startedMs));
  const lastEnd = Math.max(...all.map((r) => r.startedMs + (r.durationMs ?? 0)));
  rows.push([first - sent, lastArrival - sent, lastEnd - sent, got - sent]);
}
const med = (k: number) => rows.map((r) => r[k]).sort((a, b) => a - b)[15].toFixed(1);
console.log(JSON.stringify({ root, firstArrival: med(0), lastArrival: med(1), lastReplyEnd: med(2), total: med(3) }));
await gw.stop();
await sims.stop();
