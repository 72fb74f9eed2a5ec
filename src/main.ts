/**
 * CLI: `npm start` (demo mode: simulators in-process) or `npm start -- --config gateway.yaml`
 * (or BACKUP_GATEWAY_CONFIG). A bad config stops start-up with one line and exit code 1.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, DEFAULT_JOURNAL_URL, loadConfig, type GatewayConfig } from './config.js';
import { startDemo, type Demo } from './demo.js';
import { createLogger } from './logger.js';
import { ProviderRegistry } from './providers/registry.js';
import { startGatewayServer } from './server.js';
import { profileFromEnv } from './simulators/kit/profile.js';
import { Journal } from './journal/journal.js';
import { openJournal } from './journal/open.js';
import { shutdownTelemetry, startTelemetry } from './telemetry/setup.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log('usage: npm start [-- --config gateway.yaml]   (without a config: demo mode with simulated providers)');
    return;
  }
  const logger = createLogger();
  startTelemetry(); // traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (src/telemetry/setup.ts)
  const configFile = values.config ?? process.env.BACKUP_GATEWAY_CONFIG;
  let config: GatewayConfig | undefined;
  let demo: Demo | undefined;
  if (configFile) {
    config = loadConfig(configFile);
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
  });
  console.log(`backup-gateway ready: GraphiQL at ${server.url}${demo ? ' (demo mode)' : ''}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: completing subscriptions and ending upstream sessions');
    await server.close();
    await demo?.close();
    await shutdownTelemetry(); // export the spans still batched
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
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
