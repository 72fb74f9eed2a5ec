/**
 * The simulators' clock: real time plus an offset that tests and demos can push forward.
 * Everything time-driven in a simulator (operation progress, session expiry, schedulers)
 * reads `now()` from here, so `advance()` moves all of it at once.
 */
export class SimClock {
  private offsetMs = 0;
  private readonly listeners = new Set<() => void>();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** Jump forward; listeners (scheduler ticks) run at once so due work happens before the reply. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`clock can only move forward, got ${ms} ms`);
    this.offsetMs += ms;
    for (const listener of this.listeners) listener();
  }

  /** Set the clock to an absolute time (forward only). */
  setTo(epochMs: number): void {
    this.advance(Math.max(0, epochMs - this.now()));
  }

  onAdvance(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
