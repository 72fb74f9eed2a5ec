/** `/backupschedulers/` (contract §3). */
import type { SimReply } from '../../kit/http.js';
import type { SchedulerRecord } from '../state.js';
import { buildScheduler } from '../validation.js';
import { schedulerFull, schedulerReduced } from '../views.js';
import { applyFilters, envelope, json, noContent, notExist, objectsOf, selectFields, uuidsOf } from '../wire.js';
import { type ApiContext, type ApiRequest, methodNotAllowed } from './context.js';

const FILTERS = ['type', 'name', 'uuid'];

function find(ctx: ApiContext, uuid: string): SchedulerRecord {
  const rec = ctx.state.schedulers.get(uuid);
  if (!rec) throw notExist('backupscheduler', uuid);
  return rec;
}

export function handleSchedulers(ctx: ApiContext, req: ApiRequest): SimReply {
  const { state } = ctx;
  const [first, second] = req.segments;
  if (first === undefined || first === 'detail') {
    if (second !== undefined) throw notExist('backupscheduler', second);
    if (req.method === 'GET') {
      const all = [...state.schedulers.values()];
      const full = applyFilters(all.map((r) => schedulerFull(state, r)), req.query, FILTERS);
      const objects = first === 'detail' ? full : full.map((o) => schedulerReduced(state, state.schedulers.get(o.uuid as string)!));
      return json(200, envelope(objects, req.query));
    }
    if (first === undefined && req.method === 'POST') {
      const inputs = objectsOf(req.body);
      const built = inputs.map((input) => buildScheduler(input)); // validate all before creating any
      const now = state.clock.now();
      const created = built.map((data) => {
        const rec: SchedulerRecord = { uuid: state.newUuid(), data, createdAt: now };
        state.schedulers.set(rec.uuid, rec);
        return schedulerFull(state, rec);
      });
      const headers: Record<string, string> = created.length === 1 ? { location: created[0]!.resource_uri as string } : {};
      return json(201, { objects: created }, headers);
    }
    if (first === undefined && req.method === 'DELETE') {
      const uuids = uuidsOf(req.body);
      for (const uuid of uuids) find(ctx, uuid); // all or nothing
      for (const uuid of uuids) remove(ctx, uuid);
      return noContent();
    }
    methodNotAllowed(req, first === undefined ? ['GET', 'POST', 'DELETE'] : ['GET']);
  }
  if (second !== undefined) throw notExist('backupscheduler', `${first}/${second}`);
  const rec = find(ctx, first);
  switch (req.method) {
    case 'GET':
      return json(200, selectFields(schedulerFull(state, rec), req.query));
    case 'PUT': {
      const [input] = objectsOf(req.body);
      rec.data = buildScheduler(input!, rec.data);
      return json(200, schedulerFull(state, rec));
    }
    case 'DELETE':
      remove(ctx, rec.uuid);
      return noContent();
    default:
      methodNotAllowed(req, ['GET', 'PUT', 'DELETE']);
  }
}

/** Delete a scheduler; drives that carried it fall back to `backup_scheduler: null` [I]. */
function remove(ctx: ApiContext, uuid: string): void {
  ctx.state.schedulers.delete(uuid);
  for (const drive of ctx.state.drivesWithScheduler(uuid)) drive.backupScheduler = null;
}
