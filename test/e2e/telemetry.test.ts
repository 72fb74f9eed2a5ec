/**
 * OpenTelemetry traces from a spawned gateway (a tracer provider is global: one per process)
 * to a real OTLP/HTTP receiver on loopback, in front of the simulators. CloudSigma is reached
 * through a loopback proxy that records the headers the gateway sends upstream.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startDemo, DEMO_CREDENTIALS, type Demo } from '../../src/demo.js';
import { OperationHistoryQuery } from '../support/journal-documents.js';
import { VirtualMachinesQuery } from '../support/documents.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { killLeftovers, root, spawnGateway } from '../support/spawned-gateway.js';
import { waitFor } from '../support/wait.js';
import { REFUSING_PORT } from '../support/ports.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const SPAN_KIND_CLIENT = 3;

/** Forwards every request to `target`, keeping the headers each one arrived with. */
async function recordingProxy(target: string): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } }, (reply) => {
      res.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(res);
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The shared spawner (PORT=0: the ready line says where it bound), logging warnings only. */
const spawnTracedGateway = (configFile: string, env: Record<string, string>) => spawnGateway(configFile, { env: { LOG_LEVEL: 'warn', ...env } });

async function post(url: string, query: string, variables: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

const traceparent = () => {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, header: `00-${traceId}-${parentId}-01` };
};

describe('OpenTelemetry traces to an OTLP/HTTP receiver', () => {
  let demo: Demo;
  let receiver: OtlpReceiver;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let configFile: string;

  beforeAll(async () => {
    demo = await startDemo();
    receiver = await startOtlpReceiver();
    const cloudsigma = demo.providers.find((p) => p.kind === 'cloudsigma')!;
    proxy = await recordingProxy(cloudsigma.baseUrl);
    const dir = mkdtempSync(join(tmpdir(), 'bgw-telemetry-'));
    configFile = join(dir, 'gateway.yaml');
    const providers = demo.providers.map((p) => (p.kind === 'cloudsigma' ? { ...p, baseUrl: proxy.url } : p));
    writeFileSync(configFile, stringify({ journal: { url: `sqlite:${join(dir, 'journal.db')}`, watchIntervalSeconds: 0 }, providers }));
  });

  afterAll(async () => {
    killLeftovers();
    await proxy?.close();
    await receiver?.close();
    await demo?.close();
  });

  describe('http/json', () => {
    let gateway: Awaited<ReturnType<typeof spawnTracedGateway>>;
    beforeAll(async () => {
      gateway = await spawnTracedGateway(configFile, {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'gateway-under-test',
        OTEL_BSP_SCHEDULE_DELAY: '50',
      });
    }, 90_000);
    afterAll(async () => {
      expect(await gateway?.stop()).toBe(0);
    });

    it('puts the operation, its phases and each upstream call in the incoming trace, and sends traceparent upstream', async () => {
      const incoming = traceparent();
      proxy.seen.length = 0;
      const result = await post(gateway.url, print(VirtualMachinesQuery), { first: 5, filter: { providerIds: ['zrh'] } }, { traceparent: incoming.header });
      expect(result.errors).toBeUndefined();

      const inTrace = () => receiver.spans.filter((s) => s.traceId === incoming.traceId);
      await waitFor(() => inTrace().some((s) => s.name === 'graphql.operation VirtualMachines') && inTrace().some((s) => s.kind === SPAN_KIND_CLIENT), 'the spans of the query', 10_000);
      const spans = inTrace();
      const byId = new Map(spans.map((s) => [s.spanId, s]));
      const operation = spans.find((s) => s.name === 'graphql.operation VirtualMachines')!;
      expect(operation.parentSpanId).toBe(incoming.parentId);
      expect(operation.attributes).toMatchObject({ 'graphql.operation.name': 'VirtualMachines', 'graphql.operation.type': 'query' });
      expect(operation.resource['service.name']).toBe('gateway-under-test');
      for (const phase of ['graphql.parse', 'graphql.validate', 'graphql.execute']) {
        expect(spans.find((s) => s.name === phase)?.parentSpanId, phase).toBe(operation.spanId);
      }
      const execute = spans.find((s) => s.name === 'graphql.execute')!;

      const upstream = spans.filter((s) => s.kind === SPAN_KIND_CLIENT && s.attributes['backup_gateway.provider.id'] === 'zrh');
      const servers = upstream.find((s) => s.attributes['url.template'] === 'servers/detail');
      expect(servers, JSON.stringify(upstream.map((s) => s.name))).toBeDefined();
      expect(servers!.name).toBe('GET servers/detail');
      expect(servers!.attributes).toMatchObject({ 'http.request.method': 'GET', 'http.response.status_code': 200, 'server.address': '127.0.0.1' });
      expect(servers!.attributes['http.request.resend_count']).toBeUndefined(); // a first attempt
      // Its ancestry leads to the execute span: the call was made for this operation.
      const ancestors: string[] = [];
      for (let s: ReceivedSpan | undefined = servers; s?.parentSpanId; s = byId.get(s.parentSpanId)) ancestors.push(s.parentSpanId);
      expect(ancestors).toContain(execute.spanId);
      // Route templates only: no ids, no credentials, no URL.
      for (const span of upstream) {
        expect(span.name).not.toMatch(UUID);
        expect(JSON.stringify(span.attributes)).not.toMatch(UUID);
        expect(span.attributes['url.full']).toBeUndefined();
      }
      expect(JSON.stringify(receiver.spans)).not.toContain(DEMO_CREDENTIALS.cloudsigma.password);

      // The simulator got the trace: every request made for this query carried a traceparent of
      // it (background work, such as the alert rules' provider checks, runs in traces of its own),
      // naming that request's span as its parent, as a callee that traces too would record it.
      const sent = proxy.seen.map((h) => String(h.traceparent)).filter((header) => header.startsWith(`00-${incoming.traceId}-`));
      expect(sent).toHaveLength(upstream.length);
      const upstreamIds = new Set(upstream.map((s) => s.spanId));
      for (const header of sent) {
        expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
        expect(upstreamIds.has(header.split('-')[2])).toBe(true);
      }
      // No request reached the simulator without a traceparent.
      expect(proxy.seen.every((h) => typeof h.traceparent === 'string')).toBe(true);
    });

    it('traces the journal queries of an operation as its children', async () => {
      const incoming = traceparent();
      const result = await post(gateway.url, print(OperationHistoryQuery), { first: 5 }, { traceparent: incoming.header });
      expect(result.errors).toBeUndefined();
      await waitFor(() => receiver.spans.some((s) => s.traceId === incoming.traceId && s.name === 'journal listOperations'), 'the journal span', 10_000);
      const journal = receiver.spans.find((s) => s.traceId === incoming.traceId && s.name === 'journal listOperations')!;
      expect(journal.kind).toBe(SPAN_KIND_CLIENT);
      expect(journal.attributes).toMatchObject({ 'db.system.name': 'sqlite', 'db.operation.name': 'listOperations' });
      const execute = receiver.spans.find((s) => s.traceId === incoming.traceId && s.name === 'graphql.execute')!;
      expect(journal.parentSpanId).toBe(execute.spanId);
    });

    it('starts a new trace when the request carries none, and marks a query that does not parse', async () => {
      const before = new Set(receiver.spans.map((s) => s.traceId));
      const result = await post(gateway.url, '{ virtualMachines(first: 1) { totalCount }', undefined);
      expect(result.errors).toBeDefined();
      await waitFor(() => receiver.spans.some((s) => !before.has(s.traceId) && s.name === 'graphql.parse'), 'the spans of the bad query', 10_000);
      const operation = receiver.spans.find((s) => !before.has(s.traceId) && s.name.startsWith('graphql.operation'))!;
      expect(operation.parentSpanId).toBeUndefined();
      expect(operation.attributes['graphql.error.codes']).toEqual(['GRAPHQL_PARSE_FAILED']);
    });
  });

  it('exports http/protobuf by default, and flushes what is batched when the gateway stops', async () => {
    // The default batch delay (5 s) is longer than this test waits before stopping the gateway.
    const gateway = await spawnTracedGateway(configFile, { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.endpoint}/custom/traces` });
    const incoming = traceparent();
    try {
      const result = await post(gateway.url, print(VirtualMachinesQuery), { first: 1, filter: { providerIds: ['zrh'] } }, { traceparent: incoming.header });
      expect(result.errors).toBeUndefined();
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
    const mine = receiver.exports.filter((e) => e.path === '/custom/traces');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.contentType === 'application/x-protobuf')).toBe(true);
    // Protobuf carries the 16 trace id bytes verbatim.
    expect(mine.some((e) => e.body.includes(Buffer.from(incoming.traceId, 'hex')))).toBe(true);
  }, 90_000);

  it('puts each webhook delivery attempt in a webhook.deliver span (host, attempt, event, status)', async () => {
    // A webhook receiver on loopback, and a provider nobody answers for: PROVIDER_DOWN opens at once.
    const hooks: string[] = [];
    const hookServer = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hooks.push(String(req.headers['webhook-id']));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const hookHost = `127.0.0.1:${(hookServer.address() as AddressInfo).port}`;
    const dir = mkdtempSync(join(tmpdir(), 'bgw-telemetry-hooks-'));
    const file = join(dir, 'gateway.yaml');
    const down = { ...demo.providers.find((p) => p.kind === 'billmanager')!, id: 'gone', baseUrl: `http://127.0.0.1:${REFUSING_PORT}/billmgr` };
    writeFileSync(
      file,
      stringify({
        journal: { url: `sqlite:${join(dir, 'journal.db')}`, watchIntervalSeconds: 0 },
        providers: [down],
        alerts: {
          providerDownAfterSeconds: 0,
          evaluateIntervalSeconds: 0.2,
          webhooks: [{ url: `http://${hookHost}/hooks`, secret: `whsec_${Buffer.from('a-test-secret-of-32-bytes-long!!').toString('base64')}`, kinds: ['PROVIDER_DOWN'] }],
          delivery: { timeoutMs: 2000, retryScheduleMs: [0], pollIntervalMs: 50 },
        },
      }),
    );
    const gateway = await spawnTracedGateway(file, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '50' });
    try {
      await waitFor(() => hooks.length > 0, 'the PROVIDER_DOWN webhook', 30_000);
      await waitFor(() => receiver.spans.some((s) => s.name === 'webhook.deliver' && s.attributes['url.host'] === hookHost), 'a webhook.deliver span', 10_000);
      const span = receiver.spans.find((s) => s.name === 'webhook.deliver' && s.attributes['url.host'] === hookHost)!;
      expect(span.attributes).toMatchObject({ 'webhook.attempt': 1, 'webhook.event': 'alert.opened', 'http.response.status_code': 204, 'webhook.status': 'delivered' });
    } finally {
      expect(await gateway.stop()).toBe(0);
      await new Promise((resolve) => hookServer.close(resolve));
    }
  }, 90_000);

  it('refuses an OTLP protocol it cannot speak, in one line', () => {
    const result = spawnSync(process.execPath, ['dist/main.js', '--config', configFile], {
      cwd: root,
      env: { ...process.env, PORT: '0', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^backup-gateway: failed to start: OTEL_EXPORTER_OTLP_PROTOCOL "grpc" is not supported: use http\/protobuf \(the default\) or http\/json$/);
  }, 90_000);
});
