/**
 * RequestReads answers a resource's schedules, locations and disks at once (no promise) when
 * the lists they come from have arrived: the same answer as the first, awaited one, never an
 * answer from before `clear()` (a mutation's answer shows the state after it), and a failing
 * provider still gives the fallback with one partial error.
 */
import { describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../src/domain/errors.js';
import type { BackupLocation, Disk, ResourceRef, Schedule, VirtualMachine } from '../../src/domain/model.js';
import type { Provider } from '../../src/domain/provider.js';
import { ProviderRegistry } from '../../src/providers/registry.js';
import { RequestReads } from '../../src/schema/context.js';

const vm: VirtualMachine = { type: 'VirtualMachine', providerId: 'p', nativeId: 'vm-1', name: 'web', configured: true, diskIds: ['d-1'] };
const disk: Disk = { type: 'Disk', providerId: 'p', nativeId: 'd-1', name: 'web-root', virtualMachineId: 'vm-1' };
const schedule = (nativeId: string, targets: ResourceRef[]): Schedule => ({ providerId: 'p', nativeId, name: nativeId, kind: 'BACKUP', enabled: true, targets });
const location: BackupLocation = { providerId: 'p', nativeId: 'loc-1', name: 'nas', kind: 'PRIMARY', virtualMachineIds: ['vm-1'] };

/** A provider that answers from `state`, counting its schedule listings; `failing` makes every read fail. */
function providerOver(state: { schedules: Schedule[]; failing?: boolean }) {
  const calls = { listSchedules: 0 };
  const answer = <T>(value: T) => (state.failing ? Promise.reject(new UpstreamUnavailableError('p', 'provider "p" is down')) : Promise.resolve(value));
  const provider = {
    id: 'p',
    listSchedules: () => {
      calls.listSchedules += 1;
      return answer(state.schedules);
    },
    listBackupLocations: () => answer([location]),
    listDisks: () => answer([disk]),
  } as unknown as Provider;
  return { provider, calls };
}

describe('RequestReads: fields from arrived lists', () => {
  it('answers a VM its own and its disks\' schedules, in listing order, the same before and after the lists arrive', async () => {
    const { provider, calls } = providerOver({
      schedules: [schedule('disk-daily', [{ type: 'Disk', providerId: 'p', nativeId: 'd-1' }]), schedule('vm-weekly', [{ type: 'VirtualMachine', providerId: 'p', nativeId: 'vm-1' }])],
    });
    const reads = new RequestReads(new ProviderRegistry([provider]));
    const first = reads.schedulesOf(provider, vm);
    expect(first).toBeInstanceOf(Promise);
    expect((await first).map((s) => s.nativeId)).toEqual(['disk-daily', 'vm-weekly']);

    const again = reads.schedulesOf(provider, vm);
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as Schedule[]).map((s) => s.nativeId)).toEqual(['disk-daily', 'vm-weekly']);
    expect((reads.schedulesOf(provider, disk) as Schedule[]).map((s) => s.nativeId)).toEqual(['disk-daily']);
    expect(calls.listSchedules).toBe(1);

    await reads.locationsOf(provider, vm);
    expect(reads.locationsOf(provider, vm)).toEqual([location]);
    await reads.disksOf(provider, vm);
    expect(reads.disksOf(provider, vm)).toEqual([disk]);
  });

  it('reads again after clear(): an assignment made since shows, not the list that had arrived', async () => {
    const state = { schedules: [schedule('vm-weekly', [])] };
    const { provider, calls } = providerOver(state);
    const reads = new RequestReads(new ProviderRegistry([provider]));
    expect(await reads.schedulesOf(provider, vm)).toEqual([]);
    await reads.schedulesOf(provider, vm);

    state.schedules = [schedule('vm-weekly', [{ type: 'VirtualMachine', providerId: 'p', nativeId: 'vm-1' }])];
    reads.clear();
    const after = reads.schedulesOf(provider, vm);
    expect(after).toBeInstanceOf(Promise);
    expect((await after).map((s) => s.nativeId)).toEqual(['vm-weekly']);
    expect(calls.listSchedules).toBe(2);
  });

  it('gives the fallback and one partial error naming the provider when its lists fail', async () => {
    const { provider } = providerOver({ schedules: [], failing: true });
    const reads = new RequestReads(new ProviderRegistry([provider]));
    expect(await reads.guard(provider, () => reads.schedulesOf(provider, vm), [])).toEqual([]);
    expect(await reads.guard(provider, () => reads.locationsOf(provider, vm), [])).toEqual([]);
    expect(reads.partialErrors.map((e) => [e.message, e.extensions.provider])).toEqual([['provider "p" is down', 'p']]);
  });
});
