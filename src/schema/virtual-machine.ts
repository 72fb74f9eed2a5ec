/** VirtualMachine: an Altaro VM, a CloudSigma server or a BILLmanager instance. */
import type { VirtualMachine } from '../domain/model.js';
import { builder } from './builder.js';
import { pageOf } from './connections.js';
import { nodeLoader } from './load-nodes.js';
import { BackupLocationRef, DiskRef, OperationRef, ProtectedResourceRef, VirtualMachineRef } from './refs.js';
import { BackupResultRef, toBackupResult } from './resource.js';
import { providersFromFilter } from './filters.js';
import { startNestedReads } from './look-ahead.js';

builder.node(VirtualMachineRef, {
  description: 'A virtual machine (Altaro VM, CloudSigma server, BILLmanager instance).',
  interfaces: [ProtectedResourceRef],
  id: { resolve: (vm) => `${vm.providerId}:${vm.nativeId}` },
  loadMany: nodeLoader((reads, p) => reads.virtualMachines(p)),
  isTypeOf: (value) => (value as VirtualMachine).type === 'VirtualMachine',
  fields: (t) => ({
    host: t.string({ nullable: true, resolve: (vm) => vm.host ?? null }),
    configured: t.exposeBoolean('configured', { description: 'Altaro: in the backup configuration; elsewhere true.' }),
    status: t.string({ nullable: true, description: "The provider's own status text.", resolve: (vm) => vm.status ?? null }),
    disks: t.field({
      type: [DiskRef],
      description: 'CloudSigma drives attached to this server; empty for other providers.',
      resolve: async (vm, _args, ctx) => {
        if (vm.diskIds.length === 0) return [];
        const provider = ctx.reads.provider(vm.providerId);
        const disks = await ctx.reads.guard(provider, () => ctx.reads.disks(provider), []);
        return disks.filter((d) => vm.diskIds.includes(d.nativeId));
      },
    }),
    backupLocations: t.field({
      type: [BackupLocationRef],
      resolve: async (vm, _args, ctx) => {
        const provider = ctx.reads.provider(vm.providerId);
        return ctx.reads.guard(
          provider,
          async () => {
            const ids = (await ctx.reads.resourceLocations(provider)).get(vm.nativeId) ?? [];
            return (await ctx.reads.backupLocations(provider)).filter((l) => ids.includes(l.nativeId));
          },
          [],
        );
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
      description: "Every provider's virtual machines, sorted by provider then name. A provider that fails is left out with an error naming it.",
      args: { filter: t.arg({ type: VirtualMachineFilter, required: false }) },
      resolve: async (_root, args, ctx, info) => {
        const providers = providersFromFilter(ctx, args.filter?.providerIds);
        startNestedReads(info, ctx.reads, providers);
        const needle = args.filter?.nameContains?.toLowerCase();
        const vms = (await ctx.reads.across(providers, (p) => ctx.reads.virtualMachines(p)))
          .filter((vm) => (needle ? vm.name.toLowerCase().includes(needle) : true))
          .filter((vm) => (args.filter?.configured === undefined || args.filter?.configured === null ? true : vm.configured === args.filter.configured))
          .sort((a, b) => a.providerId.localeCompare(b.providerId) || a.name.localeCompare(b.name));
        return pageOf(args, vms);
      },
    },
    { name: 'VirtualMachineConnection' },
    { name: 'VirtualMachineEdge' },
  ),
);
