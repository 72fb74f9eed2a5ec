/**
 * The delivery worker: sends the outbox's due rows to their webhooks, on the leading instance
 * only, each claimed with a lease first so no attempt goes out twice. An attempt that times
 * out, cannot connect, or gets a 5xx or 429 is tried again after the next delay of
 * `retryScheduleMs` (± 10% jitter, at least what `Retry-After` asks); any other non-2xx, or the
 * schedule exhausted, marks it failed (logged, counted). The row's id is the `webhook-id` of
 * every attempt, so a receiver can deduplicate. Rows live in the database: after a restart the
 * pending ones simply come due again.
 */
import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { secretsOf, type AlertsConfig, type WebhookConfig } from './config.js';
import { oldestPendingDelivery, webhookDeliveries } from './metrics.js';
import { signedHeaders } from './signing.js';
import type { AlertStore, OutboxRow } from './store.js';

const BATCH = 50;
const tracer = trace.getTracer('backup-gateway');

type Attempt = { ok: true; status: number } | { ok: false; retryable: boolean; reason: string; status?: number; retryAfterMs?: number };

export class DeliveryWorker {
  private sending?: Promise<void>;
  private again = false;

  constructor(
    private readonly store: AlertStore,
    private readonly config: () => AlertsConfig,
    private readonly logger: Logger,
  ) {}

  /** Send what is due now; concurrent calls coalesce into one more pass. */
  async run(now = Date.now()): Promise<void> {
    if (this.sending) {
      this.again = true;
      return this.sending;
    }
    this.sending = (async () => {
      do {
        this.again = false;
        await this.pass(now);
        now = Date.now();
      } while (this.again);
    })().finally(() => (this.sending = undefined));
    return this.sending;
  }

  private async pass(now: number): Promise<void> {
    const { delivery, webhooks } = this.config();
    const due = await this.store.dueDeliveries(now, BATCH);
    const leaseMs = delivery.timeoutMs + 5_000;
    await Promise.all(
      due.map(async (row) => {
        if (!(await this.store.claim(row, Date.now(), leaseMs))) return;
        const webhook = webhooks.find((w) => w.url === row.url);
        if (!webhook) return this.fail(row, row.attempts, 'the webhook is no longer configured');
        await this.attempt(row, webhook, delivery);
      }),
    );
    const oldest = await this.store.oldestPending();
    oldestPendingDelivery.set(oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000));
  }

  private async attempt(row: OutboxRow, webhook: WebhookConfig, delivery: AlertsConfig['delivery']): Promise<void> {
    const attempts = row.attempts + 1;
    const host = new URL(row.url).host;
    const result = await tracer.startActiveSpan('webhook.deliver', { attributes: { 'url.host': host, 'webhook.attempt': attempts, 'webhook.event': row.type } }, async (span) => {
      const outcome = await send(row, webhook, delivery.timeoutMs);
      if (outcome.status !== undefined) span.setAttribute('http.response.status_code', outcome.status);
      span.setAttribute('webhook.status', outcome.ok ? 'delivered' : outcome.retryable ? 'retry' : 'failed');
      span.end();
      return outcome;
    });
    if (result.ok) {
      await this.store.delivered(row.id, attempts, Date.now());
      webhookDeliveries.inc({ outcome: 'delivered' });
      this.logger.debug({ webhookId: row.id, host, attempts }, 'alerts: webhook delivered');
      return;
    }
    const schedule = delivery.retryScheduleMs;
    if (!result.retryable || attempts >= schedule.length) {
      const why = result.retryable ? `${result.reason}; gave up after ${attempts} attempts` : result.reason;
      return this.fail(row, attempts, why);
    }
    const delay = Math.max(jitter(schedule[attempts]), result.retryAfterMs ?? 0);
    await this.store.retryLater(row.id, attempts, Date.now() + delay, result.reason);
    webhookDeliveries.inc({ outcome: 'retried' });
    this.logger.info({ webhookId: row.id, host, attempts, retryInMs: Math.round(delay), reason: result.reason }, 'alerts: webhook attempt failed; will retry');
  }

  private async fail(row: OutboxRow, attempts: number, reason: string): Promise<void> {
    await this.store.failed(row.id, attempts, Date.now(), reason);
    webhookDeliveries.inc({ outcome: 'failed' });
    this.logger.error({ webhookId: row.id, host: hostOf(row.url), event: row.type, attempts, reason }, 'alerts: webhook delivery failed for good');
  }
}

async function send(row: OutboxRow, webhook: WebhookConfig, timeoutMs: number): Promise<Attempt> {
  const headers = { 'content-type': 'application/json', 'user-agent': 'backup-gateway', ...signedHeaders(row.id, row.body, secretsOf(webhook), new Date()) };
  let response: Response;
  try {
    response = await fetch(row.url, { method: 'POST', headers, body: row.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    const name = (error as Error).name;
    const reason = name === 'TimeoutError' || name === 'AbortError' ? `no answer within ${timeoutMs} ms` : `cannot connect (${causeOf(error)})`;
    return { ok: false, retryable: true, reason };
  }
  await response.body?.cancel().catch(() => undefined); // the answer's body is not ours to read
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
  const retryable = response.status >= 500 || response.status === 429;
  return { ok: false, retryable, status: response.status, reason: `HTTP ${response.status}`, retryAfterMs: retryAfter(response.headers.get('retry-after')) };
}

/** Retry-After: delta-seconds or an HTTP date. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** ± 10%, so receivers that come back are not hit by every sender at the same instant. */
function jitter(delayMs: number): number {
  return delayMs * (0.9 + Math.random() * 0.2);
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
