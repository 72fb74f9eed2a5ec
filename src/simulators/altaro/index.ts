/**
 * Altaro VM Backup / Hornetsecurity VM Backup local REST API simulator
 * (contract: /work/shared/providers/altaro.md; the choices for its [I]/[?] points are listed in
 * README.md next to this file).
 *
 *   const sim = await startAltaroSimulator({ operationMs: 1000 });
 *   // a client is configured with sim.baseUrl, e.g. http://127.0.0.1:PORT/api/rest
 *
 * Files: format.ts (envelope, dates), router.ts (path matching, route keys), routes.ts (the calls),
 * operations.ts (progress engine + scheduler), schedule.ts (schedule time math), state.ts (model),
 * seed.ts (demo data), bench.ts (extra VMs for load tests), metrics.ts (deterministic sizes), alterr.ts (error texts), ids.ts (GUIDs).
 */
import type { SimProfile } from '../kit/profile.js';
import { SimClock } from '../kit/clock.js';
import type { FaultSettings } from '../kit/faults.js';
import { startSimServer, type SimServer } from '../kit/http.js';
import { addBenchVms } from './bench.js';
import { assertTimeZone } from './format.js';
import { OperationEngine } from './operations.js';
import { normaliseBasePath } from './router.js';
import { createAltaroRoutes } from './routes.js';
import { seedState } from './seed.js';
import { AltaroState } from './state.js';
import { altaroVariants, type AltaroVariants } from './variants.js';

export interface AltaroSimulatorOptions {
  /** Which plausible form to give at each [I]/[?] point (kit/profile.ts; README's variants table). Default 'default'. */
  profile?: SimProfile;
  /** Single points answered in another form than the profile's (variants.ts), e.g. `{ offsiteReports: 'missing' }`. */
  variants?: Partial<AltaroVariants>;
  /** 0 / undefined = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default '/api/rest' (v9.1+); '/api' mimics v8 / v9.0. */
  basePath?: string;
  /** Default 'Administrator' (compared case-insensitively; a `DOMAIN\` prefix is tolerated). */
  username?: string;
  /** Default 'altaro-demo'. */
  password?: string;
  /** Accepted, not checked beyond being a string. */
  domain?: string;
  /** Idle expiry of a session token, default 5 minutes. */
  sessionIdleMs?: number;
  /** Duration of every operation from start to finish, default 20000. */
  operationMs?: number;
  /** How long a finished operation stays in operation-status, default 15000 (0 with the 'vanish' variant). */
  finishedGraceMs?: number;
  /** IANA zone the Altaro date strings are written in; default the variant's (UTC, strict America/New_York). */
  timezone?: string;
  /** Shared clock; default a new one. */
  clock?: SimClock;
  faults?: FaultSettings;
  /** Default true: seeded demo data; false = hosts only. */
  seed?: boolean;
  /**
   * Synthetic configured VMs `bench-vm-NNN` added after the seed (default 0), for load tests:
   * each on one seeded backup schedule and one primary location, with a short backup history.
   * Needs `seed: true`.
   */
  extraResources?: number;
  /** Real ms every non-admin reply is delayed by (default 0); injected fault latency adds on top. */
  latencyMs?: number;
}

export interface AltaroSimulator {
  /** What a client is configured with, e.g. http://127.0.0.1:PORT/api/rest */
  baseUrl: string;
  server: SimServer;
  /** The in-memory model (VMs with their links, reports and versions; schedules; locations; operations; sessions). */
  state: AltaroState;
  /** The progress engine (tests may call `engine.settle(clock.now())`). */
  engine: OperationEngine;
  /** The form answered at each [I]/[?] point (profile + overrides). */
  variants: AltaroVariants;
  close(): Promise<void>;
}

export const ALTARO_DEFAULTS = {
  host: '127.0.0.1',
  basePath: '/api/rest',
  username: 'Administrator',
  password: 'altaro-demo',
  sessionIdleMs: 5 * 60_000,
  operationMs: 20_000,
  finishedGraceMs: 15_000,
  timezone: 'UTC',
  protocolVersion: '1.0',
} as const;

export async function startAltaroSimulator(options: AltaroSimulatorOptions = {}): Promise<AltaroSimulator> {
  const clock = options.clock ?? new SimClock();
  const variants = altaroVariants(options.profile, options.variants);
  const timezone = options.timezone ?? variants.timeZone;
  assertTimeZone(timezone);
  const basePath = normaliseBasePath(options.basePath ?? ALTARO_DEFAULTS.basePath);

  const state = new AltaroState(timezone);
  state.listAssignedVms = variants.inlineVmLists;
  const startedAt = clock.now();
  seedState(state, startedAt, options.seed ?? true);
  addBenchVms(state, startedAt, options.extraResources ?? 0);

  const engine = new OperationEngine(
    state,
    {
      operationMs: options.operationMs ?? ALTARO_DEFAULTS.operationMs,
      finishedGraceMs: variants.finishedOperations === 'vanish' ? 0 : (options.finishedGraceMs ?? ALTARO_DEFAULTS.finishedGraceMs),
      statusItemFields: variants.statusItemFields,
      statusNames: variants.statusNames,
      operationNames: variants.operationNames,
    },
    startedAt,
  );
  const routes = createAltaroRoutes(state, engine, () => clock.now(), {
    basePath,
    username: options.username ?? ALTARO_DEFAULTS.username,
    password: options.password ?? ALTARO_DEFAULTS.password,
    sessionIdleMs: options.sessionIdleMs ?? ALTARO_DEFAULTS.sessionIdleMs,
    protocolVersion: ALTARO_DEFAULTS.protocolVersion,
    variants,
  });

  const server = await startSimServer({
    name: 'altaro',
    port: options.port,
    host: options.host ?? ALTARO_DEFAULTS.host,
    clock,
    faults: options.faults,
    latencyMs: options.latencyMs,
    https: variants.transport === 'https',
    routeKeyOf: routes.routeKeyOf,
    handle: routes.handle,
    expiredSessionReply: routes.expiredSessionReply,
  });
  // Clock jumps settle operations (and start scheduled backups) at once, not only on the next request.
  const stopListening = clock.onAdvance(() => engine.settle(clock.now()));

  return {
    baseUrl: `${server.origin}${basePath}`,
    server,
    state,
    engine,
    variants,
    close: async () => {
      stopListening();
      await server.close();
    },
  };
}

export { AltaroState } from './state.js';
export type {
  BackupLocation,
  Host,
  Operation,
  OperationKind,
  OperationOutcome,
  Report,
  RestoreVersion,
  Schedule,
  Session,
  Vm,
} from './state.js';
export { formatAltaroDate, parseAltaroDate } from './format.js';
export { ALTARO_VARIANTS, altaroVariants, type AltaroVariants } from './variants.js';
