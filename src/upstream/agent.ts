/**
 * One keep-alive connection pool per provider, with its own connect timeout: a provider that
 * does not accept connections fails fast, before the request's total timeout runs out.
 */
import { Agent } from 'undici';

export interface AgentOptions {
  connectTimeoutMs: number;
  /** Idle keep-alive sockets are closed after this long. */
  keepAliveMs?: number;
  /** Most sockets open to the provider at once: its concurrency limit (requests beyond it queue). */
  connections?: number;
  /** https only: extra trusted CA certificates (PEM) and whether to verify the certificate at all. */
  tls?: UpstreamTls;
}

export interface UpstreamTls {
  /** PEM text of the CA (or the self-signed certificate itself) to trust besides the system's. */
  ca?: string;
  /** Default true. false accepts any certificate (logged as a warning at start). */
  rejectUnauthorized?: boolean;
}

export function createAgent(options: AgentOptions): Agent {
  return new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
      ...(options.tls?.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
    },
    keepAliveTimeout: options.keepAliveMs ?? 10_000,
    connections: options.connections ?? 32,
  });
}
