/**
 * Altaro / Hornetsecurity VM Backup local REST client (contract: shared/providers/altaro.md).
 *
 * - The session token is a path segment after the resource name; we log in lazily, reuse the
 *   token, log in again once when an answer says "Invalid Token", and end the session on close.
 * - Every answer is an envelope with `Success`; lists are top-level PascalCase keys.
 * - Neither the password nor the token ever appears in an error: messages name the route label
 *   and go through `redact`.
 */
import { ConflictError, GatewayError, UpstreamRejectedError, UpstreamUnavailableError } from '../../domain/errors.js';
import type { UpstreamHttp } from '../../upstream/http-client.js';
import { responseJson } from '../../upstream/response-json.js';
import { redact } from '../../upstream/redact.js';
import type { RequestScope } from '../../domain/request-scope.js';

export interface AltaroConnection {
  providerId: string;
  baseUrl: string;
  username: string;
  password: string;
  domain: string;
  serverAddress: string;
  serverPort: number;
}

export interface AltaroEnvelope {
  Success?: boolean;
  ErrorCode?: unknown;
  ErrorMessage?: string | null;
  ErrorAdditionalDetails?: string | null;
  Data?: unknown;
  [collection: string]: unknown;
}

/**
 * Altaro answered a call (not the login) with `Success:false` or an HTTP error status: the call
 * was refused. Readers that accept "not there" as an answer (a finished operation's guid, a
 * report route an install lacks) catch this, and only this.
 */
export class AltaroRefusal extends UpstreamRejectedError {
  constructor(
    providerId: string,
    message: string,
    readonly httpStatus: number | undefined,
  ) {
    super(providerId, message);
  }
}

/** Tokens remembered for redaction (ours, including replaced ones): a few are plenty. */
const REMEMBERED_TOKENS = 16;

interface CallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Path segments after the token. */
  args?: string[];
  body?: unknown;
  /** Reads may be retried; instructions and assignments are sent once. */
  idempotent?: boolean;
  /** The GraphQL request this call is for (its id goes upstream, its reads are shared), if any. */
  scope?: RequestScope;
}

export class AltaroClient {
  private token?: Promise<string>;
  private readonly base: string;
  /** Every session token this client has held (bounded): none may appear in an error text. */
  private readonly heldTokens: string[] = [];

  constructor(
    private readonly connection: AltaroConnection,
    private readonly http: UpstreamHttp,
  ) {
    this.base = connection.baseUrl.replace(/\/+$/, '');
  }

  /** Call `resource` (e.g. "vms/list") with the session token and `args` as path segments. */
  async call(scope: RequestScope | undefined, resource: string, options: CallOptions = {}): Promise<AltaroEnvelope> {
    const token = await this.session();
    const reply = await this.send(resource, token, { ...options, scope });
    if (reply.Success === false && isInvalidToken(reply)) {
      // Expired or ended elsewhere: one fresh login, one retry. The refused call did nothing upstream.
      if (this.token && (await this.token.catch(() => undefined)) === token) this.token = undefined;
      const fresh = await this.session();
      return this.check(resource, await this.send(resource, fresh, { ...options, scope }));
    }
    return this.check(resource, reply);
  }

  /** `protocol/version` needs no session: the cheapest liveness probe. */
  async protocolVersion(): Promise<string> {
    const reply = await this.exchange('protocol/version', `${this.base}/protocol/version`, { method: 'GET', idempotent: true });
    return String(this.check('protocol/version', reply).Data ?? '');
  }

  /** End our session, if any. Never throws: shutdown must go on. */
  async close(): Promise<void> {
    const pending = this.token;
    this.token = undefined;
    const token = await pending?.catch(() => undefined);
    if (!token) return;
    await this.exchange('sessions/end', `${this.base}/sessions/end/${encodeURIComponent(token)}`, { method: 'POST', idempotent: false }).catch(() => undefined);
  }

  private session(): Promise<string> {
    this.token ??= this.login().catch((error) => {
      this.token = undefined;
      throw error;
    });
    return this.token;
  }

  private async login(): Promise<string> {
    const { username, password, domain, serverAddress, serverPort, providerId } = this.connection;
    const reply = await this.exchange('sessions/start', `${this.base}/sessions/start`, {
      method: 'POST',
      body: { ServerAddress: serverAddress, ServerPort: serverPort, Username: username, Password: password, Domain: domain },
      idempotent: false,
    });
    if (reply.Success !== true || typeof reply.Data !== 'string' || reply.Data === '') {
      const why = this.scrub(reply.ErrorMessage ?? reply.ErrorAdditionalDetails ?? 'no reason given');
      const refusal = `provider "${providerId}" refused the login of user "${username}": ${why}`;
      // A console holding the agent is not a credentials problem, but it leaves us just as unable to work.
      this.http.credentialsRejected(reply.ErrorAdditionalDetails === 'AnotherConsoleIsRegistered' ? refusal : `${refusal} (the credentials were rejected)`);
      throw new UpstreamRejectedError(providerId, refusal);
    }
    this.http.credentialsAccepted();
    this.heldTokens.push(reply.Data);
    if (this.heldTokens.length > REMEMBERED_TOKENS) this.heldTokens.shift();
    return reply.Data;
  }

  private send(resource: string, token: string, options: CallOptions): Promise<AltaroEnvelope> {
    const segments = [resource, encodeURIComponent(token), ...(options.args ?? []).map(encodeURIComponent)];
    return this.exchange(resource, `${this.base}/${segments.join('/')}`, options);
  }

  private async exchange(label: string, url: string, options: CallOptions): Promise<AltaroEnvelope> {
    const method = options.method ?? 'GET';
    let response;
    try {
      response = await this.http.request({
        method,
        url,
        label,
        headers: { accept: 'application/json', ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        idempotent: options.idempotent ?? method === 'GET',
        scope: options.scope,
      });
    } catch (error) {
      // The token is a path segment: a transport error that quotes the URL must not carry it.
      if (error instanceof GatewayError || error instanceof Error) error.message = this.scrub(error.message);
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = responseJson(response);
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      if (response.status >= 400) {
        throw new AltaroRefusal(this.connection.providerId, `provider "${this.connection.providerId}" answered ${label} with HTTP ${response.status}`, response.status);
      }
      throw new UpstreamUnavailableError(this.connection.providerId, `provider "${this.connection.providerId}" answered ${label} with a body that is not a JSON envelope`);
    }
    const envelope = parsed as AltaroEnvelope;
    if (response.status >= 400 && envelope.Success === undefined) {
      throw new AltaroRefusal(this.connection.providerId, `provider "${this.connection.providerId}" answered ${label} with HTTP ${response.status}`, response.status);
    }
    if (response.status >= 400) envelope.Success = false;
    this.lastStatus.set(envelope, response.status);
    return envelope;
  }

  private check(label: string, reply: AltaroEnvelope): AltaroEnvelope {
    if (reply.Success === true) return reply;
    const { providerId } = this.connection;
    const why = this.scrub(String(reply.ErrorMessage ?? reply.ErrorAdditionalDetails ?? 'no reason given'));
    if (reply.ErrorAdditionalDetails === 'OperationAlreadyRunning' || /already (running|in progress)/i.test(String(reply.ErrorMessage ?? ''))) {
      throw new ConflictError(`provider "${providerId}" refused ${label}: ${why}`, providerId);
    }
    throw new AltaroRefusal(providerId, `provider "${providerId}" refused ${label}: ${why}`, this.lastStatus.get(reply));
  }

  /** HTTP status of each envelope (weakly held), for the refusals built from it. */
  private readonly lastStatus = new WeakMap<AltaroEnvelope, number>();

  /** Text with our password and every session token we held replaced by "[redacted]". */
  scrub(text: string): string {
    return redact(text, [this.connection.password, ...this.heldTokens]);
  }
}

function isInvalidToken(reply: AltaroEnvelope): boolean {
  return /invalid token/i.test(String(reply.ErrorMessage ?? ''));
}

/** A list key of the envelope, tolerating absence, null and a lone object. */
export function listOf<T = Record<string, unknown>>(reply: AltaroEnvelope, key: string): T[] {
  const value = reply[key];
  if (Array.isArray(value)) return value as T[];
  if (value && typeof value === 'object') return [value as T];
  return [];
}
