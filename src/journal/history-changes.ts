/**
 * What a write changed for backupHistory, so settled days kept in memory (history-cache.ts)
 * can be dropped where they no longer hold. The stores compare each row before and after
 * its upsert with these and report the changes: SQLite after the commit, PostgreSQL with NOTIFY
 * (postgres-history-feed.ts). Re-observing an operation or restore point as it was reports
 * nothing, so the watcher's rounds keep the kept days.
 */
import type { ResourceRef, ResourceType } from '../domain/model.js';

/** Facts of `resource` dated between `from` and `to` (ms, inclusive) changed. */
export interface HistoryChange {
  resource: ResourceRef;
  from: number;
  to: number;
}

/** Everything may have changed (rows deleted by retention). */
export const EVERYTHING = 'everything';
export type HistoryChangeListener = (changes: readonly HistoryChange[] | typeof EVERYTHING) => void;

/** An operation row as the history reads it: kind, status, target type and id, started, updated, finished (ms). */
export type OperationShape = [string, string, string | null, string | null, number | null, number, number | null];

/** An operation's changes: its target's facts around its old and new times (empty when the history reads it as before). */
export function operationChanges(providerId: string, before: OperationShape | undefined, after: OperationShape): HistoryChange[] {
  if (before && sameOperation(before, after)) return [];
  const changes: HistoryChange[] = [];
  for (const shape of before ? [before, after] : [after]) {
    const [, , targetType, targetId, startedAt, updatedAt, finishedAt] = shape;
    if (targetId === null) continue;
    const at = startedAt ?? finishedAt ?? updatedAt;
    const end = Math.max(at, finishedAt ?? updatedAt);
    // The same target before and after (the usual case): one change over both times.
    const same = changes.find((c) => c.resource.type === targetType && c.resource.nativeId === targetId);
    if (same) {
      same.from = Math.min(same.from, at);
      same.to = Math.max(same.to, end);
    } else {
      changes.push({ resource: { providerId, type: targetType as ResourceType, nativeId: targetId }, from: at, to: end });
    }
  }
  return changes;
}

function sameOperation(a: OperationShape, b: OperationShape): boolean {
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return false;
  const at = (s: OperationShape) => s[4] ?? s[6] ?? s[5];
  if (at(a) !== at(b)) return false;
  // A run's end matters only once it SUCCEEDED (it absorbs the restore points it made); a running one's updatedAt moves with each poll.
  return a[1] !== 'SUCCEEDED' || (a[6] ?? a[5]) === (b[6] ?? b[5]);
}

/** A restore point row as the history reads it: resource type, resource id, created, first seen (ms). */
export type RestorePointShape = [string, string, number | null, number];

export function restorePointChanges(providerId: string, before: RestorePointShape | undefined, after: RestorePointShape): HistoryChange[] {
  const at = (s: RestorePointShape) => s[2] ?? s[3];
  if (before && before[0] === after[0] && before[1] === after[1] && before[2] === after[2] && at(before) === at(after)) return [];
  return (before ? [before, after] : [after]).map((shape) => ({ resource: { providerId, type: shape[0] as ResourceType, nativeId: shape[1] }, from: at(shape), to: at(shape) }));
}
