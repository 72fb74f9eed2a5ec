/**
 * The gateway as a service manager runs it: a separate process (the compiled `npm start`, or
 * `node dist/main.js`) with a config file pointing at simulators in this test process, so a
 * test can send it signals and still look at the upstream side (sessions, requests). dist/ is
 * built once before the run (test/global-setup.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Demo } from '../../src/demo.js';

export const root = new URL('../..', import.meta.url).pathname;

/** A config file (JSON is YAML) for the demo's simulators plus `extra` top-level sections. */
export function writeConfig(demo: Demo, extra: Record<string, unknown> = {}, file?: string): string {
  const path = file ?? join(mkdtempSync(join(tmpdir(), 'bgw-spawned-')), 'gateway.yaml');
  const dir = path.slice(0, path.lastIndexOf('/'));
  const config = {
    server: { port: 0 },
    journal: { url: `sqlite:${join(dir, 'journal.db')}`, watchIntervalSeconds: 0 },
    providers: demo.providers.map((p) => ({ ...p, retries: 0 })),
    ...extra,
  };
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

const spawned = new Set<ChildProcess>();

/** For afterAll: a test that failed midway must not leave its gateway (or npm with it) running. */
export function killLeftovers(): void {
  for (const child of spawned) {
    for (const pid of childPids(child.pid!)) process.kill(pid, 'SIGKILL');
    child.kill('SIGKILL');
  }
}

export interface SpawnedGateway {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  url: string;
  exit: Promise<number | null>;
  /** SIGTERM (as a service manager stops it), then its exit code. */
  stop(): Promise<number | null>;
}

/** Start and wait for the ready line. `npm: true` runs `npm start` (prestart, then compiled node). */
export async function spawnGateway(configFile: string, options: { npm?: boolean; env?: Record<string, string> } = {}): Promise<SpawnedGateway> {
  const env = { ...process.env, PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ...options.env };
  const child = options.npm
    ? spawn('npm', ['start', '--silent', '--', '--config', configFile], { cwd: root, env })
    : spawn(process.execPath, ['dist/main.js', '--config', configFile], { cwd: root, env });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  spawned.add(child);
  void exit.then(() => spawned.delete(child));
  const until = Date.now() + 60_000;
  const ready = /backup-gateway ready: GraphiQL at (http:\/\/\S+)/;
  while (!ready.test(output) && Date.now() < until && child.exitCode === null) await new Promise((r) => setTimeout(r, 50));
  const url = ready.exec(output)?.[1];
  if (!url) {
    child.kill('SIGKILL');
    throw new Error(`the gateway did not start:\n${output}`);
  }
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exit;
  };
  return { child, output: () => output, url, exit, stop };
}

/** Parsed JSON log lines of a spawned gateway. */
export function logLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Process ids whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]) === pid;
      } catch {
        return false; // ended while we looked
      }
    })
    .map(Number);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Wait for a log message (exact `msg`) to appear. */
export async function waitForLog(gateway: SpawnedGateway, msg: RegExp, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const line = logLines(gateway.output()).find((l) => msg.test(String(l.msg)));
    if (line) return line;
    if (Date.now() > until) throw new Error(`no log line matching ${msg}:\n${gateway.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
