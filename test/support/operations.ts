/** Starting an operation through a gateway, for tests that then follow it. */
import { expectData, type TestGateway } from './gateway.js';
import { StartBackupMutation, VirtualMachinesQuery } from './documents.js';

/** Start a backup of the VM named `vmName` through `gw`; the operation, or a thrown error. */
export async function startBackupOf(gw: TestGateway, vmName: string) {
  const vms = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { nameContains: vmName } }));
  const vm = vms.virtualMachines.edges.map((e) => e.node).find((n) => n.name === vmName);
  if (!vm) throw new Error(`no VM named ${vmName}`);
  const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
  if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
  return started.startBackup.operation;
}
