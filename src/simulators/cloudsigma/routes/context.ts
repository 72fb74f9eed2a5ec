/** What every resource handler receives. */
import type { SimReply } from '../../kit/http.js';
import type { SchedulerEngine } from '../engine.js';
import type { CloudSigmaState } from '../state.js';
import { apiError } from '../wire.js';

export interface ApiContext {
  state: CloudSigmaState;
  engine: SchedulerEngine;
}

export interface ApiRequest {
  method: string;
  /** Path segments after the resource, e.g. [] | ["detail"] | [uuid] | [uuid, "action"]. */
  segments: string[];
  query: URLSearchParams;
  /** Parsed JSON body (undefined when empty). */
  body: unknown;
}

export type ResourceHandler = (ctx: ApiContext, req: ApiRequest) => SimReply;

export function methodNotAllowed(req: ApiRequest, allowed: string[]): never {
  throw apiError(405, 'permission', `Method ${req.method} is not allowed here; allowed: ${allowed.join(', ')}`);
}
