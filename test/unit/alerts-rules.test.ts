/** The alert rules as a pure function: what opens, what may resolve, one key per kind and subject. */
import { describe, expect, it } from 'vitest';
import { evaluateRules, type RuleInput } from '../../src/alerts/rules.js';
import type { HistoryFacts } from '../../src/journal/store.js';

const now = new Date('2026-06-01T12:00:00Z');
const vm = { providerId: 'hq', type: 'VirtualMachine' as const, nativeId: 'vm-1' };
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const op = (nativeId: string, status: string, startedMinutesAgo: number, kind = 'BACKUP') => ({
  providerId: 'hq', nativeId, kind, status, target: vm, startedAt: ago(startedMinutesAgo), updatedAt: ago(startedMinutesAgo - 1), finishedAt: status === 'RUNNING' ? undefined : ago(startedMinutesAgo - 1),
}) as HistoryFacts['operations'][number];

function run(facts: Partial<HistoryFacts>, extra: Partial<RuleInput> = {}) {
  return evaluateRules({
    now,
    facts: { operations: [], restorePoints: [], dueRuns: [], ...facts },
    missedGraceMinutes: 60,
    down: [],
    providers: [{ id: 'hq', kind: 'ALTARO' }],
    config: { rpoHours: 24, stuckAfterMinutes: 240, providerDownAfterSeconds: 300 },
    ...extra,
  });
}

const kinds = (outcome: ReturnType<typeof run>) => [...outcome.want.values()].map((c) => c.kind).sort();

describe('alert rules', () => {
  it('BACKUP_FAILED while the latest finished backup failed; clearable once the latest succeeded', () => {
    const failed = run({ operations: [op('a', 'SUCCEEDED', 300), op('b', 'FAILED', 100)] });
    expect(kinds(failed)).toEqual(['BACKUP_FAILED']);
    expect([...failed.want.values()][0]).toMatchObject({ severity: 'CRITICAL', operation: { nativeId: 'b', status: 'FAILED' }, resource: { nativeId: 'vm-1' } });
    const fixed = run({ operations: [op('b', 'FAILED', 100), op('c', 'SUCCEEDED', 30)] });
    expect(kinds(fixed)).toEqual([]);
    expect(fixed.clear.has([...failed.want.keys()][0])).toBe(true);
  });

  it('OPERATION_STUCK past stuckAfterMinutes only, clearing when it stops', () => {
    expect(kinds(run({ operations: [op('r', 'RUNNING', 200)] }))).toEqual([]);
    const stuck = run({ operations: [op('r', 'RUNNING', 300)] });
    expect(kinds(stuck)).toEqual(['OPERATION_STUCK']);
    const key = [...stuck.want.keys()][0];
    expect(run({ operations: [op('r', 'SUCCEEDED', 300)] }).clear.has(key)).toBe(true);
  });

  it('BACKUP_STALE for a scheduled resource with no success within the RPO', () => {
    const dueRuns = [{ providerId: 'hq', resource: vm, dueAt: ago(30 * 60) }];
    const stale = run({ dueRuns, operations: [op('old', 'SUCCEEDED', 26 * 60)] });
    expect(kinds(stale)).toContain('BACKUP_STALE');
    const fresh = run({ dueRuns, operations: [op('new', 'SUCCEEDED', 60)] });
    expect(kinds(fresh)).not.toContain('BACKUP_STALE');
    expect(fresh.clear.has([...stale.want.entries()].find(([, c]) => c.kind === 'BACKUP_STALE')![0])).toBe(true);
  });

  it('RUN_MISSED for a due run with no backup within the grace, not once a later backup succeeded', () => {
    const dueRuns = [{ providerId: 'hq', resource: vm, dueAt: ago(120) }];
    expect(kinds(run({ dueRuns, operations: [op('old', 'SUCCEEDED', 600)] }))).toContain('RUN_MISSED');
    expect(kinds(run({ dueRuns, operations: [op('late', 'SUCCEEDED', 30)] }))).not.toContain('RUN_MISSED');
  });

  it('PROVIDER_DOWN only after the grace, clearable when the provider is no longer down', () => {
    expect(kinds(run({}, { down: [{ providerId: 'hq', providerKind: 'ALTARO', since: new Date(now.getTime() - 100_000) }] }))).toEqual([]);
    const down = run({}, { down: [{ providerId: 'hq', providerKind: 'ALTARO', since: new Date(now.getTime() - 400_000), message: 'connection refused' }] });
    expect([...down.want.values()]).toMatchObject([{ kind: 'PROVIDER_DOWN', providerId: 'hq', message: /connection refused/ }]);
    expect(run({}).clear.has([...down.want.keys()][0])).toBe(true);
  });
});
