/**
 * dispatchText (src/upstream/dispatch.ts) against a real loopback server: whole answers, and
 * the deadline ending an exchange wherever it is (mid-body, or still waiting for a connection).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchText } from '../../src/upstream/dispatch.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ origin: string; seen: string[] }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(resolve);
  }));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function agent(connections?: number): Agent {
  const pool = new Agent({ connections });
  cleanups.push(() => pool.destroy());
  return pool;
}

describe('dispatchText', () => {
  it('reads a chunked answer whole, with a character split across chunks, and its headers', async () => {
    const { origin } = await serve((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
      const bytes = Buffer.from('{"name":"Zürich"}');
      res.write(bytes.subarray(0, 10)); // ends inside the two bytes of "ü"
      setTimeout(() => res.end(bytes.subarray(10)), 20);
    });
    const reply = await dispatchText(agent(), { origin, path: '/x', method: 'GET' }, new AbortController().signal);
    expect(reply.statusCode).toBe(201);
    expect(JSON.parse(reply.text)).toEqual({ name: 'Zürich' });
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('ends an answer that stalls midway when the deadline fires', async () => {
    const { origin } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":'); // and never more
    });
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(), 100);
    const error = await dispatchText(agent(), { origin, path: '/stall', method: 'GET' }, deadline.signal).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
  });

  it('gives up on a request still waiting for a connection at once, and never sends it', async () => {
    const { origin, seen } = await serve((req, res) => {
      if (req.url === '/hang') return; // holds the only connection
      res.end('late');
    });
    const pool = agent(1);
    const first = new AbortController();
    const hanging = dispatchText(pool, { origin, path: '/hang', method: 'GET' }, first.signal).catch((e: Error) => e);
    const queued = new AbortController();
    const waiting = dispatchText(pool, { origin, path: '/queued', method: 'GET' }, queued.signal).catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const abortedAt = Date.now();
    queued.abort();
    const error = await waiting;
    expect((error as Error).name).toBe('AbortError');
    expect(Date.now() - abortedAt).toBeLessThan(1000); // not held until the first request ends
    first.abort();
    expect(((await hanging) as Error).name).toBe('AbortError');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual(['/hang']);
  });

  it('does not send a request whose deadline has already passed', async () => {
    const { origin, seen } = await serve((_req, res) => res.end('ok'));
    const deadline = new AbortController();
    deadline.abort();
    const error = await dispatchText(agent(), { origin, path: '/never', method: 'GET' }, deadline.signal).catch((e: Error) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(seen).toEqual([]);
  });
});
