/** onFreePort (test/support/ports.ts): a test server whose port was taken meanwhile starts again elsewhere. */
import { describe, expect, it } from 'vitest';
import { onFreePort } from '../support/ports.js';

describe('onFreePort', () => {
  it('tries another port when the server says its port is taken', async () => {
    const tried: number[] = [];
    const started = await onFreePort(async (port) => {
      tried.push(port);
      // redis-server's words, then PostgreSQL's log line, then success.
      if (tried.length === 1) throw new Error('# Warning: Could not create server TCP listening socket 127.0.0.1:6379: bind: Address already in use');
      if (tried.length === 2) throw new Error('pg_ctl failed: could not start server\nLOG:  could not bind IPv4 address "127.0.0.1": Address in use');
      return `up on ${port}`;
    });
    expect(tried).toHaveLength(3);
    expect(started).toBe(`up on ${tried[2]}`);
  });

  it('passes any other failure on at once', async () => {
    let calls = 0;
    const error = await onFreePort(async () => {
      calls += 1;
      throw new Error('redis-server: command not found');
    }).catch((e: Error) => e);
    expect(calls).toBe(1);
    expect(error.message).toBe('redis-server: command not found');
  });

  it('gives up after three taken ports', async () => {
    let calls = 0;
    const error = await onFreePort(async () => {
      calls += 1;
      throw new Error('bind: Address already in use');
    }).catch((e: Error) => e);
    expect(calls).toBe(3);
    expect(error.message).toMatch(/already in use/);
  });
});
