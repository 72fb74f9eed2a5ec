/**
 * The reads of one GraphQL request (or one subscription event) share their upstream answers:
 * an identical read made twice inside the scope goes upstream once, even when the two calls
 * follow one another (a provider that derives two lists from the same endpoint, say).
 * RequestReads opens the scope around every provider read. Operation polls, write
 * verifications and the writes themselves run outside any scope and always go upstream.
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
