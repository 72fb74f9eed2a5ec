/**
 * OpenTelemetry traces, configured only by the standard environment variables:
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) turns them on,
 * `OTEL_EXPORTER_OTLP_PROTOCOL` (or `OTEL_EXPORTER_OTLP_TRACES_PROTOCOL`) picks `http/protobuf`
 * (the spec's default) or `http/json`, `OTEL_SERVICE_NAME` names the service (default
 * `backup-gateway`). Unset, nothing is registered: the API's no-op tracer answers every call
 * and the gateway adds no tracing plugin, so traces cost nothing.
 *
 * One tracer provider per process (it is global): `startTelemetry` once at start-up, before
 * anything opens the journal, and `shutdownTelemetry` on the way out, which flushes what is
 * still batched.
 */
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

let provider: NodeTracerProvider | undefined;

/** Whether this process exports traces (set by `startTelemetry`). */
export function telemetryEnabled(): boolean {
  return provider !== undefined;
}

/** The protocol the environment asks for; an unsupported one is an error that says which are. */
export function otlpProtocol(env: NodeJS.ProcessEnv): OtlpProtocol {
  const value = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf').trim();
  if (value === 'http/protobuf' || value === 'http/json') return value;
  throw new TelemetryConfigError(`OTEL_EXPORTER_OTLP_PROTOCOL "${value}" is not supported: use http/protobuf (the default) or http/json`);
}

export class TelemetryConfigError extends Error {}

/** Start exporting traces if the environment names an OTLP endpoint; returns whether it did. */
export function startTelemetry(env: NodeJS.ProcessEnv = process.env): boolean {
  if (provider) return true;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return false;
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  // The exporters read the endpoint, headers and timeout from the same variables themselves.
  const exporter = otlpProtocol(env) === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
  const resource = resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'backup-gateway' }).merge(detectResources({ detectors: [envDetector] }));
  provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  // Registers the provider, the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  return true;
}

/** Export what is still batched and stop; a no-op when traces are off. Never throws. */
export async function shutdownTelemetry(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  await stopping?.shutdown().catch(() => undefined);
}
