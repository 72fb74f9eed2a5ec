/**
 * dispatchText (src/upstream/dispatch.ts) against a real loopback server: whole answers, and
 * the deadline ending an exchange wherever it is (mid-body, or still waiting for a connection).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { DeadlineError, dispatchText } from '../../src/upstream/dispatch.js';

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
    const reply = await dispatchText(agent(), { origin, path: '/x', method: 'GET' }, 5_000);
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
    const error = await dispatchText(agent(), { origin, path: '/stall', method: 'GET' }, 100).catch((e: Error) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toBe('no complete answer within 100 ms');
  });

  it('gives up on a request still waiting for a connection when its own deadline fires, and never sends it', async () => {
    const { origin, seen } = await serve((req, res) => {
      if (req.url === '/hang') return; // holds the only connection
      res.end('late');
    });
    const pool = agent(1);
    const hanging = dispatchText(pool, { origin, path: '/hang', method: 'GET' }, 600).catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sentAt = Date.now();
    const error = await dispatchText(pool, { origin, path: '/queued', method: 'GET' }, 100).catch((e: Error) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect(Date.now() - sentAt).toBeLessThan(500); // its own deadline, not the first request's
    expect(await hanging).toBeInstanceOf(DeadlineError);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toEqual(['/hang']);
  });
});
