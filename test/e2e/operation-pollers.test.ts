/**
 * One poller per watched operation, however many subscribe; it stops when the last subscriber
 * leaves, even before the operation ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { OperationUpdatedSubscription, StartBackupMutation, VirtualMachinesQuery } from '../support/documents.js';
import { subscribeWs, wsClient, type Collected } from '../support/subscribe.js';

const POLL_MS = 100;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ altaro: { operationMs: 2500 }, server: { operations: { pollIntervalMs: POLL_MS, dashboardPollIntervalMs: 60_000 } } });
});
afterAll(async () => {
  await gw?.close();
});

async function startBackup(vmName: string) {
  const vms = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { nameContains: vmName } }));
  const vm = vms.virtualMachines.edges.map((e) => e.node).find((n) => n.name === vmName)!;
  const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
  if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
  return started.startBackup.operation;
}

const statusReads = () => gw.demo.simulators.altaro.server.requests.filter((r) => r.routeKey === 'activity/operation-status').length;

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('operation pollers', () => {
  it('polls an operation once per interval for 50 subscribers, and every subscriber sees it end', async () => {
    const operation = await startBackup('DC02');
    gw.demo.simulators.altaro.server.clearRequests();
    const began = Date.now();
    const clients = Array.from({ length: 5 }, () => wsClient(gw.wsUrl));
    const streams: Collected<unknown>[] = [];
    for (let i = 0; i < 50; i++) streams.push(subscribeWs(clients[i % clients.length], OperationUpdatedSubscription, { id: operation.id }));
    await until(() => gw.server.tracker.activePollers === 1);
    await Promise.all(streams.map((s) => s.done));
    const elapsed = Date.now() - began;
    await Promise.all(clients.map((c) => c.dispose()));

    for (const stream of streams) expect((stream.results.at(-1) as { data: { operationUpdated: { status: string } } }).data.operationUpdated.status).toBe('SUCCEEDED');
    // One read per interval, plus the first subscriber's read of the current state (the others
    // join the poller and get its last state), plus timer slack: far below 50 per interval.
    expect(statusReads()).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 3);
    expect(gw.server.tracker.activePollers).toBe(0);
  });

  it('stops polling when the last subscriber leaves before the operation ends', async () => {
    const operation = await startBackup('WEB01');
    const client = wsClient(gw.wsUrl);
    const first = subscribeWs(client, OperationUpdatedSubscription, { id: operation.id });
    const second = subscribeWs(client, OperationUpdatedSubscription, { id: operation.id });
    await until(() => gw.server.tracker.activePollers === 1 && first.results.length > 0 && second.results.length > 0);
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    expect(gw.server.tracker.activePollers).toBe(1); // the second subscriber still watches
    second.close();
    await until(() => gw.server.tracker.activePollers === 0);
    gw.demo.simulators.altaro.server.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, 5 * POLL_MS));
    expect(statusReads()).toBe(0);
    await client.dispose();
  });
});
