/**
 * Turning mutation input IDs into domain objects: a malformed or wrong-type ID is a
 * ValidationError naming the field; an unknown provider or entity is a NotFoundError.
 */
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { Backup, BackupLocation, Resource, Schedule, VirtualMachine } from '../domain/model.js';
import type { Provider } from '../domain/provider.js';
import type { GatewayContext } from './context.js';
import { parseId, type DecodedId } from './ids.js';

export function providerOf(ctx: GatewayContext, decoded: DecodedId, field: string): Provider {
  const provider = ctx.registry.get(decoded.providerId);
  if (!provider) throw new NotFoundError(`${field}: no provider "${decoded.providerId}" is configured`);
  return provider;
}

export async function findResource(ctx: GatewayContext, globalId: string, field: string): Promise<{ provider: Provider; resource: Resource }> {
  const decoded = parseId(globalId, field, ['VirtualMachine', 'Disk'] as const);
  const provider = providerOf(ctx, decoded, field);
  const resource = await ctx.reads.resource({ type: decoded.type, providerId: provider.id, nativeId: decoded.nativeId });
  if (!resource) throw new NotFoundError(`${field}: no ${decoded.type} ${decoded.nativeId} on provider "${provider.id}"`, provider.id);
  return { provider, resource };
}

export async function findVirtualMachine(ctx: GatewayContext, globalId: string, field: string): Promise<{ provider: Provider; vm: VirtualMachine }> {
  const decoded = parseId(globalId, field, ['VirtualMachine'] as const);
  const provider = providerOf(ctx, decoded, field);
  const vm = await ctx.reads.virtualMachine(provider, decoded.nativeId);
  if (!vm) throw new NotFoundError(`${field}: no VirtualMachine ${decoded.nativeId} on provider "${provider.id}"`, provider.id);
  return { provider, vm };
}

export async function findSchedule(ctx: GatewayContext, globalId: string, field: string): Promise<{ provider: Provider; schedule: Schedule }> {
  const decoded = parseId(globalId, field, ['Schedule'] as const);
  const provider = providerOf(ctx, decoded, field);
  const schedule = (await ctx.reads.schedules(provider)).find((s) => s.nativeId === decoded.nativeId);
  if (!schedule) throw new NotFoundError(`${field}: no Schedule ${decoded.nativeId} on provider "${provider.id}"`, provider.id);
  return { provider, schedule };
}

export async function findBackupLocation(ctx: GatewayContext, globalId: string, field: string): Promise<{ provider: Provider; location: BackupLocation }> {
  const decoded = parseId(globalId, field, ['BackupLocation'] as const);
  const provider = providerOf(ctx, decoded, field);
  const location = (await ctx.reads.backupLocations(provider)).find((l) => l.nativeId === decoded.nativeId);
  if (!location) throw new NotFoundError(`${field}: no BackupLocation ${decoded.nativeId} on provider "${provider.id}"`, provider.id);
  return { provider, location };
}

export async function findBackup(ctx: GatewayContext, globalId: string, field: string): Promise<{ provider: Provider; backup: Backup }> {
  const decoded = parseId(globalId, field, ['Backup'] as const);
  const provider = providerOf(ctx, decoded, field);
  const backup = await provider.getBackup(decoded.nativeId, ctx.reads.writeScope);
  if (!backup) throw new NotFoundError(`${field}: no Backup ${decoded.nativeId} on provider "${provider.id}"`, provider.id);
  return { provider, backup };
}

/** Two IDs of one mutation must belong to the same provider. */
export function sameProvider(a: Provider, b: Provider, fields: [string, string]): void {
  if (a.id !== b.id) {
    throw new ValidationError(`${fields[1]} belongs to provider "${b.id}" but ${fields[0]} to provider "${a.id}"; both must be of one provider`, fields[1]);
  }
}

/**
 * Look several inputs up at once, so their upstream reads travel in one round; when some fail,
 * the error is that of the first input in argument order, as if they had been looked up in turn.
 */
export async function lookUpTogether<T extends readonly unknown[]>(lookups: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(lookups);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
