/**
 * One poller per watched operation, however many subscribe; it stops when the last subscriber
 * leaves, even before the operation ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startBackupOf } from '../support/operations.js';
import { waitFor } from '../support/wait.js';
import { sharedReads } from '../../src/upstream/metrics.js';

/** Reads of provider "hq" that rode on an identical read already on the wire. */
async function inflightShares(): Promise<number> {
  const { values } = await sharedReads.get();
  return values.filter((v) => v.labels.provider === 'hq' && v.labels.how === 'inflight').reduce((sum, v) => sum + v.value, 0);
}
import { OperationUpdatedSubscription } from '../support/documents.js';
import { subscribeWs, wsClient, type Collected } from '../support/subscribe.js';

const POLL_MS = 100;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ altaro: { operationMs: 2500 }, server: { operations: { pollIntervalMs: POLL_MS, dashboardPollIntervalMs: 60_000 } } });
});
afterAll(async () => {
  await gw?.close();
});

const statusReads = () => gw.demo.simulators.altaro.server.requests.filter((r) => r.routeKey === 'activity/operation-status').length;

describe('operation pollers', () => {
  it('polls an operation once per interval for 50 subscribers, and every subscriber sees it end', async () => {
    const operation = await startBackupOf(gw, 'DC02');
    gw.demo.simulators.altaro.server.clearRequests();
    const sharesBefore = await inflightShares();
    const began = Date.now();
    const clients = Array.from({ length: 5 }, () => wsClient(gw.wsUrl));
    const streams: Collected<unknown>[] = [];
    for (let i = 0; i < 50; i++) streams.push(subscribeWs(clients[i % clients.length], OperationUpdatedSubscription, { id: operation.id }));
    await waitFor(() => gw.server.tracker.activePollers === 1, 'one poller');
    await Promise.all(streams.map((s) => s.done));
    const elapsed = Date.now() - began;
    await Promise.all(clients.map((c) => c.dispose()));

    for (const stream of streams) expect((stream.results.at(-1) as { data: { operationUpdated: { status: string } } }).data.operationUpdated.status).toBe('SUCCEEDED');
    // One read per interval, plus the first subscriber's read of the current state (the others
    // join the poller and get its last state), plus timer slack: far below 50 per interval.
    expect(statusReads()).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 3);
    expect(gw.server.tracker.activePollers).toBe(0);
    // Each update's nested fields (the target's name) were read once for all 50 subscribers,
    // not once each and then merged on the wire.
    const vmListReads = gw.demo.simulators.altaro.server.requests.filter((r) => r.routeKey === 'vms/list').length;
    expect(vmListReads).toBeLessThanOrEqual(statusReads() + 2);
    expect((await inflightShares()) - sharesBefore).toBeLessThan(5);
  });

  it('stops polling when the last subscriber leaves before the operation ends', async () => {
    const operation = await startBackupOf(gw, 'WEB01');
    const client = wsClient(gw.wsUrl);
    const first = subscribeWs(client, OperationUpdatedSubscription, { id: operation.id });
    const second = subscribeWs(client, OperationUpdatedSubscription, { id: operation.id });
    await waitFor(() => gw.server.tracker.activePollers === 1 && first.results.length > 0 && second.results.length > 0, 'both subscribers and one poller');
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    expect(gw.server.tracker.activePollers).toBe(1); // the second subscriber still watches
    second.close();
    await waitFor(() => gw.server.tracker.activePollers === 0, 'the poller to stop');
    gw.demo.simulators.altaro.server.clearRequests();
    await new Promise((resolve) => setTimeout(resolve, 5 * POLL_MS));
    expect(statusReads()).toBe(0);
    await client.dispose();
  });
});
