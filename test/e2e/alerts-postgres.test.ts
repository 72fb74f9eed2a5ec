/**
 * Two gateway instances on one PostgreSQL journal (a throwaway cluster), both with the same
 * webhook: the rules and the delivery worker run on the leader only and the outbox rows are
 * claimed with a lease, so the receiver gets each event exactly once; a subscriber on either
 * instance sees the changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { startDemo, type Demo } from '../../src/demo.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { StartBackupMutation, VirtualMachinesQuery } from '../support/documents.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import { testSecret, WebhookReceiver } from '../support/webhook-receiver.js';

const AlertsUpdatedSubscription = graphql(`
  subscription AlertsUpdated($filter: AlertFilter) {
    alertsUpdated(filter: $filter) { id kind state }
  }
`);

const AckDocument = graphql(`
  mutation AckOnOther($input: AcknowledgeAlertInput!) {
    acknowledgeAlert(input: $input) { __typename ... on AcknowledgeAlertSuccess { alert { state } } }
  }
`);

const ListDocument = graphql(`
  query AlertsOnPostgres { alerts(first: 10) { totalCount edges { node { id kind state } } } }
`);

const secret = testSecret(3);
let postgres: TestPostgres;
let demo: Demo;
let receiver: WebhookReceiver;

beforeAll(async () => {
  postgres = await startPostgres();
  demo = await startDemo({ altaro: { operationMs: 1200, finishedGraceMs: 500 } });
  receiver = new WebhookReceiver(secret);
  await receiver.listen();
});
afterAll(async () => {
  await receiver?.stop();
  await demo?.close();
  await postgres?.stop();
});

async function startBackup(gw: TestGateway, name: string): Promise<void> {
  const vms = expectData(await gw.gql(VirtualMachinesQuery, { first: 100, filter: { nameContains: name } })).virtualMachines.edges.map((e) => e.node);
  const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vms.find((v) => v.name === name)!.id } }));
  if (result.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(result.startBackup));
}

describe('alerts on two instances sharing one PostgreSQL journal', () => {
  it('send each event once, and a subscriber on either instance sees every change', async () => {
    const url = await postgres.createDatabase();
    const alerts = { evaluateIntervalSeconds: 0.2, webhooks: [{ url: receiver.url, secret }], delivery: { timeoutMs: 2_000, retryScheduleMs: [0, 200, 400], pollIntervalMs: 50 } };
    const a = await startTestGateway({ demo, journal: { url, watchIntervalMs: 200, backfill: false }, alerts });
    const b = await startTestGateway({ demo, journal: { url, watchIntervalMs: 200, backfill: false }, alerts });
    demo.simulators.altaro.state.autoRunSchedules = false;
    const clients = [wsClient(a.wsUrl), wsClient(b.wsUrl)];
    try {
      const streams = clients.map((client) => subscribeWs(client, AlertsUpdatedSubscription, { filter: { kinds: ['BACKUP_FAILED'] } }));
      await new Promise((resolve) => setTimeout(resolve, 300)); // both subscriptions are open
      receiver.refuse = [503];
      demo.simulators.altaro.state.vmByName('APP01')!.failNextBackup = true;
      await startBackup(a, 'APP01');
      await receiver.until(() => receiver.accepted('alert.opened').length === 1, 'alert.opened');

      const listed = expectData(await b.gql(ListDocument)).alerts;
      expect(listed.totalCount).toBe(1);
      const alertId = listed.edges[0].node.id;
      // Acknowledged on the other instance (whichever leads): still one alert.acknowledged.
      expect(expectData(await b.gql(AckDocument, { input: { alertId } })).acknowledgeAlert).toMatchObject({ alert: { state: 'ACKNOWLEDGED' } });
      await receiver.until(() => receiver.accepted('alert.acknowledged').length === 1, 'alert.acknowledged');
      await startBackup(b, 'APP01');
      await receiver.until(() => receiver.accepted('alert.resolved').length === 1, 'alert.resolved');
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // a second sender would have sent by now

      expect(receiver.accepted().map((r) => r.verified!.type)).toEqual(['alert.opened', 'alert.acknowledged', 'alert.resolved']);
      // The refused first attempt and its retry carry one webhook-id; three events, three ids.
      expect(receiver.received.map((r) => r.answered)).toEqual([503, 200, 200, 200]);
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(3);
      await receiver.until(() => streams.every((s) => s.results.length >= 3), 'three updates on each instance');
      for (const stream of streams) expect(stream.results.map((r) => r.data?.alertsUpdated.state)).toEqual(['OPEN', 'ACKNOWLEDGED', 'RESOLVED']);
      for (const stream of streams) stream.close();
    } finally {
      for (const client of clients) await client.dispose();
      await a.close();
      await b.close();
    }
  });
});
