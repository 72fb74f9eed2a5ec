/**
 * SIGHUP to a running gateway (a spawned process): the config file is read again, new API keys
 * apply at once while an open graphql-ws connection stays up; an invalid file keeps the
 * running config and says why in one error line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { startDemo, type Demo } from '../../src/demo.js';
import { buildOnce, killLeftovers, logLines, spawnGateway, waitForLog, writeConfig } from '../support/spawned-gateway.js';
import { OperationsUpdatedSubscription } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';

const OLD_KEY = 'old-key-to-be-rotated-0123456789';
const NEW_KEY = 'new-key-after-rotation-0123456789';
const keys = (name: string, key: string) => ({ auth: { apiKeys: [{ name, key, scopes: ['read', 'admin'] }] } });

let demo: Demo;
beforeAll(async () => {
  buildOnce();
  demo = await startDemo();
  demo.simulators.altaro.state.autoRunSchedules = false;
}, 180_000);
afterAll(async () => {
  killLeftovers();
  await demo?.close();
});

const query = (url: string, key: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ providers { id } }' }) }).then(
    async (r) => (await r.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> },
  );

describe('SIGHUP', () => {
  it('rotates API keys without dropping connections, and keeps the running config when the new file is invalid', async () => {
    const file = writeConfig(demo, keys('before', OLD_KEY));
    const gateway = await spawnGateway(file);
    try {
      expect((await query(gateway.url, OLD_KEY)).data).toBeDefined();
      const client = wsClient(gateway.url.replace(/^http/, 'ws'), { authorization: `Bearer ${OLD_KEY}` });
      const subscription = subscribeWs(client, OperationsUpdatedSubscription, {});
      let closed: string | false = false;
      void subscription.done.then(
        () => (closed = 'completed'),
        (error: Error) => (closed = error.message),
      );
      // Rotate only once the socket is up and subscribed (admin keys may read /metrics).
      for (let subscribed = false; !subscribed; await new Promise((r) => setTimeout(r, 50))) {
        const metrics = await fetch(gateway.url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${OLD_KEY}` } });
        subscribed = /backup_gateway_active_subscriptions 1\b/.test(await metrics.text());
      }

      writeConfig(demo, keys('after', NEW_KEY), file);
      gateway.child.kill('SIGHUP');
      const reloaded = await waitForLog(gateway, /^SIGHUP: config reloaded/);
      expect(reloaded.apiKeys).toEqual(['after']);
      expect((await query(gateway.url, NEW_KEY)).data).toBeDefined();
      expect((await query(gateway.url, OLD_KEY)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(closed).toBe(false); // the open subscription went on

      const valid = readFileSync(file, 'utf8');
      writeFileSync(file, valid.replace('"providers"', '"colour": "red", "providers"'));
      gateway.child.kill('SIGHUP');
      const refused = await waitForLog(gateway, /^SIGHUP: config not reloaded/);
      expect(refused.level).toBe(50);
      expect(String(refused.msg)).toMatch(/unknown key "colour"/);
      expect(logLines(gateway.output()).filter((l) => /^SIGHUP: config not reloaded/.test(String(l.msg)))).toHaveLength(1);
      expect((await query(gateway.url, NEW_KEY)).data).toBeDefined();
      expect(closed).toBe(false);
      await client.dispose();
    } finally {
      gateway.child.kill('SIGTERM');
      expect(await gateway.exit).toBe(0);
    }
  }, 90_000);
});
