/** Query.backupCalendar: every scheduled run in a window across providers, with conflicts. */
import type { Resource } from '../domain/model.js';
import { findConflicts, scheduledRuns, type CalendarRun, type ScheduleWithTargets } from '../domain/calendar.js';
import { builder } from './builder.js';
import { providersFromFilter } from './filters.js';
import { ProtectedResourceRef, ProviderRef, ScheduleRef } from './refs.js';
import { hostOf, inventoryOf, targetsOfSchedule } from './inventory.js';

const ScheduledRunRef = builder.objectRef<CalendarRun>('ScheduledRun').implement({
  description: 'One scheduled run: when, which schedule, on which resources.',
  fields: (t) => ({
    at: t.field({ type: 'DateTime', resolve: (r) => r.at }),
    schedule: t.field({ type: ScheduleRef, resolve: (r) => r.schedule }),
    provider: t.field({ type: ProviderRef, resolve: (r, _args, ctx) => ctx.reads.provider(r.schedule.providerId) }),
    targets: t.field({ type: [ProtectedResourceRef], resolve: (r) => r.targets }),
  }),
});

const RunConflictRef = builder
  .objectRef<{ reason: string; host?: string; resource?: Resource; runs: CalendarRun[] }>('RunConflict')
  .implement({
    description: 'Runs on one host or one resource that start within `conflictMinutes` of each other.',
    fields: (t) => ({
      reason: t.exposeString('reason'),
      host: t.string({ nullable: true, resolve: (c) => c.host ?? null }),
      resource: t.field({ type: ProtectedResourceRef, nullable: true, resolve: (c) => c.resource ?? null }),
      runs: t.field({ type: [ScheduledRunRef], resolve: (c) => c.runs }),
    }),
  });

const BackupCalendarRef = builder
  .objectRef<{ from: Date; to: Date; runs: CalendarRun[]; conflicts: ReturnType<typeof findConflicts> }>('BackupCalendar')
  .implement({
    fields: (t) => ({
      from: t.field({ type: 'DateTime', resolve: (c) => c.from }),
      to: t.field({ type: 'DateTime', resolve: (c) => c.to }),
      runs: t.field({ type: [ScheduledRunRef], description: 'Sorted by time.', resolve: (c) => c.runs }),
      conflicts: t.field({ type: [RunConflictRef], resolve: (c) => c.conflicts }),
    }),
  });

const CalendarFilter = builder.inputType('CalendarFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false }),
    conflictMinutes: t.int({ required: false, defaultValue: 15, description: 'Runs closer than this on one host or one resource conflict.' }),
  }),
});

builder.queryField('backupCalendar', (t) =>
  t.field({
    type: BackupCalendarRef,
    description: `Every scheduled run in [from, to) across providers (window at most 31 days, at most 20000 runs), sorted, with conflicts. Altaro exposes no recurrence: its runs are each VM's next backup time.`,
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      filter: t.arg({ type: CalendarFilter, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const inventories = await inventoryOf(ctx, providersFromFilter(ctx, args.filter?.providerIds));
      const entries: ScheduleWithTargets[] = inventories.flatMap((inv) => inv.schedules.map((schedule) => ({ schedule, targets: targetsOfSchedule(inv, schedule) })));
      const runs = scheduledRuns(entries, args.from, args.to);
      const byProvider = new Map(inventories.map((inv) => [inv.provider.id, inv]));
      const conflicts = findConflicts(runs, args.filter?.conflictMinutes ?? 15, (r) => hostOf(byProvider.get(r.providerId), r));
      return { from: args.from, to: args.to, runs, conflicts };
    },
  }),
);
