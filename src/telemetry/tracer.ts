/**
 * The gateway's tracer and the one helper every span site uses. Without `startTelemetry` the
 * OpenTelemetry API hands out its no-op tracer, so these calls cost next to nothing; call
 * sites that would build attributes or headers check `telemetryEnabled()` first.
 */
import { context, SpanStatusCode, trace, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api';

export const TRACER_NAME = 'backup-gateway';

export const tracer = () => trace.getTracer(TRACER_NAME);

/**
 * Run `work` inside a new active span (so spans started inside become its children), ending
 * the span when `work` settles; a throw or rejection marks it as an error and is passed on.
 */
export function inSpan<T>(name: string, options: { kind?: SpanKind; attributes?: Attributes; parent?: Context }, work: (span: Span) => T): T {
  return tracer().startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, options.parent ?? context.active(), (span) => {
    const failed = (error: unknown) => {
      markFailed(span, error);
      span.end();
      throw error;
    };
    let result: T;
    try {
      result = work(span);
    } catch (error) {
      return failed(error);
    }
    if (result instanceof Promise) {
      return result.then((value) => {
        span.end();
        return value;
      }, failed) as T;
    }
    span.end();
    return result;
  });
}

export function markFailed(span: Span, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.setAttribute('error.type', error instanceof Error ? error.name : 'Error');
}
