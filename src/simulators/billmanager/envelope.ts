/**
 * The `doc` envelope: BILLmanager's XML document mapped to JSON (attribute -> "$name", text ->
 * "$", child -> key, repeated children -> array, empty element -> {}), every scalar a string.
 * Handlers build documents in this JSON shape; `out=xml` renders the same tree back as XML.
 */
import type { SimReply } from '../kit/http.js';
import type { FormParams } from './form.js';

export type DocValue = string | DocNode | DocNode[];
export interface DocNode {
  [key: string]: DocValue;
}

/** A scalar: `{"$": "5"}`. */
export function s(value: string | number | boolean): DocNode {
  return { $: String(value) };
}

/** A formatted value carrying its raw value: `{"$orig": "on", "$": "on"}`. */
export function orig(raw: string, shown: string): DocNode {
  return { $orig: raw, $: shown };
}

/** A select box: `{"$name": field, "val": [{"$key": k, "$": label}]}` (no `val` when empty). */
export function slist(name: string, options: Array<[string, string]>): DocNode {
  const node: DocNode = { $name: name };
  if (options.length > 0) node.val = options.map(([key, label]) => ({ $key: key, $: label }));
  return node;
}

// ---------------------------------------------------------------------------------- errors

export interface ErrorSpec {
  /** Absent for errors whose `$type` the contract does not know (the node then has none). */
  type?: string;
  object?: string;
  msg: string;
  detail?: string;
  params?: Array<{ name: string; type?: string; value: string }>;
}

/** Thrown by handlers; the dispatcher turns it into `doc.error` (still HTTP 200). */
export class ApiError extends Error {
  constructor(readonly spec: ErrorSpec) {
    super(spec.msg);
  }
}

export function errorNode(spec: ErrorSpec, lang: string): DocNode {
  const node: DocNode = {};
  if (spec.type !== undefined) node.$type = spec.type;
  if (spec.object !== undefined) node.$object = spec.object;
  node.$lang = lang;
  node.msg = s(spec.msg);
  node.detail = s(spec.detail ?? spec.msg);
  if (spec.params?.length) {
    node.param = spec.params.map((p) => {
      const param: DocNode = { $name: p.name };
      if (p.type) param.$type = p.type;
      param.$ = p.value;
      return param;
    });
  }
  return node;
}

export const errors = {
  badPassword: (remoteAddr: string) =>
    new ApiError({
      type: 'auth',
      object: 'badpassword',
      msg: 'Invalid username or password',
      params: [
        { name: 'object', type: 'msg', value: 'badpassword' },
        { name: 'value', value: `remote_addr: [${remoteAddr}]` },
      ],
    }),
  access: () =>
    new ApiError({
      type: 'access',
      msg: 'Access denied. Your session has expired or is invalid, please log in again',
    }),
  /** The "Insufficient privileges" answer to a dead session ([C] text, [?] type: none given). */
  privileges: (func: string) =>
    new ApiError({
      msg: `Insufficient privileges to perform the function '${func}'`,
    }),
  /** An unknown element answered with a message only (no `$type`, no `$object`). */
  unknownElement: (id: string) => new ApiError({ msg: `Object '${id}' not found` }),
  missedFunc: (func: string) =>
    new ApiError({
      type: 'missed',
      object: 'func',
      msg: `Could not find function '${func}'. The control module may not be loaded`,
      params: [{ name: 'value', value: func }],
    }),
  missedElement: (field: string, id: string) =>
    new ApiError({
      type: 'missed',
      object: field,
      msg: `The item '${id}' does not exist`,
      params: [
        { name: 'object', type: 'msg', value: field },
        { name: 'value', value: id },
      ],
    }),
  /** Invalid or missing field value. Pass `echo: false` for secrets. */
  field: (field: string, value: string, why?: string, echo = true) =>
    new ApiError({
      type: 'value',
      object: field,
      msg: `The value of the '${field}' field is invalid${why ? `: ${why}` : ''}`,
      params: [
        { name: 'object', type: 'msg', value: field },
        { name: 'value', value: echo ? value : '' },
      ],
    }),
  runningOperation: (instanceId: string, what: string) =>
    new ApiError({
      type: 'value',
      object: 'runningoperation',
      msg: `Another operation (${what}) is already running on the instance. Please wait until it finishes`,
      params: [{ name: 'value', value: instanceId }],
    }),
  limit: (what: string) => new ApiError({ type: 'value', object: 'limit', msg: `The limit has been reached: ${what}` }),
};

// ---------------------------------------------------------------------------------- lists

export interface ListOptions {
  /** Page size when the client sends no (valid) `p_cnt`. */
  defaultPageSize: number;
  /** Column sorted by when there is no valid `p_col`. */
  defaultSort?: string;
  /** The largest page served whatever `p_cnt` asks (0 or absent: no cap). */
  pageCap?: number;
}

/**
 * Sorts (`p_col` "+col"/"-col"/"col"), pages (`p_cnt`, 1-based `p_num`) and wraps a list:
 * `elem` is absent when the page is empty; `p_cnt`, `p_num`, `p_elems` (total) always present.
 */
export function listDoc(rows: DocNode[], params: FormParams, options: ListOptions): DocNode {
  const sort = parseSort(params.str('p_col'), rows, options.defaultSort ?? 'id');
  const sorted = [...rows].sort((a, b) => compareCells(cell(a, sort.column), cell(b, sort.column)) * (sort.descending ? -1 : 1));
  const asked = positiveInt(params.str('p_cnt')) ?? options.defaultPageSize;
  const size = options.pageCap ? Math.min(asked, options.pageCap) : asked;
  const page = positiveInt(params.str('p_num')) ?? 1;
  const slice = sorted.slice((page - 1) * size, page * size);
  const doc: DocNode = {};
  if (slice.length > 0) doc.elem = slice;
  doc.p_cnt = s(size);
  doc.p_num = s(page);
  doc.p_elems = s(rows.length);
  doc.p_sort = s(sort.column);
  doc.p_order = s(sort.descending ? 'desc' : 'asc');
  return doc;
}

function parseSort(pCol: string, rows: DocNode[], fallback: string): { column: string; descending: boolean } {
  const m = /^([+-]?)\s*([A-Za-z_][\w.]*)$/.exec(pCol);
  if (m && (rows.length === 0 || rows.some((row) => m[2] in row))) return { column: m[2], descending: m[1] === '-' };
  return { column: fallback, descending: false };
}

function cell(row: DocNode, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  const node = Array.isArray(value) ? value[0] : value; // a repeated field sorts by its first value
  if (!node) return '';
  const raw = node.$orig ?? node.$;
  return typeof raw === 'string' ? raw : '';
}

function compareCells(a: string, b: string): number {
  const numeric = /^-?\d+(\.\d+)?$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function positiveInt(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 ? n : undefined;
}

// ---------------------------------------------------------------------------------- output

export type OutFormat = 'json' | 'xml';

/** `json`/`sjson`/`xjson`/`JSONdata`/anything else -> JSON; no `out`, `xml` or `devel` -> XML. */
export function outFormatOf(out: string | undefined): OutFormat {
  const value = (out ?? '').trim().toLowerCase();
  return value === '' || value === 'xml' || value === 'devel' ? 'xml' : 'json';
}

/** Parameters never echoed back in `tparams`. */
const SECRET_PARAMS = new Set(['password', 'authinfo', 'passwd', 'confirm', 'key']);

/** `tparams`: the request parameters, each `{"$": value}`, secrets left out. */
export function tparams(params: FormParams): DocNode {
  const node: DocNode = {};
  for (const [key, value] of Object.entries(params.toRecord())) {
    if (SECRET_PARAMS.has(key) || !/^[A-Za-z_][\w.-]*$/.test(key)) continue;
    node[key] = s(value);
  }
  return node;
}

/** Every `{"$": v}` node with nothing else in it as the bare string `v` (the `bare` scalars variant). */
export function bareScalars(value: DocValue): DocValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => bareScalars(item)) as DocNode[];
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$' && typeof value.$ === 'string') return value.$;
  const node: DocNode = {};
  for (const [key, child] of Object.entries(value)) node[key] = bareScalars(child);
  return node;
}

/** The HTTP reply for a document: always 200 (errors included). */
export function docReply(doc: DocNode, out: OutFormat): SimReply {
  if (out === 'xml') {
    return {
      status: 200,
      headers: { 'content-type': 'text/xml; charset=UTF-8' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n${toXml('doc', doc)}\n`,
    };
  }
  return { status: 200, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify({ doc }) };
}

/** The reverse of the JSON mapping, for `out=xml`. */
export function toXml(name: string, value: DocValue): string {
  if (typeof value === 'string') return `<${name}>${escapeXml(value)}</${name}>`;
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  let attrs = '';
  let text = '';
  let children = '';
  for (const [key, child] of Object.entries(value)) {
    if (key === '$') text = escapeXml(String(child));
    else if (key.startsWith('$')) attrs += ` ${key.slice(1)}="${escapeXml(String(child))}"`;
    else children += toXml(key, child);
  }
  if (!text && !children) return `<${name}${attrs}/>`;
  return `<${name}${attrs}>${text}${children}</${name}>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
