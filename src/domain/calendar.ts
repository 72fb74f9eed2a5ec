/**
 * The backup calendar: every scheduled run in a window across providers, and conflicts —
 * runs on one host or one resource starting within a few minutes of each other.
 */
import { ValidationError } from './errors.js';
import type { Resource, Schedule } from './model.js';
import { nextRuns } from './recurrence/index.js';

export const MAX_WINDOW_DAYS = 31;
export const MAX_RUNS = 20_000;

export interface CalendarRun {
  at: Date;
  schedule: Schedule;
  targets: Resource[];
}

export interface CalendarConflict {
  reason: string;
  host?: string;
  resource?: Resource;
  runs: CalendarRun[];
}

export interface ScheduleWithTargets {
  schedule: Schedule;
  targets: Resource[];
}

export function validateWindow(from: Date, to: Date): void {
  if (to.getTime() <= from.getTime()) throw new ValidationError('to must be after from', 'to');
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days > MAX_WINDOW_DAYS) throw new ValidationError(`the window is ${days.toFixed(1)} days; at most ${MAX_WINDOW_DAYS} days are allowed`, 'to');
}

/**
 * Runs in [from, to). Schedules with a recurrence are evaluated; schedules without one
 * (Altaro exposes none) contribute each target's own next backup time.
 */
export function scheduledRuns(entries: ScheduleWithTargets[], from: Date, to: Date): CalendarRun[] {
  validateWindow(from, to);
  const runs: CalendarRun[] = [];
  const add = (run: CalendarRun) => {
    runs.push(run);
    if (runs.length > MAX_RUNS) {
      throw new ValidationError(`the window holds more than ${MAX_RUNS} scheduled runs; narrow it or filter by provider`, 'to');
    }
  };
  // Without a recurrence a target's next backup time is known but not which schedule causes
  // it: each target's time is shown once, under its first backup schedule by name.
  const claimed = new Set<string>();
  const ordered = [...entries].sort((a, b) => a.schedule.name.localeCompare(b.schedule.name));
  for (const { schedule, targets } of ordered) {
    if (!schedule.enabled || targets.length === 0) continue;
    if (schedule.recurrence?.rule) {
      // Ask in growing batches: evaluators look ahead as far as `count` needs, so a small first
      // batch keeps a daily schedule over a month cheap while an every-45-minutes one still ends quickly.
      let after = new Date(from.getTime() - 1);
      for (let size = 32; ; size = Math.min(size * 2, 1024)) {
        const next = nextRuns(schedule.recurrence, after, size);
        const inWindow = next.filter((at) => at.getTime() < to.getTime());
        inWindow.forEach((at) => add({ at, schedule, targets }));
        if (inWindow.length < next.length || next.length < size) break;
        after = next[next.length - 1];
      }
    } else if (!schedule.recurrence && schedule.kind !== 'SANDBOX_RESTORE') {
      const byTime = new Map<number, Resource[]>();
      for (const target of targets) {
        const key = `${target.providerId}\u0000${target.type}\u0000${target.nativeId}`;
        if (claimed.has(key)) continue;
        claimed.add(key);
        const at = target.nextBackupAt?.getTime();
        if (at !== undefined && at >= from.getTime() && at < to.getTime()) push(byTime, at, target);
      }
      for (const [at, group] of byTime) add({ at: new Date(at), schedule, targets: group });
    }
  }
  return runs.sort((a, b) => a.at.getTime() - b.at.getTime() || a.schedule.name.localeCompare(b.schedule.name));
}

/**
 * Conflicts: for each host and each resource, clusters of run starts where each start is
 * within `minutes` of the previous one. A run with several targets on one host counts once
 * per target there (they all start together).
 */
export function findConflicts(runs: CalendarRun[], minutes: number, hostOf: (r: Resource) => string | undefined): CalendarConflict[] {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 24 * 60) {
    throw new ValidationError('conflictMinutes must be a whole number of minutes from 0 to 1440', 'filter.conflictMinutes');
  }
  const byHost = new Map<string, Array<{ run: CalendarRun; target: Resource }>>();
  const byResource = new Map<string, Array<{ run: CalendarRun; target: Resource }>>();
  for (const run of runs) {
    for (const target of run.targets) {
      const host = hostOf(target);
      if (host) push(byHost, `${target.providerId}\u0000${host}`, { run, target });
      push(byResource, `${target.providerId}\u0000${target.type}\u0000${target.nativeId}`, { run, target });
    }
  }
  const conflicts: CalendarConflict[] = [];
  const windowMs = minutes * 60_000;
  for (const entries of byHost.values()) {
    for (const cluster of clusters(entries, windowMs)) {
      const host = hostOf(cluster[0].target)!;
      const spread = Math.round((cluster.at(-1)!.run.at.getTime() - cluster[0].run.at.getTime()) / 60_000);
      conflicts.push({
        reason: `${cluster.length} backups on host ${host} start within ${spread} minute${spread === 1 ? '' : 's'} of each other`,
        host,
        runs: uniqueRuns(cluster.map((c) => c.run)),
      });
    }
  }
  for (const entries of byResource.values()) {
    // Several schedules hitting one resource close together (one schedule's own runs are spaced by design).
    for (const cluster of clusters(entries, windowMs)) {
      const schedules = new Set(cluster.map((c) => `${c.run.schedule.providerId}:${c.run.schedule.nativeId}`));
      if (schedules.size < 2) continue;
      const resource = cluster[0].target;
      conflicts.push({
        reason: `${cluster.length} runs of ${schedules.size} schedules on ${resource.name} start within ${minutes} minutes`,
        resource,
        runs: uniqueRuns(cluster.map((c) => c.run)),
      });
    }
  }
  return conflicts.sort((a, b) => a.runs[0].at.getTime() - b.runs[0].at.getTime());
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function clusters<T extends { run: CalendarRun }>(entries: T[], windowMs: number): T[][] {
  const sorted = [...entries].sort((a, b) => a.run.at.getTime() - b.run.at.getTime());
  const found: T[][] = [];
  let current: T[] = [];
  for (const entry of sorted) {
    const last = current.at(-1);
    if (last && entry.run.at.getTime() - last.run.at.getTime() <= windowMs) current.push(entry);
    else {
      if (current.length > 1) found.push(current);
      current = [entry];
    }
  }
  if (current.length > 1) found.push(current);
  return found;
}

function uniqueRuns(runs: CalendarRun[]): CalendarRun[] {
  return [...new Set(runs)];
}
