/**
 * The provider kinds this build knows, and the configured providers built from them.
 *
 * Adding a provider kind: a folder under src/providers with its config schema (`config.ts`),
 * its Provider class (capabilities included) and its module (`index.ts`), plus ONE line in
 * PROVIDER_MODULES below. The config loader, the API's ProviderKind enum and this registry
 * all read that list.
 */
import type { Provider } from '../domain/provider.js';
import type { ProviderConfig } from '../config.js';
import { upstreamOf, type BuildOptions, type ProviderModule } from './module.js';
import { altaro } from './altaro/index.js';
import { cloudsigma } from './cloudsigma/index.js';
import { billmanager } from './billmanager/index.js';

export const PROVIDER_MODULES = [altaro, cloudsigma, billmanager] as const;

/** Each module's config schema, in PROVIDER_MODULES order (the loader's discriminated union). */
export const PROVIDER_CONFIG_SCHEMAS = configSchemasOf(PROVIDER_MODULES);

function configSchemasOf<const M extends readonly ProviderModule<any>[]>(modules: M): { -readonly [K in keyof M]: M[K]['configSchema'] } {
  return modules.map((module) => module.configSchema) as { -readonly [K in keyof M]: M[K]['configSchema'] };
}

/** The API's ProviderKind values. */
export const PROVIDER_KINDS = PROVIDER_MODULES.map((module) => module.kind);

export type RegistryOptions = BuildOptions;

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
        const module = PROVIDER_MODULES.find((m) => m.configKind === config.kind) as ProviderModule | undefined;
        if (!module) throw new Error(`provider kind "${config.kind}" (provider "${config.id}") is not available in this build`);
        return module.create(config, upstreamOf(config, options));
      }),
      options,
    );
  }

  /** Providers whose https certificates are not verified (`tls.rejectUnauthorized: false`), for a warning at start. */
  static unverifiedTls(configs: ProviderConfig[]): string[] {
    return configs.filter((config) => config.tls?.rejectUnauthorized === false).map((config) => config.id);
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
