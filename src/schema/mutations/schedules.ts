/** createSchedule, updateSchedule, deleteSchedules (admin scope). */
import { ValidationError } from '../../domain/errors.js';
import type { RetentionRule, Schedule } from '../../domain/model.js';
import { validateRetention, validateTimeZone, validateWeekly } from '../../domain/schedule-input.js';
import type { WeeklyRecurrence } from '../../domain/provider.js';
import { builder } from '../builder.js';
import { ERROR_TYPES } from '../errors.js';
import { encodeGlobalId, parseId } from '../ids.js';
import { findResource, findSchedule, providerOf, sameProvider } from '../inputs.js';
import { ScheduleRef } from '../refs.js';
import { RetentionUnitEnum, ScheduleKindEnum } from '../schedule.js';
import { requireScope } from '../scopes.js';
import { providersFromFilter } from '../filters.js';

class ScheduleSuccess {
  constructor(readonly schedule: Schedule) {}
}
class DeleteSchedulesSuccess {
  constructor(readonly deletedIds: string[]) {}
}

builder.objectType(ScheduleSuccess, { name: 'ScheduleSuccess', isTypeOf: (value) => value instanceof ScheduleSuccess, fields: (t) => ({ schedule: t.field({ type: ScheduleRef, resolve: (s) => s.schedule }) }) });
builder.objectType(DeleteSchedulesSuccess, { name: 'DeleteSchedulesSuccess', isTypeOf: (value) => value instanceof DeleteSchedulesSuccess, fields: (t) => ({ deletedIds: t.idList({ resolve: (s) => s.deletedIds }) }) });

const ScheduleResult = builder.errorUnion('ScheduleResult', { types: [ScheduleSuccess, ...ERROR_TYPES.schedule] });
const DeleteSchedulesResult = builder.errorUnion('DeleteSchedulesResult', { types: [DeleteSchedulesSuccess, ...ERROR_TYPES.schedule] });

const WeeklyRecurrenceInput = builder.inputType('WeeklyRecurrenceInput', {
  description: 'The portable form every provider accepts.',
  fields: (t) => ({
    daysOfWeek: t.intList({ required: true, description: '0=Sunday..6=Saturday' }),
    times: t.stringList({ required: true, description: '"HH:MM", 24-hour, in the schedule\'s timezone' }),
  }),
});

export const RetentionRuleInput = builder.inputType('RetentionRuleInput', {
  fields: (t) => ({
    unit: t.field({ type: RetentionUnitEnum, required: true }),
    count: t.int({ required: true }),
    anchor: t.int({ required: false }),
  }),
});

const CreateScheduleInput = builder.inputType('CreateScheduleInput', {
  fields: (t) => ({
    providerId: t.id({ required: true, description: 'Provider ID (global) or config id.' }),
    targetId: t.id({ required: false, description: 'Required where the provider has PER_RESOURCE_SCHEDULES.' }),
    name: t.string({ required: true }),
    kind: t.field({ type: ScheduleKindEnum, required: true }),
    timezone: t.string({ required: false, description: "IANA; defaults to the provider's zone." }),
    weekly: t.field({ type: WeeklyRecurrenceInput, required: false }),
    native: t.field({ type: 'JSON', required: false, description: "Or the provider's own form (e.g. CloudSigma incremental_backup)." }),
    retention: t.field({ type: [RetentionRuleInput], required: false }),
    remoteLocation: t.string({ required: false }),
    enabled: t.boolean({ required: false, defaultValue: true }),
  }),
});

const UpdateScheduleInput = builder.inputType('UpdateScheduleInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ required: false }),
    timezone: t.string({ required: false }),
    weekly: t.field({ type: WeeklyRecurrenceInput, required: false }),
    native: t.field({ type: 'JSON', required: false }),
    retention: t.field({ type: [RetentionRuleInput], required: false }),
    enabled: t.boolean({ required: false }),
  }),
});

const DeleteSchedulesInput = builder.inputType('DeleteSchedulesInput', { fields: (t) => ({ ids: t.idList({ required: true }) }) });

type RuleInput = { unit: RetentionRule['unit']; count: number; anchor?: number | null };
const toRules = (rules: RuleInput[] | null | undefined): RetentionRule[] | undefined =>
  rules ? validateRetention(rules.map((r) => ({ unit: r.unit, count: r.count, anchor: r.anchor ?? undefined }))) : undefined;
const toWeekly = (weekly: WeeklyRecurrence | null | undefined): WeeklyRecurrence | undefined => (weekly ? validateWeekly(weekly) : undefined);

function checkName(name: string | null | undefined): string | undefined {
  if (name === null || name === undefined) return undefined;
  if (name.trim() === '') throw new ValidationError('name must not be empty', 'name');
  if (name.length > 200) throw new ValidationError('name must be at most 200 characters', 'name');
  return name.trim();
}

builder.mutationFields((t) => ({
  createSchedule: t.field({
    type: ScheduleResult,
    args: { input: t.arg({ type: CreateScheduleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'admin');
      const [provider] = providersFromFilter(ctx, [String(input.providerId)]);
      if (input.weekly && input.native !== undefined && input.native !== null) {
        throw new ValidationError('give either weekly or native, not both', 'native');
      }
      const target = input.targetId ? await findResource(ctx, String(input.targetId), 'targetId') : undefined;
      if (target) sameProvider(provider, target.provider, ['providerId', 'targetId']);
      const schedule = await provider.createSchedule({
        target: target ? { type: target.resource.type, providerId: provider.id, nativeId: target.resource.nativeId } : undefined,
        name: checkName(input.name)!,
        kind: input.kind,
        timezone: input.timezone ? validateTimeZone(input.timezone) : undefined,
        weekly: toWeekly(input.weekly),
        native: input.native ?? undefined,
        retention: toRules(input.retention),
        remoteLocation: input.remoteLocation ?? undefined,
        enabled: input.enabled ?? true,
      }, ctx.reads.writeScope);
      return new ScheduleSuccess(schedule);
    },
  }),
  updateSchedule: t.field({
    type: ScheduleResult,
    args: { input: t.arg({ type: UpdateScheduleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'admin');
      const { provider, schedule } = await findSchedule(ctx, String(input.id), 'id');
      if (input.weekly && input.native !== undefined && input.native !== null) {
        throw new ValidationError('give either weekly or native, not both', 'native');
      }
      const updated = await provider.updateSchedule(schedule.nativeId, {
        name: checkName(input.name),
        timezone: input.timezone ? validateTimeZone(input.timezone) : undefined,
        weekly: toWeekly(input.weekly),
        native: input.native ?? undefined,
        retention: toRules(input.retention),
        enabled: input.enabled ?? undefined,
      }, ctx.reads.writeScope);
      return new ScheduleSuccess(updated);
    },
  }),
  deleteSchedules: t.field({
    type: DeleteSchedulesResult,
    description: 'Delete schedules, all of one provider per call (one upstream bulk delete where the provider has one).',
    args: { input: t.arg({ type: DeleteSchedulesInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'admin');
      if (input.ids.length === 0) throw new ValidationError('ids must name at least one schedule', 'ids');
      const decoded = input.ids.map((id) => parseId(String(id), 'ids', ['Schedule'] as const));
      const provider = providerOf(ctx, decoded[0], 'ids');
      for (const d of decoded) sameProvider(provider, providerOf(ctx, d, 'ids'), ['ids', 'ids']);
      // Every id must exist before anything is deleted: no half-done deletes.
      for (const id of input.ids) await findSchedule(ctx, String(id), 'ids');
      const deleted = await provider.deleteSchedules(decoded.map((d) => d.nativeId), ctx.reads.writeScope);
      return new DeleteSchedulesSuccess(deleted.map((nativeId) => encodeGlobalId('Schedule', `${provider.id}:${nativeId}`)));
    },
  }),
}));
