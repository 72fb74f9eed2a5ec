/**
 * Wire conventions shared by every resource (contract §1): error arrays, the list envelope with
 * limit/offset, `fields=` selection, GET filters, JSON body parsing, timestamps.
 */
import type { SimReply } from '../kit/http.js';

export type ErrorType = 'validation' | 'notexist' | 'backend' | 'permission' | 'database' | 'concurrency' | 'billing' | 'payment';

export interface WireError {
  error_point: string | null;
  error_type: ErrorType;
  error_message: string;
}

/** Thrown by handlers; the router turns it into `[{error_point, error_type, error_message}, ...]`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: WireError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => e.error_message).join('; '));
  }
}

export function apiError(status: number, type: ErrorType, message: string, point: string | null = null): ApiError {
  return new ApiError(status, [{ error_point: point, error_type: type, error_message: message }]);
}

export function validationError(point: string | null, message: string): ApiError {
  return apiError(400, 'validation', message, point);
}

export function notExist(resource: string, uuid: string, point: string | null = null): ApiError {
  return apiError(404, 'notexist', `Object of type ${resource} with uuid ${uuid} does not exist`, point);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimReply {
  return { status, headers, body };
}

/** 204: empty body; the dumps show `text/html; charset=utf-8` on it. */
export function noContent(): SimReply {
  return { status: 204, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

export function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw validationError(null, 'Malformed JSON request body');
  }
}

/** Create/bulk bodies: a bare object or `{"objects": [...]}` -> the list of objects. */
export function objectsOf(body: unknown): Record<string, unknown>[] {
  if (body === undefined || body === null) throw validationError(null, 'A request body is required');
  if (Array.isArray(body)) return body.map(asRecord);
  if (typeof body !== 'object') throw validationError(null, 'The request body must be a JSON object');
  const record = body as Record<string, unknown>;
  if ('objects' in record) {
    if (!Array.isArray(record.objects)) throw validationError('objects', 'objects must be a list');
    if (record.objects.length === 0) throw validationError('objects', 'objects must not be empty');
    return record.objects.map(asRecord);
  }
  return [record];
}

function asRecord(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw validationError('objects', 'Each object must be a JSON object');
  return value as Record<string, unknown>;
}

/** Bulk delete body `{"objects": [{"uuid": ...}, ...]}` (bare uuid strings tolerated). */
export function uuidsOf(body: unknown): string[] {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { objects?: unknown }).objects)) {
    throw validationError('objects', 'Expected {"objects": [{"uuid": ...}, ...]}');
  }
  return ((body as { objects: unknown[] }).objects).map((item) => {
    if (typeof item === 'string') return item;
    const uuid = item && typeof item === 'object' ? (item as { uuid?: unknown }).uuid : undefined;
    if (typeof uuid !== 'string' || uuid === '') throw validationError('uuid', 'This field is required');
    return uuid;
  });
}

// ---------------------------------------------------------------------------------------------
// Lists

const DEFAULT_LIMIT = 20;

function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw validationError(name, `${name} must be a non-negative integer`);
  return Number(raw);
}

/** Split one filter parameter on commas (OR); a backslash escapes a comma. */
export function filterValues(raw: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i += 1) {
    const ch = raw[i]!;
    if (ch === '\\' && raw[i + 1] === ',') {
      current += ',';
      i += 1;
    } else if (ch === ',') {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && typeof (value as { uuid?: unknown }).uuid === 'string') return (value as { uuid: string }).uuid;
  return undefined;
}

/**
 * Apply GET filters to full objects: exact match on each of `exact` (a reference field matches
 * its uuid), plus `name__contains`. Separate parameters are ANDed, comma values ORed.
 */
export function applyFilters<T extends Record<string, unknown>>(objects: T[], query: URLSearchParams, exact: string[]): T[] {
  let out = objects;
  for (const name of exact) {
    const raw = query.get(name);
    if (raw === null) continue;
    const wanted = new Set(filterValues(raw));
    out = out.filter((o) => {
      const text = fieldText(o[name]);
      return text !== undefined && wanted.has(text);
    });
  }
  const contains = query.get('name__contains');
  if (contains !== null) {
    const parts = filterValues(contains);
    out = out.filter((o) => typeof o.name === 'string' && parts.some((p) => (o.name as string).includes(p)));
  }
  const orderBy = query.get('order_by');
  if (orderBy) {
    const desc = orderBy.startsWith('-');
    const key = desc ? orderBy.slice(1) : orderBy;
    if (key === 'name' || key === 'uuid') {
      out = [...out].sort((a, b) => String(a[key]).localeCompare(String(b[key])) * (desc ? -1 : 1));
    }
  }
  return out;
}

/** `?fields=a,b`: keep only those keys (unknown names are ignored). */
export function selectFields<T extends Record<string, unknown>>(object: T, query: URLSearchParams): Record<string, unknown> {
  const raw = query.get('fields');
  if (!raw) return object;
  const wanted = raw.split(',').map((f) => f.trim()).filter(Boolean);
  const out: Record<string, unknown> = {};
  for (const key of wanted) if (key in object) out[key] = object[key];
  return out;
}

/**
 * The `{meta: {limit, offset, total_count}, objects}` envelope; `limit=0` = all, default 20. A
 * `maxPageSize` (variant) caps any larger `limit`, and `meta.limit` says so.
 */
export function envelope(
  objects: Record<string, unknown>[],
  query: URLSearchParams,
  maxPageSize: number | null = null,
): { meta: { limit: number; offset: number; total_count: number }; objects: Record<string, unknown>[] } {
  const asked = intParam(query, 'limit', DEFAULT_LIMIT);
  const limit = maxPageSize !== null && asked > maxPageSize ? maxPageSize : asked;
  const offset = intParam(query, 'offset', 0);
  const page = limit === 0 ? objects.slice(offset) : objects.slice(offset, offset + limit);
  return { meta: { limit, offset, total_count: objects.length }, objects: page.map((o) => selectFields(o, query)) };
}

// ---------------------------------------------------------------------------------------------
// Misc

/** `"2014-06-05 09:53:28.851859+00:00"` (contract §5.1). */
export function formatTimestamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2014-06-05T09:53:28.851Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}000+00:00`;
}

/** `"2014-06-05__09_53_28"`, used in default snapshot names. */
export function nameStamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)}__${iso.slice(11, 19).replace(/:/g, '_')}`;
}

export function ref(resource: string, uuid: string): { resource_uri: string; uuid: string } {
  return { resource_uri: `/api/2.0/${resource}/${uuid}/`, uuid };
}

export function sortKeys<T extends Record<string, unknown>>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) out[key] = object[key];
  return out as T;
}
