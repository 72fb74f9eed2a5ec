/** Query.protection and ProtectedResource.protection: one status per VM and disk, with reasons and counts. */
import { assessProtection, PROTECTION_STATUSES, type ProtectionStatus, type ResourceProtection } from '../domain/protection.js';
import { ValidationError } from '../domain/errors.js';
import type { Resource, Schedule } from '../domain/model.js';
import { nextRuns } from '../domain/recurrence/index.js';
import { builder } from './builder.js';
import type { GatewayContext } from './context.js';
import { providersFromFilter } from './filters.js';
import { inventoryOf, type Inventory } from './inventory.js';
import { ProtectedResourceRef, ProviderRef } from './refs.js';
import type { Provider } from '../domain/provider.js';

export const ProtectionStatusEnum = builder.enumType('ProtectionStatus', { values: PROTECTION_STATUSES });

const ResourceProtectionRef = builder.objectRef<ResourceProtection>('ResourceProtection').implement({
  fields: (t) => ({
    resource: t.field({ type: ProtectedResourceRef, resolve: (p) => p.resource }),
    status: t.field({ type: ProtectionStatusEnum, resolve: (p) => p.status }),
    reason: t.exposeString('reason'),
    lastSuccessAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.lastSuccessAt ?? null }),
    nextRunAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.nextRunAt ?? null }),
  }),
});

type Count = { status: ProtectionStatus; count: number };
const ProtectionCountRef = builder.objectRef<Count>('ProtectionCount').implement({
  fields: (t) => ({ status: t.field({ type: ProtectionStatusEnum, resolve: (c) => c.status }), count: t.exposeInt('count') }),
});

const ProviderProtectionRef = builder.objectRef<{ provider: Provider; counts: Count[] }>('ProviderProtection').implement({
  fields: (t) => ({
    provider: t.field({ type: ProviderRef, resolve: (p) => p.provider }),
    counts: t.field({ type: [ProtectionCountRef], resolve: (p) => p.counts }),
  }),
});

const ProtectionReportRef = builder
  .objectRef<{ rpoHours: number; resources: ResourceProtection[]; counts: Count[]; byProvider: Array<{ provider: Provider; counts: Count[] }> }>('ProtectionReport')
  .implement({
    fields: (t) => ({
      rpoHours: t.exposeInt('rpoHours'),
      resources: t.field({ type: [ResourceProtectionRef], resolve: (r) => r.resources }),
      counts: t.field({ type: [ProtectionCountRef], description: 'Every status, zero counts included.', resolve: (r) => r.counts }),
      byProvider: t.field({ type: [ProviderProtectionRef], resolve: (r) => r.byProvider }),
    }),
  });

const ProtectionFilter = builder.inputType('ProtectionFilter', {
  fields: (t) => ({
    providerIds: t.idList({ required: false }),
    statuses: t.field({ type: [ProtectionStatusEnum], required: false }),
  }),
});

function checkRpo(rpoHours: number): number {
  if (!Number.isInteger(rpoHours) || rpoHours < 1 || rpoHours > 24 * 366) throw new ValidationError('rpoHours must be a whole number of hours from 1 to 8784', 'rpoHours');
  return rpoHours;
}

const PROTECTING_KINDS = new Set<Schedule['kind']>(['BACKUP', 'LOCAL_SNAPSHOT', 'REMOTE_SNAPSHOT']);

/** Every resource of one provider, assessed. */
export function assessInventory(inv: Inventory, rpoHours: number, now: Date): ResourceProtection[] {
  const schedulesOf = new Map<string, Schedule[]>();
  for (const schedule of inv.schedules) {
    if (!PROTECTING_KINDS.has(schedule.kind)) continue;
    for (const target of inv.targets.get(schedule.nativeId) ?? []) {
      const key = `${target.type}:${target.nativeId}`;
      schedulesOf.set(key, [...(schedulesOf.get(key) ?? []), schedule]);
    }
  }
  const offsiteIds = new Set(inv.locations.filter((l) => l.kind === 'OFFSITE').map((l) => l.nativeId));
  const offsiteExpected = inv.provider.capabilities.includes('OFFSITE_COPY') && offsiteIds.size > 0;
  const nextRunOf = (resource: Resource, schedules: Schedule[]) => {
    if (resource.nextBackupAt) return resource.nextBackupAt;
    const next = schedules
      .filter((s) => s.enabled && s.recurrence?.rule)
      .map((s) => nextRuns(s.recurrence!, now, 1)[0])
      .filter((d): d is Date => !!d)
      .sort((a, b) => a.getTime() - b.getTime());
    return next[0];
  };
  const assess = (resource: Resource, disks?: ResourceProtection[]) => {
    const schedules = schedulesOf.get(`${resource.type}:${resource.nativeId}`) ?? [];
    const hasOffsite = (inv.resourceLocations.get(resource.nativeId) ?? []).some((id) => offsiteIds.has(id));
    return assessProtection({ resource, schedules, nextRunAt: nextRunOf(resource, schedules), offsiteExpected, hasOffsite, disks }, rpoHours, now);
  };
  const diskVerdicts = new Map(inv.disks.map((d) => [d.nativeId, assess(d)]));
  const vms = inv.virtualMachines.map((vm) => {
    const disks = vm.diskIds.map((id) => diskVerdicts.get(id)).filter((d): d is ResourceProtection => !!d);
    return assess(vm, disks.length > 0 ? disks : undefined);
  });
  return [...vms, ...diskVerdicts.values()];
}

function countsOf(list: ResourceProtection[]): Count[] {
  return PROTECTION_STATUSES.map((status) => ({ status, count: list.filter((p) => p.status === status).length }));
}

async function providerProtection(ctx: GatewayContext, provider: Provider, rpoHours: number): Promise<ResourceProtection[]> {
  return ctx.reads.derived(provider, `protection:${rpoHours}`, async () => {
    const [inv] = await inventoryOf(ctx, [provider]);
    return inv ? assessInventory(inv, rpoHours, new Date()) : [];
  });
}

builder.queryField('protection', (t) =>
  t.field({
    type: ProtectionReportRef,
    description: 'Every VM and disk with one protection status, its reason and facts, and counts per provider and status.',
    args: {
      rpoHours: t.arg.int({ defaultValue: 24, description: 'Recovery point objective: a last success older than this is STALE.' }),
      filter: t.arg({ type: ProtectionFilter, required: false }),
    },
    resolve: async (_root, args, ctx) => {
      const rpoHours = checkRpo(args.rpoHours ?? 24);
      const providers = providersFromFilter(ctx, args.filter?.providerIds);
      const perProvider = await Promise.all(providers.map(async (provider) => ({ provider, list: await providerProtection(ctx, provider, rpoHours) })));
      const statuses = args.filter?.statuses;
      const keep = (p: ResourceProtection) => (statuses ? statuses.includes(p.status) : true);
      const all = perProvider.flatMap((p) => p.list);
      return {
        rpoHours,
        resources: all.filter(keep),
        counts: countsOf(all),
        byProvider: perProvider.map(({ provider, list }) => ({ provider, counts: countsOf(list) })),
      };
    },
  }),
);

// Declared once on the interface; VirtualMachine and Disk inherit it.
builder.interfaceField(ProtectedResourceRef, 'protection', (t) =>
  t.field({
    type: ResourceProtectionRef,
    description: "This resource's protection status, as in Query.protection.",
    args: { rpoHours: t.arg.int({ defaultValue: 24 }) },
    resolve: async (resource, args, ctx) => {
      const rpoHours = checkRpo(args.rpoHours ?? 24);
      const list = await providerProtection(ctx, ctx.reads.provider(resource.providerId), rpoHours);
      const found = list.find((p) => p.resource.type === resource.type && p.resource.nativeId === resource.nativeId);
      return found ?? { resource, status: 'NO_SCHEDULE' as const, reason: `${resource.name} could not be assessed: its provider did not answer` };
    },
  }),
);
