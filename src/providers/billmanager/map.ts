/**
 * BILLmanager wire shapes -> domain. Lenient by design (DESIGN.md): every field optional,
 * statuses compared case-insensitively, weekday lists in any of the forms a panel may show
 * (English names in any order, case or abbreviation; numbers 0-6 Sunday first; ranges), dates
 * in several provider-local formats, older field names (`elid`, `min_size`) accepted.
 *
 * Native ids: an instance is its billing id; a schedule its id; a backup `<instanceId>/<imageId>`
 * (so `getBackup` and `getOperation` read one instance's list). Operations: a backup's creation
 * has the backup's native id (`<instanceId>/pending:<name>` while the panel has not listed it
 * yet, matched by name as §6 advises); a restore is `<instanceId>/rebuild@<start ms>`.
 */
import type {
  Backup,
  BackupResult,
  Operation,
  OperationStatus,
  ResourceRef,
  Schedule,
  VirtualMachine,
} from '../../domain/model.js';
import { nextRuns } from '../../domain/recurrence/index.js';
import { weeklyRecurrence } from '../../domain/recurrence/weekly.js';
import { instantOf } from '../../domain/time.js';
import { ownDate, ParseMemo } from '../parse-memo.js';
import { idOf, intOf, isRecord, origOf, scalar, scalars, type Wire } from './client.js';

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

// ------------------------------------------------------------------------------ values

function dayOf(token: string): number | undefined {
  const t = token.toLowerCase().replace(/\.$/, '');
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n >= 0 && n <= 6) return n;
    return n === 7 ? 0 : undefined; // ISO numbering writes Sunday as 7
  }
  if (t.length < 2) return undefined;
  const matches = DAY_NAMES.map((name, index) => (name.startsWith(t) ? index : -1)).filter((index) => index >= 0);
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * `rotation_days` as the panel may show or a user may give it: "Monday Tuesday " (§5.8),
 * "1,2,3,4,5" (§5.9), "mon, TUE", "Mo-Fr", "1-5", arrays of names or numbers, `{"$": …}`.
 * Sorted unique days 0=Sunday..6; undefined when empty or any token is not a day.
 */
export function parseRotationDays(value: unknown): number[] | undefined {
  const parts: string[] = Array.isArray(value) ? value.map((v) => scalar(v)) : [scalar(value)];
  // A panel shows a handful of distinct day lists; each instance's schedules repeat one of them.
  return parsedDays.get(parts.join('\u0000'), () => daysOf(parts))?.slice();
}

const parsedDays = new ParseMemo<number[] | undefined>(1_000);

function daysOf(parts: string[]): number[] | undefined {
  const tokens = parts.flatMap((part) => part.split(/[\s,;|/[\]]+/)).filter((t) => t !== '');
  if (tokens.length === 0) return undefined;
  const days = new Set<number>();
  for (const token of tokens) {
    const range = /^([^-–]+)[-–]([^-–]+)$/.exec(token);
    if (range) {
      const from = dayOf(range[1]);
      const to = dayOf(range[2]);
      if (from === undefined || to === undefined) return undefined;
      for (let d = from; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === to) break;
      }
      continue;
    }
    const day = dayOf(token);
    if (day === undefined) return undefined;
    days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

/** `rotation_time` "HH:MM" (also "H:MM", or with seconds) -> "HH:MM"; undefined when not a time of day. */
export function parseRotationTime(value: unknown): string | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(scalar(value).trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${match[2]}`;
}

/**
 * A provider-local date ("YYYY-MM-DD HH:MM:SS", "YYYY-MM-DD HH:MM", "YYYY-MM-DD", "DD.MM.YYYY HH:MM")
 * in `timeZone`, or an ISO string with an offset; a repeated field: its first readable value.
 */
export function parseLocalDate(value: unknown, timeZone: string): Date | undefined {
  for (const raw of scalars(value)) {
    const parsed = parsedDates.get(`${timeZone}|${raw}`, () => parseOneDate(raw.trim(), timeZone));
    if (parsed) return ownDate(parsed);
  }
  return undefined;
}

const parsedDates = new ParseMemo<Date | undefined>(50_000);

function parseOneDate(text: string, timeZone: string): Date | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) return local(+m[1], +m[2], +m[3], m[4], m[5], m[6], timeZone);
  m = /^(\d{2})\.(\d{2})\.(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (m) return local(+m[3], +m[2], +m[1], m[4], m[5], m[6], timeZone);
  if (/\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const parsed = new Date(text);
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  return undefined;
}

function local(year: number, month: number, day: number, h: string | undefined, mi: string | undefined, s: string | undefined, timeZone: string): Date {
  return instantOf({ year, month, day, hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) }, timeZone);
}

/** "YYYY-MM-DD HH:MM:SS" of an instant in a zone (backup names). */
export function formatLocal(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const ON = new Set(['on', 'yes', 'true', '1']);

// ------------------------------------------------------------------------------ refs and ids

export function vmRef(providerId: string, instanceId: string): ResourceRef {
  return { type: 'VirtualMachine', providerId, nativeId: instanceId };
}

export function backupNativeId(instanceId: string, backupId: string): string {
  return `${instanceId}/${backupId}`;
}

export type ParsedNativeId =
  | { kind: 'backup'; instanceId: string; backupId: string }
  | { kind: 'pending'; instanceId: string; name: string }
  | { kind: 'rebuild'; instanceId: string; startedAt?: Date };

/** `<instance>/<image>`, `<instance>/pending:<name>` or `<instance>/rebuild@<ms>`. */
export function parseNativeId(nativeId: string): ParsedNativeId | undefined {
  const slash = nativeId.indexOf('/');
  if (slash <= 0 || slash === nativeId.length - 1) return undefined;
  const instanceId = nativeId.slice(0, slash);
  const rest = nativeId.slice(slash + 1);
  if (rest.startsWith('pending:')) return { kind: 'pending', instanceId, name: rest.slice('pending:'.length) };
  if (rest === 'rebuild' || rest.startsWith('rebuild@')) {
    const ms = Number(rest.slice('rebuild@'.length));
    return { kind: 'rebuild', instanceId, startedAt: rest.includes('@') && Number.isFinite(ms) ? new Date(ms) : undefined };
  }
  return { kind: 'backup', instanceId, backupId: rest };
}

// ------------------------------------------------------------------------------ backups

/** fleio_status -> operation status: Saving (and other in-progress words) runs, Active is done. */
export function backupStatusOf(status: string): OperationStatus {
  const s = status.trim().toLowerCase();
  if (s === 'active' || s === 'available' || s === 'ok') return 'SUCCEEDED';
  if (/saving|uploading|creating|progress|running|processing/.test(s)) return 'RUNNING';
  if (/queued|pending|waiting/.test(s)) return 'QUEUED';
  if (/error|fail|killed|broken/.test(s)) return 'FAILED';
  return 'UNKNOWN'; // Suspended and states the contract does not list
}

export function backupCreatedAt(wire: Wire, timeZone: string): Date | undefined {
  return parseLocalDate(wire.createdate ?? wire.create_date, timeZone);
}

export function toBackup(providerId: string, instanceId: string, wire: Wire, timeZone: string): Backup {
  const sizeGb = Number(scalar(wire.image_size) || scalar(wire.min_size));
  const flag = origOf(wire.protected).toLowerCase();
  return {
    providerId,
    nativeId: backupNativeId(instanceId, idOf(wire)),
    resource: vmRef(providerId, instanceId),
    kind: 'IMAGE',
    createdAt: backupCreatedAt(wire, timeZone),
    // image_size is in GB (§5.4); OpenStack image sizes are binary gigabytes.
    sizeBytes: scalar(wire.image_size) || scalar(wire.min_size) ? (Number.isFinite(sizeGb) ? Math.round(sizeGb * 1024 ** 3) : undefined) : undefined,
    status: scalar(wire.fleio_status) || undefined,
    protected: flag === '' ? undefined : ON.has(flag),
  };
}

/** Newest first; backups without a readable date last. */
export function newestFirst<T extends { createdAt?: Date }>(items: T[]): T[] {
  return [...items].sort((a, b) => (b.createdAt?.getTime() ?? -Infinity) - (a.createdAt?.getTime() ?? -Infinity));
}

/** The newest finished backup as a result (one still Saving is not a result yet), and the newest success. */
export function lastResults(backups: Backup[]): { lastBackup?: BackupResult; lastSuccessAt?: Date } {
  const sorted = newestFirst(backups);
  const finished = sorted.find((b) => {
    const status = backupStatusOf(b.status ?? '');
    return status !== 'RUNNING' && status !== 'QUEUED';
  });
  const success = sorted.find((b) => backupStatusOf(b.status ?? '') === 'SUCCEEDED');
  if (!finished) return { lastSuccessAt: success?.createdAt };
  const status = backupStatusOf(finished.status ?? '');
  return {
    lastBackup: {
      at: finished.createdAt,
      outcome: status === 'SUCCEEDED' ? 'SUCCESS' : status === 'FAILED' ? 'FAILED' : 'UNKNOWN',
      message: finished.status,
    },
    lastSuccessAt: success?.createdAt,
  };
}

export function backupOperation(providerId: string, nativeId: string, instanceId: string, wire: Wire, timeZone: string, now: Date): Operation {
  const statusText = scalar(wire.fleio_status);
  const status = backupStatusOf(statusText);
  const terminal = status === 'SUCCEEDED' || status === 'FAILED';
  return {
    providerId,
    nativeId,
    kind: 'BACKUP',
    status,
    phase: statusText || undefined,
    message: scalar(wire.name) || undefined,
    target: vmRef(providerId, instanceId),
    startedAt: backupCreatedAt(wire, timeZone),
    updatedAt: now,
    finishedAt: terminal ? now : undefined,
  };
}

// ------------------------------------------------------------------------------ instances

/**
 * Instance states at rest (§5.1's list without its transitional words). A rebuild's own word is
 * [I] (`rebuilding`), so every other non-empty state counts as "something is being done to the
 * instance": a client that waits for a known word would miss a rebuild shown as `processing`.
 */
const RESTING = new Set(['active', 'stopped', 'shutoff', 'suspend', 'suspended', 'paused', 'resized', 'verify_resize', 'rescued', 'booted_from_iso']);

/** An instance state during a restore: being worked on, at rest, in error, or unreadable (empty). */
export function restoreStatusOf(instanceStatus: string): 'RUNNING' | 'RESTING' | 'ERROR' | 'UNREADABLE' {
  const s = instanceStatus.trim().toLowerCase();
  if (s === '') return 'UNREADABLE';
  if (s === 'error') return 'ERROR';
  return RESTING.has(s) ? 'RESTING' : 'RUNNING';
}

/** Whether an instance state names a rebuild (an operation started outside the gateway is listed only then). */
export function showsRebuild(instanceStatus: string): boolean {
  return /rebuild/i.test(instanceStatus);
}

/** `instance_status` (the machine's state; `item_status` is billing's and says nothing about a rebuild). */
export function instanceStatusText(wire: Wire): string | undefined {
  return scalar(wire.instance_status) || undefined;
}

export function toVirtualMachine(
  providerId: string,
  wire: Wire,
  backups: Backup[],
  schedules: Schedule[],
  timeZone: string,
  now: Date,
): VirtualMachine {
  const id = idOf(wire);
  // The earliest next run of its schedules (nextRuns remembers them for the schedules' own nextRuns).
  let next: Date | undefined;
  for (const s of schedules) {
    const run = s.recurrence?.rule ? nextRuns(s.recurrence, now, 1)[0] : undefined;
    if (run && (!next || run < next)) next = run;
  }
  return {
    type: 'VirtualMachine',
    providerId,
    nativeId: id,
    name: scalar(wire.servername) || scalar(wire.name) || id,
    host: scalar(wire.datacentername) || scalar(wire.datacenter) || undefined,
    configured: true,
    status: instanceStatusText(wire) ?? (scalar(wire.item_status) || undefined),
    diskIds: [],
    ...lastResults(backups),
    nextBackupAt: next,
  };
}

// ------------------------------------------------------------------------------ schedules

export function toSchedule(providerId: string, instanceId: string, wire: Wire, rotation: number | undefined, timeZone: string): Schedule {
  const id = idOf(wire);
  const days = parseRotationDays(wire.rotation_days);
  const time = parseRotationTime(wire.rotation_time);
  const recurrence =
    days && time
      ? weeklyRecurrence({ kind: 'weekly', daysOfWeek: days, times: [time] }, timeZone, wire)
      : {
          timezone: timeZone,
          description: `unreadable schedule: days "${scalar(wire.rotation_days)}" at "${scalar(wire.rotation_time)}" (${timeZone})`,
          native: wire,
        };
  return {
    providerId,
    nativeId: id,
    name: scalar(wire.name) || id,
    kind: 'BACKUP',
    enabled: true,
    recurrence,
    retention: rotation !== undefined ? { name: 'backup_rotation', rules: [{ unit: 'LAST', count: rotation }] } : undefined,
    targets: [vmRef(providerId, scalar(wire.instance_id) || instanceId)],
  };
}

/** The instance's `backup_rotation` from a doc (schedule list §5.8 or instance view §5.3). */
export function rotationOf(doc: Wire): number | undefined {
  const n = intOf(doc.backup_rotation);
  return n !== undefined && n > 0 ? n : undefined;
}

export { isRecord };
