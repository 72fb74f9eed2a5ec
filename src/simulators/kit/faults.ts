/**
 * Fault injection shared by the three simulators, so tests and demos can break an upstream on
 * purpose. Faults apply globally or per route key (each simulator says what its route keys are:
 * Altaro's first path segments such as "vms/list", CloudSigma's resource such as "drives",
 * BILLmanager's `func`).
 */
export interface Fault {
  /** Added delay before the reply, in ms. */
  latencyMs?: number;
  /** 0..1: share of requests answered with `status` (default 500) instead of the real reply. */
  errorRate?: number;
  /** Never answer (the socket stays open until the client gives up). */
  hang?: boolean;
  /** Answer 200 with a body that is not valid JSON. */
  malformedBody?: boolean;
  /** Treat every session as expired (the simulator's own "session expired" answer). */
  expireSessions?: boolean;
  /** Answer with this HTTP status (e.g. 429, 503) on every request the fault applies to. */
  status?: number;
  /** With `status`: the Retry-After header value in seconds. */
  retryAfterSeconds?: number;
  /** Destroy the connection without an answer. */
  resetConnection?: boolean;
  /** Apply only to this many requests, then clear itself. */
  times?: number;
}

export interface FaultSettings {
  global?: Fault;
  routes?: Record<string, Fault>;
}

export class FaultBook {
  private settings: FaultSettings = {};

  constructor(initial?: FaultSettings) {
    if (initial) this.set(initial);
  }

  set(settings: FaultSettings): void {
    this.settings = structuredClone(settings ?? {});
  }

  get(): FaultSettings {
    return structuredClone(this.settings);
  }

  clear(): void {
    this.settings = {};
  }

  /** The fault for a route key (a route-specific one wins over the global one), counting `times` down. */
  take(routeKey: string): Fault | undefined {
    const own = this.settings.routes?.[routeKey];
    const slot: 'route' | 'global' | undefined = own ? 'route' : this.settings.global ? 'global' : undefined;
    if (!slot) return undefined;
    const fault = slot === 'route' ? own! : this.settings.global!;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) {
        if (slot === 'route') delete this.settings.routes![routeKey];
        else delete this.settings.global;
      }
    }
    return fault;
  }
}
