/**
 * Per-request context. `reads` memoizes every provider list for the life of one GraphQL
 * request (or one subscription event), so however deeply a query nests, each upstream list is
 * fetched once: this is what keeps resolvers free of N+1 upstream calls. Every load gets the
 * request's scope (domain/request-scope.ts), so the upstream requests behind different lists are
 * shared too, and each carries the request's id.
 */
import { GraphQLError } from 'graphql';
import { GatewayError, NotFoundError } from '../domain/errors.js';
import type { Provider, StagedVirtualMachine } from '../domain/provider.js';
import type {
  Backup,
  BackupLocation,
  Disk,
  Operation,
  Resource,
  ResourceRef,
  Schedule,
  VirtualMachine,
} from '../domain/model.js';
import type { OperationTracker } from '../operations/tracker.js';
import type { Journal } from '../journal/journal.js';
import type { AlertsEngine } from '../alerts/engine.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Principal } from '../auth.js';
import type { RequestScope } from '../domain/request-scope.js';

export interface GatewayContext {
  registry: ProviderRegistry;
  tracker: OperationTracker;
  reads: RequestReads;
  principal?: Principal;
  /** Durable history; absent only where a test builds a server without one. */
  journal?: Journal;
  /** Alert rules and webhooks (src/alerts); present exactly when the journal is. */
  alerts?: AlertsEngine;
}

export class RequestReads {
  private readonly memo = new Map<string, Promise<unknown>>();
  /**
   * Each memoized read's value once it has arrived, keyed by the read's promise (so a read
   * `clear()` dropped is never asked again). A dashboard resolves a few fields of each of ~400
   * resources from the same few lists; once those are in, a field answers at once, with no
   * promise and no async frame per resource (`whenIn`).
   */
  private readonly arrived = new WeakMap<Promise<unknown>, unknown>();
  /** What every provider read of this request is given: its id, and the upstream answers it shares. */
  private scope: RequestScope;
  /** Errors of providers whose part of the answer is missing; appended to the response's `errors`. */
  readonly partialErrors: GraphQLError[] = [];
  private readonly reported = new Set<string>();

  constructor(
    readonly registry: ProviderRegistry,
    /** The caller's X-Request-ID (or a fresh one): in the operation's log line and sent upstream. */
    readonly requestId?: string,
  ) {
    this.scope = { requestId, reads: new Map() };
  }

  /** For a write, and a read that must see the upstream as it is now: the request's id, no shared answers. */
  get writeScope(): RequestScope {
    return { requestId: this.requestId };
  }

  provider(providerId: string): Provider {
    const provider = this.registry.get(providerId);
    if (!provider) throw new NotFoundError(`no provider with id "${providerId}" is configured`);
    return provider;
  }

  /** Whether this request has read (or is reading) `what` of the provider. */
  private holds(provider: Provider, what: string): boolean {
    return this.memo.has(`${provider.id}\u0000${what}`);
  }

  private once<T>(provider: Provider, what: string, load: (scope: RequestScope) => Promise<T>): Promise<T> {
    if (!this.registry.shareReads) return load(this.writeScope);
    const key = `${provider.id}\u0000${what}`;
    let pending = this.memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      const loading = load(this.scope);
      this.memo.set(key, loading);
      loading.then((value) => this.arrived.set(loading, value), () => undefined);
      pending = loading;
    }
    return pending;
  }

  /** `use` of a read's value: at once when it has arrived (see `arrived`), else when it does. */
  private whenIn<T, R>(read: Promise<T>, use: (value: T) => R | Promise<R>): R | Promise<R> {
    return this.arrived.has(read) ? use(this.arrived.get(read) as T) : read.then(use);
  }

  /** Memoize any per-request derived value (e.g. a provider's protection report). */
  derived<T>(p: Provider, what: string, compute: () => Promise<T>): Promise<T> {
    return this.once(p, `derived:${what}`, compute);
  }

  virtualMachines(p: Provider): Promise<VirtualMachine[]> {
    return this.once(p, 'vms', async (scope) =>
      p.listVirtualMachinesInStages ? Promise.all((await this.virtualMachinesInStages(p)).map((vm) => vm.complete ?? vm.listed)) : p.listVirtualMachines(scope),
    );
  }
  /** The VMs as listed, each with its completion (Provider.listVirtualMachinesInStages); whole as listed elsewhere. */
  virtualMachinesInStages(p: Provider): Promise<StagedVirtualMachine[]> {
    return this.once(p, 'vmStages', async (scope) =>
      p.listVirtualMachinesInStages ? p.listVirtualMachinesInStages(scope) : (await this.virtualMachines(p)).map((vm) => ({ listed: vm })),
    );
  }
  disks(p: Provider): Promise<Disk[]> {
    return this.once(p, 'disks', (scope) => p.listDisks(scope));
  }
  schedules(p: Provider): Promise<Schedule[]> {
    return this.once(p, 'schedules', (scope) => p.listSchedules(scope));
  }
  backupLocations(p: Provider): Promise<BackupLocation[]> {
    return this.once(p, 'locations', (scope) => p.listBackupLocations(scope));
  }
  /** From the schedule listing when it carries targets (no extra request), else from the provider. */
  scheduleTargets(p: Provider): Promise<Map<string, ResourceRef[]>> {
    return this.once(p, 'scheduleTargets', async (scope) => {
      const schedules = await this.schedules(p);
      if (schedules.every((s) => s.targets)) return new Map(schedules.map((s) => [s.nativeId, s.targets!]));
      return p.scheduleTargets(scope);
    });
  }
  locationTargets(p: Provider): Promise<Map<string, string[]>> {
    return this.once(p, 'locationTargets', async (scope) => {
      const locations = await this.backupLocations(p);
      if (locations.every((l) => l.virtualMachineIds)) return new Map(locations.map((l) => [l.nativeId, l.virtualMachineIds!]));
      return p.locationTargets(scope);
    });
  }
  operations(p: Provider): Promise<Operation[]> {
    return this.once(p, 'operations', (scope) => p.listOperations(scope));
  }
  backups(p: Provider, resource: ResourceRef): Promise<Backup[]> {
    return this.once(p, `backups:${resource.type}:${resource.nativeId}`, (scope) => p.listBackups(resource, scope));
  }

  /** Schedule id -> targets, inverted to resource native id -> schedule ids. */
  resourceSchedules(p: Provider): Promise<Map<string, string[]>> {
    return this.once(p, 'resourceSchedules', async () => {
      const result = new Map<string, string[]>();
      for (const [scheduleId, targets] of await this.scheduleTargets(p)) {
        for (const target of targets) result.set(target.nativeId, [...(result.get(target.nativeId) ?? []), scheduleId]);
      }
      return result;
    });
  }

  /**
   * Schedules that apply to a resource, in listing order; a VM protected through its disks
   * (CloudSigma) gets theirs. At once (no promise) when the lists it reads have arrived.
   */
  schedulesOf(p: Provider, resource: Resource): Schedule[] | Promise<Schedule[]> {
    return this.whenIn(this.resourceSchedules(p), (byResource) => {
      const ids = scheduleIdsOf(resource, byResource);
      if (ids.length === 0) return [];
      return this.whenIn(this.schedulesById(p), (byId) => {
        const found = ids.flatMap((id) => byId.get(id) ?? []);
        return (found.length > 1 ? found.sort((a, b) => a.at - b.at) : found).map((entry) => entry.schedule);
      });
    });
  }

  /** A VM's disks (CloudSigma drives); at once when the disk list has arrived. */
  disksOf(p: Provider, vm: VirtualMachine): Disk[] | Promise<Disk[]> {
    return this.whenIn(this.disks(p), (disks) => disks.filter((d) => vm.diskIds.includes(d.nativeId)));
  }

  /** The backup locations a VM is assigned to; at once when the lists it reads have arrived. */
  locationsOf(p: Provider, vm: VirtualMachine): BackupLocation[] | Promise<BackupLocation[]> {
    return this.whenIn(this.resourceLocations(p), (byVm) => {
      const ids = byVm.get(vm.nativeId);
      if (!ids) return [];
      return this.whenIn(this.backupLocations(p), (locations) => locations.filter((l) => ids.includes(l.nativeId)));
    });
  }

  /** Native id -> schedule and its place in the listing (a dashboard looks up every resource's schedules). */
  private schedulesById(p: Provider): Promise<Map<string, { schedule: Schedule; at: number }>> {
    return this.once(p, 'schedulesById', async () => new Map((await this.schedules(p)).map((schedule, at) => [schedule.nativeId, { schedule, at }])));
  }

  resourceLocations(p: Provider): Promise<Map<string, string[]>> {
    return this.once(p, 'resourceLocations', async () => {
      const result = new Map<string, string[]>();
      for (const [locationId, vms] of await this.locationTargets(p)) {
        for (const vm of vms) result.set(vm, [...(result.get(vm) ?? []), locationId]);
      }
      return result;
    });
  }

  /** The resource a ref points to, or undefined when it no longer exists. */
  async resource(ref: ResourceRef): Promise<Resource | undefined> {
    const p = this.provider(ref.providerId);
    if (ref.type === 'VirtualMachine') return this.virtualMachine(p, ref.nativeId);
    return (await this.disks(p)).find((r) => r.nativeId === ref.nativeId);
  }

  /**
   * One VM by native id. From the request's VM listing when it has one; else, where the provider
   * reads per VM (Provider.getVirtualMachine), with that VM's reads only: a lookup, a mutation's
   * target or an operation's does not list every instance's backups and schedules.
   */
  async virtualMachine(p: Provider, nativeId: string): Promise<VirtualMachine | undefined> {
    if (this.holds(p, 'vmStages')) {
      const staged = (await this.virtualMachinesInStages(p)).find((vm) => vm.listed.nativeId === nativeId);
      return staged && (staged.complete ?? staged.listed);
    }
    if (!p.getVirtualMachine || this.holds(p, 'vms')) return (await this.virtualMachines(p)).find((vm) => vm.nativeId === nativeId);
    return this.once(p, `vm\u0000${nativeId}`, (scope) => p.getVirtualMachine!(nativeId, scope));
  }

  /**
   * Run `read` for each provider; a provider that fails contributes `fallback` and a partial
   * error naming it, so the other providers' data still arrives.
   */
  async across<T>(providers: Provider[], read: (p: Provider) => Promise<T[]>): Promise<T[]> {
    const parts = await Promise.all(providers.map((p) => this.guard(p, () => read(p), [] as T[])));
    return parts.flat();
  }

  /**
   * `read`, or `fallback` plus a partial error when the provider fails with a typed error. A
   * `read` that answers at once (not a promise) is answered at once.
   */
  guard<T>(p: Provider, read: () => T | Promise<T>, fallback: T): T | Promise<T> {
    let result: T | Promise<T>;
    try {
      result = read();
    } catch (error) {
      return this.fallBack(p, error, fallback);
    }
    return result instanceof Promise ? result.catch((error: unknown) => this.fallBack(p, error, fallback)) : result;
  }

  private fallBack<T>(p: Provider, error: unknown, fallback: T): T {
    if (!(error instanceof GatewayError)) throw error;
    this.reportPartial(p.id, error);
    return fallback;
  }

  reportPartial(providerId: string, error: GatewayError): void {
    const key = `${providerId}\u0000${error.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.partialErrors.push(
      new GraphQLError(error.message, { extensions: { code: error.code, provider: error.providerId ?? providerId } }),
    );
  }

  /** Forget everything: a mutation calls this so its answer shows the state after the change. */
  clear(): void {
    this.memo.clear();
    this.scope = { requestId: this.requestId, reads: new Map() };
  }
}

/** A resource's schedule ids: its own and, for a VM, its disks' (each once). */
function scheduleIdsOf(resource: Resource, byResource: Map<string, string[]>): string[] {
  const own = byResource.get(resource.nativeId) ?? [];
  const ids = resource.type === 'VirtualMachine' && resource.diskIds.length > 0 ? [...own, ...resource.diskIds.flatMap((disk) => byResource.get(disk) ?? [])] : own;
  return ids.length > 1 ? [...new Set(ids)] : ids;
}
