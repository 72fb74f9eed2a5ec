/**
 * The operation tracker on its own, in front of a scripted in-memory provider: every
 * subscription ends (terminal, final UNKNOWN, or the tracker's backstop), and what the tracker
 * keeps per operation goes once the operation is over.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Operation, OperationStatus, ProviderHealth } from '../../src/domain/model.js';
import { BaseProvider } from '../../src/domain/provider.js';
import { OperationTracker } from '../../src/operations/tracker.js';
import { ProviderRegistry } from '../../src/providers/registry.js';

/** Operations whose states a test scripts; getOperation answers the current one. */
class ScriptedProvider extends BaseProvider {
  readonly id = 'scripted';
  readonly kind = 'ALTARO' as const;
  readonly baseUrl = 'http://scripted.invalid';
  readonly capabilities = [] as const;
  readonly states = new Map<string, Operation>();

  set(nativeId: string, status: OperationStatus, extra: Partial<Operation> = {}): void {
    this.states.set(nativeId, { providerId: this.id, nativeId, kind: 'BACKUP', status, updatedAt: new Date(), ...extra });
  }
  health(): ProviderHealth {
    return { status: 'UP' };
  }
  async probe(): Promise<ProviderHealth> {
    return this.health();
  }
  async listVirtualMachines() {
    return [];
  }
  async listSchedules() {
    return [];
  }
  async scheduleTargets() {
    return new Map();
  }
  async listBackups() {
    return [];
  }
  async getBackup() {
    return undefined;
  }
  async listOperations(): Promise<Operation[]> {
    return [...this.states.values()];
  }
  async getOperation(nativeId: string): Promise<Operation | undefined> {
    return this.states.get(nativeId);
  }
}

let tracker: OperationTracker | undefined;
afterEach(async () => {
  await tracker?.close();
  tracker = undefined;
});

function trackerFor(provider: ScriptedProvider, unknownTimeoutMs = 60_000): OperationTracker {
  tracker = new OperationTracker(new ProviderRegistry([provider]), { pollIntervalMs: 10, dashboardPollIntervalMs: 10, unknownTimeoutMs });
  return tracker;
}

async function collect(stream: AsyncIterable<Operation>, limitMs = 5_000): Promise<Operation[]> {
  const seen: Operation[] = [];
  const deadline = setTimeout(() => {
    throw new Error(`the subscription did not end within ${limitMs} ms; saw ${seen.map((op) => op.status).join(', ')}`);
  }, limitMs);
  try {
    for await (const op of stream) seen.push(op);
  } finally {
    clearTimeout(deadline);
  }
  return seen;
}

describe('every subscription ends', () => {
  it('at a final UNKNOWN the provider gives, with its reason', async () => {
    const provider = new ScriptedProvider();
    provider.set('op', 'RUNNING', { progress: 10 });
    const states = collect(trackerFor(provider).watch('scripted', 'op'));
    setTimeout(() => provider.set('op', 'UNKNOWN', { final: true, message: 'no report names it' }), 50);
    const seen = await states;
    expect(seen.at(-1)).toMatchObject({ status: 'UNKNOWN', final: true, message: 'no report names it' });
  });

  it('with a final UNKNOWN when the provider stops knowing an operation it had reported', async () => {
    const provider = new ScriptedProvider();
    provider.set('op', 'RUNNING');
    const states = collect(trackerFor(provider).watch('scripted', 'op'));
    setTimeout(() => provider.states.delete('op'), 50);
    const last = (await states).at(-1)!;
    expect(last).toMatchObject({ status: 'UNKNOWN', final: true });
    expect(last.message).toMatch(/no longer knows this operation/);
  });

  it('with a final UNKNOWN once the provider has said UNKNOWN for unknownTimeoutMs', async () => {
    const provider = new ScriptedProvider();
    provider.set('op', 'UNKNOWN', { message: 'left the running list; no report yet' });
    const seen = await collect(trackerFor(provider, 200).watch('scripted', 'op'));
    expect(seen[0]).toMatchObject({ status: 'UNKNOWN' });
    expect(seen[0].final).toBeFalsy();
    expect(seen.at(-1)).toMatchObject({ status: 'UNKNOWN', final: true });
    expect(seen.at(-1)!.message).toMatch(/confirmed the outcome within 200 ms \(left the running list; no report yet\)/);
  });

  it('not at an UNKNOWN that turns into a confirmed outcome in time', async () => {
    const provider = new ScriptedProvider();
    provider.set('op', 'UNKNOWN');
    const states = collect(trackerFor(provider, 5_000).watch('scripted', 'op'));
    setTimeout(() => provider.set('op', 'SUCCEEDED'), 100);
    const seen = await states;
    expect(seen.map((op) => op.status)).toEqual(['UNKNOWN', 'SUCCEEDED']);
  });
});

describe('bounded memory', () => {
  it('keeps nothing of 300 finished operations but a bounded list of their last signatures', async () => {
    const provider = new ScriptedProvider();
    const t = trackerFor(provider);
    const dashboard = t.watchAll(() => true)[Symbol.asyncIterator]();
    for (let round = 0; round < 3; round++) {
      const ids = Array.from({ length: 100 }, (_, i) => `op-${round}-${i}`);
      ids.forEach((id) => provider.set(id, 'RUNNING'));
      const streams = ids.map((id) => collect(t.watch('scripted', id)));
      await new Promise((resolve) => setTimeout(resolve, 40));
      ids.forEach((id, i) => provider.set(id, i % 2 ? 'SUCCEEDED' : 'FAILED'));
      await Promise.all(streams);
      ids.forEach((id) => provider.states.delete(id)); // the provider's list forgets them too
    }
    await new Promise((resolve) => setTimeout(resolve, 60));
    await dashboard.return?.();
    expect(t.memory).toEqual({ lastSeen: 0, lastState: 0, dashboardKnown: 0, pollers: 0, endedSeen: 300 });
  });

  it('caps the ended signatures at 1,000', async () => {
    const provider = new ScriptedProvider();
    const t = trackerFor(provider);
    const ended = (i: number): Operation => ({ providerId: 'scripted', nativeId: `done-${i}`, kind: 'BACKUP', status: 'SUCCEEDED', updatedAt: new Date() });
    for (let i = 0; i < 1_200; i++) t.started({ ...ended(i), status: 'RUNNING' });
    for (let i = 0; i < 1_200; i++) t.started(ended(i));
    expect(t.memory).toMatchObject({ lastSeen: 0, lastState: 0, dashboardKnown: 0, endedSeen: 1_000 });
    // A late duplicate of a recent final state is not delivered again; a new state is.
    const dashboard = t.watchAll(() => true)[Symbol.asyncIterator]();
    const next = dashboard.next();
    t.started(ended(1_199));
    t.started(ended(1_200));
    expect((await next).value.nativeId).toBe('done-1200');
    await dashboard.return?.();
  });
});
