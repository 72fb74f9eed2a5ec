/**
 * Upstream errors said in the caller's terms: a field error names a wire field (`rotation_days`,
 * `plid`, …), which is mapped to the input field the caller gave.
 */
import { ValidationError } from '../../domain/errors.js';

/** A ValidationError on a wire field, re-aimed at the input field it came from; other errors pass. */
export function inputError(error: unknown, providerId: string, fromNative: boolean, idField: string): unknown {
  if (!(error instanceof ValidationError) || !error.field) return error;
  const fields: Record<string, string> = {
    rotation_days: fromNative ? 'native.rotation_days' : 'weekly.daysOfWeek',
    rotation_time: fromNative ? 'native.rotation_time' : 'weekly.times',
    name: 'name',
    plid: idField,
    elid: idField,
    backup_rotation: 'retention',
  };
  const field = fields[error.field];
  return field ? new ValidationError(error.message, field, providerId) : error;
}

/** A rotation write's field error is about the caller's `retention`. */
export function retentionError(error: unknown, providerId: string): unknown {
  return error instanceof ValidationError ? new ValidationError(error.message, 'retention', providerId) : error;
}
