/**
 * Alerts end to end over HTTP: real simulators, the real gateway on a SQLite journal, and a real
 * webhook receiver on loopback that verifies every signature with the `standardwebhooks` library
 * and the configured secret. Thresholds and the retry schedule are configured small instead of
 * faking clocks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import type { AlertsConfigInput } from '../../src/alerts/config.js';
import { startDemo, type Demo } from '../../src/demo.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { StartBackupMutation, VirtualMachinesQuery } from '../support/documents.js';
import { testSecret, WebhookReceiver } from '../support/webhook-receiver.js';

const AlertsQuery = graphql(`
  query Alerts($first: Int, $filter: AlertFilter) {
    alerts(first: $first, filter: $filter) {
      totalCount
      edges {
        node {
          id
          kind
          severity
          state
          message
          acknowledgedBy
          acknowledgedAt
          resolvedAt
          provider { name }
          resourceName
          resource { name }
          operation { status }
        }
      }
    }
  }
`);

const AcknowledgeAlertMutation = graphql(`
  mutation AcknowledgeAlert($input: AcknowledgeAlertInput!) {
    acknowledgeAlert(input: $input) {
      __typename
      ... on AcknowledgeAlertSuccess { alert { id state acknowledgedBy acknowledgedAt } }
      ... on Error { message code }
    }
  }
`);

const AlertNodeQuery = graphql(`
  query AlertNode($id: ID!) {
    node(id: $id) { __typename ... on Alert { id kind state } }
  }
`);

const secret = testSecret(7);
/** The journal's watcher reads the providers' lists often (no history import): it is what sees a backup end. */
const WATCHED = { watchIntervalMs: 300, backfill: false };

function alertsConfig(receiver: WebhookReceiver, extra: Partial<AlertsConfigInput> = {}): AlertsConfigInput {
  return {
    evaluateIntervalSeconds: 0.2,
    providerDownAfterSeconds: 1,
    webhooks: [{ url: receiver.url, secret }],
    delivery: { timeoutMs: 2_000, retryScheduleMs: [0, 200, 400], pollIntervalMs: 50 },
    ...extra,
  };
}

async function vmId(gw: TestGateway, name: string): Promise<string> {
  const data = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { nameContains: name } }));
  const vm = data.virtualMachines.edges.map((e) => e.node).find((n) => n.name === name);
  if (!vm) throw new Error(`no VM ${name}`);
  return vm.id;
}

async function startBackup(gw: TestGateway, name: string): Promise<void> {
  const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: await vmId(gw, name) } }));
  if (result.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(result.startBackup));
}

const VmNativeIdQuery = graphql(`query VmNativeId($id: ID!) { node(id: $id) { ... on VirtualMachine { nativeId } } }`);

/** A scheduled run of Altaro VM `name` came due ten minutes ago (as the watcher records one). */
async function recordDueTenMinutesAgo(gw: TestGateway, name: string): Promise<void> {
  const { nativeId } = expectData(await gw.gql(VmNativeIdQuery, { id: await vmId(gw, name) })).node as { nativeId: string };
  const dueAt = new Date(Date.now() - 10 * 60_000);
  await gw.journal!.store.recordDueRuns([{ providerId: 'hq', resource: { providerId: 'hq', type: 'VirtualMachine', nativeId }, dueAt, seenAt: dueAt }]);
}

async function alertsOf(gw: TestGateway, kinds: string[]) {
  return expectData(await gw.gql(AlertsQuery, { first: 50, filter: { kinds: kinds as never } })).alerts;
}

async function until(done: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('alerts: a failed backup, over signed webhooks', () => {
  let receiver: WebhookReceiver;
  let gw: TestGateway;

  beforeAll(async () => {
    receiver = new WebhookReceiver(secret);
    await receiver.listen();
    gw = await startTestGateway({ journal: WATCHED, alerts: alertsConfig(receiver) });
  });
  afterAll(async () => {
    await gw?.close();
    await receiver?.stop();
  });

  it('opens BACKUP_FAILED, delivers it signed through two 503s with one webhook-id, acknowledges and resolves it', async () => {
    const vm = gw.demo.simulators.altaro.state.vmByName('APP01')!;
    vm.failNextBackup = true;
    receiver.refuse = [503, 503];
    await startBackup(gw, 'APP01');

    await receiver.until(() => receiver.accepted('alert.opened').length === 1, 'alert.opened');
    const opened = receiver.accepted('alert.opened')[0];
    // Three attempts (503, 503, 200), all the same message, each signed with the configured secret.
    const attempts = receiver.received.filter((r) => r.id === opened.id);
    expect(attempts.map((r) => r.answered)).toEqual([503, 503, 200]);
    expect(attempts.every((r) => r.verified !== undefined)).toBe(true);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
    expect(opened.verified!.data.alert).toMatchObject({ kind: 'BACKUP_FAILED', severity: 'CRITICAL', state: 'OPEN', provider: { kind: 'ALTARO', name: 'hq' }, resource: { type: 'VirtualMachine', name: 'APP01' }, operation: { status: 'FAILED' } });
    // A body signed with another secret does not verify: the check is real.
    expect(() => new Webhook(testSecret(8)).verify(opened.body, opened.headers)).toThrow();

    const listed = await alertsOf(gw, ['BACKUP_FAILED']);
    expect(listed.totalCount).toBe(1);
    const alert = listed.edges[0].node;
    expect(alert).toMatchObject({ id: opened.verified!.data.alert.id, state: 'OPEN', provider: { name: 'hq' }, resourceName: 'APP01', resource: { name: 'APP01' }, operation: { status: 'FAILED' } });
    expect(alert.message).toMatch(/APP01/);
    // The webhook's id is the API's: node(id:) finds the alert from it.
    expect(expectData(await gw.gql(AlertNodeQuery, { id: alert.id })).node).toEqual({ __typename: 'Alert', id: alert.id, kind: 'BACKUP_FAILED', state: 'OPEN' });

    const ack = expectData(await gw.gql(AcknowledgeAlertMutation, { input: { alertId: alert.id } })).acknowledgeAlert;
    expect(ack).toMatchObject({ __typename: 'AcknowledgeAlertSuccess', alert: { state: 'ACKNOWLEDGED', acknowledgedBy: null } });
    await receiver.until(() => receiver.accepted('alert.acknowledged').length === 1, 'alert.acknowledged');
    expect(receiver.accepted('alert.acknowledged')[0].verified!.data.alert).toMatchObject({ id: alert.id, state: 'ACKNOWLEDGED' });

    // The next backup of APP01 succeeds: the alert resolves and says so.
    await startBackup(gw, 'APP01');
    await receiver.until(() => receiver.accepted('alert.resolved').length === 1, 'alert.resolved');
    expect(receiver.accepted('alert.resolved')[0].verified!.data.alert).toMatchObject({ id: alert.id, state: 'RESOLVED' });
    const after = (await alertsOf(gw, ['BACKUP_FAILED'])).edges[0].node;
    expect(after.state).toBe('RESOLVED');
    expect(after.resolvedAt).not.toBeNull();
    // One alert, three events, each delivered once.
    expect(receiver.accepted().map((r) => r.verified!.type)).toEqual(['alert.opened', 'alert.acknowledged', 'alert.resolved']);

    const late = expectData(await gw.gql(AcknowledgeAlertMutation, { input: { alertId: alert.id } })).acknowledgeAlert;
    expect(late).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
    const bad = expectData(await gw.gql(AcknowledgeAlertMutation, { input: { alertId: 'nonsense' } })).acknowledgeAlert;
    expect(bad).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION' });
  });

  it('counts deliveries on /metrics and never shows the secret', async () => {
    const text = await (await fetch(gw.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/backup_gateway_webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
    expect(text).toMatch(/backup_gateway_webhook_deliveries_total\{outcome="retried"\} [1-9]/);
    expect(text).toMatch(/backup_gateway_webhook_oldest_pending_seconds 0/);
    expect(text).not.toContain(secret.slice(6, 20));
  });
});

describe('alerts: what the rules see', () => {
  let receiver: WebhookReceiver;
  let gw: TestGateway | undefined;
  beforeEach(async () => {
    receiver = new WebhookReceiver(secret);
    await receiver.listen();
  });
  afterEach(async () => {
    await gw?.close();
    gw = undefined;
    await receiver.stop();
  });
  const events = (type: string, kind: string) => receiver.accepted(type).filter((r) => r.verified!.data.alert.kind === kind);

  it('opens PROVIDER_DOWN once a provider has been down past the grace, and resolves it when it is back', async () => {
    gw = await startTestGateway({
      journal: WATCHED,
      // A short breaker cooldown: the provider is asked again soon after it failed.
      editProviders: (ps) => ps.map((p) => (p.id === 'vps' ? { ...p, breakerCooldownMs: 300 } : p)),
      alerts: alertsConfig(receiver, { webhooks: [{ url: receiver.url, secret, kinds: ['PROVIDER_DOWN'] }] }),
    });
    const sim = gw.demo.simulators.billmanager;
    sim.server.faults.set({ global: { status: 503 } });
    await receiver.until(() => events('alert.opened', 'PROVIDER_DOWN').length > 0, 'PROVIDER_DOWN opened', 20_000);
    const down = (await alertsOf(gw, ['PROVIDER_DOWN'])).edges.map((e) => e.node);
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ state: 'OPEN', provider: { name: 'vps' }, resource: null });
    sim.server.faults.clear();
    await receiver.until(() => events('alert.resolved', 'PROVIDER_DOWN').length > 0, 'PROVIDER_DOWN resolved', 20_000);
    expect((await alertsOf(gw, ['PROVIDER_DOWN'])).edges[0].node.state).toBe('RESOLVED');
  });

  it('opens RUN_MISSED for a resource whose scheduled run did not happen', async () => {
    gw = await startTestGateway({ journal: { ...WATCHED, missedGraceMinutes: 1 }, alerts: alertsConfig(receiver, { webhooks: [{ url: receiver.url, secret, kinds: ['RUN_MISSED'] }] }) });
    await recordDueTenMinutesAgo(gw, 'SQL01');
    await receiver.until(() => events('alert.opened', 'RUN_MISSED').length > 0, 'RUN_MISSED opened');
    const missed = (await alertsOf(gw, ['RUN_MISSED'])).edges.map((e) => e.node);
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ state: 'OPEN', severity: 'WARNING', resourceName: 'SQL01' });
  });

  it('opens BACKUP_STALE for a scheduled VM with no success within the RPO, and resolves it with a backup through the API', async () => {
    // An RPO of 3.6 seconds: due (scheduled) ten minutes ago, never backed up since.
    gw = await startTestGateway({
      altaro: { operationMs: 800 },
      journal: WATCHED,
      alerts: alertsConfig(receiver, { rpoHours: 0.001, webhooks: [{ url: receiver.url, secret, kinds: ['BACKUP_STALE'] }] }),
    });
    await recordDueTenMinutesAgo(gw, 'SQL01');
    await receiver.until(() => events('alert.opened', 'BACKUP_STALE').length > 0, 'BACKUP_STALE opened');
    const opened = events('alert.opened', 'BACKUP_STALE')[0].verified!.data.alert;
    expect(opened).toMatchObject({ severity: 'CRITICAL', resource: { type: 'VirtualMachine', name: 'SQL01' } });
    expect(opened.message).toMatch(/no successful backup known within the RPO/);

    await startBackup(gw, 'SQL01');
    await receiver.until(() => events('alert.resolved', 'BACKUP_STALE').some((r) => r.verified!.data.alert.id === opened.id), 'BACKUP_STALE resolved', 20_000);
    const listed = (await alertsOf(gw, ['BACKUP_STALE'])).edges.map((e) => e.node).find((n) => n.id === opened.id);
    expect(listed).toMatchObject({ state: 'RESOLVED', resourceName: 'SQL01' });
  });

  it('opens OPERATION_STUCK for backups running past stuckAfterMinutes, naming each operation (one journal read for the page), and resolves it when the backup ends', async () => {
    // Stuck after 1.2 seconds; the simulated backup takes 6.
    gw = await startTestGateway({
      altaro: { operationMs: 6_000 },
      journal: WATCHED,
      alerts: alertsConfig(receiver, { stuckAfterMinutes: 0.02, webhooks: [{ url: receiver.url, secret, kinds: ['OPERATION_STUCK'] }] }),
    });
    await startBackup(gw, 'FS01');
    await startBackup(gw, 'SQL01');
    await receiver.until(() => events('alert.opened', 'OPERATION_STUCK').length === 2, 'two OPERATION_STUCK opened');
    const opened = events('alert.opened', 'OPERATION_STUCK').find((r) => (r.verified!.data.alert.resource as { name?: string } | null)?.name === 'FS01')!.verified!.data.alert;
    expect(opened).toMatchObject({ severity: 'WARNING', resource: { name: 'FS01' }, operation: { status: 'RUNNING' } });
    expect(opened.message).toMatch(/a backup has been running for \d+ minutes \(limit 0\.02\)/);
    // The page's operations come from the journal in one read, not one per alert.
    const store = gw.journal!.store;
    const reads: string[] = [];
    const [getOperation, getOperations] = [store.getOperation.bind(store), store.getOperations.bind(store)];
    store.getOperation = (...args) => (reads.push('getOperation'), getOperation(...args));
    store.getOperations = (keys) => (reads.push(`getOperations(${keys.length})`), getOperations(keys));
    const listed = (await alertsOf(gw, ['OPERATION_STUCK'])).edges.map((e) => e.node);
    expect(reads).toEqual(['getOperations(2)']);
    expect(listed.map((a) => [a.state, a.resource?.name, a.operation?.status]).sort()).toEqual([
      ['OPEN', 'FS01', 'RUNNING'],
      ['OPEN', 'SQL01', 'RUNNING'],
    ]);

    await receiver.until(() => events('alert.resolved', 'OPERATION_STUCK').some((r) => r.verified!.data.alert.id === opened.id), 'OPERATION_STUCK resolved', 20_000);
    expect((await alertsOf(gw, ['OPERATION_STUCK'])).edges.find((e) => e.node.id === opened.id)!.node).toMatchObject({ state: 'RESOLVED', operation: { status: 'SUCCEEDED' } });
  });
});

describe('alerts: a receiver that keeps refusing', () => {
  it('marks the delivery failed once the schedule is exhausted, and counts it', async () => {
    const receiver = new WebhookReceiver(secret);
    await receiver.listen();
    receiver.refuse = [503, 500, 429, 503];
    const gw = await startTestGateway({ journal: { ...WATCHED, missedGraceMinutes: 1 }, alerts: alertsConfig(receiver, { webhooks: [{ url: receiver.url, secret, kinds: ['RUN_MISSED'] }] }) });
    try {
      const metric = async () => Number(/backup_gateway_webhook_deliveries_total\{outcome="failed"\} (\d+)/.exec(await (await fetch(gw.url.replace('/graphql', '/metrics'))).text())?.[1] ?? 0);
      const failedBefore = await metric();
      await recordDueTenMinutesAgo(gw, 'FS01');
      // retryScheduleMs [0, 200, 400]: three attempts, then it is given up.
      await until(async () => (await metric()) === failedBefore + 1, 'the delivery to be marked failed');
      expect(receiver.received.map((r) => r.answered)).toEqual([503, 500, 429]);
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(receiver.received).toHaveLength(3);
    } finally {
      await gw.close();
      await receiver.stop();
    }
  });
});

describe('alerts: nothing is lost across a restart', () => {
  let demo: Demo;
  let dir: string;
  beforeAll(async () => {
    demo = await startDemo({ altaro: { operationMs: 1500, finishedGraceMs: 1500 }, cloudsigma: { snapshotMs: 400 }, billmanager: { backupMs: 1500 } });
    dir = mkdtempSync(join(tmpdir(), 'bgw-alerts-'));
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a pending event after the gateway restarted and the receiver came back', async () => {
    const receiver = new WebhookReceiver(secret);
    await receiver.listen();
    await receiver.stop(); // down: every attempt is a connection error
    const url = `sqlite:${join(dir, 'journal.db')}`;
    const config = alertsConfig(receiver, { delivery: { timeoutMs: 2_000, retryScheduleMs: [0, 300, 600, 1_200, 2_400, 4_800, 9_600], pollIntervalMs: 50 } });
    const first = await startTestGateway({ demo, journal: { ...WATCHED, url }, alerts: config });
    demo.simulators.altaro.state.vmByName('EXCH01')!.failNextBackup = true;
    await startBackup(first, 'EXCH01');
    await until(async () => (await alertsOf(first, ['BACKUP_FAILED'])).totalCount === 1, 'the alert to open');
    const alertId = (await alertsOf(first, ['BACKUP_FAILED'])).edges[0].node.id;
    await first.close();

    await receiver.listen(); // back, on the same URL
    const second = await startTestGateway({ demo, journal: { ...WATCHED, url }, alerts: config });
    try {
      await receiver.until(() => receiver.accepted('alert.opened').length === 1, 'the pending alert.opened');
      expect(receiver.accepted('alert.opened')[0].verified!.data.alert.id).toBe(alertId);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(receiver.accepted('alert.opened')).toHaveLength(1);
    } finally {
      await second.close();
      await receiver.stop();
    }
  });
});
