/**
 * Log lines an operator reads: client mistakes at info or warn (never error), each operation
 * line with the real error codes and the API key's name, never the key; a port in use is one
 * friendly line without a stack; LOG_FORMAT picks JSON or human-readable lines.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, logFormat } from '../../src/logger.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { root } from '../support/spawned-gateway.js';

const READ_KEY = 'logs-test-read-key-0123456789';
const lines: string[] = [];
let gw: TestGateway;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  gw = await startTestGateway({
    server: { logger: createLogger({ level: 'debug', destination: sink }), auth: { apiKeys: [{ name: 'dashboard', key: READ_KEY, scopes: ['read'] }] } },
  });
});
afterAll(async () => gw?.close());

const post = (query: string) =>
  fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${READ_KEY}` }, body: JSON.stringify({ query }) }).then((r) => r.json());
const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('levels and fields', () => {
  it('logs a malformed ID and a FORBIDDEN mutation below error level, with their codes and the key name', async () => {
    await post('{ node(id: "not-an-id") { id } }');
    await post('mutation { startBackup(input: { targetId: "not-an-id" }) { __typename } }');
    const operations = parsed().filter((l) => l.msg === 'graphql operation');
    expect(operations).toHaveLength(2);
    expect(operations.map((l) => l.errorCodes)).toEqual([['VALIDATION'], expect.arrayContaining([expect.stringMatching(/FORBIDDEN|VALIDATION/)])]);
    expect(operations.every((l) => l.keyName === 'dashboard' && !('key' in l))).toBe(true);
    expect(parsed().filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(lines.join('\n')).not.toContain(READ_KEY);
  });
});

describe('format', () => {
  it('is JSON for a collector and pretty at a terminal, LOG_FORMAT deciding when set', () => {
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
  });

  it('writes human-readable lines in pretty format', () => {
    const out: string[] = [];
    const logger = createLogger({ format: 'pretty', destination: new Writable({ write: (c, _e, d) => (out.push(String(c)), d()) }) });
    logger.info({ provider: 'hq' }, 'journal open');
    expect(out.join('')).toMatch(/INFO.*journal open/);
    expect(out.join('')).toMatch(/provider: "hq"/);
    expect(() => JSON.parse(out.join(''))).toThrow();
  });
});

describe('a port in use', () => {
  it('stops `node dist/main.js` with one friendly line and no stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = spawnSync(process.execPath, ['dist/main.js'], { cwd: root, env: { ...process.env, PORT: String(port), LOG_FORMAT: 'json' }, encoding: 'utf8', timeout: 60_000 });
      expect(result.status).toBe(1);
      const errors = result.stderr.split('\n').filter((l) => l.trim());
      expect(errors).toEqual([`backup-gateway: port already in use (127.0.0.1:${port}); set PORT to another one`]);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
    }
  }, 90_000);
});
