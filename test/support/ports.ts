/** Loopback ports for tests. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The words servers use when their port is taken (redis-server; PostgreSQL's log). */
const PORT_TAKEN = /could not bind|address already in use/i;

/**
 * `start(port)` on a port from closedPort(), again on another one when the port turned out to
 * be taken: test files run in parallel, and another may bind it between closedPort() and the
 * server's own bind. `start` must reject with an error whose message carries the server's words.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await closedPort());
    } catch (error) {
      if (attempt >= attempts || !PORT_TAKEN.test((error as Error).message)) throw error;
    }
  }
}

/**
 * A loopback port where connections are refused for the whole test run: 1 (tcpmux), which no
 * test binds. A port from `closedPort()` is free only for a moment: with test files running in
 * parallel another one may bind it, and a provider "down" there would answer.
 */
export const REFUSING_PORT = 1;
