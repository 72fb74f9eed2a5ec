/**
 * BILLmanager's per-instance reads go out with the instance list when the gateway knows the
 * instances from the listing before (src/providers/billmanager/reads.ts: reading ahead): one
 * round trip to the panel instead of two, for the same requests. Instances that come and go
 * between listings are answered as the new list has them, whatever the panel answers for an id
 * it no longer has (every `notFound` form of the strict profile's contract points). Measured
 * from the simulator's own log (arrival and duration of each request), not by timing queries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/simulators/kit/http.js';
import type { BillmanagerVariants } from '../../src/simulators/billmanager/variants.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { DashboardQuery, ProvidersQuery } from '../support/documents.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const PER_INSTANCE = new Set(['instances.fleio_bckps', 'instances.fleio_bckps.schedule']);

/** A dashboard with BILLmanager's replies delayed by `latencyMs`: its BILLmanager VMs, the panel's log of it and every provider's lists. */
async function dashboard(gateway: TestGateway, latencyMs = 40) {
  const sims = Object.values(gateway.demo.simulators).map((sim) => sim.server);
  for (const sim of sims) sim.clearRequests();
  gateway.demo.simulators.billmanager.server.faults.set({ global: { latencyMs } });
  const data = expectData(await gateway.gql(DashboardQuery, undefined));
  const vms = data.virtualMachines.edges.map((e) => e.node).filter((vm) => vm.provider.kind === 'BILLMANAGER');
  const requests = [...gateway.demo.simulators.billmanager.server.requests];
  const list = requests.find((r) => r.routeKey === 'instances')!;
  const otherLists = [list, ...[gateway.demo.simulators.altaro, gateway.demo.simulators.cloudsigma].flatMap((sim) => sim.server.requests)];
  return { vms, list, otherLists, perInstance: requests.filter((r) => PER_INSTANCE.has(r.routeKey)) };
}

const endOf = (r: LoggedRequest) => r.startedMs + r.durationMs!;

describe('BILLmanager reads each instance ahead of its list', () => {
  it('sends a warm listing in one round, with each per-instance read once; the first listing takes two', async () => {
    gw = await startTestGateway();
    const instances = gw.demo.simulators.billmanager.state.instances.size;

    const cold = await dashboard(gw);
    expect(cold.perInstance).toHaveLength(2 * instances);
    // Nothing known yet: every per-instance read waits for the list.
    expect(Math.min(...cold.perInstance.map((r) => r.startedMs))).toBeGreaterThanOrEqual(endOf(cold.list));

    const warm = await dashboard(gw);
    expect(warm.perInstance).toHaveLength(2 * instances);
    // All of them on the wire while the list is still being answered, and after every list of
    // every provider (those are what the rest of the query waits for).
    expect(Math.max(...warm.perInstance.map((r) => r.startedMs))).toBeLessThan(endOf(warm.list));
    expect(Math.max(...warm.otherLists.map((r) => r.startedMs))).toBeLessThan(Math.min(...warm.perInstance.map((r) => r.startedMs)));
    // And the same answer as the cold listing.
    expect(warm.vms).toEqual(cold.vms);
  });

  const notFoundForms: Array<BillmanagerVariants['notFound']> = ['missed', 'access', 'message', 'empty'];
  it.each(notFoundForms)('answers instances that came and went as the new list has them (unknown id answered as %s)', async (notFound) => {
    gw = await startTestGateway({ profile: 'strict', billmanager: { variants: { notFound } } });
    const state = gw.demo.simulators.billmanager.state;
    const before = await dashboard(gw, 0);

    const [gone] = [...state.instances.keys()];
    state.instances.delete(gone);
    const added = state.addInstance({ servername: 'fresh-one', createdAt: Date.now() - 60_000 });
    state.addSchedule({ instanceId: added.id, name: 'nightly-fresh', days: [1, 3, 5], time: '02:30', at: Date.now() });

    const after = await dashboard(gw);
    const nativeIds = (vms: typeof after.vms) => vms.map((vm) => Buffer.from(vm.id, 'base64url').toString().split(':').pop());
    expect(nativeIds(after.vms).sort()).toEqual([...state.instances.keys()].sort());
    expect(after.vms.find((vm) => vm.name.startsWith('fresh-one'))?.schedules.map((s) => s.name)).toEqual(['nightly-fresh']);
    // Everyone else as before, schedules and last backups included.
    const kept = (vms: typeof after.vms) => vms.filter((vm) => !vm.name.startsWith('fresh-one') && !nativeIds([vm]).includes(gone));
    expect(kept(after.vms)).toEqual(kept(before.vms));
    // The gone instance was read ahead once for nothing (its backups and schedules), the new one
    // after the list; the next listing reads only what is there (the strict panel pages lists, so
    // it is counted, not worked out).
    const next = await dashboard(gw);
    expect(next.vms).toEqual(after.vms);
    expect(after.perInstance).toHaveLength(next.perInstance.length + 2);
    expect(next.perInstance.length).toBeGreaterThanOrEqual(2 * state.instances.size);
    const providers = expectData(await gw.gql(ProvidersQuery, undefined)).providers;
    expect(providers.find((p) => p.kind === 'BILLMANAGER')?.health.status).toBe('UP');
  });
});
