/** VirtualMachine: an Altaro VM, a CloudSigma server or a BILLmanager instance. */
import type { VirtualMachine } from '../domain/model.js';
import type { StagedVirtualMachine } from '../domain/provider.js';
import type { GatewayContext } from './context.js';
import { builder } from './builder.js';
import { pageOf } from './connections.js';
import { nodeLookup } from './load-nodes.js';
import { BackupLocationRef, DiskRef, OperationRef, ProtectedResourceRef, VirtualMachineRef } from './refs.js';
import { BackupResultRef, toBackupResult } from './resource.js';
import { providersFromFilter } from './filters.js';
import { startNestedReads } from './look-ahead.js';
import { afterPendingWrites } from '../upstream/after-pending-writes.js';

builder.node(VirtualMachineRef, {
  description: 'A virtual machine (Altaro VM, CloudSigma server, BILLmanager instance).',
  interfaces: [ProtectedResourceRef],
  id: { resolve: (vm) => `${vm.providerId}:${vm.nativeId}` },
  loadMany: nodeLookup((reads, p, nativeId) => reads.virtualMachine(p, nativeId)),
  isTypeOf: (value) => (value as VirtualMachine).type === 'VirtualMachine',
  fields: (t) => ({
    host: t.string({ nullable: true, resolve: (vm) => vm.host ?? null }),
    configured: t.exposeBoolean('configured', { description: 'Altaro: in the backup configuration; elsewhere true.' }),
    status: t.string({ nullable: true, description: "The provider's own status text.", resolve: (vm) => vm.status ?? null }),
    disks: t.field({
      type: [DiskRef],
      description: 'CloudSigma drives attached to this server; empty for other providers.',
      resolve: (vm, _args, ctx) => {
        if (vm.diskIds.length === 0) return [];
        const provider = ctx.reads.provider(vm.providerId);
        return ctx.reads.guard(provider, () => ctx.reads.disksOf(provider, vm), []);
      },
    }),
    backupLocations: t.field({
      type: [BackupLocationRef],
      resolve: (vm, _args, ctx) => {
        const provider = ctx.reads.provider(vm.providerId);
        return ctx.reads.guard(provider, () => ctx.reads.locationsOf(provider, vm), []);
      },
    }),
    lastOffsiteCopy: t.field({ type: BackupResultRef, nullable: true, resolve: (vm) => toBackupResult(vm.lastOffsiteCopy) }),
    operations: t.field({
      type: [OperationRef],
      args: { activeOnly: t.arg.boolean({ defaultValue: false }) },
      description: 'Operations on this VM the provider currently reports (running or just finished).',
      resolve: async (vm, args, ctx) => {
        const provider = ctx.reads.provider(vm.providerId);
        const operations = await ctx.reads.guard(provider, () => ctx.reads.operations(provider), []);
        return operations.filter(
          (op) => op.target?.type === 'VirtualMachine' && op.target.nativeId === vm.nativeId && (!args.activeOnly || op.status === 'QUEUED' || op.status === 'RUNNING'),
        );
      },
    }),
  }),
});

const VirtualMachineFilter = builder.inputType('VirtualMachineFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false, description: 'Provider IDs (global) or config ids such as "hq".' }),
    nameContains: t.string({ required: false, description: 'Case-insensitive substring of the name.' }),
    configured: t.boolean({ required: false }),
  }),
});

builder.queryField('virtualMachines', (t) =>
  t.connection(
    {
      type: VirtualMachineRef,
      description:
        "Every provider's virtual machines, sorted by provider then name. A provider whose list fails is left out with an error naming it; a VM whose own reads fail (BILLmanager: its backups or schedules) is kept as listed, without what those reads would have told, and the error names its provider.",
      args: { filter: t.arg({ type: VirtualMachineFilter, required: false }) },
      resolve: async (_root, args, ctx, info) => {
        const providers = providersFromFilter(ctx, args.filter?.providerIds);
        startNestedReads(info, ctx.reads, providers);
        const needle = args.filter?.nameContains?.toLowerCase();
        const configured = args.filter?.configured ?? undefined;
        // Filtered, sorted and paged as listed; each node then resolves when its VM is complete.
        const staged = await ctx.reads.across(providers, (p) => ctx.reads.virtualMachinesInStages(p));
        // BILLmanager's per-instance reads were dispatched as its list came in: let them reach
        // the wire before this page's nodes are resolved (all of this runs in one turn otherwise).
        await afterPendingWrites();
        const vms = staged
          .filter(({ listed }) => (needle ? listed.name.toLowerCase().includes(needle) : true))
          .filter(({ listed }) => configured === undefined || listed.configured === configured)
          .sort((a, b) => a.listed.providerId.localeCompare(b.listed.providerId) || a.listed.name.localeCompare(b.listed.name));
        const page = pageOf(args, vms);
        return { ...page, edges: page.edges.map((edge) => edge && { ...edge, node: completed(ctx, edge.node) }) };
      },
    },
    { name: 'VirtualMachineConnection' },
    { name: 'VirtualMachineEdge' },
  ),
);

/**
 * A staged VM's node: resolved by GraphQL when the VM is complete, so the VMs that already are
 * (and their fields) are resolved while the others' reads are still upstream. A VM whose reads
 * fail shows as listed (no last backup, no next run) with a partial error naming its provider.
 */
function completed(ctx: GatewayContext, { listed, complete }: StagedVirtualMachine): VirtualMachine {
  if (!complete) return listed;
  const provider = ctx.reads.provider(listed.providerId);
  // GraphQL awaits a promise wherever a value goes; the connection's type only names the value.
  return ctx.reads.guard(provider, () => complete, listed) as unknown as VirtualMachine;
}
