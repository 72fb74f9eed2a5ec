/**
 * Upstream TLS: an https provider with a self-signed certificate (as most Altaro installs
 * serve, contract §1) is trusted through `tls.caFile`; without it every call is a clear
 * UPSTREAM_UNAVAILABLE naming the certificate problem, while the other providers answer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { startSimServer, type SimServer } from '../../src/simulators/kit/http.js';
import { UpstreamHttp } from '../../src/upstream/http-client.js';
import { upstreamOf } from '../../src/providers/module.js';
import { UpstreamUnavailableError } from '../../src/domain/errors.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { VirtualMachinesQuery } from '../support/documents.js';

let server: SimServer;
let caFile: string;
let dir: string;
const clients: UpstreamHttp[] = [];

beforeAll(async () => {
  server = await startSimServer({ name: 'tls', https: true, routeKeyOf: () => 'ping', handle: () => ({ status: 200, body: { ok: true } }) });
  dir = mkdtempSync(join(tmpdir(), 'bgw-tls-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, server.certPem!);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function clientWith(tls: { caFile?: string; rejectUnauthorized: boolean } | undefined): UpstreamHttp {
  const config = { id: 'hq', kind: 'altaro', baseUrl: server.origin, retries: 0, tls };
  const client = new UpstreamHttp({ providerId: 'hq', ...upstreamOf(config, {}) });
  clients.push(client);
  return client;
}

const ping = (client: UpstreamHttp) => client.request({ method: 'GET', url: `${server.origin}/ping`, label: 'ping', idempotent: true });

describe('upstream TLS', () => {
  it('refuses a self-signed certificate it was not told to trust, naming the problem', async () => {
    const error = await ping(clientWith(undefined)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as Error).message).toMatch(/provider "hq" ping failed: TLS: the server's certificate is self-signed and not trusted \(set tls.caFile to it\)/);
  });

  it('trusts it through tls.caFile', async () => {
    const response = await ping(clientWith({ caFile, rejectUnauthorized: true }));
    expect(JSON.parse(response.text)).toEqual({ ok: true });
  });

  it('accepts any certificate with rejectUnauthorized: false', async () => {
    const response = await ping(clientWith({ rejectUnauthorized: false }));
    expect(response.status).toBe(200);
  });

  it('calls an http server with TLS settings a TLS failure of its own kind', async () => {
    const plain = await startSimServer({ name: 'plain', routeKeyOf: () => 'ping', handle: () => ({ status: 200, body: {} }) });
    try {
      const client = clientWith({ caFile, rejectUnauthorized: true });
      const error = await client.request({ method: 'GET', url: `${plain.origin.replace('http:', 'https:')}/ping`, label: 'ping', idempotent: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamUnavailableError);
      expect((error as Error).message).toMatch(/TLS handshake failed \(is the server speaking https\?\)/);
    } finally {
      await plain.close();
    }
  });

  it('rejects a config whose tls.caFile cannot be read, naming the key', () => {
    const yaml = `providers:\n  - { id: hq, kind: altaro, baseUrl: "https://localhost:36013/api/rest", username: a, password: b, tls: { caFile: ${join(dir, 'missing.pem')} } }\n`;
    expect(() => parseConfig(yaml)).toThrow(/providers\[0\]\.tls\.caFile: cannot read this file/);
  });
});

describe('a gateway in front of the strict (https) Altaro', () => {
  let gw: TestGateway | undefined;
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
  });

  it('serves it over https, trusted through tls.caFile', async () => {
    gw = await startTestGateway({ profile: 'strict' });
    expect(gw.demo.simulators.altaro.baseUrl).toMatch(/^https:/);
    const hq = gw.demo.providers.find((p) => p.id === 'hq')!;
    expect(hq.tls?.caFile).toBeDefined();
    const result = await gw.gql(VirtualMachinesQuery, { first: 100, filter: { providerIds: ['hq'] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.virtualMachines.totalCount).toBeGreaterThan(0);
  });

  it('without tls.caFile: hq fails with the certificate problem, the others answer', async () => {
    gw = await startTestGateway({ profile: 'strict', editProviders: (ps) => ps.map(({ tls: _tls, ...p }) => p) });
    const result = await gw.gql(VirtualMachinesQuery, { first: 100 });
    const error = result.errors?.find((e) => e.extensions?.provider === 'hq');
    expect(error?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error?.message).toMatch(/certificate is self-signed and not trusted/);
    expect(result.data?.virtualMachines.totalCount).toBeGreaterThan(0); // CloudSigma and BILLmanager
  });
});
