/**
 * Retry policy for idempotent reads: exponential backoff with full jitter, honouring a
 * Retry-After header when the upstream sends one. Writes are never retried (DESIGN.md).
 */
export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function backoffDelayMs(attempt: number, options: RetryOptions, retryAfter?: string | null): number {
  const fromHeader = parseRetryAfterMs(retryAfter);
  if (fromHeader !== undefined) return Math.min(fromHeader, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfterMs(value?: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Statuses worth another try for a read: rate limiting and transient server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}
