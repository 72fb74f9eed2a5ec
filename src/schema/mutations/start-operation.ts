/**
 * startBackup, startOffsiteCopy, startRestore, startVerification and abortOperation. Each
 * answers once the provider accepted the instruction; progress then streams through
 * `operationUpdated`. Nothing is retried: a second backup is worse than an error.
 */
import { OPEN_ACCESS } from '../../auth.js';
import { ValidationError } from '../../domain/errors.js';
import type { Operation } from '../../domain/model.js';
import { builder } from '../builder.js';
import type { GatewayContext } from '../context.js';
import { ERROR_TYPES } from '../errors.js';
import { parseId } from '../ids.js';
import { findBackup, findResource, findVirtualMachine, providerOf } from '../inputs.js';
import { OperationRef } from '../refs.js';
import { requireScope } from '../scopes.js';

class StartOperationSuccess {
  constructor(readonly operation: Operation) {}
}

builder.objectType(StartOperationSuccess, {
  name: 'StartOperationSuccess',
  isTypeOf: (value) => value instanceof StartOperationSuccess,
  fields: (t) => ({ operation: t.field({ type: OperationRef, resolve: (s) => s.operation }) }),
});

const StartOperationResult = builder.errorUnion('StartOperationResult', { types: [StartOperationSuccess, ...ERROR_TYPES.start] });
const AbortOperationResult = builder.errorUnion('AbortOperationResult', { types: [StartOperationSuccess, ...ERROR_TYPES.abort] });

const StartBackupInput = builder.inputType('StartBackupInput', {
  fields: (t) => ({ targetId: t.id({ required: true, description: 'A VirtualMachine or Disk.' }) }),
});
const StartOffsiteCopyInput = builder.inputType('StartOffsiteCopyInput', { fields: (t) => ({ virtualMachineId: t.id({ required: true }) }) });
const StartVerificationInput = builder.inputType('StartVerificationInput', { fields: (t) => ({ virtualMachineId: t.id({ required: true }) }) });
const StartRestoreInput = builder.inputType('StartRestoreInput', {
  fields: (t) => ({
    backupId: t.id({ required: true }),
    restoredName: t.string({ required: false, description: 'Name of the restored copy; the provider picks one when omitted.' }),
    sandbox: t.boolean({ required: false, defaultValue: false, description: 'Restore into an isolated sandbox (Altaro).' }),
  }),
});
const AbortOperationInput = builder.inputType('AbortOperationInput', { fields: (t) => ({ operationId: t.id({ required: true }) }) });

/** Hand a freshly started operation to the tracker so subscribers see it from the first poll. */
function started(ctx: GatewayContext, operation: Operation): StartOperationSuccess {
  // The journal first: the tracker's own record of it must find it marked as started here.
  ctx.journal?.started(operation, ctx.principal && ctx.principal !== OPEN_ACCESS ? ctx.principal.name : undefined);
  ctx.tracker.started(operation);
  return new StartOperationSuccess(operation);
}

builder.mutationFields((t) => ({
  startBackup: t.field({
    type: StartOperationResult,
    description: 'Back up a VM now (CloudSigma: snapshot each of its drives; a Disk: snapshot that drive).',
    args: { input: t.arg({ type: StartBackupInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'operate');
      const { provider, resource } = await findResource(ctx, String(input.targetId), 'targetId');
      return started(ctx, await provider.startBackup({ type: resource.type, providerId: provider.id, nativeId: resource.nativeId }, ctx.reads.writeScope));
    },
  }),
  startOffsiteCopy: t.field({
    type: StartOperationResult,
    args: { input: t.arg({ type: StartOffsiteCopyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'operate');
      const { provider, vm } = await findVirtualMachine(ctx, String(input.virtualMachineId), 'virtualMachineId');
      return started(ctx, await provider.startOffsiteCopy(vm.nativeId, ctx.reads.writeScope));
    },
  }),
  startVerification: t.field({
    type: StartOperationResult,
    args: { input: t.arg({ type: StartVerificationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'operate');
      const { provider, vm } = await findVirtualMachine(ctx, String(input.virtualMachineId), 'virtualMachineId');
      return started(ctx, await provider.startVerification(vm.nativeId, ctx.reads.writeScope));
    },
  }),
  startRestore: t.field({
    type: StartOperationResult,
    args: { input: t.arg({ type: StartRestoreInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'operate');
      if (input.restoredName !== undefined && input.restoredName !== null && input.restoredName.trim() === '') {
        throw new ValidationError('restoredName must not be empty', 'restoredName');
      }
      const { provider, backup } = await findBackup(ctx, String(input.backupId), 'backupId');
      return started(ctx, await provider.startRestore(backup, { restoredName: input.restoredName ?? undefined, sandbox: input.sandbox ?? false }, ctx.reads.writeScope));
    },
  }),
  abortOperation: t.field({
    type: AbortOperationResult,
    args: { input: t.arg({ type: AbortOperationInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireScope(ctx, 'operate');
      const decoded = parseId(String(input.operationId), 'operationId', ['Operation'] as const);
      const provider = providerOf(ctx, decoded, 'operationId');
      return started(ctx, await provider.abortOperation(decoded.nativeId, ctx.reads.writeScope));
    },
  }),
}));
