/** Shared argument handling: provider filters accept global Provider IDs or plain config ids. */
import { ValidationError } from '../domain/errors.js';
import type { Provider } from '../domain/provider.js';
import type { GatewayContext } from './context.js';
import { parseId } from './ids.js';

export function providersFromFilter(ctx: GatewayContext, ids: readonly (string | number)[] | null | undefined): Provider[] {
  if (!ids) return ctx.registry.all();
  return ids.map((raw) => {
    const id = String(raw);
    const direct = ctx.registry.get(id);
    if (direct) return direct;
    const decoded = parseId(id, 'filter.providerIds', ['Provider']);
    const provider = ctx.registry.get(decoded.providerId);
    if (!provider) throw new ValidationError(`filter.providerIds: no provider "${decoded.providerId}" is configured`, 'filter.providerIds');
    return provider;
  });
}
