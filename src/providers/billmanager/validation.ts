/**
 * What BILLmanager can take, checked before anything is sent: one instance per schedule, one
 * time of day, the panel's own zone, names of 1–100 characters, `backup_rotation` 1–10 as the
 * only retention rule, and `native` as `{rotation_days, rotation_time}`.
 */
import { ValidationError } from '../../domain/errors.js';
import type { ResourceRef, RetentionRule } from '../../domain/model.js';
import type { WeeklyRecurrence } from '../../domain/provider.js';
import { validateWeekly } from '../../domain/schedule-input.js';
import { isRecord } from '../wire.js';
import { parseRotationDays, parseRotationTime } from './map.js';

/** `backup_rotation` range the panel offers (§5.3: UI 1–10; server limits unknown). */
export const MAX_ROTATION = 10;
/** Schedule and backup names: 1–100 characters (§5.5, §5.9). */
const MAX_NAME = 100;
/** Keys of `native` (the wire form); the other wire fields of a listed schedule are ignored when sent back. */
const NATIVE_KEYS = ['rotation_days', 'rotation_time'];
const WIRE_ONLY_KEYS = ['id', 'elid', 'instance_id', 'servername', 'name', 'create_date'];

export interface When {
  days: number[];
  time: string;
  fromNative: boolean;
}

export class BillmanagerValidation {
  constructor(
    private readonly providerId: string,
    private readonly timeZone: string,
  ) {}

  /**
   * Days and time from `weekly` or `native` (undefined when neither is given).
   *
   * DECISION (several `weekly.times`): a VALIDATION error on `weekly.times`, not one upstream
   * schedule per time. A BILLmanager schedule has exactly one `rotation_time`; making several
   * would return one Schedule for several upstream objects (the others invisible to the caller,
   * untouched by its later update or delete), and a failure midway would leave some created.
   * The caller can create one schedule per time explicitly.
   */
  when(input: { weekly?: WeeklyRecurrence; native?: unknown }, current: { days: number[]; time: string } | undefined): When | undefined {
    const hasNative = input.native !== undefined && input.native !== null;
    if (input.weekly && hasNative) throw this.error('give either weekly or native, not both', 'native');
    if (input.weekly) {
      const weekly = validateWeekly(input.weekly);
      if (weekly.times.length > 1) {
        throw this.error(
          `weekly.times: a BILLmanager schedule runs at one time of day (rotation_time); got ${weekly.times.length} (${weekly.times.join(', ')}). Create one schedule per time`,
          'weekly.times',
        );
      }
      return { days: weekly.daysOfWeek, time: weekly.times[0], fromNative: false };
    }
    if (!hasNative) return undefined;
    const native = input.native;
    if (!isRecord(native)) throw this.error('native: give an object {rotation_days, rotation_time}, e.g. {"rotation_days": "1,2,3,4,5", "rotation_time": "02:01"}', 'native');
    const extra = Object.keys(native).filter((key) => !NATIVE_KEYS.includes(key) && !WIRE_ONLY_KEYS.includes(key));
    if (extra.length > 0) throw this.error(`native: unexpected ${extra.join(', ')}; a BILLmanager schedule's recurrence is {rotation_days, rotation_time}`, 'native');
    let days = current?.days;
    if (native.rotation_days !== undefined) {
      days = parseRotationDays(native.rotation_days);
      if (!days) {
        throw this.error(
          `native.rotation_days: ${JSON.stringify(native.rotation_days)} is not a list of weekdays; use names ("Monday Friday") or numbers 0=Sunday..6 ("1,2,3,4,5")`,
          'native.rotation_days',
        );
      }
    }
    let time = current?.time;
    if (native.rotation_time !== undefined) {
      time = parseRotationTime(native.rotation_time);
      if (!time) throw this.error(`native.rotation_time: ${JSON.stringify(native.rotation_time)} is not a time of day; use "HH:MM" from 00:00 to 23:59`, 'native.rotation_time');
    }
    if (!days) throw this.error('native.rotation_days is required', 'native.rotation_days');
    if (!time) throw this.error('native.rotation_time is required', 'native.rotation_time');
    return { days, time, fromNative: true };
  }

  /** Exactly one LAST rule: the instance's `backup_rotation`. */
  rotation(rules: RetentionRule[]): number {
    const rule = rules[0];
    if (rules.length !== 1 || rule.unit !== 'LAST' || (rule.anchor !== undefined && rule.anchor !== null)) {
      throw this.error(
        `retention: BILLmanager keeps the newest N scheduled backups of an instance (backup_rotation, shared by all its schedules); give exactly one rule {unit: LAST, count: 1..${MAX_ROTATION}}`,
        'retention',
      );
    }
    if (!Number.isInteger(rule.count) || rule.count < 1 || rule.count > MAX_ROTATION) {
      throw this.error(`retention[0].count: BILLmanager keeps 1 to ${MAX_ROTATION} scheduled backups, got ${rule.count}`, 'retention[0].count');
    }
    return rule.count;
  }

  zone(zone: string | undefined): void {
    if (zone === undefined || canonicalZone(zone) === canonicalZone(this.timeZone)) return;
    throw this.error(`timezone: the BILLmanager panel evaluates schedules in its own zone (${this.timeZone}); give the times in ${this.timeZone} and leave timezone out`, 'timezone');
  }

  name(name: string): string {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > MAX_NAME) throw this.error(`name: BILLmanager names have 1 to ${MAX_NAME} characters`, 'name');
    return trimmed;
  }

  enabled(enabled: boolean | undefined): void {
    if (enabled === false) throw this.error('enabled: BILLmanager schedules cannot be disabled; delete the schedule instead', 'enabled');
  }

  /** The instance id of a VirtualMachine target. */
  instanceOf(target: ResourceRef | undefined, field: string, why: string): string {
    if (!target || target.type !== 'VirtualMachine') throw this.error(`${field}: BILLmanager ${why}`, field);
    return target.nativeId;
  }

  error(message: string, field: string): ValidationError {
    return new ValidationError(message, field, this.providerId);
  }
}

/** Whether a listed `rotation_days` names exactly these days. */
export function sameDays(wire: unknown, days: number[]): boolean {
  const parsed = parseRotationDays(wire);
  return !!parsed && parsed.join(',') === days.join(',');
}

function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}
