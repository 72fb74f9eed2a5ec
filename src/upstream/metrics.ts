/**
 * Prometheus metrics, one registry per process (several gateways in one test process share
 * it; counters only ever go up). The server exposes it at /metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'backup_gateway_' });

export const upstreamRequests = new Counter({
  name: 'backup_gateway_upstream_requests_total',
  help: 'Upstream HTTP requests by provider, route and status (or "error" when no answer came).',
  labelNames: ['provider', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

export const upstreamDuration = new Histogram({
  name: 'backup_gateway_upstream_request_duration_seconds',
  help: 'Upstream request latency.',
  labelNames: ['provider', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const upstreamRetries = new Counter({
  name: 'backup_gateway_upstream_retries_total',
  help: 'Retries of idempotent upstream requests.',
  labelNames: ['provider', 'route'] as const,
  registers: [metricsRegistry],
});

export const sharedReads = new Counter({
  name: 'backup_gateway_upstream_shared_reads_total',
  help: 'Reads answered without a new upstream request: from the same GraphQL request ("request"), the cache ("cache") or a read already on the wire ("inflight").',
  labelNames: ['provider', 'how'] as const,
  registers: [metricsRegistry],
});

export const breakerState = new Gauge({
  name: 'backup_gateway_upstream_breaker_open',
  help: 'Circuit breaker per provider: 0 closed, 0.5 half-open, 1 open.',
  labelNames: ['provider'] as const,
  registers: [metricsRegistry],
});

export const graphqlOperations = new Counter({
  name: 'backup_gateway_graphql_operations_total',
  help: 'GraphQL operations by name, type and outcome (ok, error, partial).',
  labelNames: ['operation', 'type', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const graphqlDuration = new Histogram({
  name: 'backup_gateway_graphql_operation_duration_seconds',
  help: 'GraphQL operation latency (queries and mutations).',
  labelNames: ['operation', 'type'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const activeSubscriptions = new Gauge({
  name: 'backup_gateway_active_subscriptions',
  help: 'Open GraphQL subscriptions.',
  registers: [metricsRegistry],
});

export const activePollers = new Gauge({
  name: 'backup_gateway_operation_pollers',
  help: 'Operations being polled upstream for subscribers.',
  registers: [metricsRegistry],
});
