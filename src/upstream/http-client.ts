/**
 * The one way provider clients talk HTTP: a total timeout per request, retries for idempotent
 * requests only, a circuit breaker, and health bookkeeping. Error messages name the provider
 * and a route label chosen by the client, never the URL (Altaro puts its session token in the
 * path) nor any body (which may echo credentials).
 */
import { fetch, type Agent } from 'undici';
import { UpstreamUnavailableError } from '../domain/errors.js';
import { createAgent } from './agent.js';
import { CircuitBreaker, type BreakerOptions } from './breaker.js';
import { HealthTracker, type HealthSnapshot } from './health.js';
import { backoffDelayMs, isRetryableStatus, type RetryOptions } from './retry.js';
import { breakerState, upstreamDuration, upstreamRequests, upstreamRetries } from './metrics.js';
import { currentRequestId } from '../request-context.js';

export interface UpstreamOptions {
  providerId: string;
  /** Total time for one request, answer included. */
  timeoutMs?: number;
  /** Time to establish the TCP connection. */
  connectTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Route name for errors and metrics, e.g. "vms/list"; must not contain secrets. */
  label: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** Safe to repeat: reads. Writes are sent once, whatever happens. */
  idempotent: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

export class UpstreamHttp {
  readonly providerId: string;
  private readonly timeoutMs: number;
  private readonly retry: RetryOptions;
  readonly breaker: CircuitBreaker;
  private readonly healthTracker = new HealthTracker();
  private readonly agent: Agent;

  constructor(options: UpstreamOptions) {
    this.providerId = options.providerId;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retry = { retries: 2, baseDelayMs: 200, maxDelayMs: 5_000, ...options.retry };
    this.breaker = new CircuitBreaker({ failureThreshold: 5, cooldownMs: 30_000, ...options.breaker });
    this.agent = createAgent({ connectTimeoutMs: options.connectTimeoutMs ?? Math.min(5_000, this.timeoutMs) });
  }

  /** Close pooled connections (shutdown). */
  async close(): Promise<void> {
    await this.agent.close();
  }

  health(): HealthSnapshot {
    return this.healthTracker.snapshot(this.breaker.state);
  }

  private observe(route: string, status: string, latencyMs: number): void {
    upstreamRequests.inc({ provider: this.providerId, route, status });
    upstreamDuration.observe({ provider: this.providerId, route }, latencyMs / 1000);
  }

  private recordBreaker(): void {
    const state = this.breaker.state;
    breakerState.set({ provider: this.providerId }, state === 'OPEN' ? 1 : state === 'HALF_OPEN' ? 0.5 : 0);
  }

  /** Identical GETs already on the wire: a second caller shares the first one's answer. */
  private readonly inflight = new Map<string, Promise<UpstreamResponse>>();

  async request(req: UpstreamRequest): Promise<UpstreamResponse> {
    if (req.method !== 'GET') return this.observed(req);
    const key = `${req.url}\u0000${JSON.stringify(req.headers ?? {})}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.observed(req).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async observed(req: UpstreamRequest): Promise<UpstreamResponse> {
    try {
      return await this.attempt(req);
    } finally {
      this.recordBreaker();
    }
  }

  /** Whether the breaker lets a request out; while a half-open probe is out, wait for its outcome. */
  private async admitted(): Promise<boolean> {
    for (;;) {
      if (this.breaker.allow()) return true;
      if (!this.breaker.probeInFlight) return false;
      await this.breaker.waitForProbe();
    }
  }

  private async attempt(req: UpstreamRequest): Promise<UpstreamResponse> {
    const attempts = req.idempotent ? this.retry.retries + 1 : 1;
    let lastError: UpstreamUnavailableError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (!(await this.admitted())) {
        throw new UpstreamUnavailableError(
          this.providerId,
          `provider "${this.providerId}" is not being called: its circuit breaker is open after repeated failures (next try in ${Math.ceil(this.breaker.retryInMs() / 1000)} s)`,
        );
      }
      if (attempt > 0) upstreamRetries.inc({ provider: this.providerId, route: req.label });
      const started = performance.now();
      const requestId = currentRequestId();
      try {
        const response = await fetch(req.url, {
          method: req.method,
          headers: { ...(requestId ? { 'x-request-id': requestId } : {}), ...req.headers },
          body: req.body,
          signal: AbortSignal.timeout(this.timeoutMs),
          dispatcher: this.agent,
        });
        const text = await response.text();
        const latencyMs = performance.now() - started;
        this.observe(req.label, String(response.status), latencyMs);
        if (response.status >= 500 || response.status === 429) {
          const message = `provider "${this.providerId}" answered ${req.label} with HTTP ${response.status}`;
          this.breaker.failure();
          this.healthTracker.record(false, latencyMs, message);
          lastError = new UpstreamUnavailableError(this.providerId, message);
          if (req.idempotent && isRetryableStatus(response.status) && attempt + 1 < attempts) {
            await sleep(backoffDelayMs(attempt, this.retry, response.headers.get('retry-after')));
            continue;
          }
          throw lastError;
        }
        this.breaker.success();
        this.healthTracker.record(true, latencyMs);
        return { status: response.status, headers: response.headers, text };
      } catch (error) {
        if (error instanceof UpstreamUnavailableError) throw error;
        const latencyMs = performance.now() - started;
        this.observe(req.label, 'error', latencyMs);
        const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
        const connectTimedOut = (error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_CONNECT_TIMEOUT';
        const what = timedOut
          ? `timed out after ${this.timeoutMs} ms`
          : connectTimedOut
            ? 'could not connect in time'
            : `failed: ${describeNetworkError(error)}`;
        const outcome = req.idempotent ? '' : '; the outcome of this write is unknown';
        const message = `provider "${this.providerId}" ${req.label} ${what}${outcome}`;
        this.breaker.failure();
        this.healthTracker.record(false, latencyMs, message);
        lastError = new UpstreamUnavailableError(this.providerId, message);
        if (!req.idempotent || attempt + 1 >= attempts) throw lastError;
        await sleep(backoffDelayMs(attempt, this.retry));
      }
    }
    throw lastError ?? new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" ${req.label} failed`);
  }
}

/** The network reason (ECONNREFUSED, ECONNRESET, …) without addresses that could hold secrets. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code === 'ECONNREFUSED' ? 'connection refused' : cause.code;
  return 'network error';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
