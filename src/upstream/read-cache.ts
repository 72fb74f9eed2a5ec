/**
 * The optional short-lived cache of one provider's read answers (`cacheTtlMs`, off by default).
 * Any write the gateway sends to the provider empties it, before and after the write, and an
 * answer whose read began before a write is not stored: our own mutations are never followed
 * by a stale read. Only successful answers are kept.
 */
import type { UpstreamResponse } from './http-client.js';

export class ReadCache {
  private readonly entries = new Map<string, { expiresAt: number; response: UpstreamResponse }>();
  private generation = 0;

  constructor(private readonly ttlMs: number) {}

  get(key: string): UpstreamResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.response;
    this.entries.delete(key);
    return undefined;
  }

  /** Call before the read is sent; pass the result to `store`. */
  begin(): number {
    return this.generation;
  }

  store(key: string, response: UpstreamResponse, begunAt: number): void {
    if (begunAt !== this.generation || response.status >= 300) return;
    this.entries.set(key, { expiresAt: Date.now() + this.ttlMs, response });
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
