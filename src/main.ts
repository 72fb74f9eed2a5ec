/**
 * CLI: `npm start` (demo mode: simulators in-process) or `npm start -- --config gateway.yaml`
 * (or BACKUP_GATEWAY_CONFIG). A bad config stops start-up with one line and exit code 1.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type GatewayConfig } from './config.js';
import { startDemo, type Demo } from './demo.js';
import { createLogger } from './logger.js';
import { ProviderRegistry } from './providers/registry.js';
import { startGatewayServer } from './server.js';
import { profileFromEnv } from './simulators/kit/profile.js';

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
  });
  console.log(`backup-gateway ready: GraphiQL at ${server.url}${demo ? ' (demo mode)' : ''}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: completing subscriptions and ending upstream sessions');
    await server.close();
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`backup-gateway: config error: ${error.message}`);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') console.error(`backup-gateway: port already in use (${(error as Error).message.split(' ').pop()}); set PORT to another one`);
  else if ((error as Error).name === 'TypeError' && /parseArgs|ERR_PARSE_ARGS/.test(String((error as NodeJS.ErrnoException).code))) console.error(`backup-gateway: ${(error as Error).message}`);
  else console.error(`backup-gateway: failed to start: ${(error as Error).message}`);
  process.exit(1);
});
