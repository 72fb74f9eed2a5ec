/**
 * Once before any test file: dist/ as `npm start` would build it (a no-op when it is up to
 * date). The spawned-gateway tests run `node dist/main.js`; building here, not in each file,
 * keeps files running in parallel from rebuilding dist/ under one another's feet.
 */
import { execFileSync } from 'node:child_process';

export default function buildDist(): void {
  const root = new URL('..', import.meta.url).pathname;
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
}
