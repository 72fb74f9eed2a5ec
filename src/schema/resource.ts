/**
 * ProtectedResource: what a schedule protects (VMs everywhere, CloudSigma drives as Disks).
 * The fields every resource shares are resolved once here and inherited by both types.
 */
import type { Resource } from '../domain/model.js';
import { builder } from './builder.js';
import { pageOf } from './connections.js';
import { BackupConnectionRef, BackupRef, ProtectedResourceRef, ProviderRef, ScheduleRef } from './refs.js';

export const BackupOutcomeEnum = builder.enumType('BackupOutcome', { values: ['SUCCESS', 'WARNING', 'FAILED', 'ABORTED', 'UNKNOWN'] as const });

export const BackupResultRef = builder.simpleObject('BackupResult', {
  description: 'The outcome of one backup run as the provider reports it.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', nullable: true }),
    outcome: t.field({ type: BackupOutcomeEnum }),
    durationSeconds: t.int({ nullable: true }),
    transferredBytes: t.float({ nullable: true }),
    message: t.string({ nullable: true }),
  }),
});

export function toBackupResult(result: Resource['lastBackup']) {
  if (!result) return null;
  return {
    at: result.at ?? null,
    outcome: result.outcome,
    durationSeconds: result.durationSeconds ?? null,
    transferredBytes: result.transferredBytes ?? null,
    message: result.message ?? null,
  };
}

ProtectedResourceRef.implement({
  description: 'A VM or disk that schedules protect and backups are taken of.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (resource) => resource.type,
  fields: (t) => ({
    nativeId: t.exposeString('nativeId', { description: "The provider's own id." }),
    name: t.exposeString('name'),
    provider: t.field({ type: ProviderRef, resolve: (r, _args, ctx) => ctx.reads.provider(r.providerId) }),
    schedules: t.field({
      type: [ScheduleRef],
      description: 'Schedules that apply to this resource.',
      // Straight from the request's memoized lists (no batching needed: nothing goes upstream per resource).
      resolve: (resource, _args, ctx) => {
        const provider = ctx.reads.provider(resource.providerId);
        return ctx.reads.guard(provider, () => ctx.reads.schedulesOf(provider, resource), []);
      },
    }),
    lastBackup: t.field({ type: BackupResultRef, nullable: true, resolve: (r) => toBackupResult(r.lastBackup) }),
    nextBackupAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.nextBackupAt ?? null }),
    backups: t.connection(
      {
        type: BackupRef,
        description: 'Backups of this resource, newest first.',
        resolve: async (resource, args, ctx) => {
          const provider = ctx.reads.provider(resource.providerId);
          const backups = await ctx.reads.guard(provider, () => ctx.reads.backups(provider, { type: resource.type, providerId: resource.providerId, nativeId: resource.nativeId }), []);
          return pageOf(args, backups);
        },
      },
      BackupConnectionRef,
    ),
  }),
});
