/**
 * The one port: GraphiQL with WebSocket subscriptions, health and readiness, and the dashboard
 * subscription over SSE.
 */
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';
import { afterEach, describe, expect, it } from 'vitest';
import { REFUSING_PORT } from '../support/ports.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { OperationsUpdatedSubscription, StartBackupMutation, VirtualMachinesQuery } from '../support/documents.js';
import { subscribeSse } from '../support/subscribe.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

describe('the gateway port', () => {
  it('serves GraphiQL to a browser from the gateway itself, with subscriptions over SSE (they carry the Headers tab\'s key)', async () => {
    gw = await startTestGateway();
    const page = await fetch(gw.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>backup-gateway</title>');
    expect(html).toMatch(/subscriptionsProtocol.{0,4}SSE/);
    // Nothing is fetched from elsewhere: the page works on a machine without internet.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });

  it('answers /healthz, and /readyz per provider with 503 when none is usable', async () => {
    gw = await startTestGateway();
    expect((await fetch(gw.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const ready = await fetch(gw.url.replace('/graphql', '/readyz'));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { providers: unknown[] }).providers).toHaveLength(3);
    await gw.close();

    const port = REFUSING_PORT;
    gw = await startTestGateway({ editProviders: (ps) => ps.map((p) => ({ ...p, baseUrl: p.baseUrl.replace(/:\d+\//, `:${port}/`) })) });
    const notReady = await fetch(gw.url.replace('/graphql', '/readyz'));
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { ready: boolean; providers: Array<{ id: string; status: string }> };
    expect(body.ready).toBe(false);
    expect(body.providers.map((p) => p.status)).toEqual(['DOWN', 'DOWN', 'DOWN']);
  });

  it.each(SIM_PROFILES)('streams operationsUpdated over SSE (%s profile)', async (profile) => {
    gw = await startTestGateway({ profile });
    const stream = subscribeSse(gw.url, OperationsUpdatedSubscription, { filter: { providerIds: ['hq'] } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const vms = expectData(await gw.gql(VirtualMachinesQuery, { first: 1, filter: { providerIds: ['hq'], configured: true } }));
    const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vms.virtualMachines.edges[0].node.id } }));
    if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
    const id = started.startBackup.operation.id;
    const until = Date.now() + 10_000;
    while (!stream.results.some((r) => r.data?.operationsUpdated.id === id && r.data.operationsUpdated.status === 'SUCCEEDED') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stream.close();
    const statuses = stream.results.filter((r) => r.data?.operationsUpdated.id === id).map((r) => r.data!.operationsUpdated.status);
    expect(statuses[0]).toMatch(/QUEUED|RUNNING/);
    expect(statuses.at(-1)).toBe('SUCCEEDED');
  });
});
