/**
 * BILLmanager operations whose outcome no upstream answer confirms, end to end: the gateway over
 * HTTP and graphql-ws in front of a BILLmanager simulator that never shows a rebuild, and whose
 * backups end "Suspended" instead of Active. Each subscription must end UNKNOWN and final with
 * a reason, never SUCCEEDED. The provider's waits are shortened (its `waits` option) so the
 * bounded waits pass within the test; the gateway is built here to pass them.
 */
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { BillmanagerProvider } from '../../src/providers/billmanager/provider.js';
import { ProviderRegistry } from '../../src/providers/registry.js';
import { startGatewayServer, type GatewayServer } from '../../src/server.js';
import { startBillmanagerSimulator, type BillmanagerSimulator } from '../../src/simulators/billmanager/index.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';

interface OperationUpdate {
  operationUpdated: { id: string; kind: string; status: string; final: boolean; message: string | null };
}

const OperationUpdated = parse(`
  subscription OperationUpdated($id: ID!) {
    operationUpdated(id: $id) { id kind status final message }
  }
`) as TypedDocumentNode<OperationUpdate, { id: string }>;

const START_RESTORE = `mutation ($input: StartRestoreInput!) { startRestore(input: $input) { __typename ... on StartOperationSuccess { operation { id kind status } } ... on Error { message } } }`;
const START_BACKUP = `mutation ($input: StartBackupInput!) { startBackup(input: $input) { __typename ... on StartOperationSuccess { operation { id kind status } } ... on Error { message } } }`;

const globalId = (type: string, nativeId: string) => Buffer.from(`${type}:vps:${nativeId}`).toString('base64url');

let sim: BillmanagerSimulator;
let gateway: GatewayServer;

async function gql(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function follow(id: string) {
  const client = wsClient(gateway.url.replace(/^http/, 'ws'));
  const stream = subscribeWs(client, OperationUpdated, { id });
  await stream.done;
  await client.dispose();
  return stream.results.map((r) => r.data!.operationUpdated);
}

beforeAll(async () => {
  sim = await startBillmanagerSimulator({
    profile: 'strict',
    variants: { rebuildStatus: 'hidden', backupFinalStatus: 'Suspended' },
    backupMs: 300,
    restoreMs: 300,
    manualBackupsPerDay: 0,
  });
  const provider = new BillmanagerProvider({
    providerId: 'vps',
    baseUrl: sim.baseUrl,
    username: 'ops@example.com',
    password: 'zomro-demo',
    timezone: 'Europe/Kyiv',
    upstream: { retry: { retries: 0 } },
    waits: { restoreStartMs: 1_000, backupDoneMs: 1_500 },
  });
  gateway = await startGatewayServer({
    registry: new ProviderRegistry([provider]),
    logger: createLogger({ level: 'silent' }),
    port: 0,
    operations: { pollIntervalMs: 100, dashboardPollIntervalMs: 200 },
  });
});

afterAll(async () => {
  await gateway?.close();
  await sim?.close();
});

describe('BILLmanager operations no answer confirms', () => {
  it('ends a restore whose rebuild the panel never showed as UNKNOWN and final, with the reason, not SUCCEEDED', async () => {
    const instance = [...sim.state.instances.values()].find((i) => i.servername === 'vps-ams-02')!;
    // Seeded backups end "Suspended" here too; one Active backup to restore from.
    const backup = sim.state.backupsOf(instance.id)[0];
    backup.status = 'Active';
    const started = (await gql(START_RESTORE, { input: { backupId: globalId('Backup', `${instance.id}/${backup.id}`) } })).startRestore;
    expect(started.__typename).toBe('StartOperationSuccess');
    const updates = await follow(started.operation.id);
    expect(updates.some((u) => u.status === 'SUCCEEDED')).toBe(false);
    expect(updates.at(-1)).toMatchObject({ kind: 'RESTORE', status: 'UNKNOWN', final: true });
    expect(updates.at(-1)!.message).toMatch(/never showed it within 1 s/);
    // The panel did rebuild it: the gateway just could not see that, and said so.
    expect(instance.lastRestore?.backupId).toBe(backup.id);
  });

  it('ends a backup that never becomes Active as UNKNOWN and final after the bounded wait', async () => {
    const instance = [...sim.state.instances.values()].find((i) => i.servername === 'vps-fra-02')!;
    const started = (await gql(START_BACKUP, { input: { targetId: globalId('VirtualMachine', instance.id) } })).startBackup;
    expect(started.__typename).toBe('StartOperationSuccess');
    const updates = await follow(started.operation.id);
    expect(updates.some((u) => u.status === 'SUCCEEDED' || u.status === 'FAILED')).toBe(false);
    expect(updates.some((u) => u.status === 'UNKNOWN' && !u.final && /"suspended"/.test(u.message ?? ''))).toBe(true);
    expect(updates.at(-1)).toMatchObject({ kind: 'BACKUP', status: 'UNKNOWN', final: true });
    expect(updates.at(-1)!.message).toMatch(/still "suspended", not Active/);
  });
});
