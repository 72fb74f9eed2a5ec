/** Schedule.nextRuns from the schedule's recurrence; a schedule without one (Altaro) has none to compute. */
import { ValidationError } from '../domain/errors.js';
import type { Schedule } from '../domain/model.js';
import { nextRuns } from '../domain/recurrence/index.js';

export const MAX_NEXT_RUNS = 500;

export function nextRunsOf(schedule: Schedule, count: number, after: Date): Date[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_NEXT_RUNS) {
    throw new ValidationError(`count must be between 0 and ${MAX_NEXT_RUNS}, got ${count}`, 'count');
  }
  if (count === 0 || !schedule.enabled || !schedule.recurrence) return [];
  return nextRuns(schedule.recurrence, after, count);
}
