/**
 * The operations endpoints beside GraphQL: `/readyz` (per provider, Redis and journal; 503 when
 * no provider is usable or while draining) and `/metrics` (Prometheus; with auth on, an `admin`
 * key on the main port, or `server.metricsPort`, a listener of its own that needs none).
 * `/healthz` is one line in server.ts.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Principal } from './auth.js';
import type { Journal } from './journal/journal.js';
import type { OperationBus } from './operations/bus.js';
import type { ProviderRegistry } from './providers/registry.js';
import { metricsRegistry } from './upstream/metrics.js';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export interface ReadinessSources {
  registry: ProviderRegistry;
  bus: OperationBus;
  journal?: Journal;
  draining: boolean;
  /** Whether the caller may see the per-provider detail (with auth on: any valid key). */
  detail: boolean;
}

export async function serveReadiness(res: ServerResponse, sources: ReadinessSources): Promise<void> {
  if (sources.draining) {
    sendJson(res, 503, { ready: false, draining: true });
    return;
  }
  const report = {
    ...(await readiness(sources.registry)),
    ...(sources.bus.health ? { redis: sources.bus.health() } : {}),
    // Informational, like Redis: without its journal an instance still answers from the providers.
    ...(sources.journal ? { journal: await journalHealth(sources.journal) } : {}),
  };
  sendJson(res, report.ready ? 200 : 503, sources.detail ? report : { ready: report.ready });
}

/**
 * `/metrics` on the main port. `access`: undefined with auth off; with auth on, the caller's
 * principal (undefined when it sent no valid key) and whether a separate metrics port exists.
 */
export async function serveMetrics(res: ServerResponse, access?: { principal: Principal | undefined; separateListener: boolean }): Promise<void> {
  const denied = access ? metricsDenial(access.principal, access.separateListener) : undefined;
  if (denied) sendJson(res, denied.status, { errors: [{ message: denied.message, extensions: { code: denied.code } }] });
  else await sendMetrics(res);
}

/** `server.metricsPort`: /metrics alone on its own listener, meant for a private interface. */
export async function listenMetrics(port: number, host: string): Promise<Server> {
  const metrics = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] === '/metrics') void sendMetrics(res);
    else sendJson(res, 404, { error: 'this port serves /metrics only' });
  });
  await new Promise<void>((resolve, reject) => {
    metrics.once('error', reject);
    metrics.listen(port, host, () => resolve());
  });
  return metrics;
}

async function sendMetrics(res: ServerResponse): Promise<void> {
  res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(await metricsRegistry.metrics());
}

/** With auth on, the main port's /metrics needs an `admin` key (they show operation names and upstream routes). */
function metricsDenial(principal: Principal | undefined, separateListener: boolean) {
  const where = separateListener ? ' (or scrape the metrics port, which needs none)' : '';
  if (!principal) return { status: 401, code: 'UNAUTHENTICATED', message: `/metrics needs an API key with the "admin" scope${where}` };
  if (!principal.scopes.has('admin')) return { status: 403, code: 'FORBIDDEN', message: `API key "${principal.name}" lacks the "admin" scope /metrics needs${where}` };
  return undefined;
}

/** The journal's write health, and whether its database answers now. */
async function journalHealth(journal: Journal) {
  const health = journal.health();
  if (health.status === 'DOWN') return health;
  try {
    await journal.store.ping();
    return health;
  } catch (error) {
    return { ...health, status: 'DOWN' as const, message: `the journal's database does not answer: ${(error as Error).message.split('\n')[0]}` };
  }
}

async function readiness(registry: ProviderRegistry) {
  const providers = await Promise.all(
    registry.all().map(async (provider) => {
      const known = provider.health();
      const health = known.status === 'UNKNOWN' || known.status === 'DOWN' ? await provider.probe() : known;
      return { id: provider.id, kind: provider.kind, status: health.status, message: health.message ?? null };
    }),
  );
  const ready = providers.some((p) => p.status === 'UP' || p.status === 'DEGRADED');
  return { ready, providers };
}
