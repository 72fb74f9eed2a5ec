/** assignSchedule / unassignSchedule: put a resource on a shared schedule or take it off. */
import type { Resource, Schedule } from '../../domain/model.js';
import { builder } from '../builder.js';
import { ERROR_TYPES } from '../errors.js';
import { findResource, findSchedule, lookUpTogether, sameProvider } from '../inputs.js';
import { ProtectedResourceRef, ScheduleRef } from '../refs.js';
import { requireScope } from '../scopes.js';

class AssignScheduleSuccess {
  constructor(
    readonly target: Resource,
    readonly schedule: Schedule,
  ) {}
}

builder.objectType(AssignScheduleSuccess, {
  name: 'AssignScheduleSuccess',
  isTypeOf: (value) => value instanceof AssignScheduleSuccess,
  fields: (t) => ({
    target: t.field({ type: ProtectedResourceRef, resolve: (s) => s.target }),
    schedule: t.field({ type: ScheduleRef, resolve: (s) => s.schedule }),
  }),
});

const AssignScheduleInput = builder.inputType('AssignScheduleInput', {
  fields: (t) => ({ targetId: t.id({ required: true }), scheduleId: t.id({ required: true }) }),
});

const AssignScheduleResult = builder.errorUnion('AssignScheduleResult', { types: [AssignScheduleSuccess, ...ERROR_TYPES.assign] });

for (const [name, assign] of [
  ['assignSchedule', true],
  ['unassignSchedule', false],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: AssignScheduleResult,
      description: assign ? 'Put a VM or disk on a shared schedule.' : 'Take a VM or disk off a shared schedule.',
      args: { input: t.arg({ type: AssignScheduleInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        requireScope(ctx, 'operate');
        const [{ provider, resource }, { provider: owner, schedule }] = await lookUpTogether([
          findResource(ctx, String(input.targetId), 'targetId'),
          findSchedule(ctx, String(input.scheduleId), 'scheduleId'),
        ] as const);
        sameProvider(provider, owner, ['targetId', 'scheduleId']);
        const ref = { type: resource.type, providerId: provider.id, nativeId: resource.nativeId };
        if (assign) await provider.assignSchedule(ref, schedule.nativeId, ctx.reads.writeScope);
        else await provider.unassignSchedule(ref, schedule.nativeId, ctx.reads.writeScope);
        ctx.reads.clear(); // the answer shows the state after the change
        return new AssignScheduleSuccess(resource, schedule);
      },
    }),
  );
}
