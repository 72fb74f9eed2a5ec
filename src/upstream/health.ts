/**
 * Health derived from real traffic: the outcome and latency of the last upstream exchange,
 * combined with the breaker state. No extra requests are made to compute it.
 */
import type { BreakerState } from './breaker.js';

export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

export interface HealthSnapshot {
  status: HealthStatus;
  checkedAt?: Date;
  latencyMs?: number;
  message?: string;
}

export class HealthTracker {
  private last?: { ok: boolean; at: Date; latencyMs: number; message?: string };
  private recentFailures = 0;

  record(ok: boolean, latencyMs: number, message?: string): void {
    this.last = { ok, at: new Date(), latencyMs, message };
    this.recentFailures = ok ? 0 : this.recentFailures + 1;
  }

  snapshot(breaker: BreakerState): HealthSnapshot {
    if (breaker === 'OPEN') {
      return { status: 'DOWN', checkedAt: this.last?.at, latencyMs: this.last?.latencyMs, message: `circuit open after repeated failures${this.last?.message ? `: ${this.last.message}` : ''}` };
    }
    if (!this.last) return { status: 'UNKNOWN', message: 'no request made yet' };
    const status = this.last.ok ? 'UP' : breaker === 'HALF_OPEN' || this.recentFailures > 1 ? 'DOWN' : 'DEGRADED';
    return { status, checkedAt: this.last.at, latencyMs: this.last.latencyMs, message: this.last.ok ? undefined : this.last.message };
  }
}
