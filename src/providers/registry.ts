/**
 * Builds the configured providers. Adding a provider kind is one folder under src/providers
 * plus one entry in `factories`.
 */
import type { Provider } from '../domain/provider.js';
import type { ProviderConfig } from '../config.js';
import { AltaroProvider } from './altaro/provider.js';
import { CloudSigmaProvider } from './cloudsigma/provider.js';
import { BillmanagerProvider } from './billmanager/provider.js';

type Factory<K extends ProviderConfig['kind']> = (config: Extract<ProviderConfig, { kind: K }>, options: RegistryOptions) => Provider;

export interface RegistryOptions {
  /** Share identical upstream reads (default true); false only to measure what sharing saves. */
  shareReads?: boolean;
}

function upstreamOf(config: ProviderConfig, options: RegistryOptions) {
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
  };
}

const factories: { [K in ProviderConfig['kind']]?: Factory<K> } = {
  altaro: (config, options) =>
    new AltaroProvider({
      providerId: config.id,
      baseUrl: config.baseUrl,
      username: config.username,
      password: config.password,
      domain: config.domain,
      serverAddress: config.serverAddress,
      serverPort: config.serverPort,
      timezone: config.timezone,
      upstream: upstreamOf(config, options),
    }),
  cloudsigma: (config, options) =>
    new CloudSigmaProvider({
      providerId: config.id,
      baseUrl: config.baseUrl,
      username: config.username,
      password: config.password,
      token: config.token,
      upstream: upstreamOf(config, options),
    }),
  billmanager: (config, options) =>
    new BillmanagerProvider({
      providerId: config.id,
      baseUrl: config.baseUrl,
      username: config.username,
      password: config.password,
      timezone: config.timezone,
      upstream: upstreamOf(config, options),
    }),
};

export class ProviderRegistry {
  private readonly byId = new Map<string, Provider>();

  /** Whether RequestReads memoizes per request (see RegistryOptions.shareReads). */
  readonly shareReads: boolean;

  constructor(providers: Provider[], options: RegistryOptions = {}) {
    this.shareReads = options.shareReads ?? true;
    for (const provider of providers) this.byId.set(provider.id, provider);
  }

  static fromConfig(configs: ProviderConfig[], options: RegistryOptions = {}): ProviderRegistry {
    return new ProviderRegistry(
      configs.map((config) => {
        const factory = factories[config.kind] as Factory<typeof config.kind> | undefined;
        if (!factory) throw new Error(`provider kind "${config.kind}" (provider "${config.id}") is not available in this build`);
        return factory(config as never, options);
      }),
      options,
    );
  }

  all(): Provider[] {
    return [...this.byId.values()];
  }

  get(id: string): Provider | undefined {
    return this.byId.get(id);
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.all().map((provider) => provider.close()));
  }
}
