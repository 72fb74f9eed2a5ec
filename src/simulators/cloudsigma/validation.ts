/**
 * Backup scheduler validation, defaults and server-side normalisation (contract §2.2–§2.4, §3.6,
 * §3.7, §10.4–10.5). Every problem found is reported at once, one error object per field.
 */
import { parseMeta } from './lifecycle.js';
import { compileRecurrence, RecurrenceError } from './recurrence.js';
import { isAllowedTimezone } from './timezones.js';
import { ApiError, type WireError } from './wire.js';

export const SCHEDULER_TYPES = ['snapshot', 'backup', 'dr', 'migration'];
const REQUIRED = ['type', 'name', 'is_enabled', 'is_default', 'incremental_backup'];
const BOOLEANS = ['is_enabled', 'is_default', 'enable_backup_policy_notifications', 'enable_retention_policy_notifications'];
/** Keys a client may set; read-only ones (uuid, resource_uri, owner, orchestrator_timezone) are ignored. */
const WRITABLE = [
  'type',
  'name',
  'is_enabled',
  'is_default',
  'enable_backup_policy_notifications',
  'enable_retention_policy_notifications',
  'incremental_backup',
  'manual_incremental_backup',
  'initial_backup',
  'retention_policy',
  'user_timezone',
  'remote_location',
  'meta',
  'tags',
  'grantees',
  'permissions',
];

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function timeOfDay(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const conv = (v: unknown) => (typeof v === 'string' && /^\d{1,2}$/.test(v.trim()) ? Number(v.trim()) : v);
  return { ...raw, hour: conv(raw.hour), minute: conv(raw.minute) };
}

/** The dumps' normalisations: `[]` -> `[""]`, month list, integer window times, default repeat. */
export function normaliseIncremental(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  let dow = raw.day_of_week;
  if (typeof dow === 'string') dow = dow.split(',').map((s) => s.trim());
  if (dow === undefined || dow === null || (Array.isArray(dow) && dow.length === 0)) dow = [''];
  out.day_of_week = dow;
  const month = raw.month;
  if (month === undefined || month === null) out.month = '';
  else if (typeof month === 'number') out.month = [String(month)];
  else if (typeof month === 'string' && month.trim() !== '*' && month.trim() !== '') out.month = month.split(',').map((s) => s.trim());
  for (const key of ['day_of_month', 'hour', 'minute']) {
    const v = raw[key];
    out[key] = v === undefined || v === null ? '' : typeof v === 'number' ? String(v) : v;
  }
  const repeat = isObject(raw.repeat) ? raw.repeat : {};
  out.repeat = { hour: repeat.hour ?? '', minute: repeat.minute ?? '' };
  out.start_time = raw.start_time === undefined || raw.start_time === null ? { hour: '', minute: '' } : timeOfDay(raw.start_time);
  out.end_time = raw.end_time === undefined || raw.end_time === null ? { hour: '', minute: '' } : timeOfDay(raw.end_time);
  return out;
}

function validateRetention(policy: unknown, errors: WireError[]): void {
  const bad = (message: string) => errors.push({ error_point: 'retention_policy', error_type: 'validation', error_message: message });
  if (policy === undefined || policy === null) return;
  if (!isObject(policy)) return void bad('retention_policy must be an object {name, rules}');
  if (policy.name !== undefined && policy.name !== null && typeof policy.name !== 'string') bad('retention_policy.name must be a string');
  if (policy.rules === undefined) return;
  if (!Array.isArray(policy.rules)) return void bad('retention_policy.rules must be a list');
  policy.rules.forEach((rule, i) => {
    if (!isObject(rule)) return void bad(`rules[${i}] must be an object`);
    const timeOption = rule.time_option;
    if (timeOption !== undefined && timeOption !== null && !Number.isInteger(Number(timeOption))) {
      bad(`rules[${i}].time_option must be an integer`);
    }
    if (rule.period === undefined || rule.period === null) {
      // The split-rule quirk: an entry with only time_option is tolerated.
      if (timeOption === undefined || timeOption === null) bad(`rules[${i}].period: This field is required`);
      return;
    }
    if (!['days', 'weeks', 'months'].includes(rule.period as string)) {
      return void bad(`rules[${i}].period: Select a valid choice. ${JSON.stringify(rule.period)} is not one of days, weeks, months`);
    }
    const q = rule.quantity;
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 1) bad(`rules[${i}].quantity must be a positive integer`);
    if (timeOption !== undefined && timeOption !== null) {
      const t = Number(timeOption);
      if (rule.period === 'weeks' && (t < 0 || t > 6)) bad(`rules[${i}].time_option must be 0 (Sunday) .. 6 (Saturday) for weeks`);
      if (rule.period === 'months' && (t < 1 || t > 31)) bad(`rules[${i}].time_option must be a day of the month 1..31`);
    }
  });
}

/**
 * Build the stored fields of a scheduler from a create body (no `base`) or a PUT body merged over
 * the stored fields (`base`): top-level keys merge, nested objects are replaced wholesale.
 */
export function buildScheduler(input: Record<string, unknown>, base?: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = base ? { ...base } : {};
  for (const key of WRITABLE) if (key in input) merged[key] = input[key];
  const errors: WireError[] = [];
  const err = (point: string, message: string) => errors.push({ error_point: point, error_type: 'validation', error_message: message });

  for (const key of REQUIRED) if (merged[key] === undefined || merged[key] === null) err(key, 'This field is required');
  if (merged.type !== undefined && merged.type !== null && !SCHEDULER_TYPES.includes(merged.type as string)) {
    err('type', `Select a valid choice. ${JSON.stringify(merged.type)} is not one of the available choices (${SCHEDULER_TYPES.join(', ')})`);
  }
  if (merged.name !== undefined && merged.name !== null && (typeof merged.name !== 'string' || merged.name.trim() === '')) {
    err('name', 'name must be a non-empty string');
  }
  for (const key of BOOLEANS) {
    if (merged[key] !== undefined && merged[key] !== null && typeof merged[key] !== 'boolean') err(key, `${key} must be true or false`);
  }
  let tz = merged.user_timezone;
  if (tz === undefined || tz === null || tz === '') tz = 'Etc/UTC';
  if (typeof tz !== 'string' || !isAllowedTimezone(tz)) err('user_timezone', `${JSON.stringify(tz)} is not an allowed timezone`);
  const manual = merged.manual_incremental_backup;
  if (manual !== undefined && manual !== null && typeof manual !== 'string') err('manual_incremental_backup', 'Must be a string of HH:MM times');
  const ib = merged.incremental_backup;
  if (ib !== undefined && ib !== null) {
    if (!isObject(ib)) err('incremental_backup', 'incremental_backup must be an object');
    else {
      try {
        compileRecurrence({ incremental_backup: ib, manual_incremental_backup: manual, user_timezone: 'Etc/UTC' });
      } catch (error) {
        if (!(error instanceof RecurrenceError)) throw error;
        err(error.field, error.message);
      }
    }
  }
  validateRetention(merged.retention_policy, errors);
  if (merged.initial_backup !== undefined && merged.initial_backup !== null && !isObject(merged.initial_backup)) {
    err('initial_backup', 'initial_backup must be an object');
  }
  if (merged.remote_location !== undefined && merged.remote_location !== null && typeof merged.remote_location !== 'string') {
    err('remote_location', 'remote_location must be a string');
  }
  let meta: Record<string, string> = {};
  try {
    meta = parseMeta(merged.meta);
  } catch (error) {
    if (error instanceof ApiError) errors.push(...error.errors);
    else throw error;
  }
  for (const key of ['tags', 'grantees', 'permissions']) {
    if (merged[key] !== undefined && merged[key] !== null && !Array.isArray(merged[key])) err(key, `${key} must be a list`);
  }
  if (errors.length > 0) throw new ApiError(400, errors);

  return {
    type: merged.type,
    name: merged.name,
    is_enabled: merged.is_enabled,
    is_default: merged.is_default,
    enable_backup_policy_notifications: merged.enable_backup_policy_notifications ?? true,
    enable_retention_policy_notifications: merged.enable_retention_policy_notifications ?? true,
    incremental_backup: normaliseIncremental(ib as Record<string, unknown>),
    manual_incremental_backup: typeof manual === 'string' ? manual : '',
    initial_backup: isObject(merged.initial_backup) ? structuredClone(merged.initial_backup) : {},
    retention_policy: isObject(merged.retention_policy) ? structuredClone(merged.retention_policy) : {},
    user_timezone: tz,
    orchestrator_timezone: '',
    remote_location: typeof merged.remote_location === 'string' ? merged.remote_location : '',
    meta,
    tags: Array.isArray(merged.tags) ? merged.tags : [],
    grantees: Array.isArray(merged.grantees) ? merged.grantees : [],
    permissions: Array.isArray(merged.permissions) ? merged.permissions : [],
  };
}
