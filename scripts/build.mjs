/**
 * `npm run build` (also run by `npm install` through `prepare`, and by `npm start` when dist/ is
 * missing or older than src/): the gateway compiled to dist/ by tsc, then the console bundle
 * (scripts/build-console.mjs, into dist/console/) when that script exists. Plain JS so it runs
 * before anything is compiled.
 *
 *   node scripts/build.mjs             always build
 *   node scripts/build.mjs --if-stale  only when dist/main.js is missing or a source is newer
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = join(root, 'dist/main.js');

/** The newest modification time under a folder (sources only: a few hundred files, a few ms). */
function newest(dir) {
  let latest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    latest = Math.max(latest, item.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const stale = () => !existsSync(entry) || newest(join(root, 'src')) > statSync(entry).mtimeMs;

if (process.argv.includes('--if-stale') && !stale()) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // A production install (`npm ci --omit=dev`) has no TypeScript: it runs what was built before.
  if (existsSync(entry)) process.exit(0);
  console.error('backup-gateway: cannot build: TypeScript is not installed (run `npm ci` with dev dependencies, then `npm run build`)');
  process.exit(1);
}
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
// tsc leaves an unchanged output file alone; touch the entry so --if-stale sees this build.
const now = new Date();
utimesSync(entry, now, now);

// The console bundle (helper script owned by the console): never deletes dist/ itself.
const consoleBuild = join(root, 'scripts/build-console.mjs');
if (existsSync(consoleBuild)) execFileSync(process.execPath, [consoleBuild], { cwd: root, stdio: 'inherit' });
