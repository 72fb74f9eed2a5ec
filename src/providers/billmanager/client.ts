/**
 * BILLmanager (Zomro Cloud VPS) form-API client (contract: shared/providers/billmanager.md).
 *
 * - Transport (§1): every call is a POST of an urlencoded form to the base URL with `func`,
 *   `out=json`, `lang=en` (so weekday names come back in English) and the session id in `auth`.
 *   Every value is sent as a string; nothing secret ever goes into the URL.
 * - Session (§4.1): `func=auth` with username and password, the id read from `doc.auth.$id`
 *   (or its text). A refused login tells UpstreamHttp the credentials were rejected (health
 *   DOWN, with the user's name and never the password); a session id, that they were accepted.
 *   We log in lazily and share one login between concurrent calls. When an answer says the
 *   session is dead (HTTP 200 like every API outcome), we log in again once and repeat the call
 *   once. Repeating is safe also for writes: a call refused for its session did nothing upstream.
 *   Neither `access` (also some panels' answer for an unknown id, §8) nor "Insufficient
 *   privileges" (§2.4: also a real lack of rights) says so alone: `keepalive` (§4.1) tells.
 * - Envelope (§2): `{"doc": …}`; `doc.error` is the only failure signal, whatever the HTTP status.
 *   `scalar()` reads `{"$": v}` (or `$orig` with `origOf`), `{}` as "", a repeated field as its
 *   first value; `elemsOf()` treats an absent `elem` as an empty list and a lone object as a list
 *   of one.
 * - Errors (§2.4, §6): `auth` (e.g. `badpassword`) -> UpstreamRejectedError naming the user;
 *   `runningoperation` (whatever its `$type`) -> ConflictError; `missed` -> NotFoundError (other
 *   panels answer an unknown id with `access`, a bare message or an empty list, so the provider
 *   never relies on this alone: reads.ts confirms absence by the instance list) (an
 *   unknown `func` -> UpstreamRejectedError: the install lacks the function, nothing the caller
 *   asked for is missing); a field error (`$type=value`, or any other type whose `$object` names a
 *   field) -> ValidationError with that wire field in `field` (the provider maps it to its input
 *   field); everything else -> UpstreamRejectedError. Messages use `msg` (else `detail`) with the
 *   `__name__` placeholders filled from `param`, name the `func` and pass through `redact` with
 *   the password and every session id this client ever held.
 * - Lists (§1, §2.1): `list()` asks for pages of PAGE_SIZE (`p_cnt`, 1-based `p_num`, sorted by
 *   `+id` for stable pages) and follows `p_elems` (the total) until every element is in; without
 *   `p_elems` it stops at a short or empty page. A server that answers the same page again, or
 *   more pages than MAX_PAGES, is an error, never a silently shortened list. Identical list reads
 *   share their upstream calls in UpstreamHttp.
 * - Only reads are `idempotent` (retried by UpstreamHttp); login and writes are sent once.
 */
import { ConflictError, NotFoundError, UpstreamRejectedError, UpstreamUnavailableError, ValidationError } from '../../domain/errors.js';
import { scopedOnce, type RequestScope } from '../../domain/request-scope.js';
import type { UpstreamHttp } from '../../upstream/http-client.js';
import { responseJson } from '../../upstream/response-json.js';
import { redact } from '../../upstream/redact.js';
import { isRecord, str, type Wire } from '../wire.js';

export interface BillmanagerConnection {
  providerId: string;
  /** e.g. https://api.zomro.com/ (the root) or …/billmgr */
  baseUrl: string;
  username: string;
  password: string;
}

export type { Wire };
export type FormValue = string | number | undefined;

export interface CallOptions {
  /** Reads may be retried by the HTTP layer; writes are sent once. Default: false. */
  idempotent?: boolean;
  /** Extra values to keep out of error messages (e.g. a generated rebuild password). */
  secrets?: string[];
}

export interface ListResult {
  elems: Wire[];
  /** The first page's `doc`, for doc-level extras (e.g. `backup_rotation`). */
  doc: Wire;
}

/** Elements per page asked for; the server may answer with fewer. */
export const PAGE_SIZE = 500;
/** A hard stop against a server whose paging never ends. */
const MAX_PAGES = 1_000;
/** Error `$type`s that are not about one field. */
const NON_FIELD_TYPES = new Set(['auth', 'access', 'missed']);
/** Error `$object`s that are not input fields. */
const NON_FIELD_OBJECTS = new Set(['limit', 'badpassword', 'func', 'runningoperation']);
/** Session ids kept for redaction: the current one and a few before it (a re-login per idle hour). */
const SESSION_IDS_KEPT = 8;

export class BillmanagerClient {
  private session?: Promise<string>;
  /** The last SESSION_IDS_KEPT session ids held: redacted from any text that leaves this client. */
  private readonly sessionIds = new Set<string>();

  constructor(
    private readonly connection: BillmanagerConnection,
    private readonly http: UpstreamHttp,
  ) {}

  get providerId(): string {
    return this.connection.providerId;
  }

  /** Call `func` with the session; re-login once on an expired session. Returns `doc`. */
  async call(scope: RequestScope | undefined, func: string, params: Record<string, FormValue> = {}, options: CallOptions = {}): Promise<Wire> {
    const sessionId = await this.sessionId();
    let doc = await this.send(scope, func, params, options, sessionId);
    if (errorOf(doc) && (await this.isSessionProblem(doc, sessionId))) {
      await this.forget(sessionId);
      const fresh = await this.sessionId();
      doc = await this.send(scope, func, params, options, fresh);
      if (errorOf(doc) && (await this.isSessionProblem(doc, fresh))) {
        await this.forget(fresh);
        throw new UpstreamRejectedError(
          this.providerId,
          `provider "${this.providerId}" refused ${func} for user "${this.connection.username}" right after a fresh login: ${this.messageOf(errorOf(doc)!, options)}`,
        );
      }
    }
    return this.check(func, doc, options);
  }

  /**
   * Every element of a list function, all pages. Identical reads share their pages in
   * UpstreamHttp (within a GraphQL request, and while one is on the wire); within a request,
   * the assembled list is shared too (the VM and the schedule listings both read every
   * instance's schedules: some hundred lists a dashboard need not page through twice).
   * Callers treat it as read-only.
   */
  list(scope: RequestScope | undefined, func: string, params: Record<string, FormValue> = {}): Promise<ListResult> {
    let key = `${this.providerId}\u0000list\u0000${func}`;
    for (const name in params) key += `\u0000${name}=${params[name] ?? ''}`;
    return scopedOnce(scope, key, () => this.allPages(scope, func, params));
  }

  private async allPages(scope: RequestScope | undefined, func: string, params: Record<string, FormValue>): Promise<ListResult> {
    const elems: Wire[] = [];
    const seen = new Set<string>();
    let first: Wire | undefined;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const doc = await this.call(scope, func, { ...params, p_cnt: PAGE_SIZE, p_num: page, p_col: '+id' }, { idempotent: true });
      first ??= doc;
      const items = elemsOf(doc);
      let added = 0;
      for (const item of items) {
        const key = idOf(item) || JSON.stringify(item);
        if (seen.has(key)) continue;
        seen.add(key);
        elems.push(item);
        added += 1;
      }
      if (items.length === 0) return { elems, doc: first };
      const total = intOf(doc.p_elems);
      if (added === 0) {
        if (total !== undefined && elems.length >= total) return { elems, doc: first };
        throw new UpstreamUnavailableError(
          this.providerId,
          `provider "${this.providerId}" answered page ${page} of ${func} with elements already listed; the list would be incomplete, so it is not used`,
        );
      }
      if (total !== undefined) {
        if (elems.length >= total) return { elems, doc: first };
        continue;
      }
      if (items.length < (intOf(doc.p_cnt) ?? PAGE_SIZE)) return { elems, doc: first };
    }
    throw new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" listed ${func} over more than ${MAX_PAGES} pages; the list is not used`);
  }

  /** How many entries the client's own maps hold (bounded memory, checked by tests). */
  get sizes(): { sessionIds: number } {
    return { sessionIds: this.sessionIds.size };
  }

  /** End our use of the session. BILLmanager has no documented logout, so the session simply idles out. */
  async close(): Promise<void> {
    this.session = undefined;
  }

  // ---------------------------------------------------------------------------- session

  private sessionId(): Promise<string> {
    this.session ??= this.login().catch((error) => {
      this.session = undefined;
      throw error;
    });
    return this.session;
  }

  /** Drop the session if it is still the current one (another call may have logged in already). */
  private async forget(sessionId: string): Promise<void> {
    if (this.session && (await this.session.catch(() => undefined)) === sessionId) this.session = undefined;
  }

  private async login(): Promise<string> {
    const { username, password } = this.connection;
    const doc = await this.send(undefined, 'auth', { username, password }, { idempotent: false });
    const error = errorOf(doc);
    if (error) {
      const refusal = `provider "${this.providerId}" refused the login of user "${username}" (the credentials were rejected): ${this.messageOf(error)}`;
      this.http.credentialsRejected(refusal);
      throw new UpstreamRejectedError(this.providerId, refusal);
    }
    const id = sessionIdOf(doc.auth);
    if (!id) {
      throw new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" answered the login of user "${username}" without a session id`);
    }
    this.sessionIds.add(id);
    if (this.sessionIds.size > SESSION_IDS_KEPT) this.sessionIds.delete(this.sessionIds.values().next().value!);
    this.http.credentialsAccepted();
    return id;
  }

  /**
   * A dead session, as `keepalive` tells it (§4.1 [C]): the `access` error is also how some
   * panels answer an id they do not have (§8), and "Insufficient privileges" also a real lack of
   * rights (§2.4), so neither alone is reason to log in again. Concurrent answers for one session
   * (a dashboard's two hundred reads when it expires) share one probe: identical reads on the
   * wire share their request in UpstreamHttp. A probe that fails keeps the `access` error's
   * plain meaning: the session.
   */
  private async isSessionProblem(doc: Wire, sessionId: string): Promise<boolean> {
    const error = errorOf(doc);
    if (!error) return false;
    const access = str(error.$type) === 'access';
    if (!access && !/insufficient privileges|недостаточно прав/i.test(rawMessageOf(error))) return false;
    const probe = await this.send(undefined, 'keepalive', {}, { idempotent: true }, sessionId).catch(() => undefined);
    return probe === undefined ? access : str(errorOf(probe)?.$type) === 'access';
  }

  // ---------------------------------------------------------------------------- transport

  /** One form POST; `auth`, the session id, when the function needs one. */
  private async send(scope: RequestScope | undefined, func: string, params: Record<string, FormValue>, options: CallOptions, auth?: string): Promise<Wire> {
    // Built by hand: URLSearchParams costs more, and some two hundred forms go out per dashboard.
    let form = `func=${encodeURIComponent(func)}&out=json&lang=en`;
    for (const key in params) {
      const value = params[key];
      if (value !== undefined) form += `&${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
    }
    if (auth !== undefined) form += `&auth=${encodeURIComponent(auth)}`;
    const response = await this.http.request({
      method: 'POST',
      url: this.connection.baseUrl,
      label: func,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      idempotent: options.idempotent ?? false,
      scope,
    });
    let parsed: unknown;
    try {
      parsed = responseJson(response);
    } catch {
      parsed = undefined;
    }
    const doc = isRecord(parsed) && isRecord(parsed.doc) ? parsed.doc : undefined;
    if (!doc) {
      // A WAF or proxy in front of the panel (§2: 403, 460 for blocked addresses) answers with HTML.
      if (response.status >= 400) {
        throw new UpstreamRejectedError(this.providerId, `provider "${this.providerId}" answered ${func} with HTTP ${response.status}`);
      }
      throw new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" answered ${func} with a body that is not a JSON {"doc": …} envelope`);
    }
    return doc;
  }

  private check(func: string, doc: Wire, options: CallOptions): Wire {
    const error = errorOf(doc);
    if (!error) return doc;
    const type = str(error.$type) ?? '';
    const object = str(error.$object) ?? '';
    const why = this.messageOf(error, options);
    const { providerId } = this;
    if (object === 'runningoperation') {
      throw new ConflictError(`provider "${providerId}" refused ${func}: another operation is running on the instance: ${why}`, providerId);
    }
    if (type === 'auth') {
      throw new UpstreamRejectedError(providerId, `provider "${providerId}" refused ${func} for user "${this.connection.username}": ${why}`);
    }
    if (type === 'missed') {
      if (object === 'func') throw new UpstreamRejectedError(providerId, `provider "${providerId}" does not offer the function ${func}: ${why}`);
      throw new NotFoundError(`provider "${providerId}" answered ${func}: ${why}`, providerId);
    }
    const field = fieldOf(object);
    if (field && !NON_FIELD_TYPES.has(type) && !NON_FIELD_OBJECTS.has(field)) {
      throw new ValidationError(`provider "${providerId}" refused ${func}: ${why}`, field, providerId);
    }
    throw new UpstreamRejectedError(providerId, `provider "${providerId}" refused ${func}: ${why}`);
  }

  /** The error text, placeholders filled, secrets removed. */
  private messageOf(error: Wire, options: CallOptions = {}): string {
    const text = rawMessageOf(error) || [str(error.$type), str(error.$object)].filter(Boolean).join('/') || 'no reason given';
    return redact(text, [this.connection.password, ...this.sessionIds, ...(options.secrets ?? [])]);
  }
}

// ------------------------------------------------------------------------------ doc helpers

export { isRecord };

/** A scalar: `{"$": v}`, a bare string or number, `{}` as "", a repeated field as its first value. */
export function scalar(value: unknown): string {
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = scalar(item);
      if (text !== '') return text;
    }
    return '';
  }
  if (isRecord(value)) return str(value.$) ?? '';
  return str(value) ?? '';
}

/** Every value of a possibly repeated scalar field. */
export function scalars(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map(scalar).filter((text) => text !== '');
}

/** The raw value of a formatted field (`$orig`, even an empty one), else its text. */
export function origOf(value: unknown): string {
  const node = Array.isArray(value) ? value[0] : value;
  if (isRecord(node) && (typeof node.$orig === 'string' || typeof node.$orig === 'number')) return String(node.$orig);
  return scalar(value);
}

/** `elem` as a list: absent -> [], a lone object -> [it]. */
export function elemsOf(doc: Wire): Wire[] {
  const elem = doc.elem;
  if (Array.isArray(elem)) return elem.filter(isRecord);
  if (isRecord(elem)) return [elem];
  return [];
}

/** An element's id (`id`, or `elid` in older panel versions). */
export function idOf(elem: Wire): string {
  return scalar(elem.id) || scalar(elem.elid);
}

export function intOf(value: unknown): number | undefined {
  const text = scalar(value).trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

function errorOf(doc: Wire): Wire | undefined {
  const error = Array.isArray(doc.error) ? doc.error[0] : doc.error;
  return isRecord(error) ? error : undefined;
}

function sessionIdOf(auth: unknown): string | undefined {
  const node = Array.isArray(auth) ? auth[0] : auth;
  const id = isRecord(node) ? (str(node.$id) ?? str(node.$)) : str(node);
  return id && id.trim() !== '' ? id.trim() : undefined;
}

/** `msg` (else `detail`) with `__name__` placeholders replaced by the `param` of that name. */
function rawMessageOf(error: Wire): string {
  let text = scalar(error.msg) || scalar(error.detail);
  const params = (Array.isArray(error.param) ? error.param : [error.param]).filter(isRecord);
  for (const param of params) {
    const name = str(param.$name);
    if (name) text = text.split(`__${name}__`).join(scalar(param));
  }
  return text.trim();
}

/** `$object` as a field name; Zomro modules may put `{"field": ["error_key"]}` there (§2.4). */
function fieldOf(object: string): string | undefined {
  if (object.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(object);
      if (isRecord(parsed)) return Object.keys(parsed)[0];
    } catch {
      return undefined;
    }
  }
  return /^[A-Za-z_][\w.]*$/.test(object) ? object : undefined;
}
