/**
 * CloudSigma API 2.0 client (contract: shared/providers/cloudsigma.md).
 *
 * - Auth: `Authorization: Bearer <token>` when a token is configured, else HTTP Basic (§1.2).
 *   No sessions, so nothing to log in to or end.
 * - Every request asks for JSON, and carries `X-REQUEST-ID` (UpstreamHttp: the GraphQL request's
 *   id when there is one); bodies are sent as JSON (§1.3).
 * - Lists: the `{meta, objects}` envelope (§1.6). `list()` asks for pages of PAGE_SIZE with
 *   `limit`/`offset` and follows `meta.total_count` until every object is in, whatever page size
 *   the server really used (the default of 20 is never a silent cap). It reads `/detail/`, since
 *   the plain lists are reduced (§2.2, §7.1). Identical list reads in flight at the same moment
 *   share one upstream call.
 * - Creates send `{"objects": [...]}` and read `objects` (§3.6); single objects, PUT and actions
 *   are accepted bare or wrapped. A 204 body is never parsed.
 * - Errors (§1.5) are arrays of `{error_point, error_type, error_message}`:
 *   `validation` / 400 -> ValidationError (field = error_point), `notexist` / 404 -> NotFoundError,
 *   `permission` / 403 and everything else 4xx -> UpstreamRejectedError ("the provider refused"),
 *   401 -> CredentialsRejectedError ("the credentials were rejected"; the provider goes DOWN).
 *   5xx and 429 -> UpstreamUnavailableError
 *   (by UpstreamHttp). Messages name a route template, never the URL, and pass through `redact`
 *   with the password and token.
 * - Only reads are `idempotent` (retried by UpstreamHttp); writes are sent once.
 * - References may come as `{resource_uri, uuid}` objects or bare URIs / uuids (map.ts `refUuid`);
 *   pages may be capped below PAGE_SIZE; timestamps may carry no zone (read as UTC).
 */
import { NotFoundError, UpstreamRejectedError, UpstreamUnavailableError, ValidationError } from '../../domain/errors.js';
import type { UpstreamHttp, UpstreamResponse } from '../../upstream/http-client.js';
import { responseJson } from '../../upstream/response-json.js';
import { redact } from '../../upstream/redact.js';
import type { RequestScope } from '../../domain/request-scope.js';
import { isRecord, type Wire } from '../wire.js';

export interface CloudSigmaConnection {
  providerId: string;
  /** e.g. https://zrh.cloudsigma.com/api/2.0/ */
  baseUrl: string;
  username?: string;
  password?: string;
  token?: string;
}

export type { Wire };

/** HTTP 401: the configured credentials were rejected (not a refusal of one request). */
export class CredentialsRejectedError extends UpstreamRejectedError {}

/** One upstream error object (§1.5); every field may be missing on odd installs. */
export interface CloudSigmaErrorItem {
  error_point?: string | null;
  error_type?: string;
  error_message?: string;
}

/** Objects per page asked for; the server may answer with fewer. */
export const PAGE_SIZE = 500;
/** A hard stop against a server whose `total_count` never converges. */
const MAX_PAGES = 10_000;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface SendOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Route template for errors and metrics, e.g. "drives/{uuid}/action/set_scheduler". */
  label: string;
}

export class CloudSigmaClient {
  private readonly base: string;
  private readonly authorization: string;
  private readonly secrets: string[];

  constructor(
    private readonly connection: CloudSigmaConnection,
    private readonly http: UpstreamHttp,
  ) {
    this.base = connection.baseUrl.endsWith('/') ? connection.baseUrl : `${connection.baseUrl}/`;
    if (connection.token) {
      this.authorization = `Bearer ${connection.token}`;
    } else {
      const basic = Buffer.from(`${connection.username ?? ''}:${connection.password ?? ''}`).toString('base64');
      this.authorization = `Basic ${basic}`;
    }
    this.secrets = [connection.password, connection.token, this.authorization.split(' ')[1]].filter((s): s is string => !!s);
  }

  get providerId(): string {
    return this.connection.providerId;
  }

  /**
   * Every object of `resource` (e.g. "drives"), full form (`/detail/`), all pages.
   * `filters` are exact GET filters (e.g. `{drive: uuid}`). Repeated reads are shared by
   * UpstreamHttp (within a GraphQL request, and while one is on the wire).
   */
  async list(scope: RequestScope | undefined, resource: string, filters: Record<string, string> = {}): Promise<Wire[]> {
    const label = `${resource}/detail`;
    const byUuid = new Map<string, Wire>();
    const anonymous: Wire[] = [];
    let offset = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.send(scope, 'GET', `${resource}/detail/`, { label, query: { ...filters, limit: String(PAGE_SIZE), offset: String(offset) } });
      const { objects, total } = this.envelope(label, body);
      for (const object of objects) {
        const uuid = typeof object.uuid === 'string' ? object.uuid : undefined;
        if (uuid) byUuid.set(uuid, object); // an object created between pages may shift one over
        else anonymous.push(object);
      }
      offset += objects.length;
      if (objects.length === 0 || total === undefined || offset >= total) break;
    }
    return [...byUuid.values(), ...anonymous];
  }

  /**
   * The cheapest call that needs our credentials: one server uuid of the plain list. Whether
   * `capabilities/` needs them is not documented, so it proves nothing about them.
   */
  async probe(): Promise<void> {
    await this.send(undefined, 'GET', 'servers/', { label: 'servers/probe', query: { limit: '1', fields: 'uuid' } });
  }

  /** One object: `GET {path}` (e.g. "drives/{uuid}/"). */
  async get(scope: RequestScope | undefined, path: string, label: string): Promise<Wire> {
    return this.single(label, await this.send(scope, 'GET', path, { label }));
  }

  /** `POST {resource}/` with `{"objects": [...]}`; the created objects. */
  async create(scope: RequestScope | undefined, resource: string, objects: Wire[]): Promise<Wire[]> {
    const label = `${resource}/create`;
    const body = await this.send(scope, 'POST', `${resource}/`, { label, body: { objects } });
    if (body && typeof body === 'object' && !Array.isArray(body) && Array.isArray((body as Wire).objects)) {
      return ((body as Wire).objects as unknown[]).filter(isRecord);
    }
    return [this.single(label, body)];
  }

  /** `PUT {path}` with the full definition; the object as stored. */
  async put(scope: RequestScope | undefined, path: string, label: string, body: Wire): Promise<Wire> {
    return this.single(label, await this.send(scope, 'PUT', path, { label, body }));
  }

  /** `DELETE {path}` (one object, or a list with `{"objects": [{"uuid"}]}`); 204. */
  async delete(scope: RequestScope | undefined, path: string, label: string, body?: unknown): Promise<void> {
    await this.send(scope, 'DELETE', path, { label, body });
  }

  /** `POST {resource}/{uuid}/action/?do={action}`; the object the 202 answers with. */
  async action(scope: RequestScope | undefined, resource: string, uuid: string, action: string, body?: unknown, query: Record<string, string> = {}): Promise<Wire> {
    const label = `${resource}/{uuid}/action/${action}`;
    const reply = await this.send(scope, 'POST', `${resource}/${encodeURIComponent(uuid)}/action/`, { label, body, query: { do: action, ...query } });
    return this.single(label, reply);
  }

  /** `scope`: the GraphQL request this call is for (its id, its shared reads), if any. */
  private async send(scope: RequestScope | undefined, method: Method, path: string, options: SendOptions): Promise<unknown> {
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
    const response = await this.http.request({
      method,
      url: `${this.base}${path}${query}`,
      label: options.label,
      headers: {
        authorization: this.authorization,
        accept: 'application/json',
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
      idempotent: method === 'GET',
      scope,
    });
    if (response.status === 401) this.http.credentialsRejected(this.errorOf(401, options.label, undefined).message);
    else if (response.status < 400) this.http.credentialsAccepted();
    if (response.status === 204) return undefined;
    const parsed = parseJson(response);
    if (response.status >= 400) throw this.errorOf(response.status, options.label, parsed);
    if (response.status < 200 || response.status >= 300) {
      throw new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" answered ${options.label} with HTTP ${response.status}`);
    }
    if (parsed === undefined && response.text.trim() !== '') {
      throw new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" answered ${options.label} with a body that is not JSON`);
    }
    return parsed;
  }

  private envelope(label: string, body: unknown): { objects: Wire[]; total?: number } {
    if (Array.isArray(body)) return { objects: body.filter(isRecord) };
    if (!isRecord(body) || !Array.isArray(body.objects)) {
      throw new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" answered ${label} without the {meta, objects} list envelope`);
    }
    const meta = isRecord(body.meta) ? body.meta : {};
    const total = Number(meta.total_count);
    return { objects: body.objects.filter(isRecord), total: meta.total_count === undefined || meta.total_count === null || !Number.isFinite(total) ? undefined : total };
  }

  /** A bare object, or the first of `{"objects": [...]}`. */
  private single(label: string, body: unknown): Wire {
    if (isRecord(body)) {
      if (Array.isArray(body.objects) && body.uuid === undefined) {
        const first = body.objects.find(isRecord);
        if (first) return first;
      } else return body;
    }
    throw new UpstreamUnavailableError(this.providerId, `provider "${this.providerId}" answered ${label} without the expected object`);
  }

  private errorOf(status: number, label: string, body: unknown): Error {
    const { providerId } = this;
    if (status === 401) {
      return new CredentialsRejectedError(providerId, `provider "${providerId}": the credentials were rejected (HTTP 401 on ${label}); check the configured ${this.connection.token ? 'token' : 'username and password'}`);
    }
    const items = errorItems(body);
    const type = items.find((e) => e.error_type)?.error_type ?? (status === 400 ? 'validation' : status === 404 ? 'notexist' : status === 403 ? 'permission' : undefined);
    const text = items.length
      ? items.map((e) => (e.error_point ? `${e.error_point}: ${e.error_message ?? 'invalid'}` : (e.error_message ?? 'no reason given'))).join('; ')
      : `HTTP ${status}`;
    const why = redact(text, this.secrets);
    if (type === 'validation') {
      const point = items.find((e) => e.error_point)?.error_point ?? undefined;
      return new ValidationError(`provider "${providerId}" rejected ${label}: ${why}`, point, providerId);
    }
    if (type === 'notexist') return new NotFoundError(`provider "${providerId}" has no such object (${label}): ${why}`, providerId);
    if (type === 'permission') return new UpstreamRejectedError(providerId, `provider "${providerId}" refused ${label}: ${why}`);
    return new UpstreamRejectedError(providerId, `provider "${providerId}" refused ${label} (HTTP ${status}${type ? `, ${type}` : ''}): ${why}`);
  }
}

function parseJson(response: UpstreamResponse): unknown {
  if (response.text.trim() === '') return undefined;
  try {
    return responseJson(response);
  } catch {
    return undefined;
  }
}

/** The error array, tolerating a lone object (the prose of errors.rst) or `{errors: [...]}`. */
export function errorItems(body: unknown): CloudSigmaErrorItem[] {
  const list = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.errors) ? body.errors : isRecord(body) ? [body] : [];
  return list.filter(isRecord).map((item) => ({
    error_point: typeof item.error_point === 'string' && item.error_point !== '' ? item.error_point : null,
    error_type: typeof item.error_type === 'string' ? item.error_type.toLowerCase() : undefined,
    error_message: typeof item.error_message === 'string' ? item.error_message : undefined,
  }));
}
