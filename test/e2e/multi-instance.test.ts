/**
 * Two gateway instances in front of the same simulators, sharing a real redis-server: updates
 * of an operation started through one reach subscribers on the other, at most one instance
 * polls an operation at a time, and the other takes over when that one shuts down.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { startDemo, type Demo } from '../../src/demo.js';
import { ProviderRegistry } from '../../src/providers/registry.js';
import { startGatewayServer } from '../../src/server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startBackupOf } from '../support/operations.js';
import { waitFor } from '../support/wait.js';
import { OperationsUpdatedSubscription, OperationUpdatedSubscription } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { REFUSING_PORT } from '../support/ports.js';

const POLL_MS = 100;
let redis: TestRedis;
let demo: Demo;
let a: TestGateway;
let b: TestGateway;

beforeAll(async () => {
  redis = await startRedis();
  demo = await startDemo({ altaro: { operationMs: 2500, finishedGraceMs: 3000 } });
  const server = { redis: { url: redis.url }, operations: { pollIntervalMs: POLL_MS, dashboardPollIntervalMs: 60_000 } };
  a = await startTestGateway({ demo, server });
  b = await startTestGateway({ demo, server });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await demo?.close();
  await redis?.stop();
});

const statusPolls = () => demo.simulators.altaro.server.requests.filter((r) => r.routeKey === 'activity/operation-status').length;

describe('several gateway instances with Redis', () => {
  it('streams an operation started through A to subscribers on A and B, polled by one instance only', async () => {
    const operation = await startBackupOf(a, 'DC02');
    demo.simulators.altaro.server.clearRequests();
    const began = Date.now();
    const [clientA, clientB] = [wsClient(a.wsUrl), wsClient(b.wsUrl)];
    const onA = subscribeWs(clientA, OperationUpdatedSubscription, { id: operation.id });
    const onB = subscribeWs(clientB, OperationUpdatedSubscription, { id: operation.id });

    let mostLeaders = 0;
    let sawLeader = false;
    const sampler = setInterval(() => {
      const leaders = a.server.tracker.leadingPollers + b.server.tracker.leadingPollers;
      mostLeaders = Math.max(mostLeaders, leaders);
      sawLeader ||= leaders === 1;
    }, 20);
    await Promise.all([onA.done, onB.done]);
    clearInterval(sampler);
    const elapsed = Date.now() - began;
    await Promise.all([clientA.dispose(), clientB.dispose()]);

    for (const stream of [onA, onB]) {
      const statuses = stream.results.map((r) => r.data?.operationUpdated.status);
      expect(statuses).toContain('RUNNING');
      expect(statuses.at(-1)).toBe('SUCCEEDED');
      const progress = stream.results.map((r) => r.data?.operationUpdated.progress ?? 0);
      expect(progress).toEqual([...progress].sort((x, y) => x - y));
    }
    // B saw the progress A's poller (or its own) observed: more than the first and last state.
    expect(onB.results.length).toBeGreaterThan(2);
    expect(sawLeader).toBe(true);
    expect(mostLeaders).toBe(1);
    // Two instances each polling would make about 2 reads per interval; one makes about 1.
    // (+2 for each instance's first read when its subscriber arrived, +2 for timer slack.)
    expect(statusPolls()).toBeLessThanOrEqual(Math.ceil(elapsed / POLL_MS) + 4);
    // Nothing is left polling, and every lease was handed back.
    expect(a.server.tracker.activePollers + b.server.tracker.activePollers).toBe(0);
  });

  it('tells operationsUpdated subscribers on B at once of an operation started through A', async () => {
    const clientB = wsClient(b.wsUrl);
    const dashboard = subscribeWs(clientB, OperationsUpdatedSubscription, {});
    // B's own dashboard poll runs once at subscribe time, then not for a minute (see beforeAll):
    // the operation can only reach B through Redis.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const operation = await startBackupOf(a, 'WEB01');
    await waitFor(() => dashboard.results.some((r) => r.data?.operationsUpdated.id === operation.id), "B's subscriber to hear of the operation");
    dashboard.close();
    await clientB.dispose();
  });

  it("polls a provider's operation list from one instance for operationsUpdated subscribers on both", async () => {
    const DASHBOARD_MS = 200;
    const server = { redis: { url: redis.url }, operations: { pollIntervalMs: POLL_MS, dashboardPollIntervalMs: DASHBOARD_MS } };
    const [c, d] = [await startTestGateway({ demo, server }), await startTestGateway({ demo, server })];
    const [clientC, clientD] = [wsClient(c.wsUrl), wsClient(d.wsUrl)];
    try {
      const onC = subscribeWs(clientC, OperationsUpdatedSubscription, {});
      const onD = subscribeWs(clientD, OperationsUpdatedSubscription, {});
      await new Promise((resolve) => setTimeout(resolve, 300)); // both subscribed, leases settled
      demo.simulators.altaro.server.clearRequests();
      const began = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 10 * DASHBOARD_MS));
      const elapsed = Date.now() - began;
      // The list form of operation-status: no operation id after the session token.
      const listPolls = demo.simulators.altaro.server.requests.filter((r) => r.routeKey === 'activity/operation-status' && r.path.split('/').length === 6).length;
      expect(listPolls).toBeGreaterThan(0);
      // Each instance polling would make about two per interval.
      expect(listPolls).toBeLessThanOrEqual(Math.ceil(elapsed / DASHBOARD_MS) + 2);
      onC.close();
      onD.close();
    } finally {
      await Promise.all([clientC.dispose(), clientD.dispose()]);
      await c.close();
      await d.close();
    }
  });

  it('takes over from an instance that died holding the lease, once the lease runs out', async () => {
    const operation = await startBackupOf(a, 'FS01');
    // A dead instance's lease: held by nobody alive, expiring in 1.5 s (the key the bus uses
    // for provider "hq" and this operation).
    const admin = new Redis(redis.url);
    await admin.set(`backup-gateway:lease:hq\u0000${operation.nativeId}`, 'a-dead-instance', 'PX', 1500);
    await admin.quit();
    demo.simulators.altaro.server.clearRequests();
    const began = Date.now();
    const client = wsClient(b.wsUrl);
    const stream = subscribeWs(client, OperationUpdatedSubscription, { id: operation.id });
    await waitFor(() => b.server.tracker.leadingPollers === 1, 'B to take the lease', 5_000);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_000); // not before the dead lease ran out
    await stream.done;
    await client.dispose();
    expect(stream.results.at(-1)?.data?.operationUpdated.status).toBe('SUCCEEDED');
  });

  it('keeps the stream going on B when the polling instance shuts down', async () => {
    const operation = await startBackupOf(a, 'SQL02');
    const [clientA, clientB] = [wsClient(a.wsUrl), wsClient(b.wsUrl)];
    const onA = subscribeWs(clientA, OperationUpdatedSubscription, { id: operation.id });
    const onB = subscribeWs(clientB, OperationUpdatedSubscription, { id: operation.id });
    onA.done.catch(() => undefined);
    // Wait until one instance polls, then shut that one down.
    await waitFor(() => a.server.tracker.leadingPollers + b.server.tracker.leadingPollers > 0, 'an instance to take the lease');
    const [leader, follower, followerStream] = a.server.tracker.leadingPollers ? [a, b, onB] : [b, a, onA];
    await leader.server.close();
    await followerStream.done;
    await Promise.all([clientA.dispose(), clientB.dispose()]);
    expect(followerStream.results.at(-1)?.data?.operationUpdated.status).toBe('SUCCEEDED');
    expect(follower.server.tracker.activePollers).toBe(0);
  });

  it('refuses to start when Redis cannot be reached, and says where it looked', async () => {
    const port = REFUSING_PORT;
    const registry = ProviderRegistry.fromConfig(demo.providers);
    await expect(
      startGatewayServer({ registry, logger: createLogger({ level: 'silent' }), port: 0, redis: { url: `redis://:secret@127.0.0.1:${port}` } }),
    ).rejects.toThrow(new RegExp(`cannot reach Redis at redis://:\\*\\*\\*@127.0.0.1:${port}.*ECONNREFUSED`));
    await registry.closeAll();
  });
});

describe('when Redis goes away', () => {
  it('each instance polls for its own subscribers, and shuts down without waiting for Redis', async () => {
    const ownRedis = await startRedis();
    const ownDemo = await startDemo({ altaro: { operationMs: 1500, finishedGraceMs: 3000 } });
    const server = { redis: { url: ownRedis.url }, operations: { pollIntervalMs: POLL_MS, dashboardPollIntervalMs: 60_000 } };
    const first = await startTestGateway({ demo: ownDemo, server });
    const second = await startTestGateway({ demo: ownDemo, server });
    const readiness = async (gw: TestGateway) => {
      const response = await fetch(gw.url.replace(/\/graphql$/, '/readyz'));
      return { status: response.status, body: (await response.json()) as { ready: boolean; redis?: string } };
    };
    try {
      expect(await readiness(first)).toMatchObject({ status: 200, body: { ready: true, redis: 'UP' } });
      await ownRedis.stop();
      // Still ready: the instance serves without Redis; the report says Redis is gone.
      expect(await readiness(first)).toMatchObject({ status: 200, body: { ready: true, redis: 'DOWN' } });
      const operation = await startBackupOf(first, 'DC02');
      const client = wsClient(second.wsUrl);
      const stream = subscribeWs(client, OperationUpdatedSubscription, { id: operation.id });
      await stream.done;
      await client.dispose();
      expect(stream.results.map((r) => r.data?.operationUpdated.status)).toContain('RUNNING');
      expect(stream.results.at(-1)?.data?.operationUpdated.status).toBe('SUCCEEDED');
    } finally {
      await first.close();
      await second.close();
      await ownDemo.close();
    }
  });
});
