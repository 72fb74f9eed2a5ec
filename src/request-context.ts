/**
 * The id of the GraphQL request being served, carried through async calls with
 * AsyncLocalStorage so log lines and upstream requests (X-Request-ID) can name it without
 * threading it through every provider method.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const storage = new AsyncLocalStorage<{ requestId: string }>();

export function withRequestId<T>(requestId: string | undefined | null, run: () => T): T {
  const safe = requestId && /^[A-Za-z0-9._:-]{1,128}$/.test(requestId) ? requestId : randomUUID();
  return storage.run({ requestId: safe }, run);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
