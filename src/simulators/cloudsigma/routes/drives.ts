/** `/drives/` (contract §7) and `POST /drives/{uuid}/action/?do=set_scheduler` (§3.10). */
import type { SimReply } from '../../kit/http.js';
import { isEphemeral } from '../lifecycle.js';
import type { DriveRecord } from '../state.js';
import { driveFull, driveReduced } from '../views.js';
import { apiError, applyFilters, envelope, json, notExist, selectFields, validationError } from '../wire.js';
import { type ApiContext, type ApiRequest, methodNotAllowed } from './context.js';

const FILTERS = ['name', 'uuid', 'status', 'storage_type', 'media'];

function find(ctx: ApiContext, uuid: string): DriveRecord {
  const drive = ctx.state.drives.get(uuid);
  if (!drive) throw notExist('drive', uuid);
  return drive;
}

export function handleDrives(ctx: ApiContext, req: ApiRequest): SimReply {
  const { state } = ctx;
  const [first, second, third] = req.segments;
  if (first === undefined || first === 'detail') {
    if (second !== undefined) throw notExist('drive', second);
    if (req.method !== 'GET') methodNotAllowed(req, ['GET']);
    const full = applyFilters([...state.drives.values()].map((d) => driveFull(state, d)), req.query, FILTERS);
    const objects = first === 'detail' ? full : full.map((o) => driveReduced(state, state.drives.get(o.uuid as string)!));
    return json(200, envelope(objects, req.query));
  }
  const drive = find(ctx, first);
  if (second === 'action' && third === undefined) {
    if (req.method !== 'POST') methodNotAllowed(req, ['POST']);
    const action = req.query.get('do');
    if (action !== 'set_scheduler') {
      throw validationError('do', `Unsupported drive action ${JSON.stringify(action)} (the simulator implements set_scheduler)`);
    }
    return setScheduler(ctx, drive, req.body);
  }
  if (second !== undefined) throw notExist('drive', `${first}/${second}`);
  if (req.method !== 'GET') methodNotAllowed(req, ['GET']);
  return json(200, selectFields(driveFull(state, drive), req.query));
}

/**
 * Body `{"backup_policy_uuid": "<scheduler uuid>"}`; null or "" unassigns [I]. A missing key is a
 * 400 validation error; an unknown scheduler is 404 notexist with error_point backup_policy_uuid [I].
 */
function setScheduler(ctx: ApiContext, drive: DriveRecord, body: unknown): SimReply {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('backup_policy_uuid' in body)) {
    throw validationError('backup_policy_uuid', 'This field is required');
  }
  const value = (body as { backup_policy_uuid: unknown }).backup_policy_uuid;
  if (value === null || value === '') {
    drive.backupScheduler = null;
  } else {
    if (typeof value !== 'string') throw validationError('backup_policy_uuid', 'backup_policy_uuid must be a scheduler uuid');
    if (!ctx.state.schedulers.has(value)) throw notExist('backupscheduler', value, 'backup_policy_uuid');
    if (isEphemeral(drive)) throw apiError(403, 'permission', 'Ephemeral (local_nvme) drives cannot have a backup scheduler', 'backup_policy_uuid');
    drive.backupScheduler = value;
  }
  return json(202, driveFull(ctx.state, drive));
}
