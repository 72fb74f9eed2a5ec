/**
 * The alerts engine: runs the rules over the journal every `evaluateIntervalSeconds` and the
 * delivery worker every `delivery.pollIntervalMs` (and at once after a change), both on the
 * leading instance only (store.tryLead('alerts'): a PostgreSQL advisory lock; SQLite has one
 * process). Every instance follows the alerts table for `alertsUpdated`, so a subscriber of
 * any instance sees every change. `reconfigure` swaps thresholds and webhooks (SIGHUP).
 */
import { EventEmitter, on } from 'node:events';
import type { Logger } from 'pino';
import { HISTORY_OPERATION_KINDS, refKey } from '../domain/history.js';
import type { ResourceRef } from '../domain/model.js';
import type { Provider } from '../domain/provider.js';
import type { Journal } from '../journal/journal.js';
import type { PostgresJournal } from '../journal/postgres.js';
import type { SqliteJournal } from '../journal/sqlite.js';
import type { JournalStore } from '../journal/store.js';
import { alertsConfigSchema, type AlertKind, type AlertsConfig, type AlertsConfigInput } from './config.js';
import { DeliveryWorker } from './delivery.js';
import { subjectKey, type Alert, type AlertCandidate } from './model.js';
import { evaluateRules, lookbackMs, RESOURCE_NAME, type ProviderDown } from './rules.js';
import { postgresSql, sqliteSql, type Sql } from './sql.js';
import { AlertStore } from './store.js';

export type AckResult = { alert: Alert } | { notFound: true } | { resolved: Alert };

export class AlertsEngine {
  readonly store: AlertStore;
  private config: AlertsConfig;
  private readonly worker: DeliveryWorker;
  private readonly changes = new EventEmitter();
  private readonly downSince = new Map<string, ProviderDown>();
  private timers: NodeJS.Timeout[] = [];
  private evaluating?: Promise<void>;
  private following?: Promise<void>;
  private lastChangeAt = Date.now();
  private readonly seen = new Map<string, number>();
  private closed = false;
  private leading = false;

  constructor(
    private readonly journal: Journal,
    private readonly providers: () => Provider[],
    config: AlertsConfigInput,
    private readonly logger: Logger,
  ) {
    this.config = alertsConfigSchema.parse(config);
    this.store = new AlertStore(sqlOf(journal.store), (kind) => this.webhooksFor(kind));
    this.worker = new DeliveryWorker(this.store, () => this.config, logger);
    this.changes.setMaxListeners(0);
  }

  /** New thresholds and webhooks from now on (pending deliveries go to the URLs they were written for, with that URL's current secrets). */
  reconfigure(config: AlertsConfigInput): void {
    this.config = alertsConfigSchema.parse(config);
    this.stopTimers();
    if (!this.closed) this.start();
  }

  start(): void {
    const every = (ms: number, work: () => Promise<void>) => {
      const timer = setInterval(() => void work().catch((error: Error) => this.logger.warn({ err: error.message }, 'alerts: a round failed')), ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.config.evaluateIntervalSeconds * 1000, () => this.evaluate());
    every(this.config.delivery.pollIntervalMs, () => this.tick());
    void this.evaluate().catch((error: Error) => this.logger.warn({ err: error.message }, 'alerts: a round failed'));
  }

  /** One round of the rules (also for tests); opens and resolves alerts, then wakes the worker. */
  async evaluate(now = new Date()): Promise<void> {
    if (this.evaluating) return this.evaluating;
    this.evaluating = this.evaluateOnce(now).finally(() => (this.evaluating = undefined));
    return this.evaluating;
  }

  /** OPEN -> ACKNOWLEDGED by `by` (the key's name). */
  async acknowledge(id: string, by: string | undefined): Promise<AckResult> {
    const result = await this.store.acknowledge(id, by, new Date());
    if (result === undefined) return { notFound: true };
    if (result === 'resolved') return { resolved: (await this.store.get(id))! };
    void this.tick();
    return { alert: result };
  }

  /** Every alert change from now on, for alertsUpdated. */
  async *updates(signal?: AbortSignal): AsyncGenerator<Alert> {
    for await (const [alert] of on(this.changes, 'alert', { signal })) yield alert as Alert;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimers();
    await this.evaluating?.catch(() => undefined);
    await this.following?.catch(() => undefined);
    this.changes.removeAllListeners();
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private webhooksFor(kind: AlertKind): string[] {
    return this.config.webhooks.filter((w) => !w.kinds || w.kinds.includes(kind)).map((w) => w.url);
  }

  /** Deliver (leader) and tell subscribers what changed (every instance). */
  private async tick(): Promise<void> {
    if (this.closed) return;
    if (this.leading) await this.worker.run();
    if (this.changes.listenerCount('alert') > 0) await this.follow();
  }

  private async evaluateOnce(now: Date): Promise<void> {
    this.leading = await this.journal.store.tryLead('alerts').catch(() => false);
    if (!this.leading || this.closed) return;
    await this.journal.flush().catch(() => undefined); // what was just observed counts this round
    const providers = this.providers();
    await this.watchHealth(providers, now);
    const from = new Date(now.getTime() - lookbackMs(this.config));
    const facts = await this.journal.store.historyFacts({ from, to: new Date(now.getTime() + 60_000), dueFrom: from, dueTo: now, providerIds: providers.map((p) => p.id), kinds: [...HISTORY_OPERATION_KINDS] });
    const { want, clear } = evaluateRules({
      now,
      facts,
      missedGraceMinutes: this.journal.missedGraceMinutes,
      down: [...this.downSince.values()],
      providers: providers.map((p) => ({ id: p.id, kind: p.kind })),
      config: this.config,
    });
    const unresolved = new Map((await this.store.unresolved()).map((alert) => [subjectKey(alert.kind, alert), alert]));
    const names = new Names(providers);
    let changed = false;
    for (const [key, candidate] of want) {
      if (unresolved.has(key)) continue;
      const opened = await this.store.open(await names.fill(candidate), now);
      if (opened) {
        changed = true;
        this.logger.warn({ alert: opened.id, kind: opened.kind, provider: opened.providerId }, `alert opened: ${opened.message}`);
      }
    }
    for (const [key, alert] of unresolved) {
      if (want.has(key) || !clear.has(key)) continue;
      if (await this.store.resolve(alert.id, now)) {
        changed = true;
        this.logger.info({ alert: alert.id, kind: alert.kind, provider: alert.providerId }, `alert resolved: ${alert.message}`);
      }
    }
    if (changed) await this.tick();
  }

  /** Which providers are DOWN now and since when (a provider known DOWN or unknown is asked). */
  private async watchHealth(providers: Provider[], now: Date): Promise<void> {
    for (const provider of providers) {
      const known = provider.health();
      const health = known.status === 'DOWN' || known.status === 'UNKNOWN' ? await provider.probe().catch(() => known) : known;
      if (health.status === 'DOWN') {
        if (!this.downSince.has(provider.id)) this.downSince.set(provider.id, { providerId: provider.id, providerKind: provider.kind, since: now, message: health.message });
      } else this.downSince.delete(provider.id);
    }
    for (const id of this.downSince.keys()) if (!providers.some((p) => p.id === id)) this.downSince.delete(id);
  }

  /** Emit the alerts changed since the last look (every instance reads the table, so changes made elsewhere arrive too). */
  private async follow(): Promise<void> {
    if (this.following) return this.following;
    this.following = (async () => {
      // A little overlap: a change committed with an earlier timestamp a moment later is still seen.
      const rows = await this.store.changedSince(this.lastChangeAt - 2_000);
      for (const alert of rows) {
        const at = alert.changedAt.getTime();
        if (this.seen.get(alert.id) === at) continue;
        this.seen.set(alert.id, at);
        this.lastChangeAt = Math.max(this.lastChangeAt, at);
        this.changes.emit('alert', alert);
      }
      if (this.seen.size > 10_000) this.seen.clear();
    })().finally(() => (this.following = undefined));
    return this.following;
  }
}

/** The journal's own connection, for the alerts' tables. */
function sqlOf(store: JournalStore): Sql {
  if (store.dialect === 'sqlite') return sqliteSql((store as unknown as SqliteJournal).connection);
  return postgresSql((store as unknown as PostgresJournal).connectionPool);
}

/** Resource names for messages and payloads, read once per round per provider. */
class Names {
  private readonly byProvider = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly providers: Provider[]) {}

  async fill(candidate: AlertCandidate): Promise<AlertCandidate> {
    const resource = candidate.resource;
    if (!resource) return candidate;
    const ref: ResourceRef = { providerId: candidate.providerId, type: resource.type, nativeId: resource.nativeId };
    const name = (await this.of(candidate.providerId)).get(refKey(ref)) ?? resource.nativeId;
    return { ...candidate, resource: { ...resource, name }, message: candidate.message.replaceAll(RESOURCE_NAME, name) };
  }

  private of(providerId: string): Promise<Map<string, string>> {
    let names = this.byProvider.get(providerId);
    if (!names) {
      const provider = this.providers.find((p) => p.id === providerId);
      names = (async () => {
        const map = new Map<string, string>();
        if (!provider) return map;
        const [vms, disks] = await Promise.all([provider.listVirtualMachines().catch(() => []), provider.listDisks().catch(() => [])]);
        for (const r of [...vms, ...disks]) map.set(refKey(r), r.name);
        return map;
      })();
      this.byProvider.set(providerId, names);
    }
    return names;
  }
}
