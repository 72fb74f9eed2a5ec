/**
 * The history's change reports on PostgreSQL, which several gateway instances write: each
 * write publishes what it changed (history-changes.ts) with NOTIFY in its own transaction, so
 * it is heard on commit by every instance, itself included, on one LISTEN connection each.
 * Before a matrix uses days it keeps, `caughtUp` sends a NOTIFY of its own and waits for it
 * to come back: PostgreSQL delivers notifications in commit order, so every change committed
 * before has been heard by then. A lost LISTEN connection drops every kept day (changes may
 * have gone unheard) until it is back; meanwhile each matrix counts every day.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { EVERYTHING, type HistoryChange, type HistoryChangeListener } from './history-changes.js';
import type { ResourceType } from '../domain/model.js';

const CHANNEL = 'backup_gateway_history';
/** NOTIFY payloads must stay under 8000 bytes; a larger batch says "everything". */
const MAX_PAYLOAD = 7_800;
const CAUGHT_UP_TIMEOUT_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;

type Payload = { c: Array<[string, string, string, number, number]> } | { all: 1 } | { sync: string };

/** What a write publishes, inside its transaction (heard on commit). */
export async function publishHistoryChanges(client: pg.ClientBase, changes: readonly HistoryChange[] | typeof EVERYTHING): Promise<void> {
  if (changes !== EVERYTHING && changes.length === 0) return;
  let payload = JSON.stringify(changes === EVERYTHING ? { all: 1 } : { c: changes.map((c) => [c.resource.providerId, c.resource.type, c.resource.nativeId, c.from, c.to]) });
  if (payload.length > MAX_PAYLOAD) payload = JSON.stringify({ all: 1 });
  await client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
}

export class PostgresHistoryFeed {
  private readonly listeners: HistoryChangeListener[] = [];
  private client?: pg.Client;
  private connecting?: Promise<void>;
  private live = false;
  private closed = false;
  private failures = 0;
  private retry?: NodeJS.Timeout;
  private readonly waiting = new Map<string, (heard: boolean) => void>();

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
  ) {}

  subscribe(listener: HistoryChangeListener): void {
    this.listeners.push(listener);
    void this.connect();
  }

  /** True once every change committed before the call has been heard; false while the feed is down. */
  async caughtUp(): Promise<boolean> {
    if (!this.live) {
      await this.connect();
      if (!this.live) return false;
    }
    const token = randomUUID();
    const heard = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        resolve(false);
      }, CAUGHT_UP_TIMEOUT_MS);
      this.waiting.set(token, (ok) => {
        clearTimeout(timer);
        this.waiting.delete(token);
        resolve(ok);
      });
    });
    try {
      await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ sync: token } satisfies Payload)]);
    } catch {
      this.waiting.get(token)?.(false);
    }
    return heard;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.live = false;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.closed || this.live) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'backup-gateway-history-feed', keepAlive: true, connectionTimeoutMillis: 5_000 });
    client.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) this.heard(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      this.lost(client);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.live = true;
    this.failures = 0;
    // Whatever was committed while nobody listened went unheard.
    this.emit(EVERYTHING);
  }

  private lost(client: pg.Client): void {
    if (this.client !== undefined && this.client !== client) return; // an older connection's last words
    const wasLive = this.live;
    this.client = undefined;
    this.live = false;
    if (wasLive) this.emit(EVERYTHING);
    for (const release of [...this.waiting.values()]) release(false);
    if (this.closed || this.retry) return;
    this.failures++;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(this.failures, 7)));
    this.retry.unref?.();
  }

  private heard(payload: string): void {
    let parsed: Payload;
    try {
      parsed = JSON.parse(payload) as Payload;
    } catch {
      this.emit(EVERYTHING);
      return;
    }
    if ('sync' in parsed) {
      this.waiting.get(parsed.sync)?.(true);
    } else if ('all' in parsed) {
      this.emit(EVERYTHING);
    } else {
      this.emit(parsed.c.map(([providerId, type, nativeId, from, to]) => ({ resource: { providerId, type: type as ResourceType, nativeId }, from, to })));
    }
  }

  private emit(changes: readonly HistoryChange[] | typeof EVERYTHING): void {
    for (const listener of this.listeners) listener(changes);
  }
}
