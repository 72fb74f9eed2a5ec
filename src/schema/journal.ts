/**
 * The journal in the API: Operation.source, startedBy and durationSeconds, and
 * Query.operationHistory (every operation the journal holds, newest first, keyset pages).
 * The day matrix and missed runs are in journal-history.ts.
 */
import { ValidationError } from '../domain/errors.js';
import type { Operation, ResourceRef } from '../domain/model.js';
import { operationKeyOf, type OperationCursor, type OperationFilter as StoreOperationFilter, type OperationKey, type OperationSource } from '../journal/store.js';
import { builder } from './builder.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize } from './connections.js';
import type { GatewayContext } from './context.js';
import { providersFromFilter } from './filters.js';
import { parseId } from './ids.js';
import { journalOf, readJournal } from './journal-access.js';
import { OperationKindEnum, OperationStatusEnum } from './operation.js';
import { OperationRef } from './refs.js';
import { lookUp, type BatchLookup } from './request-loader.js';
import './journal-history.js';

export const OperationSourceEnum = builder.enumType('OperationSource', {
  values: {
    GATEWAY: { description: 'Started through this API.' },
    PROVIDER: { description: "Seen upstream: the provider's own schedule, its console, another tool." },
  },
});

type Origin = { source: OperationSource; startedBy?: string };

/** A live operation (from a provider) learns its source from the journal: a list of them costs one journal read (store.getOperations). */
const origins: BatchLookup<OperationKey, Origin> = {
  load: (ctx, keys) => journalOf(ctx)!.sourcesOf(keys),
  cacheKey: operationKeyOf,
};

function originOf(op: Operation & Partial<Origin>, ctx: GatewayContext): Promise<Origin> {
  // A journal row carries its own.
  if (op.source) return Promise.resolve({ source: op.source, startedBy: op.startedBy });
  if (!journalOf(ctx)) return Promise.resolve({ source: 'PROVIDER' });
  return lookUp(ctx, origins, { providerId: op.providerId, nativeId: op.nativeId });
}

builder.objectFields(OperationRef, (t) => ({
  source: t.field({
    type: OperationSourceEnum,
    description: 'GATEWAY when started through this API, PROVIDER when seen upstream (also when no journal is configured to tell).',
    resolve: async (op, _args, ctx) => (await originOf(op, ctx)).source,
  }),
  startedBy: t.string({
    nullable: true,
    description: "The API key's name when started through the gateway with keys on.",
    resolve: async (op, _args, ctx) => (await originOf(op, ctx)).startedBy ?? null,
  }),
  durationSeconds: t.int({
    nullable: true,
    description: 'finishedAt - startedAt in whole seconds, once both are known.',
    resolve: (op) => (op.startedAt && op.finishedAt ? Math.max(0, Math.round((op.finishedAt.getTime() - op.startedAt.getTime()) / 1000)) : null),
  }),
}));

const OperationConnectionRef = builder.connectionObject({ type: OperationRef, name: 'OperationConnection' }, { name: 'OperationEdge' });

const OperationHistoryFilter = builder.inputType('OperationHistoryFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false }),
    targetIds: t.idList({ required: false, description: "VirtualMachine or Disk IDs; a VM's own disks are included (CloudSigma snapshots target drives)." }),
    kinds: t.field({ type: [OperationKindEnum], required: false }),
    statuses: t.field({ type: [OperationStatusEnum], required: false }),
    from: t.field({ type: 'DateTime', required: false, description: 'startedAt >= from' }),
    to: t.field({ type: 'DateTime', required: false, description: 'startedAt < to' }),
  }),
});

/** Cursors are the store's keyset position, opaque to clients. */
export function encodeCursor(cursor: OperationCursor): string {
  return Buffer.from(JSON.stringify([cursor.sortAt.getTime(), cursor.providerId, cursor.nativeId]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): OperationCursor {
  try {
    const [sortAt, providerId, nativeId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof sortAt === 'number' && Number.isFinite(sortAt) && typeof providerId === 'string' && typeof nativeId === 'string') {
      return { sortAt: new Date(sortAt), providerId, nativeId };
    }
  } catch {
    // fall through
  }
  throw new ValidationError('after: not a cursor of operationHistory (pass an edge\'s cursor back unchanged)', 'after');
}

/** Target IDs as refs; a VM's disks join it, as its snapshots target them. */
async function targetRefs(ctx: GatewayContext, ids: readonly (string | number)[]): Promise<ResourceRef[]> {
  const refs: ResourceRef[] = [];
  for (const raw of ids) {
    const decoded = parseId(String(raw), 'filter.targetIds', ['VirtualMachine', 'Disk']);
    const ref: ResourceRef = { providerId: decoded.providerId, type: decoded.type, nativeId: decoded.nativeId };
    refs.push(ref);
    if (ref.type !== 'VirtualMachine' || !ctx.registry.get(ref.providerId)) continue;
    const live = await ctx.reads.guard(ctx.reads.provider(ref.providerId), () => ctx.reads.resource(ref), undefined);
    if (live?.type === 'VirtualMachine') for (const disk of live.diskIds) refs.push({ providerId: ref.providerId, type: 'Disk', nativeId: disk });
  }
  return refs;
}

builder.queryField('operationHistory', (t) =>
  t.field({
    type: OperationConnectionRef,
    description: 'Every operation the journal holds, newest first: those started here and those seen upstream, also after they left the provider and after a restart.',
    args: {
      first: t.arg.int({ required: false, description: `Page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.` }),
      after: t.arg.string({ required: false }),
      filter: t.arg({ type: OperationHistoryFilter, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const first = pageSize(args.first);
      const after = args.after ? decodeCursor(args.after) : undefined;
      const input = args.filter;
      if (input?.from && input.to && input.from.getTime() > input.to.getTime()) {
        throw new ValidationError('filter.from must not be after filter.to', 'filter.from');
      }
      const filter: StoreOperationFilter = {
        ...(input?.providerIds ? { providerIds: providersFromFilter(ctx, input.providerIds).map((p) => p.id) } : {}),
        ...(input?.targetIds ? { targets: await targetRefs(ctx, input.targetIds) } : {}),
        ...(input?.kinds ? { kinds: [...input.kinds] } : {}),
        ...(input?.statuses ? { statuses: [...input.statuses] } : {}),
        ...(input?.from ? { from: input.from } : {}),
        ...(input?.to ? { to: input.to } : {}),
      };
      const page = await readJournal(ctx, (store) => store.listOperations(filter, first, after));
      const edges = page.items.map((node) => ({
        cursor: encodeCursor({ sortAt: node.startedAt ?? node.updatedAt, providerId: node.providerId, nativeId: node.nativeId }),
        node,
      }));
      return {
        edges,
        totalCount: page.totalCount,
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: after !== undefined,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      };
    },
  }),
);
