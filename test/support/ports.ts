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

/**
 * A loopback port where connections are refused for the whole test run: 1 (tcpmux), which no
 * test binds. A port from `closedPort()` is free only for a moment: with test files running in
 * parallel another one may bind it, and a provider "down" there would answer.
 */
export const REFUSING_PORT = 1;
