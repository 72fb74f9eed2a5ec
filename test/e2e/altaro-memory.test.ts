/**
 * The Altaro provider against the simulator over real HTTP(S), without the gateway around it:
 * its per-operation memory stays bounded over many operations (started here and elsewhere),
 * and no session token it ever held appears in an error text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AltaroClient } from '../../src/providers/altaro/client.js';
import { AltaroProvider } from '../../src/providers/altaro/provider.js';
import { startAltaroSimulator, type AltaroSimulator } from '../../src/simulators/altaro/index.js';
import { SIM_PROFILES } from '../../src/simulators/kit/profile.js';
import { UpstreamHttp } from '../../src/upstream/http-client.js';

let sim: AltaroSimulator | undefined;
let provider: AltaroProvider | undefined;
afterEach(async () => {
  await provider?.close();
  await sim?.close();
  provider = undefined;
  sim = undefined;
});

const connection = (s: AltaroSimulator) => ({
  providerId: 'hq',
  baseUrl: s.baseUrl,
  username: 'Administrator',
  password: 'altaro-demo',
  domain: '.',
  serverAddress: 'localhost',
  serverPort: 36014,
});
const tlsOf = (s: AltaroSimulator) => (s.server.certPem ? { ca: s.server.certPem, rejectUnauthorized: true } : undefined);

describe.each(SIM_PROFILES)('Altaro provider on its own (%s profile)', (profile) => {
  it('keeps its per-operation memory bounded over 300 operations started here and elsewhere', async () => {
    // Long enough that real time never ends one before the clock is pushed past it.
    sim = await startAltaroSimulator({ profile, operationMs: 10_000, finishedGraceMs: 1_000 });
    sim.state.autoRunSchedules = false;
    const s = sim;
    provider = new AltaroProvider({ ...connection(s), timezone: s.state.timeZone, upstream: { retry: { retries: 0 }, tls: tlsOf(s) } });
    const vms = s.state.vms.filter((vm) => vm.altaroRef && s.state.locationsOf(vm, 'Primary').length > 0);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const vm = vms[i % vms.length];
      let nativeId: string;
      if (i % 2 === 0) {
        nativeId = (await provider.startBackup({ type: 'VirtualMachine', providerId: 'hq', nativeId: vm.altaroRef! })).nativeId;
      } else {
        // Started by Altaro itself; the provider sees it listed.
        const started = s.engine.startBackup(vm, s.server.clock.now(), 'Schedule');
        if (!started.ok) throw new Error(started.message);
        nativeId = started.operation.guid;
        expect((await provider.listOperations()).map((op) => op.nativeId)).toContain(nativeId);
      }
      s.server.clock.advance(12_000); // finished and past any grace period
      const final = await provider.getOperation(nativeId);
      outcomes.set(final!.status, (outcomes.get(final!.status) ?? 0) + 1);
      expect(final?.target?.nativeId).toBe(vm.altaroRef);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ SUCCEEDED: 300 });
    // Nothing is followed once over, and only a bounded number of final states is kept.
    expect(provider.operationMemory.known).toBe(0);
    expect(provider.operationMemory.ended).toBeLessThanOrEqual(256);
    expect(provider.operationMemory.ended).toBeGreaterThan(0);
  });

  it('redacts every session token it held from upstream error texts', async () => {
    sim = await startAltaroSimulator({ profile });
    const http = new UpstreamHttp({ providerId: 'hq', retry: { retries: 0 }, tls: tlsOf(sim) });
    const client = new AltaroClient(connection(sim), http);
    try {
      const failures: string[] = [];
      const refusal = async () => {
        // An unknown route: the simulator's 404 text quotes the request URI, token included.
        const error = await client.call(undefined, 'reports/nothing', { args: ['x'] }).then(() => undefined, (e: Error) => e);
        failures.push(error!.message);
      };
      await refusal();
      const first = [...sim.state.sessions.keys()];
      sim.server.clock.advance(6 * 60_000); // the session expires: the next call logs in again
      await client.call(undefined, 'vms/list');
      await refusal();
      const tokens = new Set([...first, ...sim.state.sessions.keys()]);
      expect(tokens.size).toBe(2);
      for (const message of failures) {
        expect(message).toMatch(/\[redacted\]/);
        for (const token of tokens) expect(message).not.toContain(token);
        expect(message).not.toContain('altaro-demo');
      }
    } finally {
      await client.close();
      await http.close();
    }
  });
});
