/** Graceful shutdown: open subscriptions are completed and upstream sessions ended. */
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait.js';
import { expectData, startTestGateway } from '../support/gateway.js';
import { OperationUpdatedSubscription, OperationsUpdatedSubscription, StartBackupMutation, VirtualMachinesQuery } from '../support/documents.js';
import { subscribeSse, subscribeWs, wsClient } from '../support/subscribe.js';

describe('graceful shutdown', () => {
  it('completes open subscriptions over graphql-ws and SSE and ends the Altaro session', async () => {
    const gw = await startTestGateway({ altaro: { operationMs: 60_000 } });
    try {
      const vms = expectData(await gw.gql(VirtualMachinesQuery, { first: 1, filter: { providerIds: ['hq'], configured: true } }));
      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vms.virtualMachines.edges[0].node.id } }));
      if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      const client = wsClient(gw.wsUrl);
      const overWs = subscribeWs(client, OperationUpdatedSubscription, { id: started.startBackup.operation.id });
      const dashboard = subscribeWs(client, OperationsUpdatedSubscription, {});
      const overSse = subscribeSse(gw.url, OperationUpdatedSubscription, { id: started.startBackup.operation.id });
      await waitFor(() => overWs.results.length > 0 && overSse.results.length > 0, 'both subscribers to get their first event', 10_000);
      expect(gw.demo.simulators.altaro.state.sessions.size).toBe(1);

      await gw.server.close();

      await expect(overWs.done).resolves.toBeUndefined();
      await expect(dashboard.done).resolves.toBeUndefined();
      await expect(overSse.done).resolves.toBeUndefined();
      expect(overWs.results.at(-1)?.data?.operationUpdated.status).toMatch(/QUEUED|RUNNING/);
      expect(gw.demo.simulators.altaro.state.sessions.size).toBe(0);
      await client.dispose();
    } finally {
      await gw.close();
    }
  });
});
