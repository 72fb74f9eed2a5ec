/** Operation: a backup, copy, restore or verification in flight or just finished, with one status model. */
import { isOver, isTerminal, type Operation } from '../domain/model.js';
import { builder } from './builder.js';
import { providersFromFilter } from './filters.js';
import { splitLocalId } from './ids.js';
import { OperationRef, ProtectedResourceRef, ProviderRef } from './refs.js';

export const OperationKindEnum = builder.enumType('OperationKind', {
  values: ['BACKUP', 'OFFSITE_COPY', 'RESTORE', 'SANDBOX_RESTORE', 'VERIFY', 'SEED_TO_DISK', 'SNAPSHOT', 'REMOTE_SNAPSHOT'] as const,
});
export const OperationStatusEnum = builder.enumType('OperationStatus', {
  values: ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'ABORTED', 'UNKNOWN'] as const,
});

builder.node(OperationRef, {
  id: { resolve: (op) => `${op.providerId}:${op.nativeId}` },
  loadOne: async (id, ctx) => {
    const { providerId, nativeId } = splitLocalId(id);
    const provider = ctx.registry.get(providerId);
    if (!provider) return null;
    const [live, recorded] = await Promise.all([
      provider.getOperation(nativeId, ctx.reads.writeScope),
      ctx.journal?.store.getOperation(providerId, nativeId).catch(() => undefined),
    ]);
    // The journal keeps what the provider forgot, and an outcome a restarted instance can no
    // longer tell (an Altaro operation still listed for a moment after it ended, say).
    if (recorded && (!live || (isOver(recorded) && !isTerminal(live.status)))) return recorded;
    return live ?? null;
  },
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'status' in value && 'updatedAt' in value,
  fields: (t) => ({
    nativeId: t.exposeString('nativeId'),
    provider: t.field({ type: ProviderRef, resolve: (op, _args, ctx) => ctx.reads.provider(op.providerId) }),
    kind: t.field({ type: OperationKindEnum, resolve: (op) => op.kind }),
    status: t.field({ type: OperationStatusEnum, resolve: (op) => op.status }),
    progress: t.int({ nullable: true, description: '0..100 where the provider reports it.', resolve: (op) => op.progress ?? null }),
    phase: t.string({ nullable: true, description: "The provider's current step text.", resolve: (op) => op.phase ?? null }),
    message: t.string({ nullable: true, resolve: (op) => op.message ?? null }),
    target: t.field({
      type: ProtectedResourceRef,
      nullable: true,
      resolve: async (op, _args, ctx) => (op.target ? ((await ctx.reads.resource(op.target)) ?? null) : null),
    }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (op) => op.startedAt ?? null }),
    updatedAt: t.field({ type: 'DateTime', resolve: (op) => op.updatedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (op) => op.finishedAt ?? null }),
    final: t.boolean({
      description:
        'This is the last state: a terminal status, or UNKNOWN when no upstream answer can confirm the outcome any more (`message` says why). `operationUpdated` completes after it.',
      resolve: (op) => isOver(op),
    }),
  }),
});

export const OperationFilter = builder.inputType('OperationFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false }),
    activeOnly: t.boolean({ required: false }),
  }),
});

export function isActive(op: Operation): boolean {
  return op.status === 'QUEUED' || op.status === 'RUNNING';
}

builder.queryField('operations', (t) =>
  t.field({
    type: [OperationRef],
    description: 'Operations the providers currently report (running, or finished moments ago).',
    args: { filter: t.arg({ type: OperationFilter, required: false }) },
    resolve: async (_root, args, ctx) => {
      const operations = await ctx.reads.across(providersFromFilter(ctx, args.filter?.providerIds), (p) => ctx.reads.operations(p));
      return operations.filter((op) => (args.filter?.activeOnly ? isActive(op) : true));
    },
  }),
);
