/** BackupLocation: where backups are kept (Altaro primary/offsite, CloudSigma local/remote). */
import type { BackupLocation } from '../domain/model.js';
import { builder } from './builder.js';
import { providersFromFilter } from './filters.js';
import { nodeLoader } from './load-nodes.js';
import { BackupLocationRef, ProviderRef, VirtualMachineRef } from './refs.js';

export const LocationKindEnum = builder.enumType('LocationKind', { values: ['PRIMARY', 'OFFSITE', 'LOCAL', 'REMOTE'] as const });

builder.node(BackupLocationRef, {
  id: { resolve: (l) => `${l.providerId}:${l.nativeId}` },
  loadMany: nodeLoader((reads, p) => reads.backupLocations(p)),
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'kind' in value && 'path' in value && !('resource' in value),
  fields: (t) => ({
    nativeId: t.exposeString('nativeId'),
    name: t.exposeString('name'),
    provider: t.field({ type: ProviderRef, resolve: (l, _args, ctx) => ctx.reads.provider(l.providerId) }),
    kind: t.field({ type: LocationKindEnum, resolve: (l) => l.kind }),
    path: t.string({ nullable: true, resolve: (l) => l.path ?? null }),
    virtualMachines: t.field({
      type: [VirtualMachineRef],
      description: 'VMs assigned to this location.',
      resolve: async (location, _args, ctx) => {
        const provider = ctx.reads.provider(location.providerId);
        return ctx.reads.guard(
          provider,
          async () => {
            const ids = (await ctx.reads.locationTargets(provider)).get(location.nativeId) ?? [];
            return (await ctx.reads.virtualMachines(provider)).filter((vm) => ids.includes(vm.nativeId));
          },
          [],
        );
      },
    }),
  }),
});

const BackupLocationFilter = builder.inputType('BackupLocationFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false }),
    kinds: t.field({ type: [LocationKindEnum], required: false }),
  }),
});

builder.queryField('backupLocations', (t) =>
  t.field({
    type: [BackupLocationRef],
    args: { filter: t.arg({ type: BackupLocationFilter, required: false }) },
    resolve: async (_root, args, ctx) => {
      const kinds = args.filter?.kinds;
      const all: BackupLocation[] = await ctx.reads.across(providersFromFilter(ctx, args.filter?.providerIds), (p) => ctx.reads.backupLocations(p));
      return all.filter((l) => (kinds ? kinds.includes(l.kind) : true));
    },
  }),
);
