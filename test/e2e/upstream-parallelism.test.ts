/**
 * The reads of one query run in parallel, across providers and within one, up to the
 * provider's `maxConnections`. Measured from the simulators' own log (arrival and duration of
 * each request), not by timing the query.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/simulators/kit/http.js';
import { expectData, startTestGateway, type TestGateway, type TestGatewayOptions } from '../support/gateway.js';
import { DashboardQuery, SchedulesQuery } from '../support/documents.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

/** A dashboard after a warm-up, with every upstream reply delayed by `latencyMs`; the simulators' logs. */
async function slowDashboard(options: TestGatewayOptions, latencyMs: number) {
  gw = await startTestGateway(options);
  expectData(await gw.gql(DashboardQuery, undefined));
  const sims = Object.values(gw.demo.simulators);
  for (const sim of sims) {
    sim.server.clearRequests();
    sim.server.faults.set({ global: { latencyMs } });
  }
  expectData(await gw.gql(DashboardQuery, undefined));
  return Object.fromEntries(Object.entries(gw.demo.simulators).map(([name, sim]) => [name, [...sim.server.requests]])) as Record<
    'altaro' | 'cloudsigma' | 'billmanager',
    LoggedRequest[]
  >;
}

/** Most requests being answered at the same moment. */
function mostAtOnce(requests: LoggedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.startedMs, step: 1 },
    { at: r.startedMs + (r.durationMs ?? 0), step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const edge of edges) most = Math.max(most, (now += edge.step));
  return most;
}

describe('parallel upstream reads', () => {
  it('asks the three providers at the same time, not one after another', async () => {
    const logs = await slowDashboard({}, 80);
    const firsts = Object.values(logs).map((requests) => requests[0]);
    const lastStart = Math.max(...firsts.map((r) => r.startedMs));
    const firstEnd = Math.min(...firsts.map((r) => r.startedMs + r.durationMs!));
    expect(lastStart).toBeLessThan(firstEnd);
    // Within CloudSigma, the five lists are on the wire together.
    expect(mostAtOnce(logs.cloudsigma)).toBe(5);
  });

  it('sends every list, nested ones included, before the first answer comes back', async () => {
    const logs = await slowDashboard({}, 40);
    const all = Object.values(logs).flat();
    const lists = all.filter((r) => !r.routeKey.startsWith('instances.fleio_bckps'));
    // Altaro's schedule and location lists (needed by nested fields) start with the VM lists,
    // not after every provider's VMs have resolved. (BILLmanager's per-instance reads go out with
    // its list too, once it knows the instances: billmanager-read-ahead.test.ts.)
    expect(lists.map((r) => r.routeKey)).toEqual(expect.arrayContaining(['schedules', 'backuplocations', 'drives']));
    expect(Math.max(...lists.map((r) => r.startedMs))).toBeLessThan(Math.min(...lists.map((r) => r.startedMs + r.durationMs!)));
  });

  it('reads schedules and the VMs they target in the same round', async () => {
    gw = await startTestGateway();
    expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['hq'] } }));
    const altaro = gw.demo.simulators.altaro.server;
    altaro.clearRequests();
    altaro.faults.set({ global: { latencyMs: 40 } });
    const data = expectData(await gw.gql(SchedulesQuery, { filter: { providerIds: ['hq'] } }));
    expect(data.schedules.edges.some((e) => e.node.targets.length > 0)).toBe(true);
    const vmList = altaro.requests.find((r) => r.routeKey === 'vms/list')!;
    const scheduleLists = altaro.requests.filter((r) => r.routeKey === 'schedules');
    expect(vmList.startedMs).toBeLessThan(Math.min(...scheduleLists.map((r) => r.startedMs + r.durationMs!)));
  });

  it("sends a provider's per-resource reads together, up to its maxConnections", async () => {
    const open = await slowDashboard({}, 40);
    expect(mostAtOnce(open.billmanager)).toBeGreaterThan(10);
    await gw!.close();
    const limited = await slowDashboard({ editProviders: (providers) => providers.map((p) => (p.kind === 'billmanager' ? { ...p, maxConnections: 2 } : p)) }, 40);
    expect(mostAtOnce(limited.billmanager)).toBe(2);
    expect(limited.billmanager.length).toBe(open.billmanager.length);
  });
});
