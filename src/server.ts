/**
 * One HTTP port for everything: GraphQL over HTTP and SSE plus GraphiQL (yoga), graphql-ws on
 * the same path, the console, `/healthz` (process alive), and `/readyz` and `/metrics`
 * (ops-endpoints.ts); then the drain on close.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { WebSocketServer } from 'ws';
import { ApiKeys, bearerToken, OPEN_ACCESS, type Principal } from './auth.js';
import type { Logger } from './logger.js';
import { errorCode, maskError } from './plugins/mask-errors.js';
import { usePartialErrors } from './plugins/partial-errors.js';
import { useScopes } from './plugins/scopes.js';
import { DEFAULT_LIMITS, useQueryLimits, type QueryLimits } from './plugins/limits.js';
import { useObservability } from './plugins/observability.js';
import { useTracing } from './plugins/tracing.js';
import { useCompiledExecution } from './plugins/jit.js';
import { telemetryEnabled } from './telemetry/setup.js';
import { requestIdFrom } from './domain/request-scope.js';
import { listenMetrics, sendJson, serveMetrics, serveReadiness } from './ops-endpoints.js';
import { OperationTracker } from './operations/tracker.js';
import type { Journal } from './journal/journal.js';
import { JournalWatcher } from './journal/watcher.js';
import { AlertsEngine } from './alerts/engine.js';
import type { AlertsConfigInput } from './alerts/config.js';
import { LocalBus, type OperationBus } from './operations/bus.js';
import { RedisBus } from './operations/redis-bus.js';
import type { ProviderRegistry } from './providers/registry.js';
import { RequestReads, type GatewayContext } from './schema/context.js';
import { schema } from './schema/index.js';
import { GRAPHIQL_OPTIONS, renderGraphiQL } from './console/graphiql.js';
import { serveConsole } from './console/serve.js';
import type { GatewayConfig } from './config.js';

export interface GatewayServerOptions {
  registry: ProviderRegistry;
  logger: Logger;
  port?: number;
  host?: string;
  auth?: GatewayConfig['auth'];
  operations?: Partial<GatewayConfig['operations']>;
  limits?: Partial<QueryLimits>;
  /** Introspection on (default) or off; off also hides field suggestions. */
  introspection?: boolean;
  /** Share operation updates and polling leases with other instances through Redis. */
  redis?: GatewayConfig['redis'];
  /** Durable history: recorded from every observation, watched in the background; closed with the server. */
  journal?: { journal: Journal; watchIntervalMs: number; backfill?: boolean };
  /** Alert rules and webhook delivery over the journal (src/alerts); needs `journal`. */
  alerts?: AlertsConfigInput;
  /** Serve /metrics on this port too, without a key (0: any free port). */
  metricsPort?: number;
}

/** What a SIGHUP may change without a restart. */
export interface GatewayReconfiguration {
  auth?: GatewayConfig['auth'];
}

export interface GatewayServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly tracker: OperationTracker;
  readonly journal?: Journal;
  readonly watcher?: JournalWatcher;
  /** The alerts engine (with a journal and `alerts`); its reconfigure(alertsConfig) applies new webhooks. */
  readonly alerts?: AlertsEngine;
  /** The separate metrics listener's URL, when `metricsPort` is set. */
  readonly metricsUrl?: string;
  /** True from the moment close() starts: /readyz answers 503. */
  readonly draining: boolean;
  /** New API keys for every request and operation from now on; open connections stay. */
  reconfigure(update: GatewayReconfiguration): void;
  /**
   * Drain, then stop: /readyz 503 and no new connections at once, in-flight requests finish,
   * subscriptions complete, upstream sessions end. Resolves false when `timeoutMs` (default
   * 10000) ran out and work was cut short.
   */
  close(options?: { timeoutMs?: number }): Promise<boolean>;
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export const GRAPHQL_PATH = '/graphql';

export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { registry, logger } = options;
  const journal = options.journal?.journal;
  const alerts = journal && options.alerts ? new AlertsEngine(journal, () => registry.all(), options.alerts, logger) : undefined;
  const bus: OperationBus = options.redis ? await RedisBus.connect(options.redis.url, logger) : new LocalBus();
  const tracker = new OperationTracker(
    registry,
    {
      pollIntervalMs: options.operations?.pollIntervalMs ?? 1000,
      dashboardPollIntervalMs: options.operations?.dashboardPollIntervalMs ?? 3000,
      unknownTimeoutMs: options.operations?.unknownTimeoutMs,
      onObserve: journal ? (operation) => journal.observed(operation) : undefined,
    },
    bus,
  );
  let apiKeys = options.auth ? new ApiKeys(options.auth.apiKeys) : undefined;
  const principalFor = (authorization: string | undefined | null): Principal | undefined =>
    apiKeys ? apiKeys.authenticate(bearerToken(authorization)) : OPEN_ACCESS;

  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...stripUndefined(options.limits ?? {}) };
  const introspection = options.introspection ?? true;

  const yoga = createYoga<{ connectionParams?: Record<string, unknown> }, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    batching: { limit: limits.maxBatch },
    graphiql: GRAPHIQL_OPTIONS,
    renderGraphiQL,
    maskedErrors: { maskError },
    logging: {
      debug: (...args) => logger.debug({ yoga: args }),
      info: (...args) => logger.info({ yoga: args }),
      warn: (...args) => logger.warn({ yoga: args }),
      // Yoga reports every resolver error here; a typed one (a client's mistake) is already in the operation's log line.
      error: (...args) => logger[args.every((a) => a instanceof Error && errorCode(a) !== 'INTERNAL_SERVER_ERROR') ? 'debug' : 'error']({ yoga: args.map((a) => (a instanceof Error ? a.message : a)) }),
    },
    plugins: [
      // Outermost, so its spans cover the other plugins' work; only when traces are on (zero cost off).
      ...(telemetryEnabled() ? [useTracing()] : []),
      // Browsers must send a preflighted request (JSON or this header): no cross-site form posts.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf'] }),
      ...(introspection ? [] : [useDisableIntrospection()]),
      ...useQueryLimits(limits, introspection),
      useScopes(),
      useObservability(logger),
      usePartialErrors(),
      // Compiled execution per document (cached): a large share of the gateway's CPU per query.
      useCompiledExecution(schema),
    ],
    context: (initial: YogaInitialContext & { connectionParams?: Record<string, unknown> }): GatewayContext => {
      const authorization = initial.connectionParams
        ? String(initial.connectionParams.authorization ?? initial.connectionParams.Authorization ?? '')
        : initial.request.headers.get('authorization');
      // Over WebSocket there are no per-operation headers: each operation gets a fresh id.
      const requestId = requestIdFrom(initial.connectionParams ? undefined : initial.request.headers.get('x-request-id'));
      return { registry, tracker, journal, alerts, reads: new RequestReads(registry, requestId), principal: principalFor(authorization) };
    },
  });

  let draining = false;
  // Requests being answered, and whether each is a stream (SSE), which only ends when its subscription does.
  const inFlight = new Map<ServerResponse, boolean>();
  const server = createServer((req, res) => handle(req, res));
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (draining && path !== '/healthz' && path !== '/readyz') {
      // A request on a connection kept alive from before the signal: refused, and the connection with it.
      sendJson(res, 503, { errors: [{ message: 'backup-gateway is shutting down; retry on another instance', extensions: { code: 'SHUTTING_DOWN' } }] }, { connection: 'close', 'retry-after': '5' });
      return;
    }
    inFlight.set(res, String(req.headers.accept ?? '').includes('text/event-stream'));
    res.once('close', () => inFlight.delete(res));
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/readyz') {
      // With auth on, the per-provider detail (URLs' health, messages) is for key holders only.
      const detail = !apiKeys || principalFor(req.headers.authorization) !== undefined;
      await serveReadiness(res, { registry, bus, journal, draining, detail });
      return;
    }
    if (path === '/metrics') {
      await serveMetrics(res, apiKeys ? { principal: principalFor(req.headers.authorization), separateListener: options.metricsPort !== undefined } : undefined);
      return;
    }
    if (path === '/console' || path.startsWith('/console/')) {
      serveConsole(path, res);
      return;
    }
    if (path === '/' && req.method === 'GET') {
      res.writeHead(302, { location: GRAPHQL_PATH }).end();
      return;
    }
    yoga.handle(req, res);
  };

  // Listen before the WebSocket server attaches: a port in use is then one friendly line in main.ts,
  // not also graphql-ws's console dump of the error.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => resolve());
  }).catch(async (error: unknown) => {
    await bus.close(); // e.g. the port is taken: do not leave Redis connections open
    throw error;
  });
  const wss = new WebSocketServer({ server, path: GRAPHQL_PATH });
  const wsServer = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      // A bad key closes the socket at connection time with 4403 Forbidden.
      onConnect: (ctx) => principalFor(String(ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization ?? '')) !== undefined,
      execute: (args) => (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) => (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema: envelopedSchema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          request: { headers: new Headers() },
          connectionParams: ctx.connectionParams ?? {},
        } as never);
        let document;
        try {
          document = parse(params.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(envelopedSchema, document);
        if (errors.length > 0) return errors;
        return {
          schema: envelopedSchema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
  );

  const metricsServer = options.metricsPort === undefined ? undefined : await listenMetrics(options.metricsPort, options.host ?? '127.0.0.1').catch(async (error: unknown) => {
    await closeServer(server);
    await bus.close();
    throw error;
  });
  const watcher = options.journal ? new JournalWatcher(() => registry.all(), options.journal.journal, { intervalMs: options.journal.watchIntervalMs, logger, backfill: options.journal.backfill }) : undefined;
  watcher?.start();
  alerts?.start();
  const address = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}${GRAPHQL_PATH}`;

  const metricsAddress = metricsServer?.address() as AddressInfo | undefined;

  /** Finish what is running, in order; false when the deadline came first. */
  const drain = async (deadline: number): Promise<boolean> => {
    const requestsDone = await until(() => [...inFlight.values()].every((streaming) => streaming), deadline);
    await watcher?.stop();
    await alerts?.close();
    await tracker.close(); // completes every open subscription and hands its leases over
    await bus.close();
    await new Promise((resolve) => setTimeout(resolve, 50)); // let "complete" messages flush
    await wsServer.dispose(); // closes each socket with 1001 "Going away"
    const streamsDone = await until(() => inFlight.size === 0, deadline);
    return requestsDone && streamsDone;
  };

  let closing: Promise<boolean> | undefined;
  return {
    url,
    port: address.port,
    server,
    tracker,
    journal,
    watcher,
    alerts,
    metricsUrl: metricsAddress ? `http://${url.split('/')[2].replace(/:\d+$/, '')}:${metricsAddress.port}/metrics` : undefined,
    get draining() {
      return draining;
    },
    reconfigure: (update) => {
      apiKeys = update.auth ? new ApiKeys(update.auth.apiKeys) : undefined;
    },
    close: ({ timeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS } = {}) =>
      (closing ??= (async () => {
        draining = true;
        const deadline = Date.now() + timeoutMs;
        // Stop accepting connections but keep the idle keep-alive ones (http.Server.close would
        // drop them): a load balancer probing on one sees /readyz 503 instead of a reset.
        NetServer.prototype.close.call(server);
        if (metricsServer) await closeServer(metricsServer);
        const drained = await Promise.race([drain(deadline), new Promise<false>((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()) + 100, false))]);
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        await registry.closeAll(); // end upstream sessions
        await journal?.close(); // what is queued is written first
        return drained;
      })()),
  };
}

/** Resolves true once `done()` holds, false if the deadline passes first. */
async function until(done: () => boolean, deadline: number): Promise<boolean> {
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
