/**
 * One page of a list the gateway holds in memory, for every connection field. A page is at
 * most 1,000 items: a dashboard over hundreds of VMs fits in one request. `first`/`last`
 * above that, below 0, or a cursor this API did not give out are VALIDATION errors naming the
 * argument (rather than a silently shorter page or a decoder's message).
 */
import { cursorToOffset, resolveArrayConnection } from '@pothos/plugin-relay';
import { ValidationError } from '../domain/errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1_000;

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  before?: string | null;
  after?: string | null;
}

export function pageOf<T extends object>(args: ConnectionArgs, items: T[]) {
  checkPageArgs(args);
  return { ...resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, items), totalCount: items.length };
}

/**
 * A page size asked for as `first` (or `last`): the default when absent, else 0..MAX_PAGE_SIZE or
 * a VALIDATION error naming it. Every connection, in memory or in the journal, pages by this rule.
 */
export function pageSize(size: number | null | undefined, name: 'first' | 'last' = 'first'): number {
  if (size === null || size === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(`${name} must be between 0 and ${MAX_PAGE_SIZE}, got ${size}; page on with pageInfo.endCursor and after`, name);
  }
  return size;
}

function checkPageArgs(args: ConnectionArgs): void {
  pageSize(args.first, 'first');
  pageSize(args.last, 'last');
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !isCursor(cursor)) throw new ValidationError(`${name} is not a cursor this API gave out: use a cursor or pageInfo.endCursor from an earlier page`, name);
  }
}

function isCursor(cursor: string): boolean {
  try {
    return Number.isInteger(cursorToOffset(cursor)) && cursorToOffset(cursor) >= 0;
  } catch {
    return false;
  }
}
