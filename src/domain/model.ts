/**
 * The provider-neutral domain: what every provider maps its wire format into and what the
 * schema layer exposes. Nothing here knows GraphQL or any provider's protocol.
 *
 * Every entity carries `providerId` (the config id) and `nativeId` (the provider's own id);
 * together they identify it across the gateway (see src/schema/ids.ts for global IDs).
 */

/** A provider module's kind as the API shows it, e.g. "ALTARO" (src/providers/registry.ts lists them). */
export type ProviderKind = string;

export const CAPABILITIES = [
  'SHARED_SCHEDULES',
  'PER_RESOURCE_SCHEDULES',
  'CREATE_SCHEDULE',
  'UPDATE_SCHEDULE',
  'DELETE_SCHEDULE',
  'ASSIGN_BACKUP_LOCATION',
  'TAKE_BACKUP',
  'OFFSITE_COPY',
  'RESTORE',
  'SANDBOX_RESTORE',
  'VERIFY',
  'ABORT_OPERATION',
  'OPERATION_PROGRESS',
  'RETENTION_POLICY',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export type HealthStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

export interface ProviderHealth {
  status: HealthStatus;
  checkedAt?: Date;
  latencyMs?: number;
  message?: string;
}

/** A reference to anything a provider owns. */
export interface Ref {
  providerId: string;
  nativeId: string;
}

export type BackupOutcome = 'SUCCESS' | 'WARNING' | 'FAILED' | 'ABORTED' | 'UNKNOWN';

export interface BackupResult {
  at?: Date;
  outcome: BackupOutcome;
  durationSeconds?: number;
  transferredBytes?: number;
  message?: string;
}

export type ResourceType = 'VirtualMachine' | 'Disk';

export interface VirtualMachine extends Ref {
  type: 'VirtualMachine';
  name: string;
  host?: string;
  configured: boolean;
  status?: string;
  diskIds: string[];
  lastBackup?: BackupResult;
  /** When the provider can tell cheaply: the last successful backup, even if a later one failed. */
  lastSuccessAt?: Date;
  lastOffsiteCopy?: BackupResult;
  nextBackupAt?: Date;
}

export interface Disk extends Ref {
  type: 'Disk';
  name: string;
  sizeBytes?: number;
  storageType?: string;
  /** Native id of the VM the disk is attached to, if any. */
  virtualMachineId?: string;
  lastBackup?: BackupResult;
  lastSuccessAt?: Date;
  nextBackupAt?: Date;
}

export type Resource = VirtualMachine | Disk;

export type ScheduleKind = 'BACKUP' | 'SANDBOX_RESTORE' | 'LOCAL_SNAPSHOT' | 'REMOTE_SNAPSHOT';

export interface Recurrence {
  rrule?: string;
  timezone: string;
  description: string;
  native: unknown;
  /** The structured rule the gateway evaluates next runs from (see domain/recurrence). */
  rule?: RecurrenceRule;
}

/** Runs at each of `times` ("HH:MM") on each of `daysOfWeek` (0=Sunday), wall time in the zone. */
export interface WeeklyRule {
  kind: 'weekly';
  daysOfWeek: number[];
  times: string[];
}

/** A wall-clock time of day in the recurrence's zone. */
export interface TimeOfDay {
  hour: number; // 0..23
  minute: number; // 0..59
}

/**
 * A cron-like rule (CloudSigma's `incremental_backup`, read by domain/recurrence/cloudsigma.ts; see
 * domain/recurrence/cronlike.ts for the exact semantics). A run happens on each local date passing
 * all three day filters (ANDed), at each time of day produced by, in order of precedence:
 * `manualTimes` (when non-empty), else `repeat` (every N minutes from the window start, or
 * 00:00, through the window), else `hours` x `minutes`. `window` (inclusive, may wrap midnight)
 * then drops times of day outside it; undefined = the whole day.
 */
export interface CronLikeRule {
  kind: 'cronlike';
  /** 0=Sunday..6, or '*' for any day. */
  daysOfWeek: number[] | '*';
  /** 1..31, -1 = the last day of the month, or '*'. */
  daysOfMonth: number[] | '*';
  /** 1..12, or '*'. */
  months: number[] | '*';
  /** 0..23, or '*' for every hour; [] (with minutes []) = no fixed time. */
  hours: number[] | '*';
  /** 0..59. */
  minutes: number[];
  repeat?: { everyHours?: number; everyMinutes?: number };
  window?: { start: TimeOfDay; end: TimeOfDay };
  /** "HH:MM" times of day that replace hours/minutes/repeat. */
  manualTimes?: string[];
}

export type RecurrenceRule = WeeklyRule | CronLikeRule;

export type RetentionUnit = 'LAST' | 'DAYS' | 'WEEKS' | 'MONTHS' | 'YEARS';

export interface RetentionRule {
  unit: RetentionUnit;
  count: number;
  /** WEEKS: weekday 0=Sunday..6; MONTHS: day of month 1..31. */
  anchor?: number;
}

export interface RetentionPolicy {
  name?: string;
  rules: RetentionRule[];
  /** How the rules combine (see domain/retention.ts); unset: KEEP_LAST for a lone LAST rule, else ANY_RULE_KEEPS. */
  semantics?: 'ANY_RULE_KEEPS' | 'IN_ORDER' | 'KEEP_LAST';
}

export interface Schedule extends Ref {
  name: string;
  kind: ScheduleKind;
  enabled: boolean;
  recurrence?: Recurrence;
  retention?: RetentionPolicy;
  remoteLocation?: string;
  /** Resources the schedule applies to, when the listing tells (undefined: ask `targetsOf`). */
  targets?: ResourceRef[];
}

export interface ResourceRef extends Ref {
  type: ResourceType;
}

export type LocationKind = 'PRIMARY' | 'OFFSITE' | 'LOCAL' | 'REMOTE';

export interface BackupLocation extends Ref {
  name: string;
  kind: LocationKind;
  path?: string;
  /** Native ids of the VMs assigned, when the listing tells (undefined: ask `locationTargets`). */
  virtualMachineIds?: string[];
}

export type BackupKind = 'VERSION' | 'LOCAL_SNAPSHOT' | 'REMOTE_SNAPSHOT' | 'IMAGE';

export interface Backup extends Ref {
  resource: ResourceRef;
  kind: BackupKind;
  createdAt?: Date;
  sizeBytes?: number;
  status?: string;
  location?: string;
  protected?: boolean;
}

export type OperationKind =
  | 'BACKUP'
  | 'OFFSITE_COPY'
  | 'RESTORE'
  | 'SANDBOX_RESTORE'
  | 'VERIFY'
  | 'SEED_TO_DISK'
  | 'SNAPSHOT'
  | 'REMOTE_SNAPSHOT';

export type OperationStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'UNKNOWN';

export const TERMINAL_STATUSES: ReadonlySet<OperationStatus> = new Set(['SUCCEEDED', 'FAILED', 'ABORTED']);

export interface Operation extends Ref {
  kind: OperationKind;
  status: OperationStatus;
  progress?: number;
  phase?: string;
  message?: string;
  target?: ResourceRef;
  startedAt?: Date;
  updatedAt: Date;
  finishedAt?: Date;
  /**
   * No later answer will change this state. Set on an UNKNOWN whose outcome no upstream answer
   * can confirm any more (e.g. the operation left the provider's list and no report names it
   * after a bounded wait): it is over, with `message` saying why its outcome is not known.
   */
  final?: boolean;
}

export function isTerminal(status: OperationStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Whether an operation is over: a terminal status, or an UNKNOWN marked final. */
export function isOver(operation: Pick<Operation, 'status' | 'final'>): boolean {
  return isTerminal(operation.status) || operation.final === true;
}
