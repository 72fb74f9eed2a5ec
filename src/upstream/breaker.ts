/**
 * A circuit breaker per provider: after `failureThreshold` consecutive failures it opens and
 * fails fast for `cooldownMs`; then one probe request is let through (half-open) and its
 * outcome closes or re-opens the circuit.
 */
export type BreakerState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: BreakerState = 'CLOSED';
  private waiters: Array<() => void> = [];

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.current === 'OPEN' && this.now() - this.openedAt >= this.options.cooldownMs) return 'HALF_OPEN';
    return this.current;
  }

  /** Whether a request may go out now; in half-open state only one probe at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'CLOSED') return true;
    if (state === 'HALF_OPEN' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  /** A probe is on its way: other requests may wait for its outcome instead of failing. */
  get probeInFlight(): boolean {
    return this.probing;
  }

  waitForProbe(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private settle(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }

  /** Milliseconds until a probe is allowed (0 when closed). */
  retryInMs(): number {
    return this.current === 'OPEN' ? Math.max(0, this.options.cooldownMs - (this.now() - this.openedAt)) : 0;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    this.current = 'CLOSED';
    this.settle();
  }

  failure(): void {
    this.probing = false;
    this.failures += 1;
    if (this.current !== 'CLOSED' || this.failures >= this.options.failureThreshold) {
      this.current = 'OPEN';
      this.openedAt = this.now();
    }
    this.settle();
  }
}
