/** Webhook delivery metrics, on the gateway's one registry (/metrics). */
import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '../upstream/metrics.js';

export const webhookDeliveries = new Counter({
  name: 'backup_gateway_webhook_deliveries_total',
  help: 'Webhook delivery attempts by outcome: delivered, retried (a timeout, connection error, 5xx or 429; tried again later), failed (refused, or the retry schedule exhausted).',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const oldestPendingDelivery = new Gauge({
  name: 'backup_gateway_webhook_oldest_pending_seconds',
  help: 'Age of the oldest webhook delivery not yet delivered nor failed (0 when none waits), as the delivering instance last saw it.',
  registers: [metricsRegistry],
});
