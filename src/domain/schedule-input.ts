/**
 * Validation of the portable schedule inputs every provider accepts: weekly days and times,
 * time zones and retention rules. Providers validate their own `native` forms.
 */
import { ValidationError } from './errors.js';
import type { RetentionRule } from './model.js';
import type { WeeklyRecurrence } from './provider.js';
import { isValidTimeZone } from './time.js';

export function validateWeekly(weekly: WeeklyRecurrence, field = 'weekly'): WeeklyRecurrence {
  if (weekly.daysOfWeek.length === 0) throw new ValidationError(`${field}.daysOfWeek must name at least one day (0=Sunday..6=Saturday)`, `${field}.daysOfWeek`);
  for (const day of weekly.daysOfWeek) {
    if (!Number.isInteger(day) || day < 0 || day > 6) throw new ValidationError(`${field}.daysOfWeek: ${day} is not a weekday (0=Sunday..6=Saturday)`, `${field}.daysOfWeek`);
  }
  if (weekly.times.length === 0) throw new ValidationError(`${field}.times must hold at least one "HH:MM" time`, `${field}.times`);
  for (const time of weekly.times) parseTimeOfDay(time, `${field}.times`);
  return { daysOfWeek: [...new Set(weekly.daysOfWeek)].sort((a, b) => a - b), times: [...new Set(weekly.times)].sort() };
}

/** "HH:MM" (24-hour) -> minutes after midnight. */
export function parseTimeOfDay(time: string, field: string): { hour: number; minute: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!match || hour > 23 || minute > 59) throw new ValidationError(`${field}: "${time}" is not a time of day; use "HH:MM" from 00:00 to 23:59`, field);
  return { hour, minute };
}

export function validateTimeZone(zone: string, field = 'timezone'): string {
  if (!isValidTimeZone(zone)) throw new ValidationError(`${field}: "${zone}" is not an IANA time zone (e.g. Europe/Kyiv, America/New_York, UTC)`, field);
  return zone;
}

export function validateRetention(rules: RetentionRule[], field = 'retention'): RetentionRule[] {
  rules.forEach((rule, index) => {
    const at = `${field}[${index}]`;
    if (!Number.isInteger(rule.count) || rule.count < 1) throw new ValidationError(`${at}.count must be a positive whole number`, `${at}.count`);
    if (rule.anchor !== undefined && rule.anchor !== null) {
      if (rule.unit === 'WEEKS' && (rule.anchor < 0 || rule.anchor > 6)) throw new ValidationError(`${at}.anchor must be a weekday 0..6 for WEEKS`, `${at}.anchor`);
      if (rule.unit === 'MONTHS' && (rule.anchor < 1 || rule.anchor > 31)) throw new ValidationError(`${at}.anchor must be a day of month 1..31 for MONTHS`, `${at}.anchor`);
      if (rule.unit !== 'WEEKS' && rule.unit !== 'MONTHS') throw new ValidationError(`${at}.anchor applies only to WEEKS and MONTHS`, `${at}.anchor`);
    }
  });
  return rules;
}
