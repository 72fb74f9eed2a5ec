/**
 * Following Altaro operations the way a user sees them, under both simulator profiles: backups
 * started outside the gateway, outcomes no report confirms, instructions whose reply was lost,
 * and subscribers that must only ever see their own operation.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';
import { startDemo, type Demo } from '../../src/demo.js';
import { ProviderRegistry } from '../../src/providers/registry.js';
import { AltaroProvider } from '../../src/providers/altaro/provider.js';
import type { ProviderConfig } from '../../src/config.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { OperationUpdatedSubscription, StartBackupMutation, VirtualMachineQuery, VirtualMachinesQuery } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';

interface ListedOperation {
  id: string;
  nativeId: string;
  kind: string;
  status: string;
  message: string | null;
  target: { id: string; name: string } | null;
}
const OperationsQuery = parse(`
  query AltaroOperations {
    operations(filter: { providerIds: ["hq"] }) { id nativeId kind status message target { id name } }
  }
`) as TypedDocumentNode<{ operations: ListedOperation[] }, Record<string, never>>;

// Shorter than a simulated backup (1.5 s), so a lost reply is found while it runs; longer than a list call on a loaded machine (400 ms was not).
const shortTimeout = (providers: ProviderConfig[]) => providers.map((p) => (p.id === 'hq' ? ({ ...p, timeoutMs: 900 } as ProviderConfig) : p));

async function vmId(gw: TestGateway, name: string): Promise<string> {
  const data = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { nameContains: name } }));
  const vm = data.virtualMachines.edges.map((e) => e.node).find((n) => n.name === name);
  if (!vm) throw new Error(`no VM named ${name}`);
  return vm.id;
}

/** Subscribe to one operation and collect everything until the server ends the stream. */
async function follow(gw: TestGateway, id: string) {
  const client = wsClient(gw.wsUrl);
  const stream = subscribeWs(client, OperationUpdatedSubscription, { id });
  await stream.done;
  await client.dispose();
  return stream.results.map((r) => {
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data!.operationUpdated;
  });
}

describe.each(SIM_PROFILES)('Altaro operations (%s profile)', (profile) => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ profile, editProviders: shortTimeout });
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('lists a backup started outside the gateway and follows it to its end', async () => {
    const sim = gw.demo.simulators.altaro;
    // As an Altaro schedule would: started by the engine, not through the gateway.
    const started = sim.engine.startBackup(sim.state.vmByName('SQL01')!, sim.server.clock.now(), 'Schedule');
    if (!started.ok) throw new Error(started.message);
    const guid = started.operation.guid;

    const listed = expectData(await gw.gql(OperationsQuery)).operations.find((op) => op.nativeId === guid);
    expect(listed).toMatchObject({ kind: 'BACKUP', status: expect.stringMatching(/QUEUED|RUNNING/) });
    if (profile === 'default') {
      // The status item names the VM: so does the operation, and the VM lists it.
      expect(listed?.target?.name).toBe('SQL01');
      const vm = expectData(await gw.gql(VirtualMachineQuery, { id: await vmId(gw, 'SQL01') })).node as { operations: { id: string }[] };
      expect(vm.operations.map((op) => op.id)).toContain(listed!.id);
    } else {
      // Five documented fields: nothing names the VM while it runs.
      expect(listed?.target).toBeNull();
    }

    const updates = await follow(gw, listed!.id);
    expect(updates.every((op) => op.id === listed!.id)).toBe(true);
    expect(updates.at(-1)).toMatchObject({ status: 'SUCCEEDED', target: { name: 'SQL01' } });
  });

  it('ends an operation no report can confirm as UNKNOWN with the reason, never as a success', async () => {
    const sim = gw.demo.simulators.altaro;
    const started = sim.engine.startVerification(sim.state.vmByName('DC01')!, sim.server.clock.now());
    if (!started.ok) throw new Error(started.message);
    const listed = expectData(await gw.gql(OperationsQuery)).operations.find((op) => op.nativeId === started.operation.guid);
    expect(listed?.kind).toBe('VERIFY');
    const updates = await follow(gw, listed!.id);
    const last = updates.at(-1)!;
    expect(last.status).toBe('UNKNOWN');
    expect(last.message).toMatch(/no report of verifications/);
    expect(updates.map((op) => op.status)).not.toContain('SUCCEEDED');
  });

  it('reports a take-backup whose reply was lost as started, not as "did not happen"', async () => {
    const sim = gw.demo.simulators.altaro;
    sim.state.unansweredInstructions = 1;
    const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: await vmId(gw, 'APP01') } }));
    if (result.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(result));
    // Started: the operation it names is the one running upstream, and it was sent once.
    expect(result.startBackup.operation.status).toMatch(/QUEUED|RUNNING/);
    const running = [...sim.state.operations.values()].filter((op) => op.vmName === 'APP01' && op.finishedAt === null);
    expect(running).toHaveLength(1);
    expect(result.startBackup.operation.nativeId).toBe(running[0].guid);
    expect((await follow(gw, result.startBackup.operation.id)).at(-1)?.status).toBe('SUCCEEDED');
  });

  it('says a timed-out take-backup that shows no trace cannot be told, without inviting a repeat', async () => {
    const sim = gw.demo.simulators.altaro;
    sim.server.clearRequests();
    sim.server.faults.set({ routes: { 'instructions/take-backup': { hang: true, times: 1 } } });
    const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: await vmId(gw, 'WEB02') } }));
    expect(result.startBackup).toMatchObject({ __typename: 'UpstreamError', code: 'UPSTREAM_UNAVAILABLE' });
    if (result.startBackup.__typename !== 'UpstreamError') throw new Error('unreachable');
    expect(result.startBackup.message).toMatch(/whether the backup started cannot be told/);
    expect(result.startBackup.message).not.toMatch(/did not happen/);
    expect(sim.server.requests.filter((r) => r.routeKey === 'instructions/take-backup')).toHaveLength(1);
  });

  it('never shows a subscriber another operation’s progress', async () => {
    const first = expectData(await gw.gql(StartBackupMutation, { input: { targetId: await vmId(gw, 'DC02') } })).startBackup;
    if (first.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(first));
    const firstFollowed = follow(gw, first.operation.id);
    await new Promise((resolve) => setTimeout(resolve, 700));
    // The second runs on after the first ended: a finished guid's status must not borrow it.
    const second = expectData(await gw.gql(StartBackupMutation, { input: { targetId: await vmId(gw, 'LNX-WEB01') } })).startBackup;
    if (second.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(second));
    const [a, b] = await Promise.all([firstFollowed, follow(gw, second.operation.id)]);
    expect(a.every((op) => op.id === first.operation.id)).toBe(true);
    expect(b.every((op) => op.id === second.operation.id)).toBe(true);
    expect(a.every((op) => !op.target || op.target.name === 'DC02')).toBe(true);
    expect(b.every((op) => !op.target || op.target.name === 'LNX-WEB01')).toBe(true);
    expect(a.at(-1)?.status).toBe('SUCCEEDED');
    expect(b.at(-1)?.status).toBe('SUCCEEDED');
    const progress = a.map((op) => op.progress ?? 0);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  });
});

describe.each(SIM_PROFILES)('Altaro outcomes no report shows (%s profile)', (profile) => {
  let demo: Demo;
  let gw: TestGateway;
  beforeAll(async () => {
    demo = await startDemo({
      profile,
      altaro: { operationMs: 600, finishedGraceMs: 600 },
      cloudsigma: { snapshotMs: 400, remoteTransferMs: 1200 },
      billmanager: { backupMs: 1500, restoreMs: 1500 },
    });
    // The same providers, with a short wait for reports (the default is 10 s).
    const configured = ProviderRegistry.fromConfig(demo.providers.map((p) => ({ ...p, retries: 0 })));
    const hq = configured.get('hq') as AltaroProvider;
    const altaroConfig = demo.providers.find((p) => p.id === 'hq') as Extract<ProviderConfig, { kind: 'altaro' }>;
    const quick = new AltaroProvider({
      providerId: 'hq',
      baseUrl: altaroConfig.baseUrl,
      username: altaroConfig.username,
      password: altaroConfig.password,
      domain: altaroConfig.domain ?? '.',
      serverAddress: altaroConfig.serverAddress ?? 'localhost',
      serverPort: altaroConfig.serverPort ?? 36014,
      timezone: altaroConfig.timezone ?? 'UTC',
      upstream: { tls: demo.simulators.altaro.server.certPem ? { ca: demo.simulators.altaro.server.certPem, rejectUnauthorized: true } : undefined },
      outcomeWaitMs: 400,
    });
    await hq.close();
    const registry = new ProviderRegistry(configured.all().map((p) => (p.id === 'hq' ? quick : p)));
    gw = await startTestGateway({ demo, server: { registry } });
  });
  afterAll(async () => {
    await gw?.close();
    await demo?.close();
  });

  it('ends a backup whose report never shows as UNKNOWN with the reason, after a bounded wait', async () => {
    const sim = demo.simulators.altaro;
    sim.state.withholdReports = true;
    const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: await vmId(gw, 'FS01') } }));
    if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
    const updates = await follow(gw, started.startBackup.operation.id);
    sim.state.withholdReports = false;
    const last = updates.at(-1)!;
    expect(last.status).toBe('UNKNOWN');
    expect(last.message).toMatch(/no new backup report or result appeared within/);
    expect(updates.map((op) => op.status)).not.toContain('SUCCEEDED');
    expect(updates.map((op) => op.status)).not.toContain('FAILED');
  });

  it('takes an offsite copy’s outcome from vms/list where no offsite report route answers', async () => {
    const sim = demo.simulators.altaro;
    const started = sim.engine.startOffsiteCopy(sim.state.vmByName('DC01')!, sim.server.clock.now());
    if (!started.ok) throw new Error(started.message);
    const listed = expectData(await gw.gql(OperationsQuery)).operations.find((op) => op.nativeId === started.operation.guid);
    expect(listed?.kind).toBe('OFFSITE_COPY');
    const updates = await follow(gw, listed!.id);
    expect(updates.at(-1)).toMatchObject({ status: 'SUCCEEDED', target: { name: 'DC01' } });
  });
});
