/**
 * One DataLoader per request (GraphQL context) and kind of lookup, so the items of a list cost
 * one batched read, never one each. A subscription keeps its context for its life: its loader
 * starts afresh past LOADER_LIMIT lookups, so it never grows without end.
 */
import DataLoader from 'dataloader';
import type { GatewayContext } from './context.js';

/** A kind of lookup: defined once per module (it is also the loader's identity). */
export interface BatchLookup<K, V> {
  /** The values of `keys`, in their order. */
  load(ctx: GatewayContext, keys: readonly K[]): Promise<V[]>;
  cacheKey(key: K): string;
}

const LOADER_LIMIT = 5_000;
const MAX_BATCH = 1_000;

type Entry = { loader: DataLoader<unknown, unknown, string>; keys: number };
const perContext = new WeakMap<GatewayContext, Map<BatchLookup<never, unknown>, Entry>>();

export function lookUp<K, V>(ctx: GatewayContext, lookup: BatchLookup<K, V>, key: K): Promise<V> {
  let entries = perContext.get(ctx);
  if (!entries) perContext.set(ctx, (entries = new Map()));
  let entry = entries.get(lookup as BatchLookup<never, unknown>);
  if (!entry || entry.keys >= LOADER_LIMIT) {
    const loader = new DataLoader<K, V, string>((keys) => lookup.load(ctx, keys), { maxBatchSize: MAX_BATCH, cacheKeyFn: (k) => lookup.cacheKey(k) });
    entry = { loader: loader as DataLoader<unknown, unknown, string>, keys: 0 };
    entries.set(lookup as BatchLookup<never, unknown>, entry);
  }
  entry.keys++;
  return entry.loader.load(key) as Promise<V>;
}
