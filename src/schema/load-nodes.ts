/** Node loading for node()/nodes() and the per-type loaders: find by "providerId:nativeId" in a memoized list. */
import type { Provider } from '../domain/provider.js';
import type { GatewayContext, RequestReads } from './context.js';
import { splitLocalId } from './ids.js';

export function nodeLoader<T extends { nativeId: string }>(list: (reads: RequestReads, provider: Provider) => Promise<T[]>) {
  return async (ids: string[], ctx: GatewayContext): Promise<Array<T | null>> =>
    Promise.all(
      ids.map(async (id) => {
        const { providerId, nativeId } = splitLocalId(id);
        const provider = ctx.registry.get(providerId);
        if (!provider) return null;
        return (await list(ctx.reads, provider)).find((item) => item.nativeId === nativeId) ?? null;
      }),
    );
}
