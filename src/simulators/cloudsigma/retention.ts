/**
 * Retention rules (`retention_policy.rules`, contract §2.4): which snapshots a scheduler keeps.
 *
 * Choices [I]:
 * - Rules are ORed: a snapshot matching any rule is kept; one matching none is deleted.
 * - `days N` keeps snapshots younger than N x 24 h; `weeks N` younger than N x 7 days; `months N`
 *   younger than N calendar months (now minus N months, day clamped).
 * - `time_option` narrows a rule: for `weeks` the local weekday (0 = Sunday .. 6 = Saturday), for
 *   `months` the local day of the month (1..31), in the scheduler's `user_timezone`. Every matching
 *   snapshot in the span is kept (not just one per week/month).
 * - The split-rule quirk: an entry holding only `time_option` is merged into the rule before it
 *   (for evaluation only; the rules are stored and returned exactly as submitted).
 * - No usable rule at all (no policy, empty rules) keeps everything.
 */
import { localParts } from './tz.js';

export type RetentionPeriod = 'days' | 'weeks' | 'months';

export interface EffectiveRule {
  period: RetentionPeriod;
  quantity: number;
  timeOption?: number;
}

const DAY_MS = 86_400_000;

export function effectiveRules(policy: unknown): EffectiveRule[] {
  if (!policy || typeof policy !== 'object') return [];
  const rules = (policy as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return [];
  const out: EffectiveRule[] = [];
  for (const raw of rules) {
    if (!raw || typeof raw !== 'object') continue;
    const rule = raw as { period?: unknown; quantity?: unknown; time_option?: unknown };
    const timeOption = typeof rule.time_option === 'number' ? rule.time_option : rule.time_option != null ? Number(rule.time_option) : undefined;
    if (rule.period === undefined || rule.period === null) {
      const previous = out[out.length - 1];
      if (previous && previous.timeOption === undefined && timeOption !== undefined && Number.isFinite(timeOption)) {
        previous.timeOption = timeOption;
      }
      continue;
    }
    const period = rule.period as RetentionPeriod;
    const quantity = Number(rule.quantity);
    if (!['days', 'weeks', 'months'].includes(period) || !Number.isInteger(quantity) || quantity < 1) continue;
    out.push({ period, quantity, ...(timeOption !== undefined && Number.isFinite(timeOption) ? { timeOption } : {}) });
  }
  return out;
}

function monthsBefore(now: number, n: number): number {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

/** Whether a snapshot taken at `takenAt` is kept at time `now`. */
export function isKept(takenAt: number, now: number, rules: EffectiveRule[], tz: string): boolean {
  if (rules.length === 0) return true;
  for (const rule of rules) {
    if (rule.period === 'days') {
      if (takenAt > now - rule.quantity * DAY_MS) return true;
    } else if (rule.period === 'weeks') {
      if (takenAt > now - rule.quantity * 7 * DAY_MS && (rule.timeOption === undefined || localParts(takenAt, tz).weekday === rule.timeOption)) return true;
    } else if (takenAt > monthsBefore(now, rule.quantity) && (rule.timeOption === undefined || localParts(takenAt, tz).day === rule.timeOption)) {
      return true;
    }
  }
  return false;
}

/** How far back a policy can keep anything (used to bound history back-fill), in ms. */
export function retentionHorizonMs(rules: EffectiveRule[]): number {
  if (rules.length === 0) return Infinity;
  return Math.max(
    ...rules.map((r) => (r.period === 'days' ? r.quantity * DAY_MS : r.period === 'weeks' ? r.quantity * 7 * DAY_MS : (r.quantity + 1) * 31 * DAY_MS)),
  );
}
