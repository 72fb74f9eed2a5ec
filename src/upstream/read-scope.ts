/**
 * The reads of one GraphQL request (or one subscription event) share their upstream answers:
 * an identical read made twice inside the scope goes upstream once, even when the two calls
 * follow one another (a provider that derives two lists from the same endpoint, say).
 * RequestReads opens the scope around every provider read. Operation polls, write
 * verifications and the writes themselves run outside any scope and always go upstream.
 * A provider may also keep a value it derives from those answers for the rest of the scope
 * (`scopedOnce`), when several of its lists need it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type ReadMemo = Map<string, Promise<unknown>>;

const storage = new AsyncLocalStorage<ReadMemo>();

export function inReadScope<T>(memo: ReadMemo, run: () => T): T {
  return storage.run(memo, run);
}

export function currentReadScope(): ReadMemo | undefined {
  return storage.getStore();
}

/**
 * `compute()` once per read scope for `key` (which names the provider and the value, e.g.
 * "zrh\u0000newestByDrive"), shared by every caller in the scope; outside a scope, each call
 * computes afresh, as an upstream read there would go upstream.
 */
export function scopedOnce<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return compute();
  const scopedKey = `derived\u0000${key}`;
  let pending = scope.get(scopedKey) as Promise<T> | undefined;
  if (!pending) {
    pending = compute();
    scope.set(scopedKey, pending);
  }
  return pending;
}
