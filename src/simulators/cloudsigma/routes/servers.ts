/** `/servers/` (read-only in the simulator): plain list, detail list, one server. */
import type { SimReply } from '../../kit/http.js';
import { serverFull, serverReduced } from '../views.js';
import { applyFilters, envelope, json, notExist, selectFields } from '../wire.js';
import { type ApiContext, type ApiRequest, methodNotAllowed } from './context.js';

const FILTERS = ['name', 'uuid', 'status'];

export function handleServers(ctx: ApiContext, req: ApiRequest): SimReply {
  const { state } = ctx;
  const [first, second] = req.segments;
  if (req.method !== 'GET') methodNotAllowed(req, ['GET']);
  if (second !== undefined) throw notExist('server', `${first}/${second}`);
  if (first === undefined || first === 'detail') {
    const full = applyFilters([...state.servers.values()].map((s) => serverFull(state, s)), req.query, FILTERS);
    const objects = first === 'detail' ? full : full.map((o) => serverReduced(state, state.servers.get(o.uuid as string)!));
    return json(200, envelope(objects, req.query, state.config.variants.maxPageSize));
  }
  const server = state.servers.get(first);
  if (!server) throw notExist('server', first);
  return json(200, selectFields(serverFull(state, server), req.query));
}
