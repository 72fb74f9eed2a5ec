/** Schedule, its Recurrence and RetentionPolicy, and the `schedules` query. */
import type { Resource, RetentionRule, Schedule } from '../domain/model.js';
import { semanticsOf, type RetentionSemantics } from '../domain/retention.js';
import { builder } from './builder.js';
import { pageOf } from './connections.js';
import { startNestedReads } from './look-ahead.js';
import { providersFromFilter } from './filters.js';
import { nodeLoader } from './load-nodes.js';
import { ProtectedResourceRef, ProviderRef, ScheduleRef } from './refs.js';
import { nextRunsOf } from './next-runs.js';

export const ScheduleKindEnum = builder.enumType('ScheduleKind', { values: ['BACKUP', 'SANDBOX_RESTORE', 'LOCAL_SNAPSHOT', 'REMOTE_SNAPSHOT'] as const });
export const RetentionUnitEnum = builder.enumType('RetentionUnit', { values: ['LAST', 'DAYS', 'WEEKS', 'MONTHS', 'YEARS'] as const });

const RecurrenceRef = builder.simpleObject('Recurrence', {
  description: "When a schedule runs: RFC 5545 lines where expressible, and the provider's own form untouched.",
  fields: (t) => ({
    rrule: t.string({ nullable: true, description: 'RFC 5545 lines (DTSTART;TZID=… + RRULE/RDATE); null where it cannot be expressed.' }),
    timezone: t.string({ description: 'IANA zone the schedule is evaluated in.' }),
    description: t.string({ description: 'Human text, e.g. "Mon–Fri at 02:01 (Europe/Kyiv)".' }),
    native: t.field({ type: 'JSON', description: "The provider's own representation, untouched." }),
  }),
});

export const RetentionRuleRef = builder.simpleObject('RetentionRule', {
  fields: (t) => ({
    unit: t.field({ type: RetentionUnitEnum }),
    count: t.int(),
    anchor: t.int({ nullable: true, description: 'WEEKS: weekday 0=Sunday..6; MONTHS: day of month 1..31.' }),
  }),
});

/** RetentionRule as GraphQL returns it (anchor null rather than absent). */
export const ruleView = (rule: RetentionRule) => ({ unit: rule.unit, count: rule.count, anchor: rule.anchor ?? null });

/** What Schedule.retention resolves to: the policy, its semantics and the zone to simulate it in (schema/retention.ts). */
export interface RetentionPolicyView {
  name: string | null;
  rules: RetentionRule[];
  semantics: RetentionSemantics;
  timezone: string;
}

export const RetentionPolicyRef = builder.objectRef<RetentionPolicyView>('RetentionPolicy').implement({
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: (p) => p.name }),
    rules: t.field({ type: [RetentionRuleRef], resolve: (p) => p.rules.map(ruleView) }),
  }),
});

builder.node(ScheduleRef, {
  description: 'A backup, sandbox-restore or snapshot schedule.',
  id: { resolve: (s) => `${s.providerId}:${s.nativeId}` },
  loadMany: nodeLoader((reads, p) => reads.schedules(p)),
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'kind' in value && 'enabled' in value,
  fields: (t) => ({
    nativeId: t.exposeString('nativeId'),
    name: t.exposeString('name'),
    provider: t.field({ type: ProviderRef, resolve: (s, _args, ctx) => ctx.reads.provider(s.providerId) }),
    kind: t.field({ type: ScheduleKindEnum, resolve: (s) => s.kind }),
    enabled: t.exposeBoolean('enabled'),
    recurrence: t.field({
      type: RecurrenceRef,
      nullable: true,
      description: 'Null where the provider does not expose it (Altaro: see each VM\'s nextBackupAt).',
      resolve: (s) => (s.recurrence ? { ...s.recurrence, rrule: s.recurrence.rrule ?? null } : null),
    }),
    retention: t.field({
      type: RetentionPolicyRef,
      nullable: true,
      resolve: (s) =>
        s.retention
          ? { name: s.retention.name ?? null, rules: s.retention.rules, semantics: semanticsOf(s.retention), timezone: s.recurrence?.timezone ?? 'UTC' }
          : null,
    }),
    remoteLocation: t.string({ nullable: true, description: 'CloudSigma remote snapshots: the location code, e.g. "ZRH".', resolve: (s) => s.remoteLocation ?? null }),
    targets: t.field({
      type: [ProtectedResourceRef],
      description: 'The resources this schedule protects.',
      resolve: (s, _args, ctx) => targetsOf(s, ctx),
    }),
    nextRuns: t.field({
      type: ['DateTime'],
      args: { count: t.arg.int({ defaultValue: 5 }), after: t.arg({ type: 'DateTime', required: false }) },
      description: "The next run times after `after` (default now). Empty for schedules without a recurrence (Altaro: see each target's nextBackupAt).",
      resolve: (s, args) => nextRunsOf(s, args.count ?? 5, args.after ?? new Date()),
    }),
  }),
});

async function targetsOf(schedule: Schedule, ctx: Parameters<typeof providersFromFilter>[0]): Promise<Resource[]> {
  const provider = ctx.reads.provider(schedule.providerId);
  return ctx.reads.guard(
    provider,
    async () => {
      const refs = schedule.targets ?? (await ctx.reads.scheduleTargets(provider)).get(schedule.nativeId) ?? [];
      const found = await Promise.all(refs.map((ref) => ctx.reads.resource(ref)));
      return found.filter((r): r is Resource => !!r);
    },
    [],
  );
}

const ScheduleFilter = builder.inputType('ScheduleFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false }),
    kinds: t.field({ type: [ScheduleKindEnum], required: false }),
  }),
});

builder.queryField('schedules', (t) =>
  t.connection(
    {
      type: ScheduleRef,
      description: "Every provider's schedules, sorted by provider then name.",
      args: { filter: t.arg({ type: ScheduleFilter, required: false }) },
      resolve: async (_root, args, ctx, info) => {
        const providers = providersFromFilter(ctx, args.filter?.providerIds);
        startNestedReads(info, ctx.reads, providers);
        const kinds = args.filter?.kinds;
        const schedules = (await ctx.reads.across(providers, (p) => ctx.reads.schedules(p)))
          .filter((s) => (kinds ? kinds.includes(s.kind) : true))
          .sort((a, b) => a.providerId.localeCompare(b.providerId) || a.name.localeCompare(b.name));
        return pageOf(args, schedules);
      },
    },
    { name: 'ScheduleConnection' },
    { name: 'ScheduleEdge' },
  ),
);
