/**
 * The `func` handlers for an authenticated caller. Each returns the content of `doc` (the
 * dispatcher adds `$lang`, `$func` and `tparams`) or throws an ApiError, which becomes `doc.error`.
 *
 * Family conventions (contract §1): `X` lists (`elid` = parent for sub-lists), `X.edit` views
 * without `sok` and applies with `sok` (create without `elid`, update with it), `X.delete` takes
 * `elid` as "1, 2".
 */
import { errors, listDoc, orig, s, slist, type DocNode } from './envelope.js';
import { idList, type FormParams } from './form.js';
import { DAY_NAMES, formatRotationDays, parseRotationDays, parseRotationTime } from './schedule.js';
import type { BackupRecord, BillmanagerState, InstanceRecord, ScheduleRecord, SessionRecord } from './state.js';
import type { BillmanagerVariants } from './variants.js';
import { formatDate, formatDateTime } from './zone.js';

export interface ApiConfig {
  timezone: string;
  defaultPageSize: number;
  /** Manual backups per instance per provider-local day; 0 = unlimited. */
  manualLimitPerDay: number;
  /** Stored manual backups per instance; 0 = unlimited. */
  manualLimitTotal: number;
  /** The forms picked at the contract's [I]/[?] points (variants.ts). */
  variants: BillmanagerVariants;
}

export interface CallContext {
  state: BillmanagerState;
  params: FormParams;
  now: number;
  session: SessionRecord;
  config: ApiConfig;
}

export type FuncHandler = (ctx: CallContext) => DocNode;

const isSok = (params: FormParams) => params.str('sok') !== '';
const ok = (): DocNode => ({ ok: {} });
/** A create's answer: `ok`, plus `id` unless the variant leaves it out (§2.3 [I]). */
const created = (ctx: CallContext, id: string): DocNode => (ctx.config.variants.createReplyId ? { ok: {}, id: s(id) } : { ok: {} });

// ---------------------------------------------------------------------------------- lookups

/** The `empty` not-found variant: the dispatcher answers as for an element with nothing in it. */
export class UnknownElement extends Error {}

/** List functions (the `empty` variant answers them with no `elem`). */
export const LIST_FUNCS = new Set(['instances', 'instances.fleio_bckps', 'instances.fleio_bckps.schedule']);

/** An unknown id in the configured form (variants.notFound). */
function unknown(ctx: CallContext, field: string, id: string): Error {
  switch (ctx.config.variants.notFound) {
    case 'access':
      return errors.access();
    case 'message':
      return errors.unknownElement(id);
    case 'empty':
      return new UnknownElement(id);
    default:
      return errors.missedElement(field, id);
  }
}

function instanceFrom(ctx: CallContext, field: 'elid' | 'plid'): InstanceRecord {
  const id = ctx.params.str(field);
  if (!id) throw errors.field(field, '', 'an instance id is required');
  const instance = ctx.state.instances.get(id);
  if (!instance) throw unknown(ctx, field, id);
  return instance;
}

function backupById(ctx: CallContext, id: string): BackupRecord {
  const backup = ctx.state.backups.get(id);
  if (!backup) throw unknown(ctx, 'elid', id);
  return backup;
}

function scheduleById(ctx: CallContext, id: string): ScheduleRecord {
  const schedule = ctx.state.schedules.get(id);
  if (!schedule) throw unknown(ctx, 'elid', id);
  return schedule;
}

// ---------------------------------------------------------------------------------- rows

/** A provider-local date (with the time when `withTime`) in the configured format. */
function dateText(ctx: CallContext, epochMs: number, withTime: boolean): string {
  const iso = withTime ? formatDateTime(epochMs, ctx.config.timezone) : formatDate(epochMs, ctx.config.timezone);
  if (ctx.config.variants.dateFormat === 'iso') return iso;
  const [date, time] = iso.split(' ');
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}${time ? ` ${time}` : ''}`;
}

function backupStatusText(ctx: CallContext, status: string): string {
  return ctx.config.variants.backupStatusCase === 'lower' ? status.toLowerCase() : status;
}

function rotationTimeText(ctx: CallContext, time: string): string {
  return ctx.config.variants.rotationTime === 'HH:MM:SS' ? `${time}:00` : time;
}

/** The list form of `rotation_days`: Sunday first with trailing spaces, or Monday first. */
function rotationDaysText(ctx: CallContext, days: number[]): string {
  if (ctx.config.variants.rotationDaysOrder === 'sunday-first') return formatRotationDays(days);
  return [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => DAY_NAMES[d]).join(' ');
}

/** Whether a backup is in the list yet (variants.backupListedAfterMs). */
function listed(ctx: CallContext, b: BackupRecord): boolean {
  return ctx.now >= b.createdAt + ctx.config.variants.backupListedAfterMs;
}

function instanceRow(ctx: CallContext, i: InstanceRecord): DocNode {
  return {
    id: s(i.id),
    servername: s(i.servername),
    name: s(i.name),
    ip: s(i.ip),
    ip_v6: s(i.ipV6),
    instance_status: s(ctx.state.instanceStatus(i, ctx.now)),
    item_status: orig(i.billingStatus, i.billingStatusText),
    status: s(i.billingStatus),
    pricelist: s(i.pricelist),
    cost: s(i.cost),
    datacentername: s(i.datacenter),
    createdate: s(dateText(ctx, i.createdAt, false)),
    os_distro: s(i.osDistro),
    os_version: s(i.osVersion),
    instances_os: s(`${i.osDistro} ${i.osVersion}`),
  };
}

function backupRow(ctx: CallContext, b: BackupRecord): DocNode {
  const flag = b.protected ? 'on' : 'off';
  return {
    id: s(b.id),
    name: s(b.name),
    backup_type: s(b.kind),
    image_size: s(b.sizeGb.toFixed(2)),
    createdate: ctx.config.variants.repeatedCreatedate ? [{}, s(dateText(ctx, b.createdAt, true))] : s(dateText(ctx, b.createdAt, true)),
    os_distro: s(b.osDistro),
    os_version: s(b.osVersion),
    fleio_status: s(backupStatusText(ctx, b.status)),
    protected: orig(flag, flag),
  };
}

function scheduleRow(ctx: CallContext, sch: ScheduleRecord): DocNode {
  return {
    id: s(sch.id),
    instance_id: s(sch.instanceId),
    servername: s(ctx.state.instances.get(sch.instanceId)?.servername ?? ''),
    name: s(sch.name),
    rotation_days: s(rotationDaysText(ctx, sch.days)),
    rotation_time: s(rotationTimeText(ctx, sch.time)),
    create_date: s(dateText(ctx, sch.createdAt, false)),
  };
}

const dayOptions = (): Array<[string, string]> => DAY_NAMES.map((name, i) => [String(i), name]);

// ---------------------------------------------------------------------------------- instances

const FILTER_FIELDS = ['id', 'ip', 'name', 'pricelist', 'instance_status', 'datacenter'] as const;

function matchesFilter(ctx: CallContext, i: InstanceRecord): boolean {
  const f = ctx.session.instanceFilter;
  const has = (needle: string | undefined, ...hay: string[]) =>
    !needle || hay.some((h) => h.toLowerCase().includes(needle.toLowerCase()));
  return (
    (!f.id || f.id === i.id) &&
    has(f.ip, i.ip, i.ipV6) &&
    has(f.name, i.servername, i.name) &&
    has(f.pricelist, i.pricelist) &&
    (!f.instance_status || f.instance_status === ctx.state.instanceStatus(i, ctx.now)) &&
    has(f.datacenter, i.datacenter)
  );
}

const instances: FuncHandler = (ctx): DocNode => {
  const rows = [...ctx.state.instances.values()].filter((i) => matchesFilter(ctx, i)).map((i) => instanceRow(ctx, i));
  return listDoc(rows, ctx.params, { defaultPageSize: ctx.config.defaultPageSize, pageCap: ctx.config.variants.pageCap });
};

const instancesFilter: FuncHandler = (ctx): DocNode => {
  if (isSok(ctx.params)) {
    const filter: Record<string, string> = {};
    for (const field of FILTER_FIELDS) {
      const value = ctx.params.str(field);
      if (value) filter[field] = value;
    }
    ctx.session.instanceFilter = filter;
    return ok();
  }
  const doc: DocNode = {};
  for (const field of FILTER_FIELDS) doc[field] = ctx.session.instanceFilter[field] ? s(ctx.session.instanceFilter[field]) : {};
  doc.slist = [
    slist('instance_status', [['', 'Any'], ['active', 'active'], ['stopped', 'stopped'], ['rebuilding', 'rebuilding'], ['image_uploading', 'image_uploading']]),
  ];
  return doc;
};

const instancesEdit: FuncHandler = (ctx): DocNode => {
  const instance = instanceFrom(ctx, 'elid');
  if (isSok(ctx.params)) {
    const { params } = ctx;
    let rotation: number | undefined;
    if (params.has('backup_rotation')) {
      const raw = params.str('backup_rotation');
      rotation = /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(rotation >= 1 && rotation <= 10)) throw errors.field('backup_rotation', raw, 'a whole number from 1 to 10 is expected');
    }
    let servername: string | undefined;
    if (params.has('servername')) {
      servername = params.str('servername');
      if (servername.length < 1 || servername.length > 100) throw errors.field('servername', servername);
    }
    if (rotation !== undefined) instance.backupRotation = rotation;
    if (servername !== undefined) instance.servername = servername;
    return ok();
  }
  return {
    elid: s(instance.id),
    id: s(instance.id),
    servername: s(instance.servername),
    createdate: s(dateText(ctx, instance.createdAt, false)),
    instances_uuid: s(instance.uuid),
    ip: s(instance.ip),
    ip_v6: s(instance.ipV6),
    rdns_record: s(instance.rdnsRecord),
    backup_rotation: s(instance.backupRotation),
    slist: [slist('backup_rotation', Array.from({ length: 10 }, (_, i) => [String(i + 1), String(i + 1)] as [string, string]))],
  };
};

// ---------------------------------------------------------------------------------- backups

function manualCreatedToday(ctx: CallContext, instanceId: string): number {
  const today = formatDate(ctx.now, ctx.config.timezone);
  return (ctx.state.manualCreations.get(instanceId) ?? []).filter((t) => formatDate(t, ctx.config.timezone) === today).length;
}

const backupsList: FuncHandler = (ctx): DocNode => {
  const instance = instanceFrom(ctx, 'elid');
  const backups = ctx.state.backupsOf(instance.id).filter((b) => listed(ctx, b));
  const doc = listDoc(
    backups.map((b) => backupRow(ctx, b)),
    ctx.params,
    { defaultPageSize: ctx.config.defaultPageSize, pageCap: ctx.config.variants.pageCap },
  );
  doc.cost = { stat_cost: s('0.0033'), currency: s('EUR') };
  doc.manual_created_today = s(manualCreatedToday(ctx, instance.id));
  doc.manual_created_total = s(backups.filter((b) => b.kind === 'manual').length);
  return doc;
};

function validName(ctx: CallContext, field: string): string {
  const name = ctx.params.str(field);
  if (name.length < 1 || name.length > 100) throw errors.field(field, name, 'from 1 to 100 characters are expected');
  return name;
}

const backupsEdit: FuncHandler = (ctx): DocNode => {
  const elid = ctx.params.str('elid');
  if (elid) {
    // an existing backup: view, or rename with sok
    const backup = backupById(ctx, elid);
    if (isSok(ctx.params)) {
      backup.name = validName(ctx, 'name');
      return ok();
    }
    return { elid: s(backup.id), plid: s(backup.instanceId), ...backupRow(ctx, backup) };
  }
  const instance = instanceFrom(ctx, 'plid');
  if (!isSok(ctx.params)) return { plid: s(instance.id), name: {} };
  const name = validName(ctx, 'name');
  const busy = ctx.state.busyReason(instance.id);
  if (busy) throw errors.runningOperation(instance.id, busy);
  const { manualLimitPerDay, manualLimitTotal } = ctx.config;
  if (manualLimitPerDay > 0 && manualCreatedToday(ctx, instance.id) >= manualLimitPerDay) {
    throw errors.limit(`${manualLimitPerDay} manual backups per day`);
  }
  const stored = ctx.state.backupsOf(instance.id).filter((b) => b.kind === 'manual').length;
  if (manualLimitTotal > 0 && stored >= manualLimitTotal) throw errors.limit(`${manualLimitTotal} manual backups in total`);
  const backup = ctx.state.createBackup({ instanceId: instance.id, name, kind: 'manual', at: ctx.now });
  return created(ctx, backup.id);
};

const imageEdit: FuncHandler = (ctx): DocNode => {
  const elid = ctx.params.str('elid');
  if (!elid) throw errors.field('elid', '', 'a backup id is required');
  const backup = backupById(ctx, elid);
  if (isSok(ctx.params)) {
    const { params } = ctx;
    let name: string | undefined;
    if (params.has('image_name')) name = validName(ctx, 'image_name');
    let flag: boolean | undefined;
    if (params.has('protected')) {
      const raw = params.str('protected');
      if (raw !== 'on' && raw !== 'off') throw errors.field('protected', raw, "'on' or 'off' is expected");
      flag = raw === 'on';
    }
    if (name !== undefined) backup.name = name;
    if (flag !== undefined) backup.protected = flag;
    return ok();
  }
  return {
    elid: s(backup.id),
    id: s(backup.id),
    image_name: s(backup.name),
    fleio_id: s(backup.fleioId),
    fleio_status: s(backupStatusText(ctx, backup.status)),
    instance_id: s(backup.instanceId),
    backup_type: s(backup.kind),
    image_size: s(backup.sizeGb.toFixed(2)),
    createdate: s(dateText(ctx, backup.createdAt, true)),
    os_distro: s(backup.osDistro),
    os_version: s(backup.osVersion),
    protected: s(backup.protected ? 'on' : 'off'),
  };
};

const imageDelete: FuncHandler = (ctx): DocNode => {
  const ids = idList(ctx.params, 'elid');
  if (ids.length === 0) throw errors.field('elid', '', 'a backup id is required');
  const backups = ids.map((id) => backupById(ctx, id));
  for (const b of backups) {
    if (b.protected) throw errors.field('protected', b.id, 'a protected backup cannot be deleted');
    if (b.status === 'Saving') throw errors.runningOperation(b.instanceId, 'backup');
  }
  for (const b of backups) ctx.state.backups.delete(b.id);
  return ok();
};

// ---------------------------------------------------------------------------------- restore

const PASSWORD = /^[\x21-\x7e]{8,48}$/;

const rebuild: FuncHandler = (ctx): DocNode => {
  const instance = instanceFrom(ctx, 'elid');
  const ownImages = [...ctx.state.backups.values()].filter((b) => b.status === 'Active');
  if (!isSok(ctx.params)) {
    return {
      elid: s(instance.id),
      zone: s('own'),
      select_rebuild: {},
      enablessh: s('off'),
      slist: [
        slist('zone', [['own', 'My images']]),
        slist('select_rebuild', ownImages.map((b) => [b.fleioId, b.name])),
        slist('ssh_keys', []),
        slist('password_type', [['password', 'Password'], ['ssh', 'SSH key']]),
      ],
    };
  }
  const { params } = ctx;
  const zone = params.str('zone') || 'own';
  if (zone !== 'own') throw errors.field('zone', zone, "only 'own' (restore from a backup) is simulated");
  const fleioId = params.str('select_rebuild');
  const backup = ownImages.find((b) => b.fleioId === fleioId);
  if (!backup) throw errors.field('select_rebuild', fleioId, 'the fleio_id of an Active backup image is expected');
  if (params.str('enablessh') === 'on') {
    if (!params.str('ssh_keys')) throw errors.field('ssh_keys', '', 'an SSH key is required');
  } else if (!PASSWORD.test(params.get('password') ?? '')) {
    throw errors.field('password', '', '8 to 48 ASCII characters are expected', false);
  }
  const busy = ctx.state.busyReason(instance.id);
  if (busy) throw errors.runningOperation(instance.id, busy);
  ctx.state.startRebuild(instance.id, backup, ctx.now);
  return ok();
};

// ---------------------------------------------------------------------------------- schedules

const schedulesList: FuncHandler = (ctx): DocNode => {
  const instance = instanceFrom(ctx, 'elid');
  const doc = listDoc(
    ctx.state.schedulesOf(instance.id).map((sch) => scheduleRow(ctx, sch)),
    ctx.params,
    { defaultPageSize: ctx.config.defaultPageSize, pageCap: ctx.config.variants.pageCap },
  );
  if (ctx.config.variants.scheduleListRotation) doc.backup_rotation = s(instance.backupRotation);
  return doc;
};

const scheduleEdit: FuncHandler = (ctx): DocNode => {
  const { params } = ctx;
  const elid = params.str('elid');
  const existing = elid ? scheduleById(ctx, elid) : undefined;

  if (!isSok(params)) {
    const instance = existing ? ctx.state.instances.get(existing.instanceId) : instanceFrom(ctx, 'plid');
    return {
      ...(existing ? { elid: s(existing.id), id: s(existing.id) } : {}),
      plid: s(instance?.id ?? ''),
      name: existing ? s(existing.name) : {},
      rotation_days: existing ? s(existing.days.join(',')) : {},
      rotation_time: existing ? s(rotationTimeText(ctx, existing.time)) : {},
      slist: [slist('rotation_days', dayOptions())],
    };
  }

  // plid: required on create; on update optional but must match the schedule's instance
  let instanceId: string;
  if (existing) {
    const plid = params.str('plid');
    if (plid && plid !== existing.instanceId) throw errors.field('plid', plid, 'the schedule belongs to another instance');
    instanceId = existing.instanceId;
  } else {
    instanceId = instanceFrom(ctx, 'plid').id;
  }
  const name = validName(ctx, 'name');
  const rawDays = params.all('rotation_days');
  const days = parseRotationDays(rawDays);
  if (!days) throw errors.field('rotation_days', rawDays.join(','), 'day numbers 0-6 (Sunday = 0) separated by commas are expected');
  const rawTime = params.str('rotation_time');
  const time = parseRotationTime(rawTime);
  if (!time) throw errors.field('rotation_time', rawTime, 'HH:MM (00:00-23:59) is expected');

  if (existing) {
    Object.assign(existing, { name, days, time, updatedAt: ctx.now });
    return created(ctx, existing.id);
  }
  return created(ctx, ctx.state.addSchedule({ instanceId, name, days, time, at: ctx.now }).id);
};

const scheduleDelete: FuncHandler = (ctx): DocNode => {
  const ids = idList(ctx.params, 'elid');
  if (ids.length === 0) throw errors.field('elid', '', 'a schedule id is required');
  for (const id of ids) scheduleById(ctx, id);
  for (const id of ids) ctx.state.schedules.delete(id);
  return ok();
};

// ---------------------------------------------------------------------------------- table

export const handlers: Record<string, FuncHandler> = {
  keepalive: () => ok(),
  instances,
  'instances.filter': instancesFilter,
  'instances.edit': instancesEdit,
  'instances.fleio_bckps': backupsList,
  'instances.fleio_bckps.edit': backupsEdit,
  'instances.fleio_bckps.delete': imageDelete,
  'image.edit': imageEdit,
  'image.delete': imageDelete,
  'instances.fleio.rebuild': rebuild,
  'instances.fleio_bckps.schedule': schedulesList,
  'instances.fleio_bckps.schedule.edit': scheduleEdit,
  'instances.fleio_bckps.schedule.delete': scheduleDelete,
};
