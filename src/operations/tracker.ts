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
 *
 * Every subscription ends. An operation is over at a terminal status or at an UNKNOWN the
 * provider marks final; besides, an operation the provider stops knowing, or keeps reporting
 * as UNKNOWN for `unknownTimeoutMs`, ends as a final UNKNOWN that says why.
 *
 * Memory is per live operation: what is kept of an operation goes when it is over, except its
 * last signature, kept among the last `ENDED_KEPT` ended ones so a late duplicate of its final
 * state is not delivered twice.
 */
import { Repeater } from 'graphql-yoga';
import { GatewayError, NotFoundError } from '../domain/errors.js';
import { isOver, type Operation } from '../domain/model.js';
import type { ProviderRegistry } from '../providers/registry.js';
import { activePollers as pollerGauge } from '../upstream/metrics.js';
import { BoundedMap } from './bounded-map.js';
import { LocalBus, type OperationBus } from './bus.js';

export interface TrackerOptions {
  pollIntervalMs: number;
  dashboardPollIntervalMs: number;
  maxFailures?: number;
  /** An operation reported UNKNOWN (not final) this long ends as a final UNKNOWN. Default 10 minutes. */
  unknownTimeoutMs?: number;
  /** Every new state the tracker delivers, from here or another instance (the journal records them). */
  onObserve?: (operation: Operation) => void;
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
  /** Since when the provider has answered UNKNOWN without interruption (for the backstop). */
  unknownSince?: number;
}

/** Three poll intervals (at least 1 s): long enough to survive a slow poll, short enough for a quick take-over. */
const leaseFor = (pollIntervalMs: number) => Math.max(1_000, pollIntervalMs * 3);
const keyOf = (providerId: string, nativeId: string) => `${providerId}\u0000${nativeId}`;
const signature = (op: Operation) => [op.status, op.final ? 'final' : '', op.progress ?? '', op.phase ?? '', op.message ?? ''].join('|');
/** Ended operations whose last signature is kept (late duplicates of a final state are dropped). */
const ENDED_KEPT = 1_000;

export class OperationTracker {
  private readonly pollers = new Map<string, Poller>();
  /** Signature of the last delivered state of each live operation. */
  private readonly lastSeen = new Map<string, string>();
  /** The same for recently ended ones, bounded. */
  private readonly endedSeen = new BoundedMap<string, string>(ENDED_KEPT);
  private readonly lastState = new Map<string, Operation>();
  private readonly dashboardListeners = new Set<Listener>();
  private dashboardTimer?: NodeJS.Timeout;
  private readonly dashboardKnown = new Map<string, Operation>();
  private readonly stops = new Set<() => void>();
  private readonly currentReads = new Map<string, Promise<Operation | undefined>>();
  private closed = false;
  private readonly maxFailures: number;
  private readonly unknownTimeoutMs: number;
  private readonly leaseMs: number;
  private readonly dashboardLeaseMs: number;

  constructor(
    private readonly registry: ProviderRegistry,
    private readonly options: TrackerOptions,
    private readonly bus: OperationBus = new LocalBus(),
  ) {
    this.maxFailures = options.maxFailures ?? 30;
    this.unknownTimeoutMs = options.unknownTimeoutMs ?? 10 * 60_000;
    this.leaseMs = leaseFor(options.pollIntervalMs);
    this.dashboardLeaseMs = leaseFor(options.dashboardPollIntervalMs);
    bus.subscribe((operation) => this.observe(operation));
  }

  /** Number of operations followed for subscribers here (for metrics and tests). */
  get activePollers(): number {
    return this.pollers.size;
  }

  /** How many operations each of the tracker's maps holds (for the bounded-memory test). */
  get memory(): { lastSeen: number; endedSeen: number; lastState: number; dashboardKnown: number; pollers: number } {
    return {
      lastSeen: this.lastSeen.size,
      endedSeen: this.endedSeen.size,
      lastState: this.lastState.size,
      dashboardKnown: this.dashboardKnown.size,
      pollers: this.pollers.size,
    };
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
      await push(current);
      if (isOver(current)) {
        this.stops.delete(stop);
        return stop();
      }
      this.lastSeen.set(key, signature(current));
      this.lastState.set(key, current);
      const poller = this.poller(providerId, nativeId);
      const listener: Listener = (op) => {
        void push(op);
        if (isOver(op)) stop();
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
    if ((this.lastSeen.get(key) ?? this.endedSeen.get(key)) === sig) return false;
    if (isOver(op)) {
      // Over: nothing of it is kept but its signature among the recently ended.
      this.lastSeen.delete(key);
      this.lastState.delete(key);
      this.dashboardKnown.delete(key);
      this.endedSeen.set(key, sig);
    } else {
      this.lastSeen.set(key, sig);
      this.lastState.set(key, op);
      this.dashboardKnown.set(key, op);
    }
    this.pollers.get(key)?.listeners.forEach((listener) => listener(op));
    this.dashboardListeners.forEach((listener) => listener(op));
    this.options.onObserve?.(op);
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
    this.forgetUnlessFollowed(key);
  }

  /** A dashboard operation the provider forgot: keep it only while a subscriber's poller follows it. */
  private forgetUnlessFollowedByPoller(key: string): void {
    this.dashboardKnown.delete(key);
    this.forgetUnlessFollowed(key);
  }

  /** Drop what is kept of a live operation that neither a poller nor a dashboard follows. */
  private forgetUnlessFollowed(key: string): void {
    if (this.pollers.has(key) || (this.dashboardListeners.size > 0 && this.dashboardKnown.has(key))) return;
    this.lastSeen.delete(key);
    this.lastState.delete(key);
    this.dashboardKnown.delete(key);
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
      const op = this.backstop(poller, await this.registry.get(poller.providerId)?.getOperation(poller.nativeId));
      poller.failures = 0;
      this.report(op);
      if (isOver(op)) return;
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

  /**
   * The tracker's own end for operations no provider answer will settle: one the provider no
   * longer knows, or one it has reported UNKNOWN for `unknownTimeoutMs`, becomes a final UNKNOWN.
   */
  private backstop(poller: Poller, op: Operation | undefined): Operation {
    const last = this.lastState.get(keyOf(poller.providerId, poller.nativeId));
    if (!op) {
      if (!last) throw new NotFoundError(`operation ${poller.nativeId} is no longer known to provider "${poller.providerId}"`, poller.providerId);
      return {
        ...last,
        status: 'UNKNOWN',
        final: true,
        updatedAt: new Date(),
        message: `provider "${poller.providerId}" no longer knows this operation and reported no outcome; its result cannot be told`,
      };
    }
    if (op.status !== 'UNKNOWN' || op.final) {
      poller.unknownSince = undefined;
      return op;
    }
    poller.unknownSince ??= Date.now();
    if (Date.now() - poller.unknownSince < this.unknownTimeoutMs) return op;
    const waited = this.unknownTimeoutMs < 1_000 ? `${this.unknownTimeoutMs} ms` : `${Math.round(this.unknownTimeoutMs / 1000)} s`;
    return { ...op, final: true, message: `no answer of provider "${poller.providerId}" confirmed the outcome within ${waited}${op.message ? ` (${op.message})` : ''}; it is not known` };
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
              else this.forgetUnlessFollowedByPoller(key);
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
