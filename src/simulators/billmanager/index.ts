/**
 * BILLmanager (Zomro Cloud VPS) form-API simulator: `func=` requests at `/` and `/billmgr`,
 * the `{"doc": …}` envelope, sessions, instances, backups, weekly backup schedules run on the
 * simulated clock, restore by rebuild. Wire contract: shared/providers/billmanager.md; the
 * choices made where it says inferred/unknown are listed in README.md beside this file.
 *
 * Route key (request log, per-route faults) = the `func` value.
 */
import type { SimProfile } from '../kit/profile.js';
import { SimClock } from '../kit/clock.js';
import type { FaultSettings } from '../kit/faults.js';
import { startSimServer, type SimServer } from '../kit/http.js';
import { BillmanagerApi } from './api.js';
import { addBenchInstances } from './bench.js';
import { ScheduleEngine } from './schedule.js';
import { seedState } from './seed.js';
import { BillmanagerState } from './state.js';
import { billmanagerVariants, type BillmanagerVariants } from './variants.js';
import { assertTimeZone } from './zone.js';

export { BillmanagerState } from './state.js';
export type { BackupRecord, InstanceRecord, ScheduleRecord, SessionRecord, ScheduleRunRecord } from './state.js';
export { SEED_INSTANCES } from './seed.js';
export { BILLMANAGER_VARIANTS, billmanagerVariants, type BillmanagerVariants } from './variants.js';
export { ScheduleEngine, firings, formatRotationDays, parseRotationDays, parseRotationTime } from './schedule.js';

export interface BillmanagerSimulatorOptions {
  /** Which plausible form to give at each [I]/[?] point (kit/profile.ts; README's variants table). Default 'default'. */
  profile?: SimProfile;
  /** Single points picked on top of the profile (variants.ts). */
  variants?: Partial<BillmanagerVariants>;
  /** Default: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 'ops@example.com'. */
  username?: string;
  /** Default 'zomro-demo'. */
  password?: string;
  /** Session expiry after the last request, on the SimClock. Default 1 hour. */
  sessionIdleMs?: number;
  /** Backup Saving -> Active duration. Default 10000. */
  backupMs?: number;
  /** Rebuild (restore) duration. Default 15000. */
  restoreMs?: number;
  /** The provider zone schedules run in. Default 'Europe/Kyiv'. */
  timezone?: string;
  /** Real-time tick of the schedule engine. Default 1000. */
  schedulerTickMs?: number;
  clock?: SimClock;
  faults?: FaultSettings;
  /** Seed the demo account. Default true. */
  seed?: boolean;
  /** Page size when a list call sends no `p_cnt`. Default 1000 (a captured COREmanager default). */
  defaultPageSize?: number;
  /** Manual backups per instance per provider-local day (0 = no limit). Default 5 (the UI's limit). */
  manualBackupsPerDay?: number;
  /** Stored manual backups per instance (0 = no limit). Default 100 (the UI's limit). */
  manualBackupsTotal?: number;
  /** Longest span of schedule firings replayed by one evaluation. Default 31 days. */
  catchUpMs?: number;
  /**
   * Synthetic instances `bench-vps-NNN` added after the seed (default 0), for load tests: one
   * daily backup schedule each and one or two automatic backups.
   */
  extraResources?: number;
  /** Real ms every non-admin reply is delayed by (default 0); injected fault latency adds on top. */
  latencyMs?: number;
}

export interface BillmanagerSimulator {
  /** `http://127.0.0.1:PORT/billmgr` (the root `/` answers too). */
  baseUrl: string;
  server: SimServer;
  state: BillmanagerState;
  engine: ScheduleEngine;
  /** The forms this run answers in (profile + overrides). */
  variants: BillmanagerVariants;
  close(): Promise<void>;
}

export async function startBillmanagerSimulator(options: BillmanagerSimulatorOptions = {}): Promise<BillmanagerSimulator> {
  const clock = options.clock ?? new SimClock();
  const timezone = options.timezone ?? 'Europe/Kyiv';
  assertTimeZone(timezone);

  const variants = billmanagerVariants(options.profile, options.variants);
  const state = new BillmanagerState({ backupMs: options.backupMs ?? 10_000, restoreMs: options.restoreMs ?? 15_000, variants });
  const startedAt = clock.now();
  if (options.seed ?? true) seedState(state, startedAt, timezone);
  const engine = new ScheduleEngine(state, { timezone, catchUpMs: options.catchUpMs }, startedAt);
  addBenchInstances(state, engine, startedAt, options.extraResources ?? 0);

  const api = new BillmanagerApi({
    state,
    engine,
    clock,
    username: options.username ?? 'ops@example.com',
    password: options.password ?? 'zomro-demo',
    sessionIdleMs: options.sessionIdleMs ?? 3_600_000,
    config: {
      timezone,
      defaultPageSize: options.defaultPageSize ?? 1000,
      manualLimitPerDay: options.manualBackupsPerDay ?? 5,
      manualLimitTotal: options.manualBackupsTotal ?? 100,
      variants,
    },
  });

  const server = await startSimServer({
    name: 'billmanager',
    port: options.port,
    host: options.host,
    clock,
    faults: options.faults,
    latencyMs: options.latencyMs,
    routeKeyOf: api.routeKeyOf,
    handle: api.handle,
    expiredSessionReply: api.expiredSessionReply,
  });

  const tick = () => {
    try {
      const now = clock.now();
      engine.evaluate(now);
      api.sweepSessions(now);
    } catch (error) {
      console.error('billmanager simulator: schedule evaluation failed', error);
    }
  };
  const unsubscribe = clock.onAdvance(tick);
  const timer = setInterval(tick, options.schedulerTickMs ?? 1000);
  timer.unref();

  let closed: Promise<void> | undefined;
  return {
    baseUrl: `${server.origin}/billmgr`,
    server,
    state,
    engine,
    variants,
    close: () => {
      closed ??= (async () => {
        clearInterval(timer);
        unsubscribe();
        await server.close();
      })();
      return closed;
    },
  };
}
