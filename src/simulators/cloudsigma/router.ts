/**
 * Request entry point: `/api/2.0/` prefix, trailing slashes optional, Basic/Bearer auth,
 * X-REQUEST-ID, dispatch per resource, ApiError -> error array.
 */
import { randomUUID } from 'node:crypto';
import type { SimReply, SimRequest } from '../kit/http.js';
import type { ApiContext, ApiRequest, ResourceHandler } from './routes/context.js';
import { handleCapabilities } from './routes/capabilities.js';
import { handleDrives } from './routes/drives.js';
import { handleSchedulers } from './routes/schedulers.js';
import { handleServers } from './routes/servers.js';
import { snapshotHandler } from './routes/snapshots.js';
import { sweepVanished } from './lifecycle.js';
import { referencesAsUris } from './references.js';
import type { CloudSigmaConfig } from './state.js';
import type { CloudSigmaVariants } from './variants.js';
import { ApiError, apiError, parseBody } from './wire.js';

export const API_PREFIX = '/api/2.0/';

const HANDLERS: Record<string, ResourceHandler> = {
  backupschedulers: handleSchedulers,
  drives: handleDrives,
  servers: handleServers,
  snapshots: snapshotHandler('local'),
  remotesnapshots: snapshotHandler('remote'),
  capabilities: handleCapabilities,
};

const OPTIONS_ALLOW: Record<string, string> = {
  backupschedulers: 'GET, POST, PUT, DELETE',
  drives: 'GET, POST',
  servers: 'GET',
  snapshots: 'GET, POST, PUT, DELETE',
  remotesnapshots: 'GET, POST, PUT, DELETE',
  capabilities: 'GET',
};

/** Resource segments after /api/2.0/, or null when the path is outside the API. */
export function apiSegments(path: string): string[] | null {
  const normalised = path.endsWith('/') ? path : `${path}/`;
  if (!normalised.startsWith(API_PREFIX)) return null;
  return normalised.slice(API_PREFIX.length).split('/').filter((s) => s !== '');
}

/** Route key for the kit's log and faults: the resource segment (e.g. "drives"). */
export function routeKeyOf(req: SimRequest): string {
  const segments = apiSegments(req.path);
  return segments?.[0] ?? 'other';
}

export interface Credentials {
  username: string;
  password: string;
  token: string;
}

export function isAuthorized(req: SimRequest, creds: Credentials): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return false;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return false;
  if (scheme.toLowerCase() === 'bearer') return value === creds.token;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 && decoded.slice(0, colon) === creds.username && decoded.slice(colon + 1) === creds.password;
  }
  return false;
}

export function unauthorizedReply(variants: CloudSigmaVariants): SimReply {
  const challenge = { 'www-authenticate': 'Basic realm="users"' };
  if (variants.unauthorizedBody === 'empty') return { status: 401, headers: challenge };
  const error = apiError(401, 'permission', 'Authentication credentials were not provided or are not valid');
  return errorReply(error, variants, challenge);
}

/** The error array (§1.5), or its first item alone (variant `errorBody: 'object'`). */
function errorReply(error: ApiError, variants: CloudSigmaVariants, extra: Record<string, string> = {}): SimReply {
  return { status: error.status, headers: { ...error.headers, ...extra }, body: variants.errorBody === 'object' ? error.errors[0] : error.errors };
}

export function createApiHandler(ctx: ApiContext, config: CloudSigmaConfig): (req: SimRequest) => SimReply {
  return (req) => {
    const incoming = req.headers['x-request-id'];
    const requestId = (Array.isArray(incoming) ? incoming[0] : incoming) || randomUUID();
    const reply = dispatch(ctx, config, req);
    const body = config.variants.references === 'uri' && reply.status < 300 ? referencesAsUris(reply.body) : reply.body;
    return { ...reply, body, headers: { ...(reply.headers ?? {}), 'X-REQUEST-ID': requestId } };
  };
}

function dispatch(ctx: ApiContext, config: CloudSigmaConfig, req: SimRequest): SimReply {
  const { variants } = config;
  try {
    const segments = apiSegments(req.path);
    if (!segments) throw apiError(404, 'notexist', `No API at ${req.path}; the base path is ${API_PREFIX}`);
    const [resource, ...rest] = segments;
    const method = req.method.toUpperCase();
    if (method === 'OPTIONS') {
      const allow = resource ? OPTIONS_ALLOW[resource] : undefined;
      if (!allow) throw apiError(404, 'notexist', `Unknown resource ${JSON.stringify(resource ?? '')}`);
      return { status: 200, headers: { allow }, body: allow };
    }
    const open = resource === 'capabilities' && variants.capabilitiesAuth === 'public';
    if (!open && !isAuthorized(req, config)) return unauthorizedReply(variants);
    const handler = resource ? HANDLERS[resource] : undefined;
    if (!handler) throw apiError(404, 'notexist', `Unknown resource ${JSON.stringify(resource ?? '')}`);
    ctx.engine.sync(); // scheduled runs due by now happen before the request sees the state
    sweepVanished(ctx.state); // snapshots and clones of the `vanishes` variants are gone once due
    const apiReq: ApiRequest = { method, segments: rest, query: req.query, body: parseBody(req.body) };
    return handler(ctx, apiReq);
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error, variants);
    throw error;
  }
}
