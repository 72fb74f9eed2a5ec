/**
 * CloudSigma API 2.0 simulator: backup schedulers, servers, drives (`set_scheduler`), snapshots and
 * remote snapshots, with schedulers that really run on the SimClock. See README.md in this folder
 * for the wire choices where the contract (shared/providers/cloudsigma.md) says [I] or [?].
 *
 * Route keys (request log, per-route faults): the resource segment after /api/2.0/, e.g.
 * "backupschedulers", "drives", "servers", "snapshots", "remotesnapshots", "capabilities".
 */
import type { SimProfile } from '../kit/profile.js';
import { SimClock } from '../kit/clock.js';
import type { FaultSettings } from '../kit/faults.js';
import { startSimServer, type SimServer } from '../kit/http.js';
import { addBenchServers } from './bench.js';
import { SchedulerEngine } from './engine.js';
import { createApiHandler, routeKeyOf, unauthorizedReply } from './router.js';
import { seedState } from './seed.js';
import { CloudSigmaState, deterministicUuid, type CloudSigmaConfig } from './state.js';
import { cloudSigmaVariants, type CloudSigmaVariants } from './variants.js';

export interface CloudSigmaSimulatorOptions {
  /** Which plausible form to give at each [I]/[?] point (kit/profile.ts; README's variants table). Default 'default'. */
  profile?: SimProfile;
  /** Single points picked on top of the profile (variants.ts), e.g. `{ unassign: 'omit-key' }`. */
  variants?: Partial<CloudSigmaVariants>;
  /** Default: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Basic auth user, default 'ops@example.com'. */
  username?: string;
  /** Basic auth password, default 'cloudsigma-demo'. */
  password?: string;
  /** Bearer token accepted too, default 'cs-demo-token'. */
  token?: string;
  /** creating -> available for local snapshots, default 5000 ms. */
  snapshotMs?: number;
  /** creating -> transferring -> available for remote snapshots, default 15000 ms. */
  remoteTransferMs?: number;
  /** cloning_dst -> unmounted for a drive cloned from a snapshot (`?do=clone`), default `snapshotMs`. */
  cloneMs?: number;
  /** How often (real ms) the scheduler engine checks the clock, default 1000. */
  schedulerTickMs?: number;
  /** This cloud's location code, default 'ZRH'. */
  location?: string;
  clock?: SimClock;
  faults?: FaultSettings;
  /** Seed servers, drives, schedulers and snapshot history; default true. */
  seed?: boolean;
  /**
   * Synthetic running servers `bench-srv-NNN` added after the seed (default 0), for load tests:
   * one drive each, on an existing scheduler (round-robin), with one or two snapshots.
   */
  extraResources?: number;
  /** Real ms every non-admin reply is delayed by (default 0); injected fault latency adds on top. */
  latencyMs?: number;
}

export interface CloudSigmaSimulator {
  /** `http://127.0.0.1:PORT/api/2.0/` */
  baseUrl: string;
  server: SimServer;
  state: CloudSigmaState;
  engine: SchedulerEngine;
  close(): Promise<void>;
}

export { CloudSigmaState } from './state.js';
export type { DriveRecord, ServerRecord, SchedulerRecord, SnapshotRecord } from './state.js';
export { SchedulerEngine } from './engine.js';
export { UNPROTECTED_DRIVES, EXAMPLE_SCHEDULERS } from './seed.js';
export { CLOUDSIGMA_VARIANTS, type CloudSigmaVariants } from './variants.js';

export async function startCloudSigmaSimulator(options: CloudSigmaSimulatorOptions = {}): Promise<CloudSigmaSimulator> {
  const clock = options.clock ?? new SimClock();
  const username = options.username ?? 'ops@example.com';
  const config: CloudSigmaConfig = {
    username,
    password: options.password ?? 'cloudsigma-demo',
    token: options.token ?? 'cs-demo-token',
    snapshotMs: options.snapshotMs ?? 5000,
    remoteTransferMs: options.remoteTransferMs ?? 15000,
    cloneMs: options.cloneMs ?? options.snapshotMs ?? 5000,
    schedulerTickMs: options.schedulerTickMs ?? 1000,
    location: (options.location ?? 'ZRH').toUpperCase(),
    ownerUuid: deterministicUuid(`cloudsigma-user:${username}`),
    variants: cloudSigmaVariants(options.profile, options.variants),
  };
  const state = new CloudSigmaState(config, clock);
  const engine = new SchedulerEngine(state, clock, config.schedulerTickMs);
  if (options.seed !== false) seedState(state, engine);
  addBenchServers(state, engine, options.extraResources ?? 0);

  const handle = createApiHandler({ state, engine }, config);
  const server = await startSimServer({
    name: 'cloudsigma',
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
    clock,
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    routeKeyOf,
    handle,
    // Basic/Bearer have no sessions: "expired sessions" look like rejected credentials.
    expiredSessionReply: () => unauthorizedReply(config.variants),
  });
  engine.start();
  return {
    baseUrl: `${server.origin}/api/2.0/`,
    server,
    state,
    engine,
    close: async () => {
      engine.stop();
      await server.close();
    },
  };
}
