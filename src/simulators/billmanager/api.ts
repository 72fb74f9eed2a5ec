/**
 * The request pipeline behind the kit's HTTP shell: path check, parameter parsing, schedule
 * evaluation up to "now", `func=auth`, authentication (`auth` session with a sliding idle expiry
 * on the SimClock, or one-shot `authinfo=user:password`), dispatch to the handlers, and the
 * `doc` reply (HTTP 200 for every API-level outcome).
 */
import { randomBytes } from 'node:crypto';
import type { SimClock } from '../kit/clock.js';
import type { SimReply, SimRequest } from '../kit/http.js';
import { ApiError, bareScalars, docReply, errorNode, errors, listDoc, outFormatOf, tparams, type DocNode, type OutFormat } from './envelope.js';
import { FormParams, MalformedBodyError, paramsOf } from './form.js';
import { handlers, LIST_FUNCS, UnknownElement, type ApiConfig } from './handlers.js';
import type { ScheduleEngine } from './schedule.js';
import type { BillmanagerState, SessionRecord } from './state.js';

export interface ApiDeps {
  state: BillmanagerState;
  engine: ScheduleEngine;
  clock: SimClock;
  config: ApiConfig;
  username: string;
  password: string;
  sessionIdleMs: number;
}

/** The paths that serve the API (Zomro answers at the root and at /billmgr). */
const API_PATHS = new Set(['/', '/billmgr', '/billmgr/']);

/** ISPsystem's user access level, reported in `doc.auth.$level`. */
const USER_LEVEL = '16';

export class BillmanagerApi {
  constructor(private readonly deps: ApiDeps) {}

  /** The route key for the request log and per-route faults: the `func` value ('' when absent). */
  routeKeyOf = (req: SimRequest): string => {
    try {
      return paramsOf(req).get('func') ?? '';
    } catch {
      return '';
    }
  };

  /**
   * The kit's `expireSessions` fault: a request carrying a session id gets the `access` error and
   * its session is dropped (so the client must log in again). `func=auth` and `authinfo`
   * requests carry no session and go through.
   */
  expiredSessionReply = (req: SimRequest): SimReply | undefined => {
    let params: FormParams;
    try {
      params = paramsOf(req);
    } catch {
      return undefined;
    }
    const sessionId = params.str('auth');
    if (params.get('func') === 'auth' || !sessionId) return undefined;
    this.deps.state.sessions.delete(sessionId);
    return this.reply({ error: errorNode(this.sessionError(params.get('func') ?? '').spec, langOf(params)) }, outFormatOf(params.get('out')));
  };

  /** A dead session's error in the configured form; `keepalive` always answers `access` (§4.1 [C]). */
  private sessionError(func: string): ApiError {
    return this.deps.config.variants.expiredSession === 'privileges' && func !== 'keepalive' ? errors.privileges(func) : errors.access();
  }

  private reply(doc: DocNode, out: OutFormat): SimReply {
    return docReply(this.deps.config.variants.scalars === 'bare' ? (bareScalars(doc) as DocNode) : doc, out);
  }

  handle = (req: SimRequest): SimReply => {
    if (!API_PATHS.has(req.path)) return { status: 404, body: `Not Found: ${req.path}` };
    if (req.method !== 'GET' && req.method !== 'POST') {
      return { status: 405, headers: { allow: 'GET, POST' }, body: 'Method Not Allowed' };
    }
    let params: FormParams;
    try {
      params = paramsOf(req);
    } catch (error) {
      if (error instanceof MalformedBodyError) return { status: 400, body: `Bad Request: ${error.message}` };
      throw error;
    }
    const out = outFormatOf(params.get('out'));
    const lang = langOf(params);
    const { state, engine, clock } = this.deps;
    const now = clock.now();
    engine.evaluate(now);

    const func = params.get('func') ?? '';
    try {
      if (func === 'auth') return this.reply(this.login(params, req, now), out);
      const handler = Object.hasOwn(handlers, func) ? handlers[func] : undefined;
      if (!handler) throw errors.missedFunc(func);
      const session = this.authenticate(params, req, now);
      let body: DocNode;
      try {
        body = handler({ state, params, now, session, config: this.deps.config });
      } catch (error) {
        if (!(error instanceof UnknownElement)) throw error;
        body = this.emptyAnswer(func, params);
      }
      return this.reply({ $lang: lang, $func: func, ...body, tparams: tparams(params) }, out);
    } catch (error) {
      if (error instanceof ApiError) return this.reply({ error: errorNode(error.spec, lang) }, out);
      throw error;
    }
  }

  /** The `empty` not-found variant: a list with no elements, a view with no fields, a write that did nothing. */
  private emptyAnswer(func: string, params: FormParams): DocNode {
    if (func.endsWith('.delete') || params.str('sok') !== '') return { ok: {} };
    if (LIST_FUNCS.has(func)) return listDoc([], params, { defaultPageSize: this.deps.config.defaultPageSize });
    return {};
  };

  private checkPassword(username: string, password: string): boolean {
    return username === this.deps.username && password === this.deps.password;
  }

  /** `func=auth`: username + password (or authinfo) -> a new session id. */
  private login(params: FormParams, req: SimRequest, now: number): DocNode {
    let username = params.get('username') ?? '';
    let password = params.get('password') ?? '';
    const authinfo = params.get('authinfo');
    if (!username && authinfo !== undefined) [username, password] = splitAuthinfo(authinfo);
    if (!this.checkPassword(username, password)) throw errors.badPassword(remoteAddr(req));
    const id = randomBytes(12).toString('hex');
    this.deps.state.sessions.set(id, { id, username, createdAt: now, lastUsed: now, instanceFilter: {} });
    return { auth: { $id: id, $level: USER_LEVEL, $: id } };
  }

  /** A session for the call: `auth` (sliding idle expiry) first, then `authinfo`. */
  private authenticate(params: FormParams, req: SimRequest, now: number): SessionRecord {
    const { state, sessionIdleMs } = this.deps;
    const sessionId = params.str('auth');
    if (sessionId) {
      const session = state.sessions.get(sessionId);
      if (!session || now - session.lastUsed >= sessionIdleMs) {
        state.sessions.delete(sessionId);
        throw this.sessionError(params.get('func') ?? '');
      }
      session.lastUsed = now;
      return session;
    }
    const authinfo = params.get('authinfo');
    if (authinfo !== undefined) {
      const [username, password] = splitAuthinfo(authinfo);
      if (!this.checkPassword(username, password)) throw errors.badPassword(remoteAddr(req));
      // one-shot: a throwaway session, so a filter set with authinfo does not persist
      return { id: '', username, createdAt: now, lastUsed: now, instanceFilter: {} };
    }
    throw this.sessionError(params.get('func') ?? '');
  }

  /** Drop sessions idle past the limit (housekeeping; expiry itself is checked per request). */
  sweepSessions(now: number): void {
    for (const [id, session] of this.deps.state.sessions) {
      if (now - session.lastUsed >= this.deps.sessionIdleMs) this.deps.state.sessions.delete(id);
    }
  }
}

function splitAuthinfo(value: string): [string, string] {
  const colon = value.indexOf(':');
  return colon < 0 ? [value, ''] : [value.slice(0, colon), value.slice(colon + 1)];
}

function langOf(params: FormParams): string {
  return params.str('lang') || 'en';
}

function remoteAddr(req: SimRequest): string {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || '127.0.0.1';
}
