/**
 * What one GraphQL request (or one subscription event) hands down to the upstream calls it
 * causes. It is an argument, from the resolvers through the providers and their clients to
 * UpstreamHttp, not AsyncLocalStorage: its promise hooks taxed every promise in the process,
 * about a fifth of the gateway's CPU per dashboard query (bench/RESULTS.md).
 *
 * - `requestId` goes upstream as X-Request-ID, so one request can be followed across systems.
 * - `reads`: the reads of one request share their upstream answers. An identical read made
 *   twice goes upstream once, even when the two calls follow one another (a provider that
 *   derives two lists from the same endpoint, say). RequestReads gives every provider read
 *   one. Operation polls, write verifications and the writes themselves have none, and always
 *   go upstream. A provider may also keep a value it derives from those answers for the rest
 *   of the request (`scopedOnce`), when several of its lists need it.
 */
import { randomUUID } from 'node:crypto';

export type ReadMemo = Map<string, Promise<unknown>>;

export interface RequestScope {
  readonly requestId?: string;
  readonly reads?: ReadMemo;
}

/** The caller's X-Request-ID when it is a sane token, else a fresh one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : randomUUID();
}

/**
 * `compute()` once per request for `key` (which names the provider and the value, e.g.
 * "zrh\u0000newestByDrive"), shared by every caller with the same `reads`; without them,
 * each call computes afresh, as an upstream read there would go upstream.
 */
export function scopedOnce<T>(scope: RequestScope | undefined, key: string, compute: () => Promise<T>): Promise<T> {
  const reads = scope?.reads;
  if (!reads) return compute();
  const scopedKey = `derived\u0000${key}`;
  let pending = reads.get(scopedKey) as Promise<T> | undefined;
  if (!pending) {
    pending = compute();
    reads.set(scopedKey, pending);
  }
  return pending;
}
