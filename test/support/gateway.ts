/**
 * Test harness: the real gateway server on a free port in front of real simulators on loopback,
 * plus a typed GraphQL-over-HTTP helper. Nothing of the gateway is mocked.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createLogger } from '../../src/logger.js';
import { startDemo, type Demo, type DemoOptions } from '../../src/demo.js';
import { ProviderRegistry, type RegistryOptions } from '../../src/providers/registry.js';
import { startGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../src/server.js';
import type { ProviderConfig } from '../../src/config.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../src/journal/journal.js';
import { openJournal } from '../../src/journal/open.js';
import type { AlertsConfigInput } from '../../src/alerts/config.js';

export interface TestGateway {
  url: string;
  wsUrl: string;
  demo: Demo;
  server: GatewayServer;
  /** The journal (unless `journal: false`); closed with the server. */
  journal?: Journal;
  registry: ProviderRegistry;
  gql<R, V>(document: TypedDocumentNode<R, V>, variables?: V, headers?: Record<string, string>): Promise<GraphQLResponse<R>>;
  close(): Promise<void>;
}

export interface GraphQLResponse<R> {
  data?: R | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestGatewayOptions extends DemoOptions {
  /** Put this gateway in front of another gateway's simulators (which it then leaves running). */
  demo?: Demo;
  /** Change the provider configs before the registry is built (e.g. wrong credentials). */
  editProviders?: (providers: ProviderConfig[]) => ProviderConfig[];
  server?: Partial<GatewayServerOptions>;
  registry?: RegistryOptions;
  /**
   * The journal: by default a fresh SQLite file in a temporary folder, recording what the
   * gateway observes, with the watcher (and so backfill) off so tests that count upstream
   * requests see only their own. `false`: no journal at all.
   */
  journal?: false | { url?: string; watchIntervalMs?: number; backfill?: boolean; missedGraceMinutes?: number };
  /** Run the alerts engine with this config (off by default: its rounds read the providers). */
  alerts?: AlertsConfigInput;
}

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const ownDemo = !options.demo;
  const demo =
    options.demo ??
    (await startDemo({
      profile: options.profile,
      altaro: { operationMs: 1500, finishedGraceMs: 1500, ...options.altaro },
      cloudsigma: { snapshotMs: 400, remoteTransferMs: 1200, ...options.cloudsigma },
      billmanager: { backupMs: 1500, restoreMs: 1500, ...options.billmanager },
    }));
  // Scheduled runs would start backups on their own in the middle of a test.
  demo.simulators.altaro.state.autoRunSchedules = false;
  const providers = options.editProviders ? options.editProviders(demo.providers) : demo.providers;
  const registry = ProviderRegistry.fromConfig(providers.map((p) => ({ ...p, retries: p.retries ?? 0 })), options.registry);
  const logger = createLogger({ level: 'silent' });
  const journalDir = options.journal !== false && !options.journal?.url ? mkdtempSync(join(tmpdir(), 'bgw-journal-')) : undefined;
  const journal =
    options.journal === false
      ? undefined
      : new Journal(await openJournal(options.journal?.url ?? `sqlite:${join(journalDir!, 'journal.db')}`), logger, {
          missedGraceMinutes: options.journal?.missedGraceMinutes,
          flushDelayMs: 20,
        });
  const server = await startGatewayServer({
    registry,
    logger,
    port: 0,
    operations: { pollIntervalMs: 100, dashboardPollIntervalMs: 200 },
    journal: journal
      ? { journal, watchIntervalMs: (options.journal || undefined)?.watchIntervalMs ?? 0, backfill: (options.journal || undefined)?.backfill }
      : undefined,
    alerts: options.alerts,
    ...options.server,
  });
  const gql = async <R, V>(document: TypedDocumentNode<R, V>, variables?: V, headers: Record<string, string> = {}) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as GraphQLResponse<R>;
  };
  return {
    url: server.url,
    wsUrl: server.url.replace(/^http/, 'ws'),
    demo,
    server,
    journal,
    registry,
    gql,
    close: async () => {
      await server.close();
      if (ownDemo) await demo.close();
      if (journalDir) rmSync(journalDir, { recursive: true, force: true });
    },
  };
}

/** The data of a response that must have no errors. */
export function expectData<R>(response: GraphQLResponse<R>): R {
  if (response.errors?.length) throw new Error(`unexpected GraphQL errors: ${JSON.stringify(response.errors)}`);
  if (!response.data) throw new Error('no data in response');
  return response.data;
}
