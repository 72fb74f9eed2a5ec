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
}

export function createAgent(options: AgentOptions): Agent {
  return new Agent({
    connect: { timeout: options.connectTimeoutMs },
    keepAliveTimeout: options.keepAliveMs ?? 10_000,
    connections: options.connections ?? 32,
  });
}
