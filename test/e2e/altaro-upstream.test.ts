/**
 * How the gateway behaves towards the Altaro upstream: a constant number of upstream requests
 * however many VMs a query resolves, transparent re-login, wrong credentials and an upstream
 * that is down (partial results), with no secret in any answer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { REFUSING_PORT } from '../support/ports.js';
import { expectData, startTestGateway, type TestGateway } from '../support/gateway.js';
import { ProvidersQuery, VirtualMachinesDeepQuery, VirtualMachinesQuery } from '../support/documents.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';

interface Readiness {
  ready: boolean;
  providers: { id: string; status: string; message?: string }[];
}
const readyz = async (g: TestGateway) => (await (await fetch(g.url.replace('/graphql', '/readyz'))).json()) as Readiness;

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

function altaroRequests(g: TestGateway) {
  return g.demo.simulators.altaro.server.requests.filter((r) => r.routeKey !== 'sessions/start');
}

/** Grow the simulated install to `total` configured VMs, each on a schedule and a location. */
function growTo(g: TestGateway, total: number) {
  const state = g.demo.simulators.altaro.state;
  const template = state.vms.find((vm) => vm.altaroRef && vm.scheduleIds.length > 0 && vm.locationIds.length > 0)!;
  for (let i = state.vms.length; i < total; i++) {
    state.vms.push({ ...structuredClone(template), name: `BULK${String(i).padStart(2, '0')}`, altaroRef: randomUUID(), hypervisorUuid: randomUUID() });
  }
}

describe.each(SIM_PROFILES)('Altaro upstream (%s profile)', (profile) => {
  describe('upstream requests per query', () => {
    it('costs the same constant number of Altaro requests for 16 or 40 VMs with schedules, locations and last backup', async () => {
      gw = await startTestGateway({ profile });
      const g = gw;
      // This test is about installs that list assignments inline (the strict profile does not).
      g.demo.simulators.altaro.state.listAssignedVms = true;
      const count = async () => {
        g.demo.simulators.altaro.server.clearRequests();
        const data = expectData(await g.gql(VirtualMachinesDeepQuery));
        return { vms: data.virtualMachines.edges.filter((e) => e.node.id).length, requests: altaroRequests(g).length, data };
      };
      const small = await count();
      growTo(g, 40);
      const large = await count();
      expect(large.data.virtualMachines.edges.filter((e) => e.node.name.startsWith('BULK'))).toHaveLength(24);
      expect(large.data.virtualMachines.edges.find((e) => e.node.name === 'BULK20')?.node.schedules.length).toBeGreaterThan(0);
      expect(large.requests).toBe(small.requests);
      // vms/list, schedules (backup and sandbox filters), backuplocations (primary and offsite filters)
      expect(large.requests).toBeLessThanOrEqual(5);
    });

    it('falls back to one assignment call per VM when the install does not list assignments inline', async () => {
      gw = await startTestGateway({ profile });
      gw.demo.simulators.altaro.state.listAssignedVms = false;
      gw.demo.simulators.altaro.server.clearRequests();
      const data = expectData(await gw.gql(VirtualMachinesDeepQuery));
      const configured = gw.demo.simulators.altaro.state.vms.filter((vm) => vm.altaroRef).length;
      const perVm = altaroRequests(gw).filter((r) => r.routeKey === 'vms/schedules' || r.routeKey === 'vms/backuplocations');
      // Still once per VM per request, not once per field.
      expect(perVm).toHaveLength(2 * configured);
      const dc01 = data.virtualMachines.edges.find((e) => e.node.name === 'DC01')!.node;
      expect(dc01.schedules.map((s) => s.name)).toContain('Nightly 01:00');
    });
  });

  describe('sessions and failures', () => {
    it('logs in again transparently when the session expired', async () => {
      gw = await startTestGateway({ profile });
      expectData(await gw.gql(VirtualMachinesQuery, { first: 1 }));
      gw.demo.simulators.altaro.server.clock.advance(6 * 60_000); // past the 5-minute idle expiry
      const again = expectData(await gw.gql(VirtualMachinesQuery, { first: 1 }));
      expect(again.virtualMachines.totalCount).toBeGreaterThan(0);
      const logins = gw.demo.simulators.altaro.server.requests.filter((r) => r.routeKey === 'sessions/start');
      expect(logins).toHaveLength(2);
    });

    it('reports wrong credentials as UPSTREAM_REJECTED for that provider, without the password', async () => {
      const password = 'Wr0ng-S3cret-Passw0rd';
      gw = await startTestGateway({ profile, editProviders: (ps) => ps.map((p) => (p.id === 'hq' ? { ...p, password } : p)) });
      const response = await gw.gql(VirtualMachinesQuery, { first: 5, filter: { providerIds: ['hq'] } });
      expect(response.data?.virtualMachines.totalCount).toBe(0);
      const error = response.errors?.find((e) => e.extensions?.provider === 'hq');
      expect(error?.extensions?.code).toBe('UPSTREAM_REJECTED');
      expect(error?.message).toMatch(/refused the login of user "Administrator"/);
      expect(JSON.stringify(response)).not.toContain(password);
      // Readiness: this provider is DOWN because its credentials were rejected; the others answer.
      const providers = expectData(await gw.gql(ProvidersQuery)).providers;
      const hq = providers.find((p) => p.name === 'hq')!;
      expect(hq.health.status).toBe('DOWN');
      expect(hq.health.message).toMatch(/credentials were rejected/);
      expect(JSON.stringify(providers)).not.toContain(password);
      const ready = await readyz(gw);
      expect(ready.providers.find((p) => p.id === 'hq')?.status).toBe('DOWN');
      expect(ready.providers.filter((p) => p.id !== 'hq').every((p) => p.status === 'UP')).toBe(true);
      expect(JSON.stringify(ready)).not.toContain(password);
    });

    it('is DOWN, saying why, while the Management Console holds the agent', async () => {
      gw = await startTestGateway({ profile });
      gw.demo.simulators.altaro.state.consoleRegistered = true;
      gw.demo.simulators.altaro.state.sessions.clear();
      await gw.gql(VirtualMachinesQuery, { first: 1, filter: { providerIds: ['hq'] } });
      const ready = await readyz(gw);
      const hq = ready.providers.find((p) => p.id === 'hq');
      expect(hq?.status).toBe('DOWN');
      expect(JSON.stringify(hq)).toMatch(/Management Console is connected/);
    });

    it('answers the rest of the query when one provider is down, naming the one that failed', async () => {
      const port = REFUSING_PORT;
      gw = await startTestGateway({
        editProviders: (ps) => [...ps, { ...ps.find((p) => p.id === 'hq')!, id: 'branch', baseUrl: `http://127.0.0.1:${port}/api/rest`, timeoutMs: 2000 } as (typeof ps)[number]],
      });
      const response = await gw.gql(VirtualMachinesQuery, { first: 100 });
      const names = response.data?.virtualMachines.edges.map((e) => e.node.provider.name) ?? [];
      expect(names).toContain('hq');
      expect(names).not.toContain('branch');
      const error = response.errors?.find((e) => e.extensions?.provider === 'branch');
      expect(error?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error?.message).toMatch(/connection refused/);
      const providers = expectData(await gw.gql(ProvidersQuery));
      expect(providers.providers.find((p) => p.name === 'branch')?.health.status).toBe('DOWN');
      expect(providers.providers.find((p) => p.name === 'hq')?.health.status).toBe('UP');
      // readiness: still ready while one provider is usable, and says which is not
      const ready = (await (await fetch(gw.url.replace('/graphql', '/readyz'))).json()) as { ready: boolean; providers: { id: string; status: string }[] };
      expect(ready.ready).toBe(true);
      expect(ready.providers.find((p) => p.id === 'branch')?.status).toBe('DOWN');
    });

    it('keeps session tokens out of every answer and error', async () => {
      gw = await startTestGateway({ profile });
      gw.demo.simulators.altaro.server.faults.set({ routes: { 'vms/list': { status: 503, retryAfterSeconds: 1 } } });
      const failed = await gw.gql(VirtualMachinesDeepQuery);
      expect(failed.errors?.[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', provider: 'hq' });
      const tokens = [...gw.demo.simulators.altaro.state.sessions.keys()];
      expect(tokens.length).toBeGreaterThan(0);
      for (const token of tokens) expect(JSON.stringify(failed)).not.toContain(token);
    });
  });
});
