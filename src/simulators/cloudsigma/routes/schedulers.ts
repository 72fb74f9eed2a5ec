/** `/backupschedulers/` (contract §3). */
import type { SimReply } from '../../kit/http.js';
import type { SchedulerRecord } from '../state.js';
import { buildScheduler } from '../validation.js';
import { schedulerFull, schedulerReduced } from '../views.js';
import { applyFilters, envelope, json, noContent, notExist, objectsOf, selectFields, uuidsOf } from '../wire.js';
import type { CloudSigmaVariants as SchedulerVariants } from '../variants.js';
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
      return json(200, envelope(objects, req.query, state.config.variants.maxPageSize));
    }
    if (first === undefined && req.method === 'POST') {
      const inputs = objectsOf(req.body);
      const built = inputs.map((input) => buildScheduler(input)); // validate all before creating any
      const now = state.clock.now();
      const created = built.map((data) => {
        const rec: SchedulerRecord = { uuid: state.newUuid(), data, createdAt: now };
        state.schedulers.set(rec.uuid, rec);
        return schedulerFull(state, rec, true);
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
      const { variants } = state.config;
      const body = withRetentionRemoval(input!, rec.data, variants.retentionRemoval);
      rec.data = buildScheduler(body, variants.schedulerPut === 'merge' ? rec.data : undefined);
      return json(200, schedulerFull(state, rec));
    }
    case 'DELETE':
      remove(ctx, rec.uuid);
      return noContent();
    default:
      methodNotAllowed(req, ['GET', 'PUT', 'DELETE']);
  }
}

/**
 * Delete a scheduler; drives that carried it fall back to `backup_scheduler: null` [I], or keep a
 * reference to nothing (variant `schedulerDelete: 'dangling'`).
 */
function remove(ctx: ApiContext, uuid: string): void {
  ctx.state.schedulers.delete(uuid);
  if (ctx.state.config.variants.schedulerDelete === 'dangling') return;
  for (const drive of ctx.state.drivesWithScheduler(uuid)) drive.backupScheduler = null;
}

type RemovalForm = 'empty-object' | 'empty-rules' | 'null';

/** Which "no rules" form a PUT's `retention_policy` is, if it is one. */
function removalForm(policy: unknown): RemovalForm | undefined {
  if (policy === null) return 'null';
  if (!policy || typeof policy !== 'object' || Array.isArray(policy)) return undefined;
  const record = policy as Record<string, unknown>;
  if (Object.keys(record).length === 0) return 'empty-object';
  return Array.isArray(record.rules) && record.rules.length === 0 ? 'empty-rules' : undefined;
}

/**
 * Variant `retentionRemoval` [?]: the one "no rules" form that clears the rules (`empty-object`
 * takes all three); any other is ignored and the stored policy stays. `empty-rules` merges the
 * policy key by key, as a server that ignores `{}` would.
 */
function withRetentionRemoval(input: Record<string, unknown>, stored: Record<string, unknown>, variant: SchedulerVariants['retentionRemoval']): Record<string, unknown> {
  if (!('retention_policy' in input)) return input;
  const form = removalForm(input.retention_policy);
  if (!form || variant === 'empty-object') return input;
  if (variant === form) {
    const old = stored.retention_policy && typeof stored.retention_policy === 'object' ? stored.retention_policy : {};
    return { ...input, retention_policy: form === 'empty-rules' ? { ...old, ...(input.retention_policy as object) } : {} };
  }
  return { ...input, retention_policy: stored.retention_policy };
}
