import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer, type LoggedRequest, type SimServer, type SimServerOptions } from '../../src/simulators/kit/http.js';

const running: SimServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function start(options: Partial<SimServerOptions> = {}): Promise<SimServer> {
  const server = await startSimServer({
    name: 'kit-test',
    routeKeyOf: (req) => req.path.split('/')[1] ?? '',
    handle: () => ({ status: 200, body: { ok: true } }),
    ...options,
  });
  running.push(server);
  return server;
}

async function loggedRequests(server: SimServer): Promise<LoggedRequest[]> {
  const res = await fetch(`${server.origin}/__sim/requests`);
  return ((await res.json()) as { requests: LoggedRequest[] }).requests;
}

describe('sim kit: base latency and request timing', () => {
  it('delays every reply by latencyMs and logs startedMs/durationMs on the real clock', async () => {
    const server = await start({ latencyMs: 30 });
    const before = Date.now();
    const res = await fetch(`${server.origin}/things`);
    expect(await res.json()).toEqual({ ok: true });
    const after = Date.now();

    const [entry] = await loggedRequests(server);
    expect(entry).toMatchObject({ method: 'GET', path: '/things', routeKey: 'things' });
    expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    // startedMs: epoch ms at arrival, between the client's send and its receipt (the monotonic
    // clock behind performance may drift a little from Date.now, hence the slack).
    expect(entry.startedMs).toBeGreaterThanOrEqual(before - 50);
    expect(entry.startedMs).toBeLessThanOrEqual(after + 50);
    expect(entry.durationMs).toBeGreaterThanOrEqual(30);
    expect(entry.durationMs!).toBeLessThanOrEqual(after - before + 1);
    expect(after - before).toBeGreaterThanOrEqual(30);
  });

  it("adds a fault's latency on top of the base latency", async () => {
    const server = await start({ latencyMs: 30, faults: { routes: { slow: { latencyMs: 40 } } } });
    await (await fetch(`${server.origin}/slow`)).text();
    await (await fetch(`${server.origin}/fast`)).text();
    const entries = await loggedRequests(server);
    expect(entries.map((e) => e.routeKey)).toEqual(['slow', 'fast']);
    expect(entries[0].durationMs).toBeGreaterThanOrEqual(70);
    expect(entries[1].durationMs).toBeGreaterThanOrEqual(30);
    expect(entries[1].startedMs).toBeGreaterThan(entries[0].startedMs);
  });

  it('logs timing without latency too, and no durationMs for a request that gets no reply', async () => {
    const server = await start({ faults: { routes: { reset: { resetConnection: true } } } });
    await (await fetch(`${server.origin}/plain`)).text();
    await expect(fetch(`${server.origin}/reset`)).rejects.toThrow();
    const [plain, reset] = await loggedRequests(server);
    expect(plain.durationMs).toBeGreaterThanOrEqual(0);
    expect(plain.durationMs!).toBeLessThan(1000);
    expect(reset.routeKey).toBe('reset');
    expect(reset.startedMs).toBeTypeOf('number');
    expect(reset.durationMs).toBeUndefined();
  });

  it('rejects a negative latency', async () => {
    await expect(start({ latencyMs: -1 })).rejects.toThrow(/latencyMs/);
  });
});
