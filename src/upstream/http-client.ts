/**
 * The one way provider clients talk HTTP: a total timeout per request, retries for idempotent
 * requests only, a circuit breaker, and health bookkeeping. Error messages name the provider
 * and a route label chosen by the client, never the URL (Altaro puts its session token in the
 * path) nor any body (which may echo credentials).
 */
import { randomUUID } from 'node:crypto';
import type { Agent } from 'undici';
import { UpstreamUnavailableError } from '../domain/errors.js';
import { createAgent, type UpstreamTls } from './agent.js';
import { DeadlineError, dispatchText } from './dispatch.js';
import { CircuitBreaker, type BreakerOptions } from './breaker.js';
import { HealthTracker, type HealthSnapshot } from './health.js';
import { backoffDelayMs, isRetryableStatus, type RetryOptions } from './retry.js';
import { breakerState, sharedReads, upstreamDuration, upstreamRequests, upstreamRetries } from './metrics.js';
import type { RequestScope } from '../domain/request-scope.js';
import { ReadCache } from './read-cache.js';
import { startUpstreamSpan, type UpstreamSpan } from './tracing.js';

export interface UpstreamOptions {
  providerId: string;
  /** Total time for one request, answer included. */
  timeoutMs?: number;
  /** Time to establish the TCP connection. */
  connectTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  breaker?: Partial<BreakerOptions>;
  /** Most requests on the wire to this provider at once; more wait in line. Default 32. */
  maxConnections?: number;
  /** Keep read answers this long for later requests (0, the default: no cache). */
  cacheTtlMs?: number;
  /**
   * Share identical reads: within one GraphQL request, and between requests while one is on
   * the wire. Default true; false only to measure what sharing saves (the benchmark).
   */
  shareReads?: boolean;
  /** https settings: a CA to trust, or (not advised) no verification. */
  tls?: UpstreamTls;
}

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Route name for errors and metrics, e.g. "vms/list"; must not contain secrets. */
  label: string;
  headers?: Record<string, string>;
  body?: string;
  /** Safe to repeat: reads. Writes are sent once, whatever happens. */
  idempotent: boolean;
  /** The GraphQL request this call is for: its id goes upstream, and its reads are shared. */
  scope?: RequestScope;
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
  private readonly cache?: ReadCache;
  private readonly shareReads: boolean;

  constructor(options: UpstreamOptions) {
    this.providerId = options.providerId;
    this.breakerGauge = breakerState.labels({ provider: this.providerId });
    this.shared = {
      request: sharedReads.labels({ provider: this.providerId, how: 'request' }),
      cache: sharedReads.labels({ provider: this.providerId, how: 'cache' }),
      inflight: sharedReads.labels({ provider: this.providerId, how: 'inflight' }),
    };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retry = { retries: 2, baseDelayMs: 200, maxDelayMs: 5_000, ...options.retry };
    this.breaker = new CircuitBreaker({ failureThreshold: 5, cooldownMs: 30_000, ...options.breaker });
    this.agent = createAgent({
      connectTimeoutMs: options.connectTimeoutMs ?? Math.min(5_000, this.timeoutMs),
      connections: options.maxConnections,
      tls: options.tls,
    });
    this.cache = options.cacheTtlMs ? new ReadCache(options.cacheTtlMs) : undefined;
    this.shareReads = options.shareReads ?? true;
  }

  /** Close pooled connections (shutdown). */
  async close(): Promise<void> {
    await this.agent.close();
  }

  health(): HealthSnapshot {
    return this.healthTracker.snapshot(this.breaker.state);
  }

  /**
   * The client saw an authenticated call succeed: only then is the provider UP (an answer to
   * a call that needs no login, or a 401, shows the server runs, not that we can use it).
   */
  credentialsAccepted(): void {
    this.healthTracker.credentials(true);
  }

  /** The upstream refused our credentials: DOWN, with `message` (no secret in it), until they are accepted. */
  credentialsRejected(message: string): void {
    this.healthTracker.credentials(false, message);
  }

  /** The metric series of a route and status: label objects built (and validated by prom-client) once, not per request. */
  private readonly series = new Map<string, { requests: { inc(): void }; duration: { observe(seconds: number): void } }>();

  private observe(route: string, status: string, latencyMs: number): void {
    const key = `${route}\u0000${status}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        requests: upstreamRequests.labels({ provider: this.providerId, route, status }),
        duration: upstreamDuration.labels({ provider: this.providerId, route }),
      };
      this.series.set(key, series);
    }
    series.requests.inc();
    series.duration.observe(latencyMs / 1000);
  }

  /** An attempt's outcome, told to the breaker (and its gauge) and to the health record. */
  private settled(ok: boolean, latencyMs: number, message?: string): void {
    if (ok) this.breaker.success();
    else this.breaker.failure();
    this.recordBreaker();
    this.healthTracker.record(ok, latencyMs, message);
  }

  private recordBreaker(): void {
    const state = this.breaker.state;
    this.breakerGauge.set(state === 'OPEN' ? 1 : state === 'HALF_OPEN' ? 0.5 : 0);
  }

  /** This provider's series of the breaker gauge and of the shared-read counter, labels built once. */
  private readonly breakerGauge: { set(value: number): void };
  private readonly shared: Record<'request' | 'cache' | 'inflight', { inc(): void }>;

  /** Identical reads already on the wire: a later caller shares the first one's answer. */
  private readonly inflight = new Map<string, Promise<UpstreamResponse>>();

  /**
   * Reads (idempotent requests) are shared where they can be: the request's shared reads (`scope.reads`) first,
   * then the cache, then a read already on the wire. A write empties the cache.
   */
  request(req: UpstreamRequest): Promise<UpstreamResponse> {
    if (!req.idempotent) return this.write(req);
    if (!this.shareReads) return this.attempt(req);
    const key = readKey(req);
    const reads = req.scope?.reads;
    const scoped = reads?.get(key) as Promise<UpstreamResponse> | undefined;
    if (scoped) {
      this.shared.request.inc();
      return scoped;
    }
    const pending = this.read(key, req, reads !== undefined);
    reads?.set(key, pending);
    return pending;
  }

  private async write(req: UpstreamRequest): Promise<UpstreamResponse> {
    this.cache?.invalidate();
    try {
      return await this.attempt(req);
    } finally {
      this.cache?.invalidate();
    }
  }

  /** Only reads made for a query (with the request's `reads`) use the cache: polls always go upstream. */
  private read(key: string, req: UpstreamRequest, cacheable: boolean): Promise<UpstreamResponse> {
    const cached = cacheable ? this.cache?.get(key) : undefined;
    if (cached) {
      this.shared.cache.inc();
      return Promise.resolve(cached);
    }
    const onWire = this.inflight.get(key);
    if (onWire) {
      this.shared.inflight.inc();
      return onWire;
    }
    const begunAt = this.cache?.begin() ?? 0;
    const pending = this.attempt(req).then(
      (response) => {
        this.inflight.delete(key);
        if (cacheable) this.cache?.store(key, response, begunAt);
        return response;
      },
      (error: unknown) => {
        this.inflight.delete(key);
        throw error;
      },
    );
    this.inflight.set(key, pending);
    return pending;
  }

  /**
   * Whether the breaker lets a request out (at once, with no promise, when it does); while a
   * half-open probe is out, wait for its outcome.
   */
  private admitted(): true | Promise<boolean> {
    return this.breaker.allow() ? true : this.waitUntilAdmitted();
  }

  /** After a refusal: false, unless a half-open probe is out and its outcome lets us through. */
  private async waitUntilAdmitted(): Promise<boolean> {
    while (this.breaker.probeInFlight) {
      await this.breaker.waitForProbe();
      if (this.breaker.allow()) return true;
    }
    return false;
  }

  private async attempt(req: UpstreamRequest): Promise<UpstreamResponse> {
    const attempts = req.idempotent ? this.retry.retries + 1 : 1;
    let lastError: UpstreamUnavailableError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const admitted = this.admitted();
      if (!(admitted === true || (await admitted))) {
        this.recordBreaker();
        throw new UpstreamUnavailableError(
          this.providerId,
          `provider "${this.providerId}" is not being called: its circuit breaker is open after repeated failures (next try in ${Math.ceil(this.breaker.retryInMs() / 1000)} s)`,
        );
      }
      if (attempt > 0) upstreamRetries.inc({ provider: this.providerId, route: req.label });
      const started = performance.now();
      const requestId = req.scope?.requestId;
      let span: UpstreamSpan | undefined;
      try {
        const url = parsedUrl(req.url);
        span = startUpstreamSpan(this.providerId, req.method, req.label, url.url, attempt);
        const reply = await dispatchText(
          this.agent,
          {
            origin: url.origin,
            path: url.path,
            method: req.method,
            headers: {
              // Every call is traceable in the upstream's logs: the GraphQL request's id, else a fresh one.
              'x-request-id': requestId ?? randomUUID(),
              ...req.headers,
              ...span?.headers,
            },
            body: req.body,
          },
          this.timeoutMs,
        );
        const text = reply.text;
        const response = { status: reply.statusCode, headers: headerReader(reply.headers) };
        span?.answered(response.status);
        span = undefined;
        const latencyMs = performance.now() - started;
        this.observe(req.label, String(response.status), latencyMs);
        if (response.status >= 500 || response.status === 429) {
          const message = `provider "${this.providerId}" answered ${req.label} with HTTP ${response.status}`;
          this.settled(false, latencyMs, message);
          lastError = new UpstreamUnavailableError(this.providerId, message);
          if (req.idempotent && isRetryableStatus(response.status) && attempt + 1 < attempts) {
            await sleep(backoffDelayMs(attempt, this.retry, response.headers.get('retry-after')));
            continue;
          }
          throw lastError;
        }
        this.settled(true, latencyMs);
        return { status: response.status, headers: response.headers, text };
      } catch (error) {
        span?.failed(error);
        if (error instanceof UpstreamUnavailableError) throw error;
        const latencyMs = performance.now() - started;
        this.observe(req.label, 'error', latencyMs);
        const timedOut = error instanceof DeadlineError;
        const connectTimedOut = networkCode(error) === 'UND_ERR_CONNECT_TIMEOUT';
        const what = timedOut
          ? `timed out after ${this.timeoutMs} ms`
          : connectTimedOut
            ? 'could not connect in time'
            : `failed: ${describeNetworkError(error)}`;
        const outcome = req.idempotent ? '' : '; the outcome of this write is unknown';
        const message = `provider "${this.providerId}" ${req.label} ${what}${outcome}`;
        this.settled(false, latencyMs, message);
        lastError = new UpstreamUnavailableError(this.providerId, message);
        if (!req.idempotent || attempt + 1 >= attempts) throw lastError;
        await sleep(backoffDelayMs(attempt, this.retry));
      }
    }
    throw lastError ?? new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" ${req.label} failed`);
  }
}

/**
 * A request URL taken apart once: a BILLmanager dashboard posts some two hundred forms to one
 * URL, and CloudSigma and Altaro repeat theirs on every query. Bounded, and only in memory,
 * as the clients hold them (Altaro's carry its session token).
 */
const parsedUrls = new Map<string, { url: URL; origin: string; path: string }>();
const PARSED_URLS_KEPT = 1_000;

function parsedUrl(text: string): { url: URL; origin: string; path: string } {
  let parsed = parsedUrls.get(text);
  if (!parsed) {
    const url = new URL(text);
    parsed = { url, origin: url.origin, path: `${url.pathname}${url.search}` };
    if (parsedUrls.size >= PARSED_URLS_KEPT) parsedUrls.clear();
    parsedUrls.set(text, parsed);
  }
  return parsed;
}

/** `headers.get(name)` over undici's raw header record (names arrive in lower case). */
function headerReader(headers: Record<string, string | string[] | undefined>): UpstreamResponse['headers'] {
  return {
    get: (name) => {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** Two reads with the same key get the same answer; the caller's request id does not count. */
function readKey(req: UpstreamRequest): string {
  let key = `${req.method} ${req.url}\u0000`;
  for (const name in req.headers) if (name.toLowerCase() !== 'x-request-id') key += `${name}: ${req.headers[name]}\u0000`;
  return `${key}\u0000${String(req.body ?? '')}`;
}

/** The error code undici gives (on the error itself, or on its cause when wrapped). */
function networkCode(error: unknown): string | undefined {
  const { code, cause } = error as { code?: string; cause?: { code?: string } };
  return code ?? cause?.code;
}

/** Node's certificate verification codes, in words an operator can act on. */
const TLS_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server\'s certificate is self-signed and not trusted (set tls.caFile to it)',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server\'s certificate chain ends in a self-signed CA that is not trusted (set tls.caFile to it)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server\'s certificate is signed by a CA that is not trusted (set tls.caFile)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the server\'s certificate is not trusted (set tls.caFile)',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of the server\'s certificate is not trusted (set tls.caFile)',
  CERT_HAS_EXPIRED: 'the server\'s certificate has expired',
  CERT_NOT_YET_VALID: 'the server\'s certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server\'s certificate does not name this host',
  CERT_REVOKED: 'the server\'s certificate is revoked',
  EPROTO: 'TLS handshake failed (is the server speaking https?)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed (is the server speaking https?)',
};

/** The network reason (ECONNREFUSED, ECONNRESET, a certificate problem, …) without addresses that could hold secrets. */
function describeNetworkError(error: unknown): string {
  const code = networkCode(error);
  if (code && TLS_PROBLEMS[code]) return `TLS: ${TLS_PROBLEMS[code]} [${code}]`;
  if (code) return code === 'ECONNREFUSED' ? 'connection refused' : code;
  return 'network error';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
