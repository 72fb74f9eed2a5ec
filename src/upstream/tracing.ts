/**
 * One CLIENT span per upstream HTTP attempt (a retry is a span of its own, with
 * `http.request.resend_count`), named by the client's route label ("GET vms/list"), never by
 * the URL: Altaro carries its session token in the path and CloudSigma ids in it, so the span
 * has the label as `url.template` and the host and port, and no `url.full`. The span's context
 * goes upstream as a W3C `traceparent` header. Nothing happens while traces are off.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { telemetryEnabled } from '../telemetry/setup.js';
import { markFailed, tracer } from '../telemetry/tracer.js';

export interface UpstreamSpan {
  /** Headers to send with the request: `traceparent` (and `tracestate`). */
  readonly headers: Record<string, string>;
  /** The upstream answered with this status (a 5xx or 429 marks the span as failed). */
  answered(status: number): void;
  /** No answer: a timeout or a network error. */
  failed(error: unknown): void;
}

export function startUpstreamSpan(providerId: string, method: string, label: string, url: URL, attempt: number): UpstreamSpan | undefined {
  if (!telemetryEnabled()) return undefined;
  const span: Span = tracer().startSpan(`${method} ${label}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': method,
      'url.template': label,
      'server.address': url.hostname,
      'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      'backup_gateway.provider.id': providerId,
      ...(attempt > 0 ? { 'http.request.resend_count': attempt } : {}),
    },
  });
  const headers: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), headers);
  return {
    headers,
    answered(status) {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500 || status === 429) {
        span.setAttribute('error.type', String(status));
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
    failed(error) {
      markFailed(span, error);
      span.end();
    },
  };
}
