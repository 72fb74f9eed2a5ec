/**
 * Health derived from real traffic, no extra requests: DOWN when the latest exchange failed
 * or the breaker is open, DEGRADED when it succeeded but some of the recent ones failed, UP
 * otherwise; UNKNOWN before the first exchange.
 */
import type { BreakerState } from './breaker.js';

export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

export interface HealthSnapshot {
  status: HealthStatus;
  checkedAt?: Date;
  latencyMs?: number;
  message?: string;
}

const WINDOW = 10;

export class HealthTracker {
  private last?: { ok: boolean; at: Date; latencyMs: number; message?: string };
  private lastFailure?: string;
  private readonly recent: boolean[] = [];

  record(ok: boolean, latencyMs: number, message?: string): void {
    this.last = { ok, at: new Date(), latencyMs, message };
    if (!ok) this.lastFailure = message;
    this.recent.push(ok);
    if (this.recent.length > WINDOW) this.recent.shift();
  }

  snapshot(breaker: BreakerState): HealthSnapshot {
    const base = { checkedAt: this.last?.at, latencyMs: this.last?.latencyMs };
    if (breaker === 'OPEN') return { ...base, status: 'DOWN', message: `circuit open after repeated failures${this.lastFailure ? `: ${this.lastFailure}` : ''}` };
    if (!this.last) return { status: 'UNKNOWN', message: 'no request made yet' };
    if (!this.last.ok) return { ...base, status: 'DOWN', message: this.last.message };
    const failures = this.recent.filter((ok) => !ok).length;
    if (failures > 0) return { ...base, status: 'DEGRADED', message: `${failures} of the last ${this.recent.length} requests failed; latest failure: ${this.lastFailure}` };
    return { ...base, status: 'UP' };
  }
}
