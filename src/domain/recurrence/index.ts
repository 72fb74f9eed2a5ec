/** Next runs of any recurrence the gateway understands. */
import type { Recurrence } from '../model.js';
import { nextCronLikeRuns } from './cronlike.js';
import { nextWeeklyRuns } from './weekly.js';

export function nextRuns(recurrence: Recurrence, after: Date, count: number): Date[] {
  const rule = recurrence.rule;
  if (!rule) return [];
  switch (rule.kind) {
    case 'weekly':
      return nextWeeklyRuns(rule, recurrence.timezone, after, count);
    case 'cronlike':
      return nextCronLikeRuns(rule, recurrence.timezone, after, count);
  }
}
