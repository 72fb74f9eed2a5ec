/**
 * Node loading for node()/nodes() and the per-type loaders: by "providerId:nativeId", found in a
 * memoized list (`nodeLoader`) or looked up one by one (`nodeLookup`, for VMs: see
 * RequestReads.virtualMachine).
 */
import type { Provider } from '../domain/provider.js';
import type { GatewayContext, RequestReads } from './context.js';
import { splitLocalId } from './ids.js';

export function nodeLoader<T extends { nativeId: string }>(list: (reads: RequestReads, provider: Provider) => Promise<T[]>) {
  return nodeLookup(async (reads, provider, nativeId) => (await list(reads, provider)).find((item) => item.nativeId === nativeId));
}

export function nodeLookup<T>(find: (reads: RequestReads, provider: Provider, nativeId: string) => Promise<T | undefined>) {
  return async (ids: string[], ctx: GatewayContext): Promise<Array<T | null>> =>
    Promise.all(
      ids.map(async (id) => {
        const { providerId, nativeId } = splitLocalId(id);
        const provider = ctx.registry.get(providerId);
        if (!provider) return null;
        return (await find(ctx.reads, provider, nativeId)) ?? null;
      }),
    );
}
