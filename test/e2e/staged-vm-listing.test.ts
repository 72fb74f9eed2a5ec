/**
 * BILLmanager's VMs are listed in stages (Provider.listVirtualMachinesInStages): the instance
 * list first, then each instance's backups and schedules. The connection pages the VMs as
 * listed and resolves each node when its VM is complete, so one instance whose reads fail
 * costs that VM its details, not the provider its place in the answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { DashboardQuery } from '../support/documents.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const providerOf = (node: { provider: { id: string } }) => Buffer.from(node.provider.id, 'base64').toString();

describe('staged VM listing', () => {
  it('keeps every BILLmanager VM, as listed, with one error naming the provider, when its backup reads fail', async () => {
    gw = await startTestGateway();
    const healthy = expectData(await gw.gql(DashboardQuery, undefined)).virtualMachines;
    const billmanagerNames = healthy.edges.map((e) => e!.node).filter((n) => providerOf(n).endsWith('vps')).map((n) => n.name);
    expect(billmanagerNames.length).toBeGreaterThan(0);
    expect(healthy.edges.some((e) => providerOf(e!.node).endsWith('vps') && e!.node.lastBackup)).toBe(true);

    gw.demo.simulators.billmanager.server.faults.set({ routes: { 'instances.fleio_bckps': { status: 400 } } });
    const answer = await gw.gql(DashboardQuery, undefined);
    const vms = answer.data!.virtualMachines;
    expect(vms.totalCount).toBe(healthy.totalCount);
    const billmanager = vms.edges.map((e) => e!.node).filter((n) => providerOf(n).endsWith('vps'));
    expect(billmanager.map((n) => n.name)).toEqual(billmanagerNames);
    // What the failed reads would have told is absent, not made up; what other reads gave stays.
    for (const vm of billmanager) {
      expect(vm.lastBackup).toBeNull();
      expect(vm.nextBackupAt).toBeNull();
    }
    expect(billmanager.some((vm) => vm.schedules.length > 0)).toBe(true);
    // The other providers' VMs are complete.
    expect(vms.edges.some((e) => providerOf(e!.node).endsWith('hq') && e!.node.lastBackup)).toBe(true);
    // One error for the provider, not one per VM.
    const errors = answer.errors ?? [];
    expect(errors.length).toBe(1);
    expect(errors[0].extensions?.provider).toBe('vps');
    expect(errors[0].message).toMatch(/vps/);
  });
});
