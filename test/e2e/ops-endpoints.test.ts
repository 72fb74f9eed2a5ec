/**
 * Operations endpoints with auth on: /healthz open, /readyz only `ready` without a key and the
 * per-provider detail with one, /metrics for `admin` keys only, or without a key on the
 * separate `server.metricsPort` listener.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const READ_KEY = 'ops-test-read-key-0123456789';
const ADMIN_KEY = 'ops-test-admin-key-0123456789';
const auth = {
  apiKeys: [
    { name: 'dashboard', key: READ_KEY, scopes: ['read' as const] },
    { name: 'ops', key: ADMIN_KEY, scopes: ['read' as const, 'admin' as const] },
  ],
};
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

let gw: TestGateway;
let withMetricsPort: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway({ server: { auth } });
  withMetricsPort = await startTestGateway({ demo: gw.demo, server: { auth, metricsPort: 0 } });
});
afterAll(async () => {
  await withMetricsPort?.close();
  await gw?.close();
});

const at = (g: TestGateway, path: string) => g.url.replace('/graphql', path);

describe('/healthz and /readyz with auth on', () => {
  it('/healthz answers anyone', async () => {
    const response = await fetch(at(gw, '/healthz'));
    expect(response.status).toBe(200);
  });

  it('/readyz says only whether it is ready without a key, and which provider is what with one', async () => {
    const open = await fetch(at(gw, '/readyz'));
    expect(open.status).toBe(200);
    expect(await open.json()).toEqual({ ready: true });
    for (const key of [READ_KEY, ADMIN_KEY]) {
      const detailed = (await (await fetch(at(gw, '/readyz'), { headers: bearer(key) })).json()) as { ready: boolean; providers: Array<{ id: string; status: string }> };
      expect(detailed.ready).toBe(true);
      expect(detailed.providers.map((p) => p.id).sort()).toEqual(['hq', 'vps', 'zrh']);
    }
    const wrongKey = await fetch(at(gw, '/readyz'), { headers: bearer('not-a-key-xxxxxxxxxxxxxxxx') });
    expect(await wrongKey.json()).toEqual({ ready: true });
  });
});

describe('/metrics with auth on', () => {
  it('needs a key (401) with the admin scope (403)', async () => {
    const none = await fetch(at(gw, '/metrics'));
    expect(none.status).toBe(401);
    expect(((await none.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const reader = await fetch(at(gw, '/metrics'), { headers: bearer(READ_KEY) });
    expect(reader.status).toBe(403);
    expect(JSON.stringify(await reader.json())).toMatch(/API key \\"dashboard\\" lacks the \\"admin\\" scope/);
    const admin = await fetch(at(gw, '/metrics'), { headers: bearer(ADMIN_KEY) });
    expect(admin.status).toBe(200);
    expect(await admin.text()).toMatch(/backup_gateway_active_subscriptions \d+/);
  });

  it('is open on the separate metrics port, which serves nothing else, and still guarded on the main one', async () => {
    expect(withMetricsPort.server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(withMetricsPort.server.metricsUrl).not.toContain(`:${withMetricsPort.server.port}/`);
    const scraped = await fetch(withMetricsPort.server.metricsUrl!);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/backup_gateway_graphql_operations_total|backup_gateway_active_subscriptions/);
    expect((await fetch(withMetricsPort.server.metricsUrl!.replace('/metrics', '/graphql'))).status).toBe(404);
    expect((await fetch(at(withMetricsPort, '/metrics'))).status).toBe(401);
  });
});
