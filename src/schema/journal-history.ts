/**
 * Query.backupHistory (one row per resource, one cell per local day) and Query.missedRuns, from
 * the journal, over the resources the providers list now: a resource that is gone upstream has
 * no row and no missed runs (its history stays in the journal, and in operationHistory).
 */
import { GraphQLError, Kind } from 'graphql';
import {
  detectMissedRuns,
  HISTORY_OPERATION_KINDS,
  refKey,
  validateDays,
  validateMissedWindow,
  validateTimezone,
  type HistoryDay,
  type HistoryResource,
  type MissedRun,
} from '../domain/history.js';
import type { Resource, ResourceRef } from '../domain/model.js';
import type { Provider } from '../domain/provider.js';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';
import { providersFromFilter } from './filters.js';
import { parseId } from './ids.js';
import { readJournal } from './journal-access.js';
import { ProtectedResourceRef, ScheduleRef } from './refs.js';

const DAY_MS = 86_400_000;

function parseDay(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  throw new GraphQLError(`Date must be a calendar day YYYY-MM-DD, e.g. 2026-11-22; got ${JSON.stringify(value)}`, { extensions: { code: 'VALIDATION' } });
}

builder.scalarType('Date', {
  description: 'A calendar day, YYYY-MM-DD (in the zone the field says).',
  serialize: (value) => String(value),
  parseValue: parseDay,
  parseLiteral: (ast) => parseDay(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const HistoryDayStatusEnum = builder.enumType('HistoryDayStatus', {
  values: {
    SUCCEEDED: { description: 'At least one backup of the resource succeeded that day.' },
    FAILED: { description: 'Backups were attempted that day and none succeeded.' },
    MISSED: { description: 'A run was due that day (from its schedule) and none happened within the grace.' },
    RUNNING: { description: 'Today only: a backup is running and none has succeeded yet.' },
    NONE: { description: 'Nothing was due and nothing ran.' },
  },
});

const HistoryDayRef = builder.objectRef<HistoryDay>('HistoryDay').implement({
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (d) => d.date }),
    status: t.field({ type: HistoryDayStatusEnum, resolve: (d) => d.status }),
    succeeded: t.exposeInt('succeeded', { description: 'Successful backups started that day (restore points no operation accounts for included).' }),
    failed: t.exposeInt('failed', { description: 'Backups started that day that FAILED or were ABORTED.' }),
    missed: t.exposeInt('missed', { description: 'Runs due that day that did not happen within the grace.' }),
  }),
});

type Row = { resource: Resource; days: HistoryDay[]; lastSuccessAt?: Date };
const ResourceHistoryRef = builder.objectRef<Row>('ResourceHistory').implement({
  fields: (t) => ({
    resource: t.field({ type: ProtectedResourceRef, resolve: (r) => r.resource }),
    days: t.field({ type: [HistoryDayRef], description: 'Oldest first, one per day of the window.', resolve: (r) => r.days }),
    lastSuccessAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: "The newest success known: in the journal (the window or the day before it) or from the provider's listing (older ones).",
      resolve: (r) => r.lastSuccessAt ?? null,
    }),
  }),
});

type History = { from: string; to: string; timezone: string; resources: Row[] };
const BackupHistoryRef = builder.objectRef<History>('BackupHistory').implement({
  fields: (t) => ({
    from: t.field({ type: 'Date', resolve: (h) => h.from }),
    to: t.field({ type: 'Date', resolve: (h) => h.to }),
    timezone: t.exposeString('timezone', { description: 'The IANA zone the days are cut in.' }),
    resources: t.field({ type: [ResourceHistoryRef], resolve: (h) => h.resources }),
  }),
});

type LiveMissedRun = MissedRun & { live: Resource };
const MissedRunRef = builder.objectRef<LiveMissedRun>('MissedRun').implement({
  fields: (t) => ({
    resource: t.field({ type: ProtectedResourceRef, resolve: (run) => run.live }),
    schedule: t.field({
      type: ScheduleRef,
      nullable: true,
      description: "The live schedule the run was due from; null where the provider names none (Altaro's NextBackupTime) or it is gone.",
      resolve: async (run, _args, ctx) => {
        if (run.scheduleId === undefined) return null;
        const provider = ctx.registry.get(run.providerId);
        if (!provider) return null;
        const schedules = await ctx.reads.guard(provider, () => ctx.reads.schedules(provider), []);
        return schedules.find((s) => s.nativeId === run.scheduleId) ?? null;
      },
    }),
    dueAt: t.field({ type: 'DateTime', resolve: (run) => run.dueAt }),
    detectedAt: t.field({ type: 'DateTime', description: 'dueAt + the grace: when the run was certainly missed.', resolve: (run) => run.detectedAt }),
  }),
});

const HistoryFilter = builder.inputType('HistoryFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false }),
    resourceIds: t.idList({ required: false, description: "VirtualMachine or Disk IDs; a VM's rows and runs include its disks'." }),
  }),
});

type HistoryFilterInput = { providerIds?: readonly (string | number)[] | null; resourceIds?: readonly (string | number)[] | null } | null | undefined;

/** Every VM and disk the providers list now, as matrix rows (a VM's disks are its parts). */
async function liveRows(ctx: GatewayContext, providers: Provider[], filter: HistoryFilterInput): Promise<Array<HistoryResource & { live: Resource }>> {
  const wanted = filter?.resourceIds?.map((id) => {
    const decoded = parseId(String(id), 'filter.resourceIds', ['VirtualMachine', 'Disk']);
    return refKey({ providerId: decoded.providerId, type: decoded.type, nativeId: decoded.nativeId });
  });
  const keep = wanted ? new Set(wanted) : undefined;
  const resources = await ctx.reads.across(providers, async (p): Promise<Resource[]> => {
    const [vms, disks] = await Promise.all([ctx.reads.virtualMachines(p), ctx.reads.disks(p)]);
    return [...vms, ...disks];
  });
  return resources
    .filter((r) => !keep || keep.has(refKey(r)))
    .map((r) => ({
      providerId: r.providerId,
      type: r.type,
      nativeId: r.nativeId,
      name: r.name,
      lastSuccessAt: r.lastSuccessAt,
      parts: r.type === 'VirtualMachine' ? r.diskIds.map((id): ResourceRef => ({ providerId: r.providerId, type: 'Disk', nativeId: id })) : undefined,
      live: r,
    }));
}

builder.queryField('backupHistory', (t) =>
  t.field({
    type: BackupHistoryRef,
    description: 'One row per VM and disk the providers list now, one cell per day; the newest day is today in `timezone`. days: 1..90.',
    args: {
      days: t.arg.int({ defaultValue: 30 }),
      timezone: t.arg.string({ defaultValue: 'UTC' }),
      filter: t.arg({ type: HistoryFilter, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const days = validateDays(args.days ?? 30);
      const timezone = validateTimezone(args.timezone ?? 'UTC');
      const providers = providersFromFilter(ctx, args.filter?.providerIds);
      const now = new Date();
      return readJournal(ctx, async (_store, journal) => {
        const rows = await liveRows(ctx, providers, args.filter);
        const result = await journal.history.backupHistory({ resources: rows, providerIds: providers.map((p) => p.id), now, days, timezone });
        return {
          from: result.from,
          to: result.to,
          timezone,
          resources: result.resources.map((r) => ({ resource: r.resource.live, days: r.days, lastSuccessAt: r.lastSuccessAt })),
        };
      });
    },
  }),
);

builder.queryField('missedRuns', (t) =>
  t.field({
    type: [MissedRunRef],
    description: 'Runs due in [from, to) with no backup of the resource started within the grace (config journal.missedGraceMinutes), oldest first. At most 92 days.',
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      filter: t.arg({ type: HistoryFilter, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      validateMissedWindow(args.from, args.to);
      if (args.filter?.resourceIds) for (const id of args.filter.resourceIds) parseId(String(id), 'filter.resourceIds', ['VirtualMachine', 'Disk']);
      const providers = providersFromFilter(ctx, args.filter?.providerIds);
      const now = new Date();
      return readJournal(ctx, async (store, journal) => {
        const grace = journal.missedGraceMinutes;
        const margin = Math.max(DAY_MS, grace * 60_000);
        const providerIds = providers.map((p) => p.id);
        const [rows, { operations, restorePoints, dueRuns }] = await Promise.all([
          liveRows(ctx, providers, args.filter),
          store.historyFacts({
            from: new Date(args.from.getTime() - margin),
            to: new Date(args.to.getTime() + margin),
            dueFrom: args.from,
            dueTo: args.to,
            providerIds,
            kinds: [...HISTORY_OPERATION_KINDS],
          }),
        ]);
        // A run counts where its resource is a listed row, or a part (disk) of one.
        const live = new Map<string, Resource>();
        for (const row of rows) {
          live.set(refKey(row), row.live);
          for (const part of row.parts ?? []) if (!live.has(refKey(part))) live.set(refKey(part), row.live);
        }
        const resourceOf = (run: MissedRun) => live.get(refKey(run.resource));
        return detectMissedRuns(dueRuns, operations, restorePoints, now, grace)
          .filter((run) => resourceOf(run))
          .map((run): LiveMissedRun => ({ ...run, live: resourceOf(run)! }));
      });
    },
  }),
);
