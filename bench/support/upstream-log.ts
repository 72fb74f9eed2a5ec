/** The simulators' request logs over their admin API: what the gateway asked of each upstream. */
import type { LoggedRequest } from '../../src/simulators/kit/http.js';
import type { Simulators } from './processes.js';

export type ProviderName = keyof Simulators['origins'];
export type UpstreamLog = Record<ProviderName, LoggedRequest[]>;

export async function clearLogs(sims: Simulators): Promise<void> {
  await Promise.all(Object.values(sims.origins).map((origin) => fetch(`${origin}/__sim/requests`, { method: 'DELETE' })));
}

export async function readLogs(sims: Simulators): Promise<UpstreamLog> {
  const entries = await Promise.all(
    Object.entries(sims.origins).map(async ([name, origin]) => {
      const body = (await (await fetch(`${origin}/__sim/requests`)).json()) as { requests: LoggedRequest[] };
      return [name, body.requests] as const;
    }),
  );
  return Object.fromEntries(entries) as UpstreamLog;
}

export function totalRequests(log: UpstreamLog): number {
  return Object.values(log).reduce((sum, requests) => sum + requests.length, 0);
}

/** "METHOD routeKey" -> count, per provider. */
export function countsByRoute(log: UpstreamLog): Record<ProviderName, Record<string, number>> {
  const out = {} as Record<ProviderName, Record<string, number>>;
  for (const [name, requests] of Object.entries(log) as Array<[ProviderName, LoggedRequest[]]>) {
    out[name] = {};
    for (const r of requests) out[name][`${r.method} ${r.routeKey}`] = (out[name][`${r.method} ${r.routeKey}`] ?? 0) + 1;
  }
  return out;
}

/** Routes a per-resource read goes to (second round: they need the first round's list). */
const PER_RESOURCE_ROUTES = new Set(['instances.fleio_bckps', 'instances.fleio_bckps.schedule', 'vms/schedules', 'vms/backuplocations']);

/** 1 for a per-resource read (it needs the first round's list), else 0. */
export const roundOf = (routeKey: string): 0 | 1 => (PER_RESOURCE_ROUTES.has(routeKey) ? 1 : 0);

/** The sum over dependent rounds of the slowest upstream call of each round (server-side durations): a dashboard's ideal critical path. */
export function idealCriticalPath(log: UpstreamLog): number {
  const rounds = [0, 0];
  for (const requests of Object.values(log)) {
    for (const r of requests) {
      const round = roundOf(r.routeKey);
      rounds[round] = Math.max(rounds[round], r.durationMs ?? 0);
    }
  }
  return rounds[0] + rounds[1];
}
