/**
 * What a provider folder hands the registry: its config schema (with `kind` as the literal
 * the config file uses), the kind name the API shows, and how to build the provider. The
 * capabilities live on the provider class itself.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { Provider } from '../domain/provider.js';
import type { UpstreamOptions } from '../upstream/http-client.js';
import type { CommonProviderConfig } from './config-fields.js';

export interface BuildOptions {
  /** Share identical upstream reads (default true); false only to measure what sharing saves. */
  shareReads?: boolean;
}

export interface ProviderModule<Schema extends z.ZodType<CommonProviderConfig> = z.ZodType<CommonProviderConfig>> {
  /** The config file's `kind`, e.g. "altaro". */
  readonly configKind: string;
  /** `Provider.kind` in the API, e.g. "ALTARO". */
  readonly kind: string;
  readonly configSchema: Schema;
  create(config: z.infer<Schema>, upstream: Omit<UpstreamOptions, 'providerId'>): Provider;
}

/** Declare a provider module with its config type inferred from the schema. */
export function providerModule<Schema extends z.ZodType<CommonProviderConfig>>(module: ProviderModule<Schema>): ProviderModule<Schema> {
  return module;
}

/** The HTTP layer's settings from a provider's config (the CA file is read here, at start). */
export function upstreamOf(config: CommonProviderConfig, options: BuildOptions): Omit<UpstreamOptions, 'providerId'> {
  return {
    timeoutMs: config.timeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    maxConnections: config.maxConnections,
    cacheTtlMs: config.cacheTtlMs,
    shareReads: options.shareReads ?? true,
    retry: config.retries === undefined ? undefined : { retries: config.retries },
    breaker: {
      ...(config.breakerFailures ? { failureThreshold: config.breakerFailures } : {}),
      ...(config.breakerCooldownMs ? { cooldownMs: config.breakerCooldownMs } : {}),
    },
    tls: config.tls
      ? { ca: config.tls.caFile ? readFileSync(config.tls.caFile, 'utf8') : undefined, rejectUnauthorized: config.tls.rejectUnauthorized }
      : undefined,
  };
}
