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

  /** How often onFreePort calls a start that always fails with `message`, and what it rejects with. */
  async function alwaysFailing(message: string): Promise<{ calls: number; error: Error }> {
    let calls = 0;
    const error = await onFreePort(async () => {
      calls += 1;
      throw new Error(message);
    }).catch((e: Error) => e);
    return { calls, error };
  }

  it('passes any other failure on at once', async () => {
    expect(await alwaysFailing('redis-server: command not found')).toMatchObject({ calls: 1, error: { message: 'redis-server: command not found' } });
  });

  it('gives up after three taken ports', async () => {
    expect(await alwaysFailing('bind: Address already in use')).toMatchObject({ calls: 3, error: { message: 'bind: Address already in use' } });
  });
});
