/**
 * Alerts in the API (src/alerts): Query.alerts (newest opened first, keyset pages),
 * Mutation.acknowledgeAlert (`operate`) and Subscription.alertsUpdated. Alert IDs are global
 * IDs of type Alert ("Alert:<uuid>"), as in the webhook payloads.
 */
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import { OPEN_ACCESS } from '../auth.js';
import { ALERT_KINDS } from '../alerts/config.js';
import type { Alert } from '../alerts/model.js';
import type { AlertCursor } from '../alerts/store.js';
import type { AlertsEngine } from '../alerts/engine.js';
import { operationKeyOf, type JournalOperation, type OperationKey } from '../journal/store.js';
import { builder } from './builder.js';
import { parseAlertId } from './ids.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSize } from './connections.js';
import type { GatewayContext } from './context.js';
import { providersFromFilter } from './filters.js';
import { OperationRef, ProtectedResourceRef, ProviderRef } from './refs.js';
import { lookUp, type BatchLookup } from './request-loader.js';
import { requireScope } from './scopes.js';

export const AlertKindEnum = builder.enumType('AlertKind', {
  values: {
    BACKUP_FAILED: { description: 'An operation of kind BACKUP / OFFSITE_COPY / *SNAPSHOT ended FAILED; resolves when the next backup of the resource succeeds.' },
    RUN_MISSED: { description: 'A scheduled run did not happen within the grace (journal.missedGraceMinutes); resolves with the next successful backup.' },
    BACKUP_STALE: { description: "A scheduled resource's last success is older than alerts.rpoHours." },
    OPERATION_STUCK: { description: 'An operation has run longer than alerts.stuckAfterMinutes.' },
    PROVIDER_DOWN: { description: 'A provider has been unreachable or rejecting credentials for longer than alerts.providerDownAfterSeconds; resolves when it is back.' },
  },
});
export const AlertSeverityEnum = builder.enumType('AlertSeverity', { values: ['INFO', 'WARNING', 'CRITICAL'] as const });
export const AlertStateEnum = builder.enumType('AlertState', { values: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const });

/** An alert's operation, as the journal holds it now: one journal read for a page of alerts; null when it is gone or cannot be read. */
const journalOperations: BatchLookup<OperationKey, JournalOperation | null> = {
  load: async (ctx, keys) => {
    const rows = await ctx.journal!.store.getOperations([...keys]).catch((): JournalOperation[] => []);
    const byKey = new Map(rows.map((row) => [operationKeyOf(row), row]));
    return keys.map((key) => byKey.get(operationKeyOf(key)) ?? null);
  },
  cacheKey: operationKeyOf,
};

const AlertRef = builder.objectRef<Alert>('Alert');

builder.node(AlertRef, {
  id: { resolve: (alert) => alert.id },
  loadOne: (id, ctx) => ctx.alerts?.store.get(id) ?? null,
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'kind' in value && 'openedAt' in value && 'severity' in value,
  fields: (t) => ({
    kind: t.field({ type: AlertKindEnum, resolve: (a) => a.kind }),
    severity: t.field({ type: AlertSeverityEnum, resolve: (a) => a.severity }),
    state: t.field({ type: AlertStateEnum, resolve: (a) => a.state }),
    message: t.exposeString('message'),
    provider: t.field({ type: ProviderRef, nullable: true, resolve: (a, _args, ctx) => ctx.registry.get(a.providerId) ?? null }),
    resource: t.field({
      type: ProtectedResourceRef,
      nullable: true,
      description: 'The resource as the provider lists it now; null when it is gone or the alert is about a provider.',
      resolve: async (a, _args, ctx) => {
        const provider = ctx.registry.get(a.providerId);
        if (!a.resource || !provider) return null;
        return (await ctx.reads.guard(provider, () => ctx.reads.resource({ providerId: a.providerId, type: a.resource!.type, nativeId: a.resource!.nativeId }), undefined)) ?? null;
      },
    }),
    resourceName: t.string({ nullable: true, description: 'The resource name when the alert opened (also when it is gone since).', resolve: (a) => a.resource?.name ?? null }),
    operation: t.field({
      type: OperationRef,
      nullable: true,
      description: 'The operation the alert is about, as the journal holds it now (a page of alerts is one journal read).',
      resolve: (a, _args, ctx) => (a.operation && ctx.journal ? lookUp(ctx, journalOperations, { providerId: a.providerId, nativeId: a.operation.nativeId }) : null),
    }),
    openedAt: t.field({ type: 'DateTime', resolve: (a) => a.openedAt }),
    acknowledgedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.acknowledgedAt ?? null }),
    acknowledgedBy: t.string({ nullable: true, description: "The API key's name, or null with keys off.", resolve: (a) => a.acknowledgedBy ?? null }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.resolvedAt ?? null }),
  }),
});

const AlertFilter = builder.inputType('AlertFilter', {
  fields: (t) => ({
    states: t.field({ type: [AlertStateEnum], required: false }),
    kinds: t.field({ type: [AlertKindEnum], required: false }),
    providerIds: t.idList({ required: false }),
  }),
});

const AlertConnectionRef = builder.connectionObject({ type: AlertRef, name: 'AlertConnection' }, { name: 'AlertEdge' });

function requireEngine(ctx: GatewayContext): AlertsEngine {
  const engine = ctx.alerts;
  if (!engine) throw new ValidationError('alerts need the journal: this gateway runs without one (config key "journal")');
  return engine;
}

function encodeCursor(alert: Alert): string {
  return Buffer.from(JSON.stringify([alert.openedAt.getTime(), alert.id]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): AlertCursor {
  try {
    const [openedAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof openedAt === 'number' && typeof id === 'string') return { openedAt, id };
  } catch {
    // fall through
  }
  throw new ValidationError("after: not a cursor of alerts (pass an edge's cursor back unchanged)", 'after');
}


function filterOf(ctx: GatewayContext, input: { states?: readonly Alert['state'][] | null; kinds?: readonly (typeof ALERT_KINDS)[number][] | null; providerIds?: readonly (string | number)[] | null } | null | undefined) {
  return {
    ...(input?.states ? { states: [...input.states] } : {}),
    ...(input?.kinds ? { kinds: [...input.kinds] } : {}),
    ...(input?.providerIds ? { providerIds: providersFromFilter(ctx, input.providerIds).map((p) => p.id) } : {}),
  };
}

builder.queryField('alerts', (t) =>
  t.field({
    type: AlertConnectionRef,
    description: 'Alerts the rules opened, newest first (also resolved ones, until the journal prunes them).',
    args: {
      first: t.arg.int({ required: false, description: `Page size, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}.` }),
      after: t.arg.string({ required: false }),
      filter: t.arg({ type: AlertFilter, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const first = pageSize(args.first);
      const engine = requireEngine(ctx);
      const after = args.after ? decodeCursor(args.after) : undefined;
      const page = await engine.store.list(filterOf(ctx, args.filter), first, after);
      const edges = page.items.map((node) => ({ cursor: encodeCursor(node), node }));
      return {
        edges,
        totalCount: page.totalCount,
        pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: after !== undefined, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  }),
);

class AcknowledgeAlertSuccess {
  constructor(readonly alert: Alert) {}
}

builder.objectType(AcknowledgeAlertSuccess, {
  name: 'AcknowledgeAlertSuccess',
  isTypeOf: (value) => value instanceof AcknowledgeAlertSuccess,
  fields: (t) => ({ alert: t.field({ type: AlertRef, resolve: (s) => s.alert }) }),
});

const AcknowledgeAlertResult = builder.errorUnion('AcknowledgeAlertResult', { types: [AcknowledgeAlertSuccess, NotFoundError, ValidationError, ConflictError] });
const AcknowledgeAlertInput = builder.inputType('AcknowledgeAlertInput', { fields: (t) => ({ alertId: t.id({ required: true }) }) });

builder.mutationField('acknowledgeAlert', (t) =>
  t.field({
    type: AcknowledgeAlertResult,
    description: 'OPEN -> ACKNOWLEDGED (sends alert.acknowledged); acknowledging again answers the alert as it is; a RESOLVED one is a ConflictError.',
    args: { input: t.arg({ type: AcknowledgeAlertInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'operate');
      const id = parseAlertId(String(input.alertId), 'alertId');
      const by = ctx.principal && ctx.principal !== OPEN_ACCESS ? ctx.principal.name : undefined;
      const result = await requireEngine(ctx).acknowledge(id, by);
      if ('notFound' in result) throw new NotFoundError(`no alert with id "${input.alertId}"`);
      if ('resolved' in result) throw new ConflictError(`the alert is already resolved (at ${result.resolved.resolvedAt?.toISOString()}); there is nothing to acknowledge`);
      return new AcknowledgeAlertSuccess(result.alert);
    },
  }),
);

builder.subscriptionField('alertsUpdated', (t) =>
  t.field({
    type: AlertRef,
    description: 'Every alert that opens, is acknowledged or resolves, for dashboards.',
    args: { filter: t.arg({ type: AlertFilter, required: false }) },
    subscribe: (_root, args, ctx) => {
      requireScope(ctx, 'read');
      const engine = requireEngine(ctx);
      const filter = filterOf(ctx, args.filter);
      return (async function* () {
        for await (const alert of engine.updates()) {
          if (filter.states && !filter.states.includes(alert.state)) continue;
          if (filter.kinds && !filter.kinds.includes(alert.kind)) continue;
          if (filter.providerIds && !filter.providerIds.includes(alert.providerId)) continue;
          yield alert;
        }
      })();
    },
    resolve: (alert: Alert) => alert,
  }),
);
