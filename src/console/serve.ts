/**
 * GET /console: the operations console built by scripts/build-console.mjs into dist/console/.
 * Only the bundle's own files are served (never anything else that lives in dist/), and a missing
 * build is a 503 page that says how to make one instead of a blank page.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Same place from src/console (tsx) and from dist/console (compiled): <root>/dist/console. */
const BUILD_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url));

const FILES: Record<string, { file: string; type: string }> = {
  '/console': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/console/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Console not built</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>The console is not built</h1>
<p>The gateway is running, but dist/console/ is missing. Run <code>npm run build</code>
(or <code>node scripts/build-console.mjs</code>) in the gateway's folder, then reload this page.</p>
<p>GraphiQL works meanwhile at <a href="/graphql">/graphql</a>.</p></body></html>`;

/** `buildDir`: where the bundle is (tests point it at a folder of their own). */
export function serveConsole(path: string, res: ServerResponse, buildDir = BUILD_DIR): void {
  const entry = FILES[path];
  if (!entry) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`no such console file: ${path}`);
    return;
  }
  let body: Buffer;
  try {
    body = readFileSync(join(buildDir, entry.file));
  } catch {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'retry-after': '10' }).end(NOT_BUILT);
    return;
  }
  // No caching: a rebuild shows at the next reload (the files are small and local).
  res.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }).end(body);
}
