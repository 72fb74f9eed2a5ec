/** operationUpdated and operationsUpdated, over graphql-ws and SSE alike. */
import { builder } from './builder.js';
import { providersFromFilter } from './filters.js';
import { parseId } from './ids.js';
import { providerOf } from './inputs.js';
import { isActive, OperationFilter } from './operation.js';
import { OperationRef } from './refs.js';
import { requireScope } from './scopes.js';
import type { Operation } from '../domain/model.js';
import { RequestReads, type GatewayContext } from './context.js';

/**
 * Every subscriber of an update receives the same Operation object, so the reads behind its
 * nested fields (the target's name, say) are made once per update, not once per subscriber:
 * a thousand subscribers cost one upstream read and one mapping, not a thousand. The reads are
 * let go after a moment: an update the tracker keeps as "last state" must neither hold a
 * provider's lists in memory nor serve them stale to a subscriber who joins much later.
 */
const readsOfUpdate = new WeakMap<Operation, RequestReads>();
const SHARED_READS_MS = 1_000;

function readsFor(operation: Operation, ctx: GatewayContext): RequestReads {
  let reads = readsOfUpdate.get(operation);
  if (!reads) {
    reads = new RequestReads(ctx.registry);
    readsOfUpdate.set(operation, reads);
    setTimeout(() => readsOfUpdate.delete(operation), SHARED_READS_MS).unref();
  }
  return reads;
}

builder.subscriptionFields((t) => ({
  operationUpdated: t.field({
    type: OperationRef,
    description: "The operation's current state first, then every change; completes after a terminal status.",
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => {
      requireScope(ctx, 'read');
      const decoded = parseId(String(args.id), 'id', ['Operation'] as const);
      const provider = providerOf(ctx, decoded, 'id');
      return ctx.tracker.watch(provider.id, decoded.nativeId);
    },
    resolve: (operation: Operation, _args, ctx) => {
      ctx.reads = readsFor(operation, ctx); // fresh state for each update, shared by its subscribers
      return operation;
    },
  }),
  operationsUpdated: t.field({
    type: OperationRef,
    description: 'Every change of every operation the filter matches, for dashboards.',
    args: { filter: t.arg({ type: OperationFilter, required: false }) },
    subscribe: (_root, args, ctx) => {
      requireScope(ctx, 'read');
      const providers = new Set(providersFromFilter(ctx, args.filter?.providerIds).map((p) => p.id));
      const activeOnly = args.filter?.activeOnly ?? false;
      return ctx.tracker.watchAll((op) => providers.has(op.providerId) && (!activeOnly || isActive(op)));
    },
    resolve: (operation: Operation, _args, ctx) => {
      ctx.reads = readsFor(operation, ctx);
      return operation;
    },
  }),
}));
