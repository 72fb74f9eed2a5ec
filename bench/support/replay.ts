/**
 * The critical path measured with a client that does no work of its own: one dashboard's
 * upstream requests are recorded (a recording proxy in front of each simulator), then replayed
 * straight at the simulators, each provider's lists first and, when they are all in, its
 * per-resource reads, every request of a round at once, nothing parsed. That is the fastest
 * these upstreams allow the dashboard's two rounds, on this machine: unlike the sum of
 * server-side durations (`idealCriticalPath`), it includes the time a simulator's requests wait
 * for its one thread before its clock starts (about 200 arrive together in round two). Replayed
 * in one round, every request at once, it is the fastest for a client that knows the ids before
 * the lists come in, as the gateway does for BILLmanager's instances once it has listed them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { Simulators } from './processes.js';
import { median } from './stats.js';
import { clearLogs, readLogs, roundOf, type ProviderName } from './upstream-log.js';

interface RecordedRequest {
  provider: ProviderName;
  method: string;
  /** Path and query, as the gateway sent them. */
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  round: 0 | 1;
}

/** Headers the replaying client sets itself. */
const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

export interface RecordingProxies {
  /** Simulators-shaped origins that forward to the real ones (for a gateway's config). */
  sims: Simulators;
  /** Forget what was recorded so far. */
  reset(): Promise<void>;
  /** What went through since the last reset, each with its round (from the simulators' logs). */
  recorded(): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** A proxy per simulator that forwards every request and keeps a copy of it. */
export async function startRecordingProxies(sims: Simulators): Promise<RecordingProxies> {
  const agent = new Agent({ connections: 512 });
  let seen: Array<Omit<RecordedRequest, 'round'> & { tag: string }> = [];
  let sequence = 0;
  const servers: Server[] = [];
  const origins = {} as Simulators['origins'];
  for (const provider of Object.keys(sims.origins) as ProviderName[]) {
    const server = createServer(async (req: IncomingMessage, res) => {
      const body = Buffer.concat(await req.toArray());
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) if (!HOP_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
      // A tag per request joins it to the simulator's log entry (which names its route).
      const tag = `replay-${++sequence}`;
      seen.push({ provider, method: req.method ?? 'GET', path: req.url ?? '/', headers, body, tag });
      const answer = await request(`${sims.origins[provider]}${req.url}`, { method: req.method as 'GET', headers: { ...headers, 'x-request-id': tag }, body: body.length ? body : undefined, dispatcher: agent });
      const reply = Buffer.from(await answer.body.arrayBuffer());
      res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/octet-stream') }).end(reply);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins[provider] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return {
    sims: { origins, stop: async () => undefined },
    reset: async () => {
      seen = [];
      await clearLogs(sims);
    },
    recorded: async () => {
      const roundByTag = new Map<string, 0 | 1>();
      for (const entries of Object.values(await readLogs(sims))) for (const entry of entries) if (entry.requestId) roundByTag.set(entry.requestId, roundOf(entry.routeKey));
      return seen.map(({ tag, ...rest }) => {
        const round = roundByTag.get(tag);
        if (round === undefined) throw new Error(`the simulators did not log ${rest.method} ${rest.path}`);
        return { ...rest, round };
      });
    },
    close: async () => {
      for (const server of servers) server.closeAllConnections();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await agent.close();
    },
  };
}

export interface ReplayedPaths {
  /** Each provider's lists, then its per-resource reads: a client that learns the ids from the lists. */
  twoRoundsMs: number;
  /** Every request at once: a client that knows the ids already (BILLmanager's read-ahead). */
  oneRoundMs: number;
}

/** Median wall times of `times` replays of `requests` against the simulators, in two rounds and in one (after two warm-ups each). */
export async function replayedCriticalPaths(sims: Simulators, requests: RecordedRequest[], times = 20): Promise<ReplayedPaths> {
  const agent = new Agent({ connections: 512, keepAliveTimeout: 30_000 });
  const send = async (r: RecordedRequest) => {
    const answer = await request(`${sims.origins[r.provider]}${r.path}`, { method: r.method as 'GET', headers: r.headers, body: r.body.length ? r.body : undefined, dispatcher: agent });
    await answer.body.dump({ limit: Infinity });
    if (answer.statusCode >= 400) throw new Error(`replayed ${r.method} ${r.path} answered ${answer.statusCode}`);
  };
  const providers = [...new Set(requests.map((r) => r.provider))];
  const twoRounds = () =>
    Promise.all(
      providers.map(async (provider) => {
        const mine = requests.filter((r) => r.provider === provider);
        await Promise.all(mine.filter((r) => r.round === 0).map(send));
        await Promise.all(mine.filter((r) => r.round === 1).map(send));
      }),
    );
  const oneRound = () => Promise.all(requests.map(send));
  const medianWall = async (replay: () => Promise<unknown>) => {
    await replay();
    await replay();
    const walls: number[] = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      await replay();
      walls.push(performance.now() - started);
    }
    return median(walls);
  };
  try {
    return { twoRoundsMs: await medianWall(twoRounds), oneRoundMs: await medianWall(oneRound) };
  } finally {
    await agent.close();
  }
}
