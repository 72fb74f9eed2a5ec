/** /console's files: only the bundle's own, and a 503 page that says how to build a missing one. */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConsole } from '../../src/console/serve.js';

const built = mkdtempSync(join(tmpdir(), 'bgw-console-'));
const missing = join(built, 'not-built');
let server: Server;
let base: string;

beforeAll(async () => {
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(built, 'serve.js'), 'compiled server code, never served');
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    serveConsole(url.pathname, res, url.searchParams.has('missing') ? missing : built);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(built, { recursive: true, force: true });
});

describe('serving /console', () => {
  it('serves the built index.html at /console and /console/', async () => {
    for (const path of ['/console', '/console/']) {
      const response = await fetch(base + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<title>console</title>');
    }
  });

  it('serves nothing else that lives next to the bundle', async () => {
    const response = await fetch(`${base}/console/serve.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('compiled server code');
  });

  it('answers 503 with "run npm run build" when the console is not built', async () => {
    const response = await fetch(`${base}/console?missing`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});
