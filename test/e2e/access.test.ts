/**
 * Access control and request limits: API keys with scopes over HTTP and graphql-ws, query
 * limits, introspection off, CSRF prevention, metrics, and no secret in any answer or log line.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../src/logger.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { CreateScheduleMutation, OperationsUpdatedSubscription, ProvidersQuery, StartBackupMutation, VirtualMachinesQuery } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';

const READ_KEY = 'read-only-key-0123456789';
const OPS_KEY = 'ops-full-access-key-0123456789';
const HASHED_KEY = 'hashed-admin-key-0123456789';

const logLines: string[] = [];
let gw: TestGateway;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  gw = await startTestGateway({
    server: {
      logger: createLogger({ level: 'debug', destination: sink }),
      auth: {
        apiKeys: [
          { name: 'dashboard', key: READ_KEY, scopes: ['read'] },
          { name: 'ops', key: OPS_KEY, scopes: ['read', 'operate', 'admin'] },
          { name: 'hashed', sha256: createHash('sha256').update(HASHED_KEY).digest('hex'), scopes: ['read', 'operate'] },
        ],
      },
      limits: { maxDepth: 8, maxAliases: 3, maxBatch: 2 },
      introspection: false,
    },
  });
});
afterAll(async () => {
  await gw?.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const responses: string[] = [];
async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  responses.push(text);
  return { status: response.status, body: JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe('API keys and scopes', () => {
  it('answers UNAUTHENTICATED (HTTP 401) without a key or with an unknown one', async () => {
    for (const headers of [{}, bearer('not-a-key-at-all-xxxx')]) {
      const { status, body } = await post({ query: '{ providers { name } }' }, headers);
      expect(status).toBe(401);
      expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    }
  });

  it('lets a read key query but not start a backup (FORBIDDEN)', async () => {
    const providers = await gw.gql(ProvidersQuery, undefined, bearer(READ_KEY));
    expect(providers.data?.providers.length).toBeGreaterThan(0);
    const vms = await gw.gql(VirtualMachinesQuery, { first: 1, filter: { providerIds: ['hq'], configured: true } }, bearer(READ_KEY));
    const id = vms.data!.virtualMachines.edges[0].node.id;
    const denied = await gw.gql(StartBackupMutation, { input: { targetId: id } }, bearer(READ_KEY));
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(denied.errors?.[0].message).toMatch(/"dashboard" lacks the "operate" scope/);
    expect(gw.demo.simulators.altaro.state.operations.size).toBe(0); // nothing was started upstream
  });

  it('lets an operate key start a backup, also when stored as a SHA-256 digest', async () => {
    const vms = await gw.gql(VirtualMachinesQuery, { first: 2, filter: { providerIds: ['hq'], configured: true } }, bearer(OPS_KEY));
    const [a, b] = vms.data!.virtualMachines.edges.map((e) => e.node.id);
    const byOps = await gw.gql(StartBackupMutation, { input: { targetId: a } }, { ...bearer(OPS_KEY), 'x-request-id': 'write-me-1' });
    expect(byOps.data?.startBackup.__typename).toBe('StartOperationSuccess');
    // The write upstream carries the caller's request id, as reads do.
    const sent = gw.demo.simulators.altaro.server.requests.filter((r) => r.requestId === 'write-me-1');
    expect(sent.map((r) => r.routeKey)).toContain('instructions/take-backup');
    const byHashed = await gw.gql(StartBackupMutation, { input: { targetId: b } }, bearer(HASHED_KEY));
    expect(byHashed.data?.startBackup.__typename).toBe('StartOperationSuccess');
  });

  it('needs the admin scope to create schedules', async () => {
    const input = { providerId: 'zrh', name: 'by operator', kind: 'LOCAL_SNAPSHOT' as const, weekly: { daysOfWeek: [1], times: ['03:00'] } };
    const denied = await gw.gql(CreateScheduleMutation, { input }, bearer(HASHED_KEY));
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(denied.errors?.[0].message).toMatch(/"hashed" lacks the "admin" scope/);
    const allowed = await gw.gql(CreateScheduleMutation, { input: { ...input, name: 'by admin' } }, bearer(OPS_KEY));
    expect(allowed.data?.createSchedule.__typename).toBe('ScheduleSuccess');
    const names = [...gw.demo.simulators.cloudsigma.state.schedulers.values()].map((s) => s.data.name);
    expect(names).toContain('by admin');
    expect(names).not.toContain('by operator');
  });

  it('closes a graphql-ws connection with a bad key with 4403, and serves a good one', async () => {
    const code = await new Promise<number>((resolve) => {
      const socket = new WebSocket(gw.wsUrl, 'graphql-transport-ws');
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer wrong-key-xxxxxxxxxxxx' } })));
      socket.on('close', (closeCode) => resolve(closeCode));
    });
    expect(code).toBe(4403);

    const client = wsClient(gw.wsUrl, { authorization: `Bearer ${READ_KEY}` });
    const stream = subscribeWs(client, OperationsUpdatedSubscription, {});
    const vms = await gw.gql(VirtualMachinesQuery, { first: 3, filter: { providerIds: ['hq'], configured: true } }, bearer(OPS_KEY));
    await gw.gql(StartBackupMutation, { input: { targetId: vms.data!.virtualMachines.edges[2].node.id } }, bearer(OPS_KEY));
    const until = Date.now() + 5000;
    while (stream.results.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(stream.results.length).toBeGreaterThan(0);
    stream.close();
    await client.dispose();
  });
});

describe('limits', () => {
  it('rejects a query deeper than the limit', async () => {
    const deep = '{ virtualMachines { edges { node { schedules { targets { provider { health { status } } } } } } } }';
    const { body } = await post({ query: `{ virtualMachines { edges { node { backups { edges { node { resource { ... on VirtualMachine { schedules { targets { name } } } } } } } } } } }` }, bearer(OPS_KEY));
    expect(body.errors?.[0].message).toMatch(/depth/i);
    const fine = await post({ query: deep }, bearer(OPS_KEY));
    expect(fine.body.errors ?? []).toEqual([]);
  });

  it('rejects too many aliases and too large batches', async () => {
    const aliases = await post({ query: '{ a: providers { name } b: providers { name } c: providers { name } d: providers { name } }' }, bearer(OPS_KEY));
    expect(aliases.body.errors?.[0].message).toMatch(/aliases/i);
    const batch = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(OPS_KEY) },
      body: JSON.stringify([{ query: '{ providers { name } }' }, { query: '{ providers { name } }' }, { query: '{ providers { name } }' }]),
    });
    expect(batch.status).toBeGreaterThanOrEqual(400);
    expect(await batch.text()).toMatch(/batch/i);
  });

  it('refuses introspection when it is turned off, without suggesting field names', async () => {
    const { body } = await post({ query: '{ __schema { types { name } } }' }, bearer(OPS_KEY));
    expect(body.errors?.[0].message).toMatch(/introspection/i);
    const typo = await post({ query: '{ provider { name } }' }, bearer(OPS_KEY));
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
  });

  it('blocks simple cross-site requests (CSRF) but serves preflighted ones', async () => {
    const form = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...bearer(OPS_KEY) }, body: 'query={providers{name}}' });
    expect(form.status).toBe(403);
    const get = await fetch(`${gw.url}?query=${encodeURIComponent('{ providers { name } }')}`, { headers: bearer(OPS_KEY) });
    expect(get.status).toBe(403);
    const withHeader = await fetch(`${gw.url}?query=${encodeURIComponent('{ providers { name } }')}`, { headers: { ...bearer(OPS_KEY), 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(200);
  });
});

describe('observability', () => {
  it('exposes Prometheus metrics for operations, upstream requests and breakers', async () => {
    const text = await (await fetch(gw.url.replace('/graphql', '/metrics'), { headers: bearer(OPS_KEY) })).text();
    expect(text).toMatch(/backup_gateway_graphql_operations_total\{operation="VirtualMachines",type="query",outcome="ok"\} \d+/);
    expect(text).toMatch(/backup_gateway_upstream_requests_total\{provider="hq",route="vms\/list",status="200"\} \d+/);
    expect(text).toMatch(/backup_gateway_upstream_request_duration_seconds_bucket\{le="[\d.]+",provider="hq",route="vms\/list"\}/);
    expect(text).toMatch(/backup_gateway_upstream_breaker_open\{provider="hq"\} 0/);
    expect(text).toMatch(/backup_gateway_active_subscriptions \d+/);
    expect(text).toMatch(/backup_gateway_operation_pollers \d+/);
  });

  it('writes structured log lines with request ids, sends the id upstream, and never logs a secret', async () => {
    await post({ query: '{ providers { name } }' }, { ...bearer(OPS_KEY), 'x-request-id': 'trace-me-123' });
    await post({ query: '{ virtualMachines { totalCount } }' }, { ...bearer(OPS_KEY), 'x-request-id': 'trace-me-456' });
    for (const sim of [gw.demo.simulators.altaro, gw.demo.simulators.cloudsigma, gw.demo.simulators.billmanager]) {
      expect(sim.server.requests.some((r) => r.requestId === 'trace-me-456')).toBe(true);
    }
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.requestId === 'trace-me-123' && l.msg === 'graphql operation' && l.keyName === 'ops')).toBe(true);
    expect(lines.filter((l) => 'key' in l)).toEqual([]); // the key's name is logged, not a censored "key" field
    const sessions = [...gw.demo.simulators.altaro.state.sessions.keys()];
    const billmanagerSessions = [...gw.demo.simulators.billmanager.state.sessions.keys()];
    expect(billmanagerSessions.length).toBeGreaterThan(0); // the run did log in everywhere
    const secrets = [READ_KEY, OPS_KEY, HASHED_KEY, 'altaro-demo', 'cloudsigma-demo', 'cs-demo-token', 'zomro-demo', ...sessions, ...billmanagerSessions];
    const everything = [...logLines, ...responses].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
