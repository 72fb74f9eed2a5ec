/**
 * A VM looked up by id (node(id), a mutation's target) costs that VM's reads, not a listing of
 * every VM's details: BILLmanager reads the instance list and that instance's backups and
 * schedules (Provider.getVirtualMachine), and answers as the listing does. Counted from the
 * simulator's own log.
 */
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { DashboardQuery, StartBackupMutation } from '../support/documents.js';

interface VmFields {
  id: string;
  name: string;
  status: string | null;
  lastBackup: { at: string; outcome: string } | null;
  nextBackupAt: string | null;
}
// Not `schedules`: a VM's schedules come from its provider's schedule listing (RequestReads.schedulesOf).
const FIELDS = 'id name status lastBackup { at outcome } nextBackupAt';
const NodeQuery = parse(`query ($id: ID!) { node(id: $id) { ... on VirtualMachine { ${FIELDS} } } }`) as TypedDocumentNode<{ node: VmFields | null }, { id: string }>;
const NodeAndListQuery = parse(`query ($id: ID!) { node(id: $id) { ... on VirtualMachine { ${FIELDS} } } virtualMachines(first: 500) { edges { node { ${FIELDS} } } } }`) as TypedDocumentNode<
  { node: VmFields | null; virtualMachines: { edges: Array<{ node: VmFields }> } },
  { id: string }
>;

let gw: TestGateway;
let listed: VmFields[];
beforeAll(async () => {
  gw = await startTestGateway();
  const dashboard = expectData(await gw.gql(DashboardQuery, undefined));
  listed = dashboard.virtualMachines.edges.map((e) => e.node).filter((vm) => vm.provider.kind === 'BILLMANAGER') as unknown as VmFields[];
});
afterAll(async () => {
  await gw?.close();
});
beforeEach(() => gw.demo.simulators.billmanager.server.clearRequests());

/** BILLmanager requests since the last clear, by route. */
function sent(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of gw.demo.simulators.billmanager.server.requests) counts[r.routeKey] = (counts[r.routeKey] ?? 0) + 1;
  return counts;
}

const pick = (vm: VmFields) => ({ id: vm.id, name: vm.name, status: vm.status, lastBackup: vm.lastBackup, nextBackupAt: vm.nextBackupAt });

describe('a VM looked up by id', () => {
  it("reads the instance list and that instance's backups and schedules, and answers as the listing does", async () => {
    const withSchedule = listed.find((vm) => vm.nextBackupAt && vm.lastBackup)!;
    const { node } = expectData(await gw.gql(NodeQuery, { id: withSchedule.id }));
    expect(node).toEqual(pick(withSchedule));
    expect(sent()).toEqual({ instances: 1, 'instances.fleio_bckps': 1, 'instances.fleio_bckps.schedule': 1 });
  });

  it('is null for an instance the panel does not have, after reading only the instance list', async () => {
    const gone = Buffer.from('VirtualMachine:vps:999').toString('base64url');
    expect(expectData(await gw.gql(NodeQuery, { id: gone })).node).toBeNull();
    expect(sent()).toEqual({ instances: 1 });
  });

  it('shares the listing when the same query lists the VMs too', async () => {
    const vm = listed[0];
    const data = expectData(await gw.gql(NodeAndListQuery, { id: vm.id }));
    expect(data.node).toEqual(pick(vm));
    expect(data.virtualMachines.edges.map((e) => e.node).filter((n) => n.id === vm.id)).toEqual([pick(vm)]);
    const instances = gw.demo.simulators.billmanager.state.instances.size;
    expect(sent()).toMatchObject({ instances: 1, 'instances.fleio_bckps': instances, 'instances.fleio_bckps.schedule': instances });
  });

  it("as a mutation's target, costs no other instance's reads", async () => {
    const vm = listed[1];
    const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } })).startBackup;
    expect(result.__typename).toBe('StartOperationSuccess');
    const counts = sent();
    expect(counts['instances.fleio_bckps.schedule'] ?? 0).toBeLessThanOrEqual(1);
    expect(counts['instances.fleio_bckps'] ?? 0).toBeLessThan(gw.demo.simulators.billmanager.state.instances.size);
  });
});
