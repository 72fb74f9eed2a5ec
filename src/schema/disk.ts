/** Disk: a CloudSigma drive; protectable on its own, attached to a server or not. */
import type { Disk } from '../domain/model.js';
import { builder } from './builder.js';
import { nodeLoader } from './load-nodes.js';
import { DiskRef, ProtectedResourceRef, VirtualMachineRef } from './refs.js';

builder.node(DiskRef, {
  description: 'A disk (CloudSigma drive). A drive attached to no server is still listed and protectable.',
  interfaces: [ProtectedResourceRef],
  id: { resolve: (disk) => `${disk.providerId}:${disk.nativeId}` },
  loadMany: nodeLoader((reads, p) => reads.disks(p)),
  isTypeOf: (value) => (value as Disk).type === 'Disk',
  fields: (t) => ({
    sizeBytes: t.float({ nullable: true, resolve: (d) => d.sizeBytes ?? null }),
    storageType: t.string({ nullable: true, resolve: (d) => d.storageType ?? null }),
    virtualMachine: t.field({
      type: VirtualMachineRef,
      nullable: true,
      resolve: async (disk, _args, ctx) => {
        if (!disk.virtualMachineId) return null;
        const provider = ctx.reads.provider(disk.providerId);
        return (await ctx.reads.virtualMachine(provider, disk.virtualMachineId)) ?? null;
      },
    }),
  }),
});
