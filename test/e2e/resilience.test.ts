/**
 * Upstream resilience against a misbehaving Altaro: retries of reads honouring Retry-After,
 * the circuit breaker, writes that time out (never repeated; checked afterwards), and
 * subscriptions that survive transient errors. Under the default and the strict profile.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { OperationUpdatedSubscription, ProvidersQuery, StartBackupMutation, VirtualMachinesQuery } from '../support/documents.js';
import { subscribeWs, wsClient } from '../support/subscribe.js';
import type { ProviderConfig } from '../../src/config.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const tune = (settings: Partial<ProviderConfig>) => (providers: ProviderConfig[]) =>
  providers.map((p) => (p.id === 'hq' ? ({ ...p, ...settings } as ProviderConfig) : p));

const hqVms = (g: TestGateway) => g.gql(VirtualMachinesQuery, { first: 100, filter: { providerIds: ['hq'] } });
const countOf = (g: TestGateway, routeKey: string) => g.demo.simulators.altaro.server.requests.filter((r) => r.routeKey === routeKey).length;

async function firstConfiguredVm(g: TestGateway) {
  const data = expectData(await g.gql(VirtualMachinesQuery, { first: 1, filter: { providerIds: ['hq'], configured: true } }));
  return data.virtualMachines.edges[0].node;
}

describe.each(SIM_PROFILES)('%s profile', (profile) => {
  describe('reads', () => {
    it('retries a read after a 503 with Retry-After and answers', async () => {
      gw = await startTestGateway({ profile, editProviders: tune({ retries: 2 }) });
      expectData(await hqVms(gw)); // logged in
      gw.demo.simulators.altaro.server.clearRequests();
      gw.demo.simulators.altaro.server.faults.set({ routes: { 'vms/list': { status: 503, retryAfterSeconds: 0, times: 1 } } });
      const data = expectData(await hqVms(gw));
      expect(data.virtualMachines.totalCount).toBe(16);
      expect(countOf(gw, 'vms/list')).toBe(2);
    });

    it('gives up after its retries and names the provider', async () => {
      gw = await startTestGateway({ profile, editProviders: tune({ retries: 1 }) });
      gw.demo.simulators.altaro.server.faults.set({ routes: { 'vms/list': { status: 503, retryAfterSeconds: 0 } } });
      const response = await hqVms(gw);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'hq' });
      expect(countOf(gw, 'vms/list')).toBe(2);
    });

    it('reports a malformed upstream body as UPSTREAM_UNAVAILABLE', async () => {
      gw = await startTestGateway({ profile });
      gw.demo.simulators.altaro.server.faults.set({ routes: { 'vms/list': { malformedBody: true } } });
      const response = await hqVms(gw);
      expect(response.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(response.errors?.[0].message).toMatch(/not a JSON envelope/);
    });
  });

  describe('circuit breaker', () => {
    it('opens after repeated failures, fails fast without calling the provider, and recovers after the cool-down', async () => {
      gw = await startTestGateway({ profile, editProviders: tune({ breakerFailures: 3, breakerCooldownMs: 1_500 }) });
      const sim = gw.demo.simulators.altaro.server;
      expectData(await hqVms(gw));
      sim.faults.set({ global: { status: 500 } });
      for (let i = 0; i < 3; i++) await hqVms(gw);
      const before = sim.requests.length;
      const fastFail = await hqVms(gw);
      expect(fastFail.errors?.[0].message).toMatch(/circuit breaker is open/);
      expect(sim.requests.length).toBe(before); // the provider was not called
      const health = expectData(await gw.gql(ProvidersQuery)).providers.find((p) => p.name === 'hq')!;
      expect(health.health.status).toBe('DOWN');

      sim.faults.clear();
      await new Promise((resolve) => setTimeout(resolve, 1_550));
      const recovered = expectData(await hqVms(gw)); // half-open probe succeeds, circuit closes
      expect(recovered.virtualMachines.totalCount).toBe(16);
      const after = expectData(await gw.gql(ProvidersQuery)).providers.find((p) => p.name === 'hq')!;
      expect(after.health.status).not.toBe('DOWN');
    });
  });

  describe('writes', () => {
    it('never repeats a backup that timed out, and says whether it started cannot be told when none is running', async () => {
      gw = await startTestGateway({ profile, editProviders: tune({ timeoutMs: 400, retries: 2 }) });
      const vm = await firstConfiguredVm(gw);
      gw.demo.simulators.altaro.server.faults.set({ routes: { 'instructions/take-backup': { hang: true } } });
      const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      expect(result.startBackup).toMatchObject({ __typename: 'UpstreamError', code: 'UPSTREAM_UNAVAILABLE' });
      if (result.startBackup.__typename !== 'UpstreamError') throw new Error('unreachable');
      expect(result.startBackup.message).toMatch(/outcome of this write is unknown/);
      // Issue #11: no "most likely did not happen", which invites a second backup.
      expect(result.startBackup.message).toMatch(/whether the backup started cannot be told/);
      expect(result.startBackup.message).not.toMatch(/did not happen/);
      expect(countOf(gw, 'instructions/take-backup')).toBe(1);
      expect(gw.demo.simulators.altaro.state.operations.size).toBe(0);
    });

    it('finds a backup that started although the request timed out, and reports it as started', async () => {
      gw = await startTestGateway({ profile, editProviders: tune({ timeoutMs: 400 }) });
      const vm = await firstConfiguredVm(gw);
      gw.demo.simulators.altaro.server.faults.set({ routes: { 'instructions/take-backup': { latencyMs: 700 } } });
      const result = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      if (result.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(result));
      expect(result.startBackup.operation.status).toMatch(/QUEUED|RUNNING/);
      expect(countOf(gw, 'instructions/take-backup')).toBe(1);
      expect(gw.demo.simulators.altaro.state.operations.size).toBe(1);
    });
  });

  describe('subscriptions', () => {
    it('keep following an operation through transient upstream errors and tell the client', async () => {
      gw = await startTestGateway({ profile, altaro: { operationMs: 2000 } });
      const vm = await firstConfiguredVm(gw);
      const started = expectData(await gw.gql(StartBackupMutation, { input: { targetId: vm.id } }));
      if (started.startBackup.__typename !== 'StartOperationSuccess') throw new Error(JSON.stringify(started));
      const client = wsClient(gw.wsUrl);
      const stream = subscribeWs(client, OperationUpdatedSubscription, { id: started.startBackup.operation.id });
      while (stream.results.length === 0) await new Promise((r) => setTimeout(r, 20));
      gw.demo.simulators.altaro.server.faults.set({ routes: { 'activity/operation-status': { status: 503, times: 2 } } });
      await stream.done;
      await client.dispose();
      const messages = stream.results.map((r) => r.data?.operationUpdated);
      expect(messages.some((op) => /lost contact with provider "hq".*still following/.test(op?.message ?? ''))).toBe(true);
      expect(messages.at(-1)?.status).toBe('SUCCEEDED');
    });
  });
});
