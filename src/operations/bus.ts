/**
 * How operation updates travel between gateway instances, and which instance polls. With one
 * instance (no `redis.url`) the LocalBus delivers nothing further and every lease is granted;
 * with Redis (redis-bus.ts) an update observed by one instance reaches every instance, and a
 * lease makes sure at most one instance polls a given operation at a time.
 */
import type { Operation } from '../domain/model.js';

export interface OperationBus {
  /** Tell the other instances about an update this instance observed. */
  publish(operation: Operation): void;
  /** Updates observed by other instances. */
  subscribe(listener: (operation: Operation) => void): void;
  /** Take or renew the lease on `key` for `ttlMs`; true when this instance holds it. */
  lease(key: string, ttlMs: number): Promise<boolean>;
  /** Give the lease up (no one here watches any more), so another instance can take it at once. */
  release(key: string): Promise<void>;
  close(): Promise<void>;
  /** Whether the shared channel is reachable (only buses that have one; shown by /readyz). */
  health?(): 'UP' | 'DOWN';
}

export class LocalBus implements OperationBus {
  publish(): void {}
  subscribe(): void {}
  async lease(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
  async close(): Promise<void> {}
}

/** An Operation as JSON (dates as ISO strings), and back. */
export function encodeOperation(operation: Operation): string {
  return JSON.stringify(operation);
}

export function decodeOperation(text: string): Operation {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const date = (value: unknown) => (typeof value === 'string' ? new Date(value) : undefined);
  return {
    ...(raw as unknown as Operation),
    startedAt: date(raw.startedAt),
    updatedAt: date(raw.updatedAt) ?? new Date(),
    finishedAt: date(raw.finishedAt),
  };
}
