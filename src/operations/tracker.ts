/**
 * The operation tracker: one poller per watched operation, shared by all its subscribers, and
 * one dashboard poller per provider while anyone watches `operationsUpdated`. Every observed
 * state goes through `observe`, which emits only real changes. Transient upstream errors do not
 * end a subscription: polling backs off and goes on; after `maxFailures` in a row the stream
 * ends with the last error.
 *
 * Several instances share one OperationBus (Redis): each update observed here is published to
 * the others, and before every poll an instance takes the operation's lease, so at most one
 * instance polls an operation (or a provider's dashboard list) at a time. If the holder dies,
 * its lease runs out and the next instance with subscribers takes over.
 */
import { Repeater } from 'graphql-yoga';
import { GatewayError, NotFoundError } from '../domain/errors.js';
import { isTerminal, type Operation } from '../domain/model.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { activePollers as pollerGauge } from '../upstream/metrics.js';
import { LocalBus, type OperationBus } from './bus.js';

export interface TrackerOptions {
  pollIntervalMs: number;
  dashboardPollIntervalMs: number;
  maxFailures?: number;
}

type Listener = (operation: Operation) => void;

interface Poller {
  providerId: string;
  nativeId: string;
  listeners: Set<Listener>;
  failureListeners: Set<(error: Error) => void>;
  timer?: NodeJS.Timeout;
  failures: number;
  /** Whether this instance held the lease at its last tick (it polls; the others listen). */
  leading: boolean;
}

/** Three poll intervals (at least 1 s): long enough to survive a slow poll, short enough for a quick take-over. */
const leaseFor = (pollIntervalMs: number) => Math.max(1_000, pollIntervalMs * 3);
const keyOf = (providerId: string, nativeId: string) => `${providerId}\u0000${nativeId}`;
const signature = (op: Operation) => [op.status, op.progress ?? '', op.phase ?? '', op.message ?? ''].join('|');

export class OperationTracker {
  private readonly pollers = new Map<string, Poller>();
  private readonly lastSeen = new Map<string, string>();
  private readonly lastState = new Map<string, Operation>();
  private readonly dashboardListeners = new Set<Listener>();
  private dashboardTimer?: NodeJS.Timeout;
  private readonly dashboardKnown = new Map<string, Operation>();
  private readonly stops = new Set<() => void>();
  private readonly currentReads = new Map<string, Promise<Operation | undefined>>();
  private closed = false;
  private readonly maxFailures: number;
  private readonly leaseMs: number;
  private readonly dashboardLeaseMs: number;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly options: TrackerOptions,
    private readonly bus: OperationBus = new LocalBus(),
  ) {
    this.maxFailures = options.maxFailures ?? 30;
    this.leaseMs = leaseFor(options.pollIntervalMs);
    this.dashboardLeaseMs = leaseFor(options.dashboardPollIntervalMs);
    bus.subscribe((operation) => this.observe(operation));
  }

  /** Number of operations followed for subscribers here (for metrics and tests). */
  get activePollers(): number {
    return this.pollers.size;
  }

  /** Number of those this instance polls itself (the others are polled by another instance). */
  get leadingPollers(): number {
    return [...this.pollers.values()].filter((poller) => poller.leading).length;
  }

  /** A mutation started an operation: dashboards (on every instance) hear of it at once. */
  started(operation: Operation): void {
    this.report(operation);
  }

  /** The operation's current state first, then every change; completes after a terminal status. */
  watch(providerId: string, nativeId: string): AsyncIterable<Operation> {
    return new Repeater<Operation>(async (push, stop) => {
      if (this.closed) return stop();
      this.stops.add(stop);
      const provider = this.registry.get(providerId);
      if (!provider) return stop(new NotFoundError(`no provider "${providerId}" is configured`));
      // Already followed here: its last known state is current, and costs no upstream read.
      const key = keyOf(providerId, nativeId);
      let current: Operation | undefined = this.pollers.has(key) ? this.lastState.get(key) : undefined;
      try {
        current ??= await this.currentState(key, () => provider.getOperation(nativeId));
      } catch (error) {
        this.stops.delete(stop);
        return stop(error as Error);
      }
      if (!current) {
        this.stops.delete(stop);
        return stop(new NotFoundError(`no operation ${nativeId} on provider "${providerId}"`, providerId));
      }
      this.lastSeen.set(key, signature(current));
      this.lastState.set(key, current);
      await push(current);
      if (isTerminal(current.status)) {
        this.stops.delete(stop);
        return stop();
      }
      const poller = this.poller(providerId, nativeId);
      const listener: Listener = (op) => {
        void push(op);
        if (isTerminal(op.status)) stop();
      };
      const onFailure = (error: Error) => stop(error);
      poller.listeners.add(listener);
      poller.failureListeners.add(onFailure);
      await stop;
      poller.listeners.delete(listener);
      poller.failureListeners.delete(onFailure);
      this.release(poller);
      this.stops.delete(stop);
    });
  }

  /** Every change of every operation the providers report, for dashboards. */
  watchAll(filter: (op: Operation) => boolean): AsyncIterable<Operation> {
    return new Repeater<Operation>(async (push, stop) => {
      if (this.closed) return stop();
      this.stops.add(stop);
      const listener: Listener = (op) => {
        if (filter(op)) void push(op);
      };
      this.dashboardListeners.add(listener);
      this.ensureDashboardPolling();
      await stop;
      this.dashboardListeners.delete(listener);
      this.stops.delete(stop);
      if (this.dashboardListeners.size === 0 && this.dashboardTimer) {
        clearTimeout(this.dashboardTimer);
        this.dashboardTimer = undefined;
        // Let another instance with dashboard subscribers take over at once.
        for (const provider of this.registry.all()) void this.bus.release(`dashboard:${provider.id}`);
      }
    });
  }

  /** Complete every open stream and stop polling (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of [...this.stops]) stop();
    const leases: string[] = [];
    for (const [key, poller] of this.pollers) {
      clearTimeout(poller.timer);
      if (poller.leading) leases.push(key);
    }
    pollerGauge.dec(this.pollers.size);
    this.pollers.clear();
    clearTimeout(this.dashboardTimer);
    // Hand the operations over to the other instances now rather than when the leases expire.
    await Promise.all(leases.map((key) => this.bus.release(key)));
  }

  /**
   * Subscribers arriving together share one read of the operation's current state (and so one
   * Operation object, whose nested fields are then read once for all of them).
   */
  private currentState(key: string, read: () => Promise<Operation | undefined>): Promise<Operation | undefined> {
    let pending = this.currentReads.get(key);
    if (!pending) {
      pending = read().finally(() => this.currentReads.delete(key));
      this.currentReads.set(key, pending);
    }
    return pending;
  }

  /** An update observed by this instance: deliver it here and tell the other instances. */
  private report(op: Operation): void {
    if (this.observe(op)) this.bus.publish(op);
  }

  /** Deliver an update to local subscribers; false when it changes nothing. */
  private observe(op: Operation): boolean {
    const key = keyOf(op.providerId, op.nativeId);
    const sig = signature(op);
    if (this.lastSeen.get(key) === sig) return false;
    this.lastSeen.set(key, sig);
    if (isTerminal(op.status)) this.lastState.delete(key);
    else this.lastState.set(key, op);
    this.pollers.get(key)?.listeners.forEach((listener) => listener(op));
    this.dashboardListeners.forEach((listener) => listener(op));
    if (isTerminal(op.status)) this.dashboardKnown.delete(key);
    else this.dashboardKnown.set(key, op);
    return true;
  }

  private poller(providerId: string, nativeId: string): Poller {
    const key = keyOf(providerId, nativeId);
    let poller = this.pollers.get(key);
    if (!poller) {
      poller = { providerId, nativeId, listeners: new Set(), failureListeners: new Set(), failures: 0, leading: false };
      this.pollers.set(key, poller);
      pollerGauge.inc();
      this.schedulePoll(poller, this.options.pollIntervalMs);
    }
    return poller;
  }

  private release(poller: Poller): void {
    if (poller.listeners.size > 0) return;
    clearTimeout(poller.timer);
    const key = keyOf(poller.providerId, poller.nativeId);
    if (this.pollers.delete(key)) pollerGauge.dec();
    if (poller.leading) void this.bus.release(key);
  }

  private schedulePoll(poller: Poller, delayMs: number): void {
    poller.timer = setTimeout(() => void this.poll(poller), delayMs);
    poller.timer.unref?.();
  }

  private async poll(poller: Poller): Promise<void> {
    const key = keyOf(poller.providerId, poller.nativeId);
    if (!this.pollers.has(key)) return;
    poller.leading = await this.bus.lease(key, this.leaseMs);
    if (!this.pollers.has(key)) return;
    // Another instance polls it and publishes what it sees; try the lease again next interval.
    if (!poller.leading) return this.schedulePoll(poller, this.options.pollIntervalMs);
    try {
      const op = await this.registry.get(poller.providerId)?.getOperation(poller.nativeId);
      poller.failures = 0;
      if (!op) throw new NotFoundError(`operation ${poller.nativeId} is no longer known to provider "${poller.providerId}"`, poller.providerId);
      this.report(op);
      if (isTerminal(op.status)) return;
      this.schedulePoll(poller, this.options.pollIntervalMs);
    } catch (error) {
      poller.failures += 1;
      const fatal = error instanceof NotFoundError || !(error instanceof GatewayError) || poller.failures >= this.maxFailures;
      if (fatal) {
        poller.failureListeners.forEach((fail) => fail(error as Error));
        return;
      }
      // Transient: tell subscribers, back off exponentially (capped) and keep following the operation.
      const delayMs = Math.min(30_000, this.options.pollIntervalMs * 2 ** Math.min(poller.failures, 5));
      const last = this.lastState.get(key);
      if (last) {
        this.report({
          ...last,
          updatedAt: new Date(),
          message: `lost contact with provider "${poller.providerId}": ${(error as Error).message}; still following (attempt ${poller.failures} of ${this.maxFailures})`,
        });
      }
      this.schedulePoll(poller, delayMs);
    }
  }

  private ensureDashboardPolling(): void {
    if (this.dashboardTimer || this.closed) return;
    const tick = async () => {
      await Promise.all(
        this.registry.all().map(async (provider) => {
          if (!(await this.bus.lease(`dashboard:${provider.id}`, this.dashboardLeaseMs))) return;
          try {
            const listed = await provider.listOperations();
            const present = new Set(listed.map((op) => keyOf(op.providerId, op.nativeId)));
            listed.forEach((op) => this.report(op));
            // Operations that left the provider's list: resolve their final state.
            for (const [key, known] of this.dashboardKnown) {
              if (known.providerId !== provider.id || present.has(key)) continue;
              const final = await provider.getOperation(known.nativeId).catch(() => undefined);
              if (final) this.report(final);
              else this.dashboardKnown.delete(key);
            }
          } catch {
            // a failing provider is skipped this round; its health shows why
          }
        }),
      );
      if (this.dashboardListeners.size > 0 && !this.closed) {
        this.dashboardTimer = setTimeout(tick, this.options.dashboardPollIntervalMs);
        this.dashboardTimer.unref?.();
      } else this.dashboardTimer = undefined;
    };
    this.dashboardTimer = setTimeout(tick, 0);
  }
}
