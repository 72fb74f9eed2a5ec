/**
 * One HTTP port for everything: GraphQL over HTTP and SSE plus GraphiQL (yoga), graphql-ws on
 * the same path, `/healthz` (process alive) and `/readyz` (per provider; 503 when none is usable).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { WebSocketServer } from 'ws';
import { ApiKeys, bearerToken, OPEN_ACCESS, type Principal } from './auth.js';
import type { Logger } from './logger.js';
import { maskError } from './plugins/mask-errors.js';
import { usePartialErrors } from './plugins/partial-errors.js';
import { useScopes } from './plugins/scopes.js';
import { DEFAULT_LIMITS, useQueryLimits, type QueryLimits } from './plugins/limits.js';
import { useObservability } from './plugins/observability.js';
import { useTracing } from './plugins/tracing.js';
import { telemetryEnabled } from './telemetry/setup.js';
import { withRequestId } from './request-context.js';
import { metricsRegistry } from './upstream/metrics.js';
import { OperationTracker } from './operations/tracker.js';
import type { Journal } from './journal/journal.js';
import { JournalWatcher } from './journal/watcher.js';
import { LocalBus, type OperationBus } from './operations/bus.js';
import { RedisBus } from './operations/redis-bus.js';
import type { ProviderRegistry } from './providers/registry.js';
import { RequestReads, type GatewayContext } from './schema/context.js';
import { schema } from './schema/index.js';
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
}

export interface GatewayServer {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  readonly tracker: OperationTracker;
  readonly journal?: Journal;
  readonly watcher?: JournalWatcher;
  close(): Promise<void>;
}

export const GRAPHQL_PATH = '/graphql';

export async function startGatewayServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { registry, logger } = options;
  const journal = options.journal?.journal;
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
  const apiKeys = options.auth ? new ApiKeys(options.auth.apiKeys) : undefined;
  const principalFor = (authorization: string | undefined | null): Principal | undefined =>
    apiKeys ? apiKeys.authenticate(bearerToken(authorization)) : OPEN_ACCESS;

  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...stripUndefined(options.limits ?? {}) };
  const introspection = options.introspection ?? true;

  const yoga = createYoga<{ connectionParams?: Record<string, unknown> }, GatewayContext>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    batching: { limit: limits.maxBatch },
    graphiql: { title: 'backup-gateway', subscriptionsProtocol: 'WS' },
    maskedErrors: { maskError },
    logging: {
      debug: (...args) => logger.debug({ yoga: args }),
      info: (...args) => logger.info({ yoga: args }),
      warn: (...args) => logger.warn({ yoga: args }),
      error: (...args) => logger.error({ yoga: args.map((a) => (a instanceof Error ? a.message : a)) }),
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
    ],
    context: (initial: YogaInitialContext & { connectionParams?: Record<string, unknown> }): GatewayContext => {
      const authorization = initial.connectionParams
        ? String(initial.connectionParams.authorization ?? initial.connectionParams.Authorization ?? '')
        : initial.request.headers.get('authorization');
      return { registry, tracker, journal, reads: new RequestReads(registry), principal: principalFor(authorization) };
    },
  });

  const server = createServer((req, res) => withRequestId(req.headers['x-request-id'] as string | undefined, () => handle(req, res)));
  const handle = async (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/readyz') {
      const report = {
        ...(await readiness(registry)),
        ...(bus.health ? { redis: bus.health() } : {}),
        // Informational, like Redis: without its journal an instance still answers from the providers.
        ...(journal ? { journal: await journalHealth(journal) } : {}),
      };
      res.writeHead(report.ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(await metricsRegistry.metrics());
      return;
    }
    if (path === '/' && req.method === 'GET') {
      res.writeHead(302, { location: GRAPHQL_PATH }).end();
      return;
    }
    yoga.handle(req, res);
  };

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

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host ?? '127.0.0.1', () => resolve());
  }).catch(async (error: unknown) => {
    await bus.close(); // e.g. the port is taken: do not leave Redis connections open
    throw error;
  });
  const watcher = options.journal ? new JournalWatcher(() => registry.all(), options.journal.journal, { intervalMs: options.journal.watchIntervalMs, logger, backfill: options.journal.backfill }) : undefined;
  watcher?.start();
  const address = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}${GRAPHQL_PATH}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    server,
    tracker,
    journal,
    watcher,
    close: () =>
      (closing ??= (async () => {
        await watcher?.stop();
        await tracker.close(); // completes every open subscription and hands its leases over
        await bus.close();
        await new Promise((resolve) => setTimeout(resolve, 50)); // let "complete" messages flush
        await wsServer.dispose();
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections?.();
        await registry.closeAll(); // end upstream sessions
        await journal?.close(); // what is queued is written first
      })()),
  };
}

/** The journal's write health, and whether its database answers now. */
async function journalHealth(journal: Journal) {
  const health = journal.health();
  if (health.status === 'DOWN') return health;
  try {
    await journal.store.ping();
    return health;
  } catch (error) {
    return { ...health, status: 'DOWN' as const, message: `the journal's database does not answer: ${(error as Error).message.split('\n')[0]}` };
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function readiness(registry: ProviderRegistry) {
  const providers = await Promise.all(
    registry.all().map(async (provider) => {
      const known = provider.health();
      const health = known.status === 'UNKNOWN' || known.status === 'DOWN' ? await provider.probe() : known;
      return { id: provider.id, kind: provider.kind, status: health.status, message: health.message ?? null };
    }),
  );
  const ready = providers.some((p) => p.status === 'UP' || p.status === 'DEGRADED');
  return { ready, providers };
}
