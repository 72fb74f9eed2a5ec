/** `GET /capabilities/`: only the snapshot-related parts (contract §5.1, §6.2); limits are reported, not enforced [I]. */
import type { SimReply } from '../../kit/http.js';
import { KNOWN_LOCATIONS } from '../lifecycle.js';
import { json } from '../wire.js';
import { type ApiContext, type ApiRequest, methodNotAllowed } from './context.js';

export function handleCapabilities(ctx: ApiContext, req: ApiRequest): SimReply {
  if (req.method !== 'GET') methodNotAllowed(req, ['GET']);
  const remoteLocations = ['GVA', 'ZRH', 'FRA', 'CWL', 'LON', 'DUB', 'TBC'].filter((l) => KNOWN_LOCATIONS.includes(l));
  return json(200, {
    remote_snapshots: { current: ctx.state.remoteSnapshots.size, max: 600, remote_locations: remoteLocations },
    snapshots: { current: ctx.state.snapshots.size, max: 700, max_per_drive: 90 },
  });
}
