/**
 * CLI: `npm start` (demo mode: simulators in-process) or `npm start -- --config gateway.yaml`
 * (or BACKUP_GATEWAY_CONFIG). A bad config stops start-up with one line and exit code 1.
 * SIGTERM/SIGINT drain and stop (exit 0, or 1 when `server.shutdownTimeoutMs` cut work short);
 * SIGHUP re-reads the config file and applies its API keys and alert webhooks.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_JOURNAL_URL, loadConfig, type GatewayConfig } from './config.js';
import type { Demo } from './demo.js';
import { createLogger } from './logger.js';
import type { GatewayServer } from './server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log('usage: npm start [-- --config gateway.yaml]   (without a config: demo mode with simulated providers)');
    return;
  }
  const logger = createLogger();
  const configFile = values.config ?? process.env.BACKUP_GATEWAY_CONFIG;
  let config: GatewayConfig | undefined;
  let demo: Demo | undefined;
  // The config first: a mistake in it is reported before the rest of the gateway is even loaded.
  if (configFile) config = loadConfig(configFile);
  const [{ startTelemetry, shutdownTelemetry }, { startDemo }, { ProviderRegistry }, { DEFAULT_SHUTDOWN_TIMEOUT_MS, startGatewayServer }, { profileFromEnv }, { Journal }, { openJournal }] = await Promise.all([
    import('./telemetry/setup.js'),
    import('./demo.js'),
    import('./providers/registry.js'),
    import('./server.js'),
    import('./simulators/kit/profile.js'),
    import('./journal/journal.js'),
    import('./journal/open.js'),
  ]);
  startTelemetry(); // traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (src/telemetry/setup.ts)
  if (config) {
    if (!config.auth) logger.warn({ config: configFile }, 'no "auth" section in the config: the API is open to anyone who can reach it; add auth.apiKeys');
  } else {
    demo = await startDemo({ profile: profileFromEnv() });
    logger.info({ simulators: Object.fromEntries(Object.entries(demo.simulators).map(([k, s]) => [k, s.baseUrl])) }, 'demo mode: simulated providers started');
  }
  const providers = config?.providers ?? demo!.providers;
  for (const id of ProviderRegistry.unverifiedTls(providers)) {
    logger.warn({ provider: id }, `provider "${id}": tls.rejectUnauthorized is false, so its certificate is not checked and anyone on the path can pose as it; trust its certificate with tls.caFile instead`);
  }
  // Demo mode keeps its history in a fresh temporary file; a config names its own (default ./data/journal.db).
  const journalSettings = config?.journal ?? { url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'backup-gateway-demo-')), 'journal.db')}`, retentionDays: 400, watchIntervalSeconds: 10, missedGraceMinutes: 60 };
  const store = await openJournal(journalSettings.url ?? DEFAULT_JOURNAL_URL).catch((error: Error) => {
    throw new JournalOpenError(error.message);
  });
  const journal = new Journal(store, logger, { retentionDays: journalSettings.retentionDays, missedGraceMinutes: journalSettings.missedGraceMinutes });
  logger.info({ journal: store.dialect }, 'journal open');
  const registry = ProviderRegistry.fromConfig(providers, config?.performance);
  const server = await startGatewayServer({
    registry,
    logger,
    port: Number(process.env.PORT ?? config?.server.port ?? 4000),
    host: process.env.HOST ?? config?.server.host ?? '127.0.0.1',
    auth: config?.auth,
    operations: config?.operations,
    limits: config?.limits,
    introspection: config?.introspection,
    redis: config?.redis,
    journal: { journal, watchIntervalMs: journalSettings.watchIntervalSeconds * 1000 },
    // The rules always run with a journal (query `alerts`); webhooks only where configured.
    alerts: config?.alerts ?? {},
    metricsPort: config?.server.metricsPort,
  });
  console.log(readyHint(server, demo !== undefined));

  const shutdownTimeoutMs = config?.server.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal while draining: stopping now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, shutdownTimeoutMs }, 'draining: /readyz is 503, finishing in-flight requests, completing subscriptions, ending upstream sessions');
    // Whatever hangs (a journal write, an upstream logout), the process still ends.
    setTimeout(() => process.exit(1), shutdownTimeoutMs + 5_000).unref();
    const drained = await server.close({ timeoutMs: shutdownTimeoutMs });
    await demo?.close();
    await shutdownTelemetry(); // export the spans still batched
    if (drained) logger.info('stopped');
    else logger.warn({ shutdownTimeoutMs }, 'stopped: in-flight work was cut short at server.shutdownTimeoutMs');
    // Let the log lines reach stdout before exiting.
    logger.flush(() => process.exit(drained ? 0 : 1));
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => reload(server, configFile, logger));
}

/** SIGHUP: new API keys from the config file; an invalid file keeps the running config. */
function reload(server: GatewayServer, configFile: string | undefined, logger: ReturnType<typeof createLogger>): void {
  if (!configFile) {
    logger.warn('SIGHUP: demo mode has no config file to re-read');
    return;
  }
  let config: GatewayConfig;
  try {
    config = loadConfig(configFile);
  } catch (error) {
    logger.error(`SIGHUP: config not reloaded, the running one stays: ${(error as Error).message}`);
    return;
  }
  server.reconfigure({ auth: config.auth });
  server.alerts?.reconfigure(config.alerts ?? {});
  logger.info({ config: configFile, apiKeys: config.auth?.apiKeys.map((k) => k.name) ?? [] }, 'SIGHUP: config reloaded (API keys, alert webhooks); other settings need a restart');
}

/** What to do next, printed once the gateway listens. */
function readyHint(server: GatewayServer, demo: boolean): string {
  const base = server.url.replace(/\/graphql$/, '');
  return [
    `backup-gateway ready: GraphiQL at ${server.url}${demo ? ' (demo mode)' : ''}`,
    `  console:  ${base}/console`,
    `  health:   ${base}/readyz   metrics: ${server.metricsUrl ?? `${base}/metrics`}`,
    demo
      ? '  demo mode: simulated providers with seeded data. For your own providers: npm start -- --config gateway.yaml (README, "Configuration")'
      : '  stop: Ctrl-C or SIGTERM (drains first); reload API keys: SIGHUP',
  ].join('\n');
}

/** The journal could not be opened: one line, like a config error. */
class JournalOpenError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof JournalOpenError) console.error(`backup-gateway: journal error: ${error.message}`);
  else if (error instanceof ConfigError) console.error(`backup-gateway: config error: ${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`backup-gateway: port already in use (${(error as Error).message.split(' ').pop()}); set PORT to another one`);
  else if ((error as Error).name === 'TypeError' && /parseArgs|ERR_PARSE_ARGS/.test(String((error as NodeJS.ErrnoException).code))) console.error(`backup-gateway: ${(error as Error).message}`);
  else console.error(`backup-gateway: failed to start: ${(error as Error).message}`);
  process.exit(1);
});
