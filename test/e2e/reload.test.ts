/**
 * SIGHUP to a running gateway (a spawned process): the config file is read again, new API keys
 * apply at once while an open graphql-ws connection stays up; an invalid file keeps the
 * running config and says why in one error line; new alert webhooks take over from the old.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { startDemo, type Demo } from '../../src/demo.js';
import { killLeftovers, logLines, spawnGateway, waitForLog, writeConfig } from '../support/spawned-gateway.js';
import { OperationsUpdatedSubscription } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import { testSecret, WebhookReceiver } from '../support/webhook-receiver.js';

const OLD_KEY = 'old-key-to-be-rotated-0123456789';
const NEW_KEY = 'new-key-after-rotation-0123456789';
const keys = (name: string, key: string) => ({ auth: { apiKeys: [{ name, key, scopes: ['read', 'admin'] }] } });

let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
  demo.simulators.altaro.state.autoRunSchedules = false;
});
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
      expect(await gateway.stop()).toBe(0);
    }
  }, 90_000);

  it('sends alert webhooks to the new receiver (with its secret) after a reload, and none to the old one', async () => {
    const before = new WebhookReceiver(testSecret(1));
    const after = new WebhookReceiver(testSecret(2));
    await before.listen();
    await after.listen();
    const alerts = (receiver: WebhookReceiver, secret: string) => ({
      // The journal's watcher reads the providers every 300 ms: what finds one down.
      journal: { watchIntervalSeconds: 0.3 },
      alerts: {
        evaluateIntervalSeconds: 0.2,
        providerDownAfterSeconds: 1,
        webhooks: [{ url: receiver.url, secret, kinds: ['PROVIDER_DOWN'] }],
        delivery: { timeoutMs: 2_000, retryScheduleMs: [0, 200], pollIntervalMs: 50 },
      },
    });
    const withJournal = (file: string | undefined, extra: ReturnType<typeof alerts>) => {
      const path = writeConfig(demo, {}, file);
      const config = JSON.parse(readFileSync(path, 'utf8')) as { journal: Record<string, unknown>; providers: Array<Record<string, unknown>> };
      writeFileSync(
        path,
        JSON.stringify({
          ...config,
          ...extra,
          journal: { ...config.journal, ...extra.journal },
          // A short breaker cooldown: the provider is asked again soon after it failed.
          providers: config.providers.map((p) => ({ ...p, breakerCooldownMs: 300 })),
        }),
      );
      return path;
    };
    const file = withJournal(undefined, alerts(before, testSecret(1)));
    const gateway = await spawnGateway(file);
    try {
      withJournal(file, alerts(after, testSecret(2)));
      gateway.child.kill('SIGHUP');
      await waitForLog(gateway, /^SIGHUP: config reloaded/);
      demo.simulators.billmanager.server.faults.set({ global: { status: 503 } });
      await after.until(() => after.accepted('alert.opened').some((r) => r.verified!.data.alert.kind === 'PROVIDER_DOWN'), 'PROVIDER_DOWN at the new receiver', 30_000);
      expect(after.received.every((r) => r.verified !== undefined)).toBe(true); // signed with the new secret
      expect(before.received).toHaveLength(0);
    } finally {
      demo.simulators.billmanager.server.faults.clear();
      await gateway.stop();
      await before.stop();
      await after.stop();
    }
  }, 90_000);
});
