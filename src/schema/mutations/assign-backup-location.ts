/** assignBackupLocation / unassignBackupLocation: where a VM's backups (or offsite copies) go. */
import type { BackupLocation, VirtualMachine } from '../../domain/model.js';
import { builder } from '../builder.js';
import { ERROR_TYPES } from '../errors.js';
import { findBackupLocation, findVirtualMachine, lookUpTogether, sameProvider } from '../inputs.js';
import { BackupLocationRef, VirtualMachineRef } from '../refs.js';
import { requireScope } from '../scopes.js';

class AssignBackupLocationSuccess {
  constructor(
    readonly virtualMachine: VirtualMachine,
    readonly backupLocation: BackupLocation,
  ) {}
}

builder.objectType(AssignBackupLocationSuccess, {
  name: 'AssignBackupLocationSuccess',
  isTypeOf: (value) => value instanceof AssignBackupLocationSuccess,
  fields: (t) => ({
    virtualMachine: t.field({ type: VirtualMachineRef, resolve: (s) => s.virtualMachine }),
    backupLocation: t.field({ type: BackupLocationRef, resolve: (s) => s.backupLocation }),
  }),
});

const AssignBackupLocationInput = builder.inputType('AssignBackupLocationInput', {
  fields: (t) => ({ virtualMachineId: t.id({ required: true }), backupLocationId: t.id({ required: true }) }),
});

const AssignBackupLocationResult = builder.errorUnion('AssignBackupLocationResult', {
  types: [AssignBackupLocationSuccess, ...ERROR_TYPES.assign],
});

for (const [name, assign] of [
  ['assignBackupLocation', true],
  ['unassignBackupLocation', false],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: AssignBackupLocationResult,
      description: assign ? "Send a VM's backups (or offsite copies) to a location." : 'Stop sending a VM\'s backups to a location.',
      args: { input: t.arg({ type: AssignBackupLocationInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        requireScope(ctx, 'operate');
        const [{ provider, vm }, { provider: owner, location }] = await lookUpTogether([
          findVirtualMachine(ctx, String(input.virtualMachineId), 'virtualMachineId'),
          findBackupLocation(ctx, String(input.backupLocationId), 'backupLocationId'),
        ] as const);
        sameProvider(provider, owner, ['virtualMachineId', 'backupLocationId']);
        if (assign) await provider.assignBackupLocation(vm.nativeId, location.nativeId, ctx.reads.writeScope);
        else await provider.unassignBackupLocation(vm.nativeId, location.nativeId, ctx.reads.writeScope);
        ctx.reads.clear();
        return new AssignBackupLocationSuccess(vm, location);
      },
    }),
  );
}
