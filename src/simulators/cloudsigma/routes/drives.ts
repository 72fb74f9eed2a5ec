/** `/drives/` (contract §7) and `POST /drives/{uuid}/action/?do=set_scheduler` (§3.10). */
import type { SimReply } from '../../kit/http.js';
import { isEphemeral, parseMeta, parseTags } from '../lifecycle.js';
import type { CloudSigmaVariants as DriveVariants } from '../variants.js';
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
    return json(200, envelope(objects, req.query, state.config.variants.maxPageSize));
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
  if (req.method === 'PUT' && state.config.variants.unassign === 'drive-put') return putDrive(ctx, drive, req.body);
  if (req.method !== 'GET') methodNotAllowed(req, ['GET']);
  return json(200, selectFields(driveFull(state, drive), req.query));
}

type ClearForm = 'null' | 'empty-string' | 'omit-key';

/** Which "no scheduler" form a set_scheduler body is, if it is one. */
function clearForm(body: Record<string, unknown>): ClearForm | undefined {
  if (!('backup_policy_uuid' in body)) return 'omit-key';
  if (body.backup_policy_uuid === null) return 'null';
  return body.backup_policy_uuid === '' ? 'empty-string' : undefined;
}

/** Which forms clear under each `unassign` variant, and which are refused with 400 (the rest are ignored). */
const CLEARS: Record<DriveVariants['unassign'], { clears: ClearForm[]; refused: ClearForm[] }> = {
  'null-or-empty': { clears: ['null', 'empty-string'], refused: ['omit-key'] },
  'empty-string': { clears: ['empty-string'], refused: ['null', 'omit-key'] },
  'omit-key': { clears: ['omit-key'], refused: ['null', 'empty-string'] },
  'drive-put': { clears: [], refused: [] },
  ignored: { clears: [], refused: [] },
};

/**
 * Body `{"backup_policy_uuid": "<scheduler uuid>"}`. Clearing follows the `unassign` variant [?]:
 * by default null or "" unassigns and a missing key is a 400 validation error. An unknown scheduler
 * is 404 notexist with error_point backup_policy_uuid [I].
 */
function setScheduler(ctx: ApiContext, drive: DriveRecord, body: unknown): SimReply {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw validationError('backup_policy_uuid', 'This field is required');
  const value = (body as { backup_policy_uuid?: unknown }).backup_policy_uuid;
  const form = clearForm(body as Record<string, unknown>);
  if (form) {
    const rule = CLEARS[ctx.state.config.variants.unassign];
    if (rule.refused.includes(form)) {
      throw validationError('backup_policy_uuid', form === 'omit-key' ? 'This field is required' : 'backup_policy_uuid must be a scheduler uuid');
    }
    if (rule.clears.includes(form)) drive.backupScheduler = null;
  } else {
    if (typeof value !== 'string') throw validationError('backup_policy_uuid', 'backup_policy_uuid must be a scheduler uuid');
    if (!ctx.state.schedulers.has(value)) throw notExist('backupscheduler', value, 'backup_policy_uuid');
    if (isEphemeral(drive)) throw apiError(403, 'permission', 'Ephemeral (local_nvme) drives cannot have a backup scheduler', 'backup_policy_uuid');
    drive.backupScheduler = value;
  }
  return json(202, driveFull(ctx.state, drive));
}

/**
 * Variant `unassign: 'drive-put'`: `PUT /drives/{uuid}/` with the full definition (name, size,
 * media required; the size cannot change here) updates name, meta and tags, and a body without
 * `backup_scheduler` clears the scheduler (its presence, whatever the value, keeps it: read-only).
 */
function putDrive(ctx: ApiContext, drive: DriveRecord, body: unknown): SimReply {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw validationError(null, 'The request body must be a JSON object');
  const input = body as Record<string, unknown>;
  for (const key of ['name', 'size', 'media']) if (input[key] === undefined || input[key] === null) throw validationError(key, 'This field is required');
  if (typeof input.name !== 'string' || input.name === '') throw validationError('name', 'name must be a non-empty string');
  if (input.size !== drive.size) throw validationError('size', 'Use the resize action to change the size of a drive');
  if (input.media !== drive.media) throw validationError('media', 'media cannot change');
  drive.name = input.name;
  if (input.meta !== undefined) drive.meta = parseMeta(input.meta);
  if (input.tags !== undefined) drive.tags = parseTags(input.tags);
  if (!('backup_scheduler' in input)) drive.backupScheduler = null;
  return json(200, driveFull(ctx.state, drive));
}
