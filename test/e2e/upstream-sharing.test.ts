/**
 * What a dashboard costs the upstreams: each list once per query, per-resource reads only
 * where the API has no bulk call and then once per resource; concurrent identical queries
 * share their reads; the optional cache answers repeats and is emptied by our own writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectData, startTestGateway, type TestGateway, type TestGatewayOptions } from '../support/gateway.js';
import { DashboardQuery, OperationUpdatedSubscription, StartBackupMutation, UnassignScheduleMutation } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function gateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  gw = await startTestGateway(options);
  return gw;
}

/** Upstream requests since the last reset, per simulator, as "METHOD routeKey" -> count. */
function upstreamCounts(g: TestGateway): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(g.demo.simulators).map(([name, sim]) => {
      const counts: Record<string, number> = {};
      for (const r of sim.server.requests) counts[`${r.method} ${r.routeKey}`] = (counts[`${r.method} ${r.routeKey}`] ?? 0) + 1;
      return [name, counts];
    }),
  );
}
const total = (counts: Record<string, Record<string, number>>) =>
  Object.values(counts).reduce((sum, perRoute) => sum + Object.values(perRoute).reduce((a, b) => a + b, 0), 0);
function resetLogs(g: TestGateway): void {
  for (const sim of Object.values(g.demo.simulators)) sim.server.clearRequests();
}

/** One dashboard after a warm-up (sessions open), and what it cost upstream. */
async function measuredDashboard(g: TestGateway) {
  expectData(await g.gql(DashboardQuery, undefined));
  resetLogs(g);
  const data = expectData(await g.gql(DashboardQuery, undefined));
  return { data, counts: upstreamCounts(g) };
}

describe('what a dashboard query costs upstream', () => {
  it('reads every list once and each per-resource endpoint once per resource', async () => {
    const { data, counts } = await measuredDashboard(await gateway());
    const instances = data.virtualMachines.edges.filter((e) => e.node.provider.kind === 'BILLMANAGER').length;
    expect(instances).toBeGreaterThan(5);
    // Altaro lists assignments inline; both schedule kinds and both location kinds are two calls each.
    expect(counts.altaro).toEqual({ 'GET vms/list': 1, 'GET schedules': 2, 'GET backuplocations': 2 });
    // CloudSigma has a bulk call for everything: five lists, once each.
    expect(counts.cloudsigma).toEqual({ 'GET servers': 1, 'GET drives': 1, 'GET backupschedulers': 1, 'GET snapshots': 1, 'GET remotesnapshots': 1 });
    // BILLmanager has no bulk call for schedules and backups: one of each per instance.
    expect(counts.billmanager).toEqual({ 'POST instances': 1, 'POST instances.fleio_bckps': instances, 'POST instances.fleio_bckps.schedule': instances });
  });

  it('serves 300 VMs in one page for the same minimal set of requests', async () => {
    const extra = { extraResources: 100 };
    const { data, counts } = await measuredDashboard(await gateway({ altaro: extra, cloudsigma: extra, billmanager: extra }));
    expect(data.virtualMachines.totalCount).toBeGreaterThan(300);
    expect(data.virtualMachines.edges).toHaveLength(data.virtualMachines.totalCount);
    const instances = data.virtualMachines.edges.filter((e) => e.node.provider.kind === 'BILLMANAGER').length;
    expect(counts.altaro).toEqual({ 'GET vms/list': 1, 'GET schedules': 2, 'GET backuplocations': 2 });
    expect(counts.cloudsigma).toEqual({ 'GET servers': 1, 'GET drives': 1, 'GET backupschedulers': 1, 'GET snapshots': 1, 'GET remotesnapshots': 1 });
    expect(counts.billmanager).toEqual({ 'POST instances': 1, 'POST instances.fleio_bckps': instances, 'POST instances.fleio_bckps.schedule': instances });
  });

  it('costs several times more with read sharing turned off (what sharing saves)', async () => {
    const shared = total((await measuredDashboard(await gateway())).counts);
    await gw!.close();
    const unshared = await measuredDashboard(await gateway({ registry: { shareReads: false } }));
    expect(total(unshared.counts)).toBeGreaterThan(shared * 3);
    expect(unshared.counts.cloudsigma['GET drives']).toBeGreaterThan(1);
  });

  it('ten identical dashboards at once cost at most twice one dashboard', async () => {
    const g = await gateway();
    const one = total((await measuredDashboard(g)).counts);
    resetLogs(g);
    // Upstream latency keeps the ten queries' reads on the wire together, also on a loaded
    // machine where the ten do not start within a few milliseconds of each other.
    for (const sim of Object.values(g.demo.simulators)) sim.server.faults.set({ global: { latencyMs: 150 } });
    const results = await Promise.all(Array.from({ length: 10 }, () => g.gql(DashboardQuery, undefined)));
    results.forEach((result) => expectData(result));
    expect(total(upstreamCounts(g))).toBeLessThanOrEqual(2 * one);
  });
});

describe('the optional read cache (cacheTtlMs)', () => {
  const cached: TestGatewayOptions = { editProviders: (providers) => providers.map((p) => ({ ...p, cacheTtlMs: 60_000 })) };

  it('is off by default: a repeated dashboard goes upstream again', async () => {
    const { counts } = await measuredDashboard(await gateway());
    expect(total(counts)).toBeGreaterThan(0);
  });

  it('answers a repeated dashboard without upstream requests, and our own write empties it', async () => {
    const g = await gateway(cached);
    const { data, counts } = await measuredDashboard(g);
    expect(counts).toEqual({ altaro: {}, cloudsigma: {}, billmanager: {} });

    const vm = data.virtualMachines.edges.map((e) => e.node).find((n) => n.provider.kind === 'ALTARO' && n.schedules.length > 0)!;
    const schedule = vm.schedules[0];
    const changed = expectData(await g.gql(UnassignScheduleMutation, { input: { targetId: vm.id, scheduleId: schedule.id } }));
    expect(changed.unassignSchedule.__typename).toBe('AssignScheduleSuccess');

    resetLogs(g);
    const after = expectData(await g.gql(DashboardQuery, undefined));
    const again = after.virtualMachines.edges.find((e) => e.node.id === vm.id)!.node;
    // Had the write left the cache alone, both the mutation's answer and this dashboard would
    // still show the assignment (the cache was refilled by the mutation's own re-read).
    expect(changed.unassignSchedule.__typename === 'AssignScheduleSuccess' && changed.unassignSchedule.target.schedules.map((s) => s.id)).not.toContain(schedule.id);
    expect(again.schedules.map((s) => s.id)).not.toContain(schedule.id);
  });

  it('never answers operation polls: a subscription still follows a backup to the end', async () => {
    const g = await gateway(cached);
    const { data } = await measuredDashboard(g);
    const vm = data.virtualMachines.edges.map((e) => e.node).find((n) => n.provider.kind === 'ALTARO' && n.lastBackup)!;
    const started = expectData(await g.gql(StartBackupMutation, { input: { targetId: vm.id } }));
    if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
    const client = wsClient(g.wsUrl);
    const stream = subscribeWs(client, OperationUpdatedSubscription, { id: started.startBackup.operation.id });
    await stream.done;
    await client.dispose();
    const statuses = stream.results.map((r) => r.data?.operationUpdated.status);
    expect(statuses).toContain('RUNNING');
    expect(statuses.at(-1)).toBe('SUCCEEDED');
  });
});
