/**
 * One page of a list the gateway holds in memory, for every connection field. A page is at
 * most 1,000 items (`first`/`last` above that are clamped, `pageInfo.hasNextPage` says more
 * remain): a dashboard over hundreds of VMs fits in one request.
 */
import { resolveArrayConnection } from '@pothos/plugin-relay';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1_000;

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  before?: string | null;
  after?: string | null;
}

export function pageOf<T extends object>(args: ConnectionArgs, items: T[]) {
  return { ...resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, items), totalCount: items.length };
}
