/**
 * A small HTTP server shell for the simulators: body reading, JSON replies, a request log,
 * fault injection and the `/__sim/` admin routes. Each simulator supplies only its own routing.
 *
 * Every non-admin reply waits `latencyMs` (a simulated upstream round trip; a fault's own
 * `latencyMs` adds on top).
 *
 * Admin routes (never logged, never faulted, never delayed):
 *   GET    /__sim/requests          -> { requests: [{ method, path, routeKey, at, startedMs, durationMs }] }
 *   DELETE /__sim/requests          -> clears the log
 *   GET    /__sim/faults            -> current FaultSettings
 *   PUT    /__sim/faults            -> replace FaultSettings (JSON body); DELETE clears them
 *   POST   /__sim/clock/advance     -> body { ms } moves the simulated clock forward
 *   GET    /__sim/clock             -> { now: ISO string }
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SimClock } from './clock.js';
import { FaultBook, type FaultSettings } from './faults.js';
import { selfSignedCertificate } from './tls.js';

export interface SimRequest {
  method: string;
  /** Path without the query string, e.g. "/api/rest/vms/list/abc/1". */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** Raw body bytes (empty for GET). */
  body: Buffer;
}

export interface SimReply {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; anything else as JSON. `undefined` sends no body. */
  body?: unknown;
}

export interface LoggedRequest {
  method: string;
  path: string;
  routeKey: string;
  /** Arrival on the SimClock (ISO). */
  at: string;
  /** The caller's X-Request-ID header, if it sent one. */
  requestId?: string;
  /**
   * Arrival on the real clock (epoch ms, sub-millisecond float): the SimClock can jump, so
   * timing measurements use `performance` instead.
   */
  startedMs: number;
  /**
   * Real ms from arrival until the reply was fully written (latency included). Absent while the
   * reply is pending, and for requests that get none (`hang`, `resetConnection`).
   */
  durationMs?: number;
}

export interface SimServerOptions {
  name: string;
  port?: number;
  host?: string;
  clock?: SimClock;
  faults?: FaultSettings;
  /** Base delay of every non-admin reply in real ms, default 0; a fault's `latencyMs` adds to it. */
  latencyMs?: number;
  /** Serve https with a fresh self-signed certificate (see `certPem` on the server). */
  https?: boolean;
  /** Classify a request for the log and for per-route faults. */
  routeKeyOf(req: SimRequest): string;
  /** The simulator's own answer. May throw; a throw becomes a 500 with a plain message. */
  handle(req: SimRequest): Promise<SimReply> | SimReply;
  /** The simulator's answer while `expireSessions` is on, if it has sessions. */
  expiredSessionReply?(req: SimRequest): SimReply | undefined;
}

export interface SimServer {
  readonly name: string;
  readonly port: number;
  /** `http://host:port`, or `https://…` when serving TLS. */
  readonly origin: string;
  /** With `https`: the self-signed certificate a client must trust (its CA file). */
  readonly certPem?: string;
  readonly clock: SimClock;
  readonly faults: FaultBook;
  readonly requests: LoggedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

const ADMIN_PREFIX = '/__sim/';

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const clock = options.clock ?? new SimClock();
  const faults = new FaultBook(options.faults);
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const baseLatencyMs = validLatency(options.latencyMs);

  const listener: RequestListener = async (req, res) => {
    // Taken before the body is read, so durationMs covers the whole exchange.
    const arrival = performance.now();
    try {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const body = await readBody(req);
      const simReq: SimRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      };
      if (simReq.path.startsWith(ADMIN_PREFIX)) {
        send(res, handleAdmin(simReq, { clock, faults, requests }));
        return;
      }
      const routeKey = options.routeKeyOf(simReq);
      const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined;
      const entry: LoggedRequest = {
        method: simReq.method,
        path: simReq.path,
        routeKey,
        at: new Date(clock.now()).toISOString(),
        requestId,
        startedMs: performance.timeOrigin + arrival,
      };
      requests.push(entry);
      // 'finish' = the last byte was handed to the socket; it never fires for hang/reset.
      res.once('finish', () => {
        entry.durationMs = performance.now() - arrival;
      });

      const fault = faults.take(routeKey);
      const delayMs = baseLatencyMs + (fault?.latencyMs ?? 0);
      if (delayMs > 0) await sleepAtLeast(delayMs);
      if (fault) {
        if (fault.hang) return; // leave the socket open; close() destroys it
        if (fault.resetConnection) {
          req.socket.destroy();
          return;
        }
        if (fault.status) {
          const headers: Record<string, string> = {};
          if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
          send(res, { status: fault.status, headers, body: `${options.name} simulator: injected ${fault.status}` });
          return;
        }
        if (fault.errorRate && Math.random() < fault.errorRate) {
          send(res, { status: 500, body: `${options.name} simulator: injected error` });
          return;
        }
        if (fault.malformedBody) {
          send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"truncated": ' });
          return;
        }
        if (fault.expireSessions) {
          const reply = options.expiredSessionReply?.(simReq);
          if (reply) {
            send(res, reply);
            return;
          }
        }
      }
      send(res, await options.handle(simReq));
    } catch (error) {
      if (!res.headersSent) send(res, { status: 500, body: `${options.name} simulator error: ${(error as Error).message}` });
      else res.end();
    }
  };
  const certificate = options.https ? selfSignedCertificate() : undefined;
  const server: Server = certificate ? createTlsServer({ key: certificate.keyPem, cert: certificate.certPem }, listener) : createServer(listener);
  // For https the raw TCP socket is what close() must destroy ('connection' fires for both).
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';

  return {
    name: options.name,
    port,
    origin: `${certificate ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    certPem: certificate?.certPem,
    clock,
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function handleAdmin(
  req: SimRequest,
  ctx: { clock: SimClock; faults: FaultBook; requests: LoggedRequest[] },
): SimReply {
  const route = `${req.method} ${req.path.slice(ADMIN_PREFIX.length).replace(/\/$/, '')}`;
  switch (route) {
    case 'GET requests':
      return { status: 200, body: { requests: ctx.requests } };
    case 'DELETE requests':
      ctx.requests.length = 0;
      return { status: 204 };
    case 'GET faults':
      return { status: 200, body: ctx.faults.get() };
    case 'PUT faults':
      ctx.faults.set(parseJson(req.body) as FaultSettings);
      return { status: 200, body: ctx.faults.get() };
    case 'DELETE faults':
      ctx.faults.clear();
      return { status: 204 };
    case 'GET clock':
      return { status: 200, body: { now: new Date(ctx.clock.now()).toISOString() } };
    case 'POST clock/advance': {
      const { ms } = parseJson(req.body) as { ms?: number };
      ctx.clock.advance(Number(ms));
      return { status: 200, body: { now: new Date(ctx.clock.now()).toISOString() } };
    }
    default:
      return { status: 404, body: { error: `unknown admin route ${route}` } };
  }
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  return JSON.parse(body.toString('utf8'));
}

function send(res: ServerResponse, reply: SimReply): void {
  const headers = { ...(reply.headers ?? {}) };
  let payload: string | Buffer | undefined;
  if (reply.body === undefined) payload = undefined;
  else if (typeof reply.body === 'string' || Buffer.isBuffer(reply.body)) {
    payload = reply.body;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  } else {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function validLatency(ms: number | undefined): number {
  if (ms === undefined) return 0;
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`latencyMs must be a non-negative number, got ${ms}`);
  return ms;
}

/** Timers may fire up to ~1 ms early against `performance.now()`; re-arm until the full delay has passed. */
async function sleepAtLeast(ms: number): Promise<void> {
  const until = performance.now() + ms;
  for (let left = ms; left > 0; left = until - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
  }
}
