/** `/snapshots/` (contract §5) and `/remotesnapshots/` (§6): one handler per kind. */
import type { SimReply } from '../../kit/http.js';
import { assertChangeable, cloneSnapshot, createSnapshot, parseMeta, parseTags } from '../lifecycle.js';
import type { SnapshotKind, SnapshotRecord } from '../state.js';
import { driveFull, snapshotFull } from '../views.js';
import { applyFilters, envelope, json, noContent, notExist, objectsOf, selectFields, uuidsOf, validationError } from '../wire.js';
import { type ApiContext, type ApiRequest, methodNotAllowed } from './context.js';

const FILTERS = ['name', 'uuid', 'drive', 'status', 'location'];

export function snapshotHandler(kind: SnapshotKind) {
  const resource = kind === 'local' ? 'snapshot' : 'remotesnapshot';
  return (ctx: ApiContext, req: ApiRequest): SimReply => {
    const { state } = ctx;
    const store = state.snapshotsOf(kind);
    const find = (uuid: string): SnapshotRecord => {
      const snap = store.get(uuid);
      if (!snap) throw notExist(resource, uuid);
      return snap;
    };
    const [first, second, third] = req.segments;
    if (first === undefined || first === 'detail') {
      if (second !== undefined) throw notExist(resource, second);
      if (req.method === 'GET') {
        const all = [...store.values()].sort((a, b) => a.takenAt - b.takenAt).map((s) => snapshotFull(state, s));
        return json(200, envelope(applyFilters(all, req.query, FILTERS), req.query, state.config.variants.maxPageSize));
      }
      if (first === undefined && req.method === 'POST') {
        const inputs = objectsOf(req.body);
        const now = state.clock.now();
        const created: SnapshotRecord[] = [];
        try {
          for (const input of inputs) created.push(createSnapshot(state, kind, input, now));
          const outcome = state.config.variants.snapshotOutcome;
          if (outcome !== 'available') for (const snap of created) snap.outcome = outcome;
        } catch (error) {
          for (const snap of created) store.delete(snap.uuid); // all or nothing
          throw error;
        }
        const objects = created.map((s) => snapshotFull(state, s));
        const headers: Record<string, string> = objects.length === 1 ? { location: objects[0]!.resource_uri as string } : {};
        return json(201, { objects }, headers);
      }
      if (first === undefined && req.method === 'DELETE') {
        const snaps = uuidsOf(req.body).map(find);
        for (const snap of snaps) assertChangeable(state, snap, 'delete');
        for (const snap of snaps) store.delete(snap.uuid);
        return noContent();
      }
      methodNotAllowed(req, first === undefined ? ['GET', 'POST', 'DELETE'] : ['GET']);
    }
    const snap = find(first);
    if (second === 'action' && third === undefined) {
      if (req.method !== 'POST') methodNotAllowed(req, ['POST']);
      const action = req.query.get('do');
      if (action !== 'clone') throw validationError('do', `Unsupported snapshot action ${JSON.stringify(action)} (the simulator implements clone)`);
      // `avoid=<uuid,...>` (anti-affinity) is accepted and ignored; the body is optional.
      const [input] = req.body === undefined || req.body === null ? [{}] : objectsOf(req.body);
      const drive = cloneSnapshot(state, snap, input!, state.clock.now());
      const outcome = state.config.variants.cloneOutcome;
      if (outcome !== 'unmounted') drive.cloneOutcome = outcome;
      return json(202, driveFull(state, drive));
    }
    if (second !== undefined) throw notExist(resource, `${first}/${second}`);
    switch (req.method) {
      case 'GET':
        return json(200, selectFields(snapshotFull(state, snap), req.query));
      case 'PUT': {
        const [input] = objectsOf(req.body);
        assertChangeable(state, snap, 'edit');
        if (input!.name !== undefined) {
          if (typeof input!.name !== 'string') throw validationError('name', 'name must be a string');
          snap.name = input!.name;
        }
        if (input!.meta !== undefined) {
          snap.meta = parseMeta(input!.meta); // replaced as a whole (§1.9)
        }
        if (input!.tags !== undefined) snap.tags = parseTags(input!.tags);
        return json(200, snapshotFull(state, snap));
      }
      case 'DELETE':
        assertChangeable(state, snap, 'delete');
        store.delete(snap.uuid);
        return noContent();
      default:
        methodNotAllowed(req, ['GET', 'PUT', 'DELETE']);
    }
  };
}
