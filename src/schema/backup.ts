/** Backup: a restore point (Altaro version, CloudSigma snapshot or remote snapshot, BILLmanager image). */
import type { Backup } from '../domain/model.js';
import { builder } from './builder.js';
import { splitLocalId } from './ids.js';
import { BackupRef, ProtectedResourceRef, ProviderRef } from './refs.js';
import { NotFoundError } from '../domain/errors.js';

export const BackupKindEnum = builder.enumType('BackupKind', { values: ['VERSION', 'LOCAL_SNAPSHOT', 'REMOTE_SNAPSHOT', 'IMAGE'] as const });

builder.node(BackupRef, {
  id: { resolve: (b) => `${b.providerId}:${b.nativeId}` },
  loadOne: async (id, ctx) => {
    const { providerId, nativeId } = splitLocalId(id);
    const provider = ctx.registry.get(providerId);
    return provider ? ((await provider.getBackup(nativeId, ctx.reads.writeScope)) ?? null) : null;
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'resource' in value && 'kind' in value,
  fields: (t) => ({
    nativeId: t.exposeString('nativeId'),
    provider: t.field({ type: ProviderRef, resolve: (b, _args, ctx) => ctx.reads.provider(b.providerId) }),
    resource: t.field({
      type: ProtectedResourceRef,
      resolve: async (backup: Backup, _args, ctx) => {
        const resource = await ctx.reads.resource(backup.resource);
        if (!resource) throw new NotFoundError(`the resource of backup ${backup.nativeId} no longer exists`, backup.providerId);
        return resource;
      },
    }),
    kind: t.field({ type: BackupKindEnum, resolve: (b) => b.kind }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (b) => b.createdAt ?? null }),
    sizeBytes: t.float({ nullable: true, resolve: (b) => b.sizeBytes ?? null }),
    status: t.string({ nullable: true, resolve: (b) => b.status ?? null }),
    location: t.string({ nullable: true, resolve: (b) => b.location ?? null }),
    protected: t.boolean({ nullable: true, resolve: (b) => b.protected ?? null }),
  }),
});
