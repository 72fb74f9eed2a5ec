/**
 * The benchmark's moving parts, each in its own process as in production: the simulators
 * (`npm run simulators`, with latency and extra resources) and a gateway run as `npm start
 * --config` runs it: the compiled `dist/main.js`, built first when stale (as `prestart` does).
 * The load generator is the bench process itself, so its work does not count as the gateway's.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { DEMO_CREDENTIALS } from '../../src/demo.js';
import { closedPort as freePort } from '../../test/support/ports.js';

const thisRoot = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

/**
 * How to run the gateway of the checkout at `root`: its compiled `dist/main.js`, with the Node
 * flags its `npm start` passes (the young generation's size), built first when missing or
 * older than its sources (`scripts/build.mjs --if-stale`, `npm start`'s prestart). An older
 * checkout without that build script runs its sources through tsx, as its own `npm start` did.
 */
export function gatewayEntry(root: string = thisRoot): { script: string; compiled: boolean; nodeArgs: string[] } {
  const build = join(root, 'scripts/build.mjs');
  if (!existsSync(build)) return { script: 'src/main.ts', compiled: false, nodeArgs: [] };
  execFileSync(process.execPath, [build, '--if-stale'], { cwd: root, stdio: 'inherit' });
  return { script: 'dist/main.js', compiled: true, nodeArgs: startFlags(root) };
}

/** The flags between `node` and `dist/main.js` in the checkout's `npm start` script. */
function startFlags(root: string): string[] {
  const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: { start?: string } }).scripts?.start ?? '';
  const flags = /\bnode\s+(.*?)\s*dist\/main\.js/.exec(start)?.[1];
  return flags ? flags.split(/\s+/) : [];
}

/** Start `script` (through tsx when it is TypeScript) in `root` and wait until its stdout shows `readyLine`. */
async function startNode(root: string, script: string, args: string[], env: Record<string, string>, readyLine: RegExp, nodeArgs: string[] = []): Promise<ChildProcess> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, script, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (readyLine.test(seen)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready:\n${seen}`)));
  });
  // Keep draining the pipes (the gateway logs a line per request) so the child never blocks.
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export interface Simulators {
  origins: { altaro: string; cloudsigma: string; billmanager: string };
  stop(): Promise<void>;
}

export async function startSimulators(options: { latencyMs: number; extraResources: number }): Promise<Simulators> {
  const ports = { altaro: await freePort(), cloudsigma: await freePort(), billmanager: await freePort() };
  const child = await startNode(
    thisRoot,
    'src/simulators/main.ts',
    [],
    {
      ALTARO_PORT: String(ports.altaro),
      CLOUDSIGMA_PORT: String(ports.cloudsigma),
      BILLMANAGER_PORT: String(ports.billmanager),
      SIM_LATENCY_MS: String(options.latencyMs),
      SIM_EXTRA_RESOURCES: String(options.extraResources),
    },
    /admin:/,
  );
  const origin = (port: number) => `http://127.0.0.1:${port}`;
  return {
    origins: { altaro: origin(ports.altaro), cloudsigma: origin(ports.cloudsigma), billmanager: origin(ports.billmanager) },
    stop: () => stop(child),
  };
}

export interface GatewayProcess {
  url: string;
  /** Run from the compiled `dist/main.js` (else its sources through tsx: an older checkout). */
  compiled: boolean;
  wsUrl: string;
  pid: number;
  /** Resident set size of the gateway process, in MB. */
  rssMb(): number;
  /** CPU time (user + system) the gateway process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface GatewaySettings {
  shareReads?: boolean;
  maxConnections?: number;
  /** Per-provider timeout and breaker threshold (e.g. for a gateway that floods its upstreams). */
  timeoutMs?: number;
  breakerFailures?: number;
  /** Extra Node flags for the gateway process (e.g. a heap limit). */
  nodeOptions?: string;
  /** Node flags NODE_OPTIONS does not allow, on the command line (e.g. `--cpu-prof` to profile). */
  nodeArgs?: string[];
  /** The checkout whose gateway to run (default: this one), e.g. a `git worktree` of an older commit. */
  root?: string;
}

/** A gateway in front of the simulators, configured as an operator would. */
export async function startGateway(sims: Simulators, settings: GatewaySettings = {}): Promise<GatewayProcess> {
  const port = await freePort();
  const upstream = {
    ...(settings.maxConnections ? { maxConnections: settings.maxConnections } : {}),
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.breakerFailures ? { breakerFailures: settings.breakerFailures } : {}),
  };
  const dir = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const config = {
    server: { port, host: '127.0.0.1' },
    // Its own journal, and no watcher: its rounds (and first-round backfill) would add upstream
    // requests and CPU to the figures measured here; bench/journal.ts measures the journal.
    journal: { url: `sqlite:${join(dir, 'journal.db')}`, watchIntervalSeconds: 0 },
    performance: { shareReads: settings.shareReads ?? true },
    limits: { maxBatch: 10 },
    providers: [
      { id: 'hq', kind: 'altaro', baseUrl: `${sims.origins.altaro}/api/rest`, ...DEMO_CREDENTIALS.altaro, ...upstream },
      { id: 'zrh', kind: 'cloudsigma', baseUrl: `${sims.origins.cloudsigma}/api/2.0/`, ...DEMO_CREDENTIALS.cloudsigma, ...upstream },
      { id: 'vps', kind: 'billmanager', baseUrl: `${sims.origins.billmanager}/billmgr`, ...DEMO_CREDENTIALS.billmanager, ...upstream },
    ],
  };
  const file = join(dir, 'gateway.yaml');
  writeFileSync(file, stringify(config));
  const env: Record<string, string> = { LOG_LEVEL: 'info', ...(settings.nodeOptions ? { NODE_OPTIONS: settings.nodeOptions } : {}) };
  const root = settings.root ?? thisRoot;
  const entry = gatewayEntry(root);
  const child = await startNode(root, entry.script, ['--config', file], env, /backup-gateway ready/, [...entry.nodeArgs, ...(settings.nodeArgs ?? [])]);
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    url,
    compiled: entry.compiled,
    wsUrl: url.replace(/^http/, 'ws'),
    pid: child.pid!,
    cpuMs: () => {
      // /proc/<pid>/stat fields 14 and 15 (utime, stime) in clock ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    stop: () => stop(child),
  };
}
