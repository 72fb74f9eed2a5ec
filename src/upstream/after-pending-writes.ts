/**
 * Resolve in the event loop's check phase, after the upstream requests dispatched so far are
 * on the wire. undici writes a request on a reused keep-alive socket only in that phase (it
 * first lets the socket's pending bytes, FIN or RST be read: GHSA-35p6-xmwp-9g52), so until
 * then every request dispatched in this I/O phase waits for whatever synchronous work follows
 * it. Await this before long work that does not feed those requests (resolving a page of
 * nodes), so the requests go out first and their round trip overlaps that work.
 */
export function afterPendingWrites(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
