/**
 * Health derived from real traffic, no extra requests: DOWN when the latest exchange failed,
 * the breaker is open or the credentials were rejected; UNKNOWN before an authenticated call
 * has succeeded (a server that answers is not yet one we can use); DEGRADED when the latest
 * exchange succeeded but some recent ones failed; UP otherwise.
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
  /** undefined: no authenticated call yet; true: accepted; a string: why they were rejected. */
  private auth?: true | string;

  credentials(accepted: boolean, message?: string): void {
    this.auth = accepted ? true : (message ?? 'the provider rejected the credentials');
  }

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
    if (typeof this.auth === 'string') return { ...base, status: 'DOWN', message: this.auth };
    if (!this.last.ok) return { ...base, status: 'DOWN', message: this.last.message };
    if (this.auth === undefined) return { ...base, status: 'UNKNOWN', message: 'the provider answers, but no authenticated call has succeeded yet' };
    const failures = this.recent.filter((ok) => !ok).length;
    if (failures > 0) return { ...base, status: 'DEGRADED', message: `${failures} of the last ${this.recent.length} requests failed; latest failure: ${this.lastFailure}` };
    return { ...base, status: 'UP' };
  }
}
