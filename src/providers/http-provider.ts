/**
 * What every HTTP-backed provider shares: its id and base URL, one UpstreamHttp (timeouts,
 * retries, breaker, health), health from real traffic, a probe that makes one cheap read, and
 * shutdown (end the upstream session, then close the connection pool).
 */
import type { ProviderHealth } from '../domain/model.js';
import { BaseProvider } from '../domain/provider.js';
import { UpstreamHttp, type UpstreamOptions } from '../upstream/http-client.js';

export interface HttpProviderConfig {
  providerId: string;
  baseUrl: string;
  upstream?: Omit<UpstreamOptions, 'providerId'>;
}

export abstract class HttpProvider extends BaseProvider {
  readonly id: string;
  readonly baseUrl: string;
  protected readonly http: UpstreamHttp;

  constructor(config: HttpProviderConfig) {
    super();
    this.id = config.providerId;
    this.baseUrl = config.baseUrl;
    this.http = new UpstreamHttp({ providerId: config.providerId, ...config.upstream });
  }

  /**
   * The cheapest request that needs our credentials: health is UP only once one succeeded
   * (the client reports accepted / rejected credentials to UpstreamHttp).
   */
  protected abstract cheapRead(): Promise<unknown>;

  /** End the upstream session, if the provider has one. */
  protected async endSession(): Promise<void> {}

  health(): ProviderHealth {
    return this.http.health();
  }

  async probe(): Promise<ProviderHealth> {
    try {
      await this.cheapRead();
    } catch {
      // the failure is recorded by the upstream layer; health() reports it
    }
    return this.health();
  }

  async close(): Promise<void> {
    await this.endSession();
    await this.http.close();
  }
}
