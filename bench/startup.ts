/**
 * Start-up time (spawn to the first 200 of /healthz) and idle RSS (after 3 s) of the gateway
 * in demo mode: through tsx (`npm run dev`, the old `npm start`), compiled (`node
 * dist/main.js`), and compiled with the flags `npm start` adds (a larger young generation).
 * Run: `npx tsx bench/startup.ts` (builds dist/ first).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gatewayEntry } from './support/processes.js';

const root = new URL('..', import.meta.url).pathname;
const RUNS = 3;

async function once(args: string[]): Promise<{ startMs: number; rssMb: number }> {
  const began = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PORT: '0', LOG_FORMAT: 'json' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += String(chunk)));
  let url: string | undefined;
  while (!url) {
    url = /GraphiQL at (http:\/\/\S+)\/graphql/.exec(output)?.[1];
    await new Promise((r) => setTimeout(r, 5));
  }
  while ((await fetch(`${url}/healthz`).catch(() => undefined))?.status !== 200) await new Promise((r) => setTimeout(r, 5));
  const startMs = performance.now() - began;
  await new Promise((r) => setTimeout(r, 3_000));
  // The gateway's own process (tsx runs it in a child of its CLI process: count both).
  const pids = [child.pid!, ...execFileSync('sh', ['-c', `pgrep -P ${child.pid} || true`], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number)];
  const rssKb = pids.reduce((sum, pid) => sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0), 0);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  return { startMs, rssMb: rssKb / 1024 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
/** The Node flags `npm start` passes. */
const startFlags = gatewayEntry().nodeArgs;
console.log(`startup: ${cpus().length} × ${cpus()[0].model}, Node ${process.version}, median of ${RUNS}`);
for (const [name, args] of [
  ['tsx src/main.ts', ['--import', 'tsx', 'src/main.ts']],
  ['node dist/main.js', ['dist/main.js']],
  [`node ${startFlags.join(' ')} dist/main.js`, [...startFlags, 'dist/main.js']],
] as const) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once([...args]));
  console.log(`${name.padEnd(46)} start to /healthz 200: ${median(runs.map((r) => r.startMs)).toFixed(0)} ms   idle RSS: ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB`);
}
