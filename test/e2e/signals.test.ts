/**
 * Drain on SIGTERM/SIGINT, as a service manager stops the gateway: the compiled `npm start`
 * stopped by its pid, /readyz 503 at once on a kept-alive connection, new connections refused,
 * an in-flight query answered, subscriptions completed, upstream sessions ended, exit 0; and
 * exit 1 when `server.shutdownTimeoutMs` cuts a slow request short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { startDemo, type Demo } from '../../src/demo.js';
import { alive, killLeftovers, childPids, logLines, spawnGateway, writeConfig } from '../support/spawned-gateway.js';
import { OperationsUpdatedSubscription } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import { waitFor } from '../support/wait.js';

// Every CloudSigma reply takes this long: a query that reads CloudSigma is still in flight when the signal comes.
const SLOW_MS = 1_500;
const slowQuery = JSON.stringify({ query: '{ virtualMachines(first: 5, filter: { providerIds: ["zrh"] }) { totalCount } }' });
const post = (url: string, body: string, dispatcher?: Agent) =>
  undiciFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher });

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo({ cloudsigma: { latencyMs: SLOW_MS } });
  demo.simulators.altaro.state.autoRunSchedules = false;
});
afterAll(async () => {
  killLeftovers();
  await demo?.close();
});

describe('SIGTERM to the pid of `npm start` (compiled)', () => {
  it('drains: readyz 503, no new connections, the in-flight query answered, subscriptions completed, sessions ended, exit 0, no orphan', async () => {
    const gateway = await spawnGateway(writeConfig(demo), { npm: true });
    const npmPid = gateway.child.pid!;
    const [nodePid] = childPids(npmPid);
    expect(nodePid).toBeDefined(); // the compiled gateway is npm's direct child: a signal to npm reaches it
    const readyzUrl = gateway.url.replace('/graphql', '/readyz');
    const prober = new Agent({ keepAliveTimeout: 30_000, connections: 1 }); // a load balancer's kept-alive probe connection
    expect((await undiciFetch(readyzUrl, { dispatcher: prober })).status).toBe(200);
    // Log in to Altaro, so there is an upstream session to end.
    expect((await post(gateway.url, JSON.stringify({ query: '{ virtualMachines(filter: { providerIds: ["hq"] }) { totalCount } }' }))).status).toBe(200);
    expect(demo.simulators.altaro.state.sessions.size).toBeGreaterThan(0);
    const client = wsClient(gateway.url.replace(/^http/, 'ws'));
    const subscription = subscribeWs(client, OperationsUpdatedSubscription, {});
    const metricsUrl = gateway.url.replace('/graphql', '/metrics');
    let subscribed = false;
    while (!subscribed) {
      subscribed = /backup_gateway_active_subscriptions 1\b/.test(await (await undiciFetch(metricsUrl)).text());
      await new Promise((r) => setTimeout(r, 50));
    }

    const inFlight = post(gateway.url, slowQuery);
    await new Promise((r) => setTimeout(r, SLOW_MS / 3)); // the query now waits on CloudSigma
    process.kill(npmPid, 'SIGTERM');

    await waitFor(() => logLines(gateway.output()).some((l) => /^draining/.test(String(l.msg))), 'the gateway to start draining', 5_000);
    const readyz = await undiciFetch(readyzUrl, { dispatcher: prober });
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ ready: false, draining: true });
    await expect(undiciFetch(readyzUrl, { dispatcher: new Agent() })).rejects.toThrow(); // a new connection is refused

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { virtualMachines: { totalCount: number } } }).data.virtualMachines.totalCount).toBeGreaterThan(0);
    await expect(subscription.done).resolves.toBeUndefined();

    expect(await gateway.exit).toBe(0);
    expect(alive(nodePid)).toBe(false);
    expect(demo.simulators.altaro.state.sessions.size).toBe(0);
    expect(logLines(gateway.output()).at(-1)?.msg).toBe('stopped');
    await client.dispose();
    await prober.close();
  }, 90_000);
});

describe('SIGINT with a short server.shutdownTimeoutMs', () => {
  it('cuts the slow request short and exits 1, saying why', async () => {
    const gateway = await spawnGateway(writeConfig(demo, { server: { port: 0, shutdownTimeoutMs: 200 } }));
    const inFlight = post(gateway.url, slowQuery).then(
      (response) => response.status,
      () => 'connection closed' as const,
    );
    await new Promise((r) => setTimeout(r, SLOW_MS / 3)); // the query now waits on CloudSigma
    gateway.child.kill('SIGINT');
    expect(await gateway.exit).toBe(1);
    expect(await inFlight).toBe('connection closed');
    expect(logLines(gateway.output()).some((l) => l.level === 40 && /cut short at server.shutdownTimeoutMs/.test(String(l.msg)))).toBe(true);
  }, 60_000);
});
