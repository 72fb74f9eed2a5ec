/**
 * Request parameters: the query string merged with a `multipart/form-data` or
 * `application/x-www-form-urlencoded` body (body values come after query values, so a body value
 * wins where one name is given in both). Every value is a string.
 *
 * Parsing is synchronous (a small multipart reader of our own) because the kit asks for the route
 * key (`func`) and the expired-session reply synchronously.
 */
import type { SimRequest } from '../kit/http.js';

export class MalformedBodyError extends Error {}

export class FormParams {
  constructor(readonly entries: ReadonlyArray<readonly [string, string]>) {}

  /** The last value given for exactly this name. */
  get(name: string): string | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i][0] === name) return this.entries[i][1];
    return undefined;
  }

  /** The value trimmed, or '' when absent. */
  str(name: string): string {
    return (this.get(name) ?? '').trim();
  }

  has(name: string): boolean {
    return this.entries.some(([key]) => key === name);
  }

  /** Every value for the name, also under `name[]` and `name[N]` (PHP/qs array styles). */
  all(name: string): string[] {
    const indexed = new RegExp(`^${escapeRegExp(name)}\\[\\d*\\]$`);
    return this.entries.filter(([key]) => key === name || indexed.test(key)).map(([, value]) => value);
  }

  /** Last value per name, in first-seen order. */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of this.entries) out[key] = value;
    return out;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const cache = new WeakMap<SimRequest, FormParams>();

/** The request's parameters (cached per request object). Throws MalformedBodyError. */
export function paramsOf(req: SimRequest): FormParams {
  const cached = cache.get(req);
  if (cached) return cached;
  const entries: Array<[string, string]> = [...req.query.entries()];
  if (req.body.length > 0) entries.push(...parseBody(req.body, headerValue(req.headers['content-type'])));
  const params = new FormParams(entries);
  cache.set(req, params);
  return params;
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value[0] ?? '' : value ?? '';
}

export function parseBody(body: Buffer, contentType: string): Array<[string, string]> {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    const boundary = match?.[1] ?? match?.[2];
    if (!boundary) throw new MalformedBodyError('multipart/form-data without a boundary');
    return parseMultipart(body, boundary);
  }
  if (type === 'application/json') return []; // not a form: BILLmanager reads forms only
  // urlencoded, text/plain or no content type: read as a urlencoded form
  return [...new URLSearchParams(body.toString('utf8')).entries()];
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** RFC 7578 multipart/form-data. File parts are read as UTF-8 text like any other value. */
export function parseMultipart(body: Buffer, boundary: string): Array<[string, string]> {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const out: Array<[string, string]> = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new MalformedBodyError('multipart body without its boundary');
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return out; // closing "--boundary--"
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++; // transport padding
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MalformedBodyError('bad multipart delimiter line');
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new MalformedBodyError('multipart part without a header end');
    const headersText = body.subarray(pos, headerEnd).toString('utf8');
    const contentStart = headerEnd + HEADER_END.length;
    const contentEnd = body.indexOf(nextDelimiter, contentStart);
    if (contentEnd < 0) throw new MalformedBodyError('multipart body is not terminated');
    const name = partName(headersText);
    if (name !== undefined) out.push([name, body.subarray(contentStart, contentEnd).toString('utf8')]);
    pos = contentEnd + 2;
  }
}

function partName(headers: string): string | undefined {
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const value = line.slice(colon + 1);
    const quoted = /;\s*name="((?:[^"\\]|\\.)*)"/i.exec(value);
    if (quoted) {
      return quoted[1]
        .replace(/\\(.)/g, '$1')
        .replace(/%22/g, '"')
        .replace(/%0D/gi, '\r')
        .replace(/%0A/gi, '\n');
    }
    const bare = /;\s*name=([^;\s]+)/i.exec(value);
    if (bare) return bare[1];
  }
  return undefined;
}

/** Element ids given as "1, 2" (the BILLmanager multi-select separator), also "1,2" or repeated. */
export function idList(params: FormParams, name: string): string[] {
  return params
    .all(name)
    .flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}
