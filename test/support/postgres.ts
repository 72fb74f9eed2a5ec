/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder on a free
 * loopback port, one per `startPostgres()` call (call it once per test file: initdb takes 1-2 s),
 * and `createDatabase()` for a clean database per test. Debian's `postgresql` package provides
 * the binaries (`.ci/run` installs it); initdb refuses root, so as root the cluster runs as the
 * `postgres` OS user. A machine without the binaries fails with a message saying so.
 */
import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { onFreePort } from './ports.js';

const run = promisify(execFile);

export interface TestPostgres {
  /** The first database (`journal`), e.g. postgres://postgres@127.0.0.1:54321/journal. */
  url: string;
  /** A new empty database on this server; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stop the server and delete its files. */
  stop(): Promise<void>;
  /** Stop the server, keeping its data (the journal "goes away"). */
  down(): Promise<void>;
  /** Start it again on the same port, with the same data. */
  up(): Promise<void>;
  restart(): Promise<void>;
}

export interface PostgresOptions {
  /** Keep fsync and synchronous commit on (benchmarks); tests turn them off for speed. */
  durable?: boolean;
}

/** Where the server binaries are: $PG_BIN, Debian's newest /usr/lib/postgresql/<n>/bin, or PATH. */
function binaries(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  }
  for (const dir of candidates) if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  const onPath = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (onPath.status === 0 && existsSync(join(onPath.stdout.trim(), 'initdb'))) return onPath.stdout.trim();
  throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found in $PG_BIN, /usr/lib/postgresql/*/bin or PATH: apt-get install -y postgresql');
}

const asRoot = process.getuid?.() === 0;

/** Runs a server binary, as the `postgres` user when we are root. */
function command(bin: string, tool: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
}

const running = new Set<{ bin: string; dir: string }>();
// A test file that dies without stop() must not leave servers behind.
process.once('exit', () => {
  for (const { bin, dir } of running) spawnSync(...command(bin, 'pg_ctl', ['stop', '-D', join(dir, 'data'), '-m', 'immediate']));
});

export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  const bin = binaries();
  const dir = mkdtempSync(join(os.tmpdir(), 'pg-'));
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error('running as root and there is no `postgres` OS user to run the test cluster as (apt-get install -y postgresql creates it)');
    chownSync(dir, Number(id.stdout), Number(group.stdout));
  }
  const data = join(dir, 'data');
  let port = 0;
  const exec = async (tool: string, args: string[]) => {
    const [file, argv] = command(bin, tool, args);
    try {
      await run(file, argv, { cwd: dir });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`${tool} failed: ${(stderr ?? String(error)).trim()}`);
    }
  };
  await exec('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const settings = () => {
    const list = [`-k ${dir}`, `-p ${port}`, '-c listen_addresses=127.0.0.1', '-c max_connections=100'];
    if (!options.durable) list.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
    return list.join(' ');
  };
  const log = join(dir, 'server.log');
  const up = () => exec('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', log, '-o', settings()]);
  const down = () => exec('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
  const handle = { bin, dir };
  await onFreePort(async (free) => {
    port = free;
    rmSync(log, { force: true }); // only this attempt's reason counts
    try {
      await up();
    } catch (error) {
      // pg_ctl says only "could not start server": the reason (a taken port, say) is in the log.
      throw new Error(`${(error as Error).message}\n${existsSync(log) ? readFileSync(log, 'utf8').trim() : ''}`);
    }
  });
  running.add(handle);

  const base = `postgres://postgres@127.0.0.1:${port}`;
  let databases = 0;
  const createDatabase = async (name = `test_${++databases}`) => {
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    return `${base}/${name}`;
  };
  const url = await createDatabase('journal');
  return {
    url,
    createDatabase,
    down,
    up,
    restart: async () => {
      await down();
      await up();
    },
    stop: async () => {
      if (!running.delete(handle)) return;
      await exec('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
