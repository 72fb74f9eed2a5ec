/**
 * Everything one provider has that the time views (calendar, protection) need, read once per
 * request through the memoized reads. A provider that fails is left out with a partial error.
 */
import type { BackupLocation, Disk, Resource, Schedule, VirtualMachine } from '../domain/model.js';
import type { Provider } from '../domain/provider.js';
import type { GatewayContext } from './context.js';

export interface Inventory {
  provider: Provider;
  virtualMachines: VirtualMachine[];
  disks: Disk[];
  schedules: Schedule[];
  locations: BackupLocation[];
  /** Schedule native id -> targets. */
  targets: Map<string, Resource[]>;
  /** VM native id -> location ids. */
  resourceLocations: Map<string, string[]>;
}

export async function inventoryOf(ctx: GatewayContext, providers: Provider[]): Promise<Inventory[]> {
  const found = await Promise.all(
    providers.map((p) =>
      ctx.reads.guard(
        p,
        async (): Promise<Inventory | undefined> => {
          const [virtualMachines, disks, schedules, locations, refs, resourceLocations] = await Promise.all([
            ctx.reads.virtualMachines(p),
            ctx.reads.disks(p),
            ctx.reads.schedules(p),
            ctx.reads.backupLocations(p),
            ctx.reads.scheduleTargets(p),
            ctx.reads.resourceLocations(p),
          ]);
          const vmById = new Map(virtualMachines.map((vm) => [vm.nativeId, vm]));
          const diskById = new Map(disks.map((d) => [d.nativeId, d]));
          const targets = new Map<string, Resource[]>();
          for (const [scheduleId, list] of refs) {
            targets.set(
              scheduleId,
              list.map((ref) => (ref.type === 'VirtualMachine' ? vmById.get(ref.nativeId) : diskById.get(ref.nativeId))).filter((r): r is Resource => !!r),
            );
          }
          return { provider: p, virtualMachines, disks, schedules, locations, targets, resourceLocations };
        },
        undefined,
      ),
    ),
  );
  return found.filter((inv): inv is Inventory => !!inv);
}

export function targetsOfSchedule(inventory: Inventory, schedule: Schedule): Resource[] {
  return inventory.targets.get(schedule.nativeId) ?? [];
}

/** A resource's host: its own, or for a disk the host of its VM. */
export function hostOf(inventory: Inventory | undefined, resource: Resource): string | undefined {
  if (resource.type === 'VirtualMachine') return resource.host;
  const vm = resource.virtualMachineId ? inventory?.virtualMachines.find((v) => v.nativeId === resource.virtualMachineId) : undefined;
  return vm?.host;
}
