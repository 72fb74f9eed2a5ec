/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar day, YYYY-MM-DD (in the zone the field says). */
  Date: { input: string; output: string; }
  /** An instant as ISO 8601 with an offset, e.g. 2026-11-22T03:00:00Z. Output is always UTC. */
  DateTime: { input: string; output: string; }
  /** Any JSON value; used for providers' own representations, passed through untouched. */
  JSON: { input: unknown; output: unknown; }
};

export type AbortOperationInput = {
  operationId: Scalars['ID']['input'];
};

export type AbortOperationResult = ConflictError | NotFoundError | StartOperationSuccess | UnsupportedByProviderError | UpstreamError;

export type AcknowledgeAlertInput = {
  alertId: Scalars['ID']['input'];
};

export type AcknowledgeAlertResult = AcknowledgeAlertSuccess | ConflictError | NotFoundError | ValidationError;

export type AcknowledgeAlertSuccess = {
  __typename?: 'AcknowledgeAlertSuccess';
  alert: Alert;
};

export type Alert = Node & {
  __typename?: 'Alert';
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The API key's name, or null with keys off. */
  acknowledgedBy?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  kind: AlertKind;
  message: Scalars['String']['output'];
  openedAt: Scalars['DateTime']['output'];
  /** The operation the alert is about, as the journal holds it now (a page of alerts is one journal read). */
  operation?: Maybe<Operation>;
  provider?: Maybe<Provider>;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The resource as the provider lists it now; null when it is gone or the alert is about a provider. */
  resource?: Maybe<ProtectedResource>;
  /** The resource name when the alert opened (also when it is gone since). */
  resourceName?: Maybe<Scalars['String']['output']>;
  severity: AlertSeverity;
  state: AlertState;
};

export type AlertConnection = {
  __typename?: 'AlertConnection';
  edges: Array<AlertEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type AlertEdge = {
  __typename?: 'AlertEdge';
  cursor: Scalars['String']['output'];
  node: Alert;
};

export type AlertFilter = {
  kinds?: InputMaybe<Array<AlertKind>>;
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  states?: InputMaybe<Array<AlertState>>;
};

export type AlertKind =
  /** An operation of kind BACKUP / OFFSITE_COPY / *SNAPSHOT ended FAILED; resolves when the next backup of the resource succeeds. */
  | 'BACKUP_FAILED'
  /** A scheduled resource's last success is older than alerts.rpoHours. */
  | 'BACKUP_STALE'
  /** An operation has run longer than alerts.stuckAfterMinutes. */
  | 'OPERATION_STUCK'
  /** A provider has been unreachable or rejecting credentials for longer than alerts.providerDownAfterSeconds; resolves when it is back. */
  | 'PROVIDER_DOWN'
  /** A scheduled run did not happen within the grace (journal.missedGraceMinutes); resolves with the next successful backup. */
  | 'RUN_MISSED';

export type AlertSeverity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

export type AlertState =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type AssignBackupLocationInput = {
  backupLocationId: Scalars['ID']['input'];
  virtualMachineId: Scalars['ID']['input'];
};

export type AssignBackupLocationResult = AssignBackupLocationSuccess | NotFoundError | UnsupportedByProviderError | UpstreamError | ValidationError;

export type AssignBackupLocationSuccess = {
  __typename?: 'AssignBackupLocationSuccess';
  backupLocation: BackupLocation;
  virtualMachine: VirtualMachine;
};

export type AssignScheduleInput = {
  scheduleId: Scalars['ID']['input'];
  targetId: Scalars['ID']['input'];
};

export type AssignScheduleResult = AssignScheduleSuccess | NotFoundError | UnsupportedByProviderError | UpstreamError | ValidationError;

export type AssignScheduleSuccess = {
  __typename?: 'AssignScheduleSuccess';
  schedule: Schedule;
  target: ProtectedResource;
};

export type Backup = Node & {
  __typename?: 'Backup';
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: BackupKind;
  location?: Maybe<Scalars['String']['output']>;
  nativeId: Scalars['String']['output'];
  protected?: Maybe<Scalars['Boolean']['output']>;
  provider: Provider;
  resource: ProtectedResource;
  sizeBytes?: Maybe<Scalars['Float']['output']>;
  status?: Maybe<Scalars['String']['output']>;
};

export type BackupCalendar = {
  __typename?: 'BackupCalendar';
  conflicts: Array<RunConflict>;
  from: Scalars['DateTime']['output'];
  /** Sorted by time. */
  runs: Array<ScheduledRun>;
  to: Scalars['DateTime']['output'];
};

export type BackupConnection = {
  __typename?: 'BackupConnection';
  edges: Array<BackupEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type BackupEdge = {
  __typename?: 'BackupEdge';
  cursor: Scalars['String']['output'];
  node: Backup;
};

export type BackupHistory = {
  __typename?: 'BackupHistory';
  from: Scalars['Date']['output'];
  resources: Array<ResourceHistory>;
  /** The IANA zone the days are cut in. */
  timezone: Scalars['String']['output'];
  to: Scalars['Date']['output'];
};

export type BackupKind =
  | 'IMAGE'
  | 'LOCAL_SNAPSHOT'
  | 'REMOTE_SNAPSHOT'
  | 'VERSION';

export type BackupLocation = Node & {
  __typename?: 'BackupLocation';
  id: Scalars['ID']['output'];
  kind: LocationKind;
  name: Scalars['String']['output'];
  nativeId: Scalars['String']['output'];
  path?: Maybe<Scalars['String']['output']>;
  provider: Provider;
  /** VMs assigned to this location. */
  virtualMachines: Array<VirtualMachine>;
};

export type BackupLocationFilter = {
  kinds?: InputMaybe<Array<LocationKind>>;
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type BackupOutcome =
  | 'ABORTED'
  | 'FAILED'
  | 'SUCCESS'
  | 'UNKNOWN'
  | 'WARNING';

/** The outcome of one backup run as the provider reports it. */
export type BackupResult = {
  __typename?: 'BackupResult';
  at?: Maybe<Scalars['DateTime']['output']>;
  durationSeconds?: Maybe<Scalars['Int']['output']>;
  message?: Maybe<Scalars['String']['output']>;
  outcome: BackupOutcome;
  transferredBytes?: Maybe<Scalars['Float']['output']>;
};

export type CalendarFilter = {
  /** Runs closer than this on one host or one resource conflict. */
  conflictMinutes?: InputMaybe<Scalars['Int']['input']>;
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type Capability =
  | 'ABORT_OPERATION'
  | 'ASSIGN_BACKUP_LOCATION'
  | 'CREATE_SCHEDULE'
  | 'DELETE_SCHEDULE'
  | 'OFFSITE_COPY'
  | 'OPERATION_PROGRESS'
  | 'PER_RESOURCE_SCHEDULES'
  | 'RESTORE'
  | 'RETENTION_POLICY'
  | 'SANDBOX_RESTORE'
  | 'SHARED_SCHEDULES'
  | 'TAKE_BACKUP'
  | 'UPDATE_SCHEDULE'
  | 'VERIFY';

export type ConflictError = Error & {
  __typename?: 'ConflictError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type CreateScheduleInput = {
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  kind: ScheduleKind;
  name: Scalars['String']['input'];
  /** Or the provider's own form (e.g. CloudSigma incremental_backup). */
  native?: InputMaybe<Scalars['JSON']['input']>;
  /** Provider ID (global) or config id. */
  providerId: Scalars['ID']['input'];
  remoteLocation?: InputMaybe<Scalars['String']['input']>;
  retention?: InputMaybe<Array<RetentionRuleInput>>;
  /** Required where the provider has PER_RESOURCE_SCHEDULES. */
  targetId?: InputMaybe<Scalars['ID']['input']>;
  /** IANA; defaults to the provider's zone. */
  timezone?: InputMaybe<Scalars['String']['input']>;
  weekly?: InputMaybe<WeeklyRecurrenceInput>;
};

export type DeleteSchedulesInput = {
  ids: Array<Scalars['ID']['input']>;
};

export type DeleteSchedulesResult = DeleteSchedulesSuccess | NotFoundError | UnsupportedByProviderError | UpstreamError | ValidationError;

export type DeleteSchedulesSuccess = {
  __typename?: 'DeleteSchedulesSuccess';
  deletedIds: Array<Scalars['ID']['output']>;
};

/** A disk (CloudSigma drive). A drive attached to no server is still listed and protectable. */
export type Disk = Node & ProtectedResource & {
  __typename?: 'Disk';
  /** Backups of this resource, newest first. */
  backups: BackupConnection;
  id: Scalars['ID']['output'];
  lastBackup?: Maybe<BackupResult>;
  name: Scalars['String']['output'];
  /** The provider's own id. */
  nativeId: Scalars['String']['output'];
  nextBackupAt?: Maybe<Scalars['DateTime']['output']>;
  /** This resource's protection status, as in Query.protection. */
  protection: ResourceProtection;
  provider: Provider;
  /** Schedules that apply to this resource. */
  schedules: Array<Schedule>;
  sizeBytes?: Maybe<Scalars['Float']['output']>;
  storageType?: Maybe<Scalars['String']['output']>;
  virtualMachine?: Maybe<VirtualMachine>;
};


/** A disk (CloudSigma drive). A drive attached to no server is still listed and protectable. */
export type DiskBackupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A disk (CloudSigma drive). A drive attached to no server is still listed and protectable. */
export type DiskProtectionArgs = {
  rpoHours?: InputMaybe<Scalars['Int']['input']>;
};

/** Every error a mutation can return implements this. */
export type Error = {
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type ErrorCode =
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'UNSUPPORTED_BY_PROVIDER'
  | 'UPSTREAM_REJECTED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'VALIDATION';

export type HealthStatus =
  | 'DEGRADED'
  | 'DOWN'
  | 'UNKNOWN'
  | 'UP';

export type HistoryDay = {
  __typename?: 'HistoryDay';
  date: Scalars['Date']['output'];
  /** Backups started that day that FAILED or were ABORTED. */
  failed: Scalars['Int']['output'];
  /** Runs due that day that did not happen within the grace. */
  missed: Scalars['Int']['output'];
  status: HistoryDayStatus;
  /** Successful backups started that day (restore points no operation accounts for included). */
  succeeded: Scalars['Int']['output'];
};

export type HistoryDayStatus =
  /** Backups were attempted that day and none succeeded. */
  | 'FAILED'
  /** A run was due that day (from its schedule) and none happened within the grace. */
  | 'MISSED'
  /** Nothing was due and nothing ran. */
  | 'NONE'
  /** Today only: a backup is running and none has succeeded yet. */
  | 'RUNNING'
  /** At least one backup of the resource succeeded that day. */
  | 'SUCCEEDED';

export type HistoryFilter = {
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** VirtualMachine or Disk IDs; a VM's rows and runs include its disks'. */
  resourceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type LocationKind =
  | 'LOCAL'
  | 'OFFSITE'
  | 'PRIMARY'
  | 'REMOTE';

export type MissedRun = {
  __typename?: 'MissedRun';
  /** dueAt + the grace: when the run was certainly missed. */
  detectedAt: Scalars['DateTime']['output'];
  dueAt: Scalars['DateTime']['output'];
  resource: ProtectedResource;
  /** The live schedule the run was due from; null where the provider names none (Altaro's NextBackupTime) or it is gone. */
  schedule?: Maybe<Schedule>;
};

export type Mutation = {
  __typename?: 'Mutation';
  abortOperation: AbortOperationResult;
  /** OPEN -> ACKNOWLEDGED (sends alert.acknowledged); acknowledging again answers the alert as it is; a RESOLVED one is a ConflictError. */
  acknowledgeAlert: AcknowledgeAlertResult;
  /** Send a VM's backups (or offsite copies) to a location. */
  assignBackupLocation: AssignBackupLocationResult;
  /** Put a VM or disk on a shared schedule. */
  assignSchedule: AssignScheduleResult;
  createSchedule: ScheduleResult;
  /** Delete schedules, all of one provider per call (one upstream bulk delete where the provider has one). */
  deleteSchedules: DeleteSchedulesResult;
  /** Back up a VM now (CloudSigma: snapshot each of its drives; a Disk: snapshot that drive). */
  startBackup: StartOperationResult;
  startOffsiteCopy: StartOperationResult;
  startRestore: StartOperationResult;
  startVerification: StartOperationResult;
  /** Stop sending a VM's backups to a location. */
  unassignBackupLocation: AssignBackupLocationResult;
  /** Take a VM or disk off a shared schedule. */
  unassignSchedule: AssignScheduleResult;
  updateSchedule: ScheduleResult;
};


export type MutationAbortOperationArgs = {
  input: AbortOperationInput;
};


export type MutationAcknowledgeAlertArgs = {
  input: AcknowledgeAlertInput;
};


export type MutationAssignBackupLocationArgs = {
  input: AssignBackupLocationInput;
};


export type MutationAssignScheduleArgs = {
  input: AssignScheduleInput;
};


export type MutationCreateScheduleArgs = {
  input: CreateScheduleInput;
};


export type MutationDeleteSchedulesArgs = {
  input: DeleteSchedulesInput;
};


export type MutationStartBackupArgs = {
  input: StartBackupInput;
};


export type MutationStartOffsiteCopyArgs = {
  input: StartOffsiteCopyInput;
};


export type MutationStartRestoreArgs = {
  input: StartRestoreInput;
};


export type MutationStartVerificationArgs = {
  input: StartVerificationInput;
};


export type MutationUnassignBackupLocationArgs = {
  input: AssignBackupLocationInput;
};


export type MutationUnassignScheduleArgs = {
  input: AssignScheduleInput;
};


export type MutationUpdateScheduleArgs = {
  input: UpdateScheduleInput;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type NotFoundError = Error & {
  __typename?: 'NotFoundError';
  code: ErrorCode;
  message: Scalars['String']['output'];
};

export type Operation = Node & {
  __typename?: 'Operation';
  /** finishedAt - startedAt in whole seconds, once both are known. */
  durationSeconds?: Maybe<Scalars['Int']['output']>;
  /** This is the last state: a terminal status, or UNKNOWN when no upstream answer can confirm the outcome any more (`message` says why). `operationUpdated` completes after it. */
  final: Scalars['Boolean']['output'];
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: OperationKind;
  message?: Maybe<Scalars['String']['output']>;
  nativeId: Scalars['String']['output'];
  /** The provider's current step text. */
  phase?: Maybe<Scalars['String']['output']>;
  /** 0..100 where the provider reports it. */
  progress?: Maybe<Scalars['Int']['output']>;
  provider: Provider;
  /** GATEWAY when started through this API, PROVIDER when seen upstream (also when no journal is configured to tell). */
  source: OperationSource;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The API key's name when started through the gateway with keys on. */
  startedBy?: Maybe<Scalars['String']['output']>;
  status: OperationStatus;
  target?: Maybe<ProtectedResource>;
  updatedAt: Scalars['DateTime']['output'];
};

export type OperationConnection = {
  __typename?: 'OperationConnection';
  edges: Array<OperationEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type OperationEdge = {
  __typename?: 'OperationEdge';
  cursor: Scalars['String']['output'];
  node: Operation;
};

export type OperationFilter = {
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type OperationHistoryFilter = {
  /** startedAt >= from */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  kinds?: InputMaybe<Array<OperationKind>>;
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  statuses?: InputMaybe<Array<OperationStatus>>;
  /** VirtualMachine or Disk IDs; a VM's own disks are included (CloudSigma snapshots target drives). */
  targetIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** startedAt < to */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type OperationKind =
  | 'BACKUP'
  | 'OFFSITE_COPY'
  | 'REMOTE_SNAPSHOT'
  | 'RESTORE'
  | 'SANDBOX_RESTORE'
  | 'SEED_TO_DISK'
  | 'SNAPSHOT'
  | 'VERIFY';

export type OperationSource =
  /** Started through this API. */
  | 'GATEWAY'
  /** Seen upstream: the provider's own schedule, its console, another tool. */
  | 'PROVIDER';

export type OperationStatus =
  | 'ABORTED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'UNKNOWN';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A VM or disk that schedules protect and backups are taken of. */
export type ProtectedResource = {
  /** Backups of this resource, newest first. */
  backups: BackupConnection;
  id: Scalars['ID']['output'];
  lastBackup?: Maybe<BackupResult>;
  name: Scalars['String']['output'];
  /** The provider's own id. */
  nativeId: Scalars['String']['output'];
  nextBackupAt?: Maybe<Scalars['DateTime']['output']>;
  /** This resource's protection status, as in Query.protection. */
  protection: ResourceProtection;
  provider: Provider;
  /** Schedules that apply to this resource. */
  schedules: Array<Schedule>;
};


/** A VM or disk that schedules protect and backups are taken of. */
export type ProtectedResourceBackupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A VM or disk that schedules protect and backups are taken of. */
export type ProtectedResourceProtectionArgs = {
  rpoHours?: InputMaybe<Scalars['Int']['input']>;
};

export type ProtectionCount = {
  __typename?: 'ProtectionCount';
  count: Scalars['Int']['output'];
  status: ProtectionStatus;
};

export type ProtectionFilter = {
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  statuses?: InputMaybe<Array<ProtectionStatus>>;
};

export type ProtectionReport = {
  __typename?: 'ProtectionReport';
  byProvider: Array<ProviderProtection>;
  /** Every status, zero counts included. */
  counts: Array<ProtectionCount>;
  resources: Array<ResourceProtection>;
  rpoHours: Scalars['Int']['output'];
};

export type ProtectionStatus =
  | 'LAST_BACKUP_FAILED'
  | 'NEVER_BACKED_UP'
  | 'NO_OFFSITE_COPY'
  | 'NO_SCHEDULE'
  | 'PROTECTED'
  | 'SCHEDULE_DISABLED'
  | 'STALE';

/** A configured backup provider. */
export type Provider = Node & {
  __typename?: 'Provider';
  baseUrl: Scalars['String']['output'];
  capabilities: Array<Capability>;
  health: ProviderHealth;
  id: Scalars['ID']['output'];
  kind: ProviderKind;
  /** The config id, e.g. "hq". */
  name: Scalars['String']['output'];
};

/** Derived from the latest upstream exchanges and the circuit breaker; asks the upstream only when nothing is known yet. */
export type ProviderHealth = {
  __typename?: 'ProviderHealth';
  checkedAt?: Maybe<Scalars['DateTime']['output']>;
  latencyMs?: Maybe<Scalars['Float']['output']>;
  message?: Maybe<Scalars['String']['output']>;
  status: HealthStatus;
};

export type ProviderKind =
  | 'ALTARO'
  | 'BILLMANAGER'
  | 'CLOUDSIGMA';

export type ProviderProtection = {
  __typename?: 'ProviderProtection';
  counts: Array<ProtectionCount>;
  provider: Provider;
};

export type Query = {
  __typename?: 'Query';
  /** Alerts the rules opened, newest first (also resolved ones, until the journal prunes them). */
  alerts: AlertConnection;
  /** Every scheduled run in [from, to) across providers (window at most 31 days, at most 20000 runs), sorted, with conflicts. Altaro exposes no recurrence: its runs are each VM's next backup time. */
  backupCalendar: BackupCalendar;
  /** One row per VM and disk the providers list now, one cell per day; the newest day is today in `timezone`. days: 1..90. */
  backupHistory: BackupHistory;
  backupLocations: Array<BackupLocation>;
  /** Runs due in [from, to) with no backup of the resource started within the grace (config journal.missedGraceMinutes), oldest first. At most 92 days. */
  missedRuns: Array<MissedRun>;
  node?: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  /** Every operation the journal holds, newest first: those started here and those seen upstream, also after they left the provider and after a restart. */
  operationHistory: OperationConnection;
  /** Operations the providers currently report (running, or finished moments ago). */
  operations: Array<Operation>;
  /** Every VM and disk with one protection status, its reason and facts, and counts per provider and status. */
  protection: ProtectionReport;
  /** Every configured provider. */
  providers: Array<Provider>;
  /** Every provider's schedules, sorted by provider then name. */
  schedules: ScheduleConnection;
  /** Which of `backups` the given rules keep as of `now` (default: the current time), newest first; at most 10,000 backups. */
  simulateRetention: Array<RetentionDecision>;
  /** The API key of this request and its scopes. */
  viewer: Viewer;
  /** Every provider's virtual machines, sorted by provider then name. A provider whose list fails is left out with an error naming it; a VM whose own reads fail (BILLmanager: its backups or schedules) is kept as listed, without what those reads would have told, and the error names its provider. */
  virtualMachines: VirtualMachineConnection;
};


export type QueryAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryBackupCalendarArgs = {
  filter?: InputMaybe<CalendarFilter>;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryBackupHistoryArgs = {
  days?: InputMaybe<Scalars['Int']['input']>;
  filter?: InputMaybe<HistoryFilter>;
  timezone?: InputMaybe<Scalars['String']['input']>;
};


export type QueryBackupLocationsArgs = {
  filter?: InputMaybe<BackupLocationFilter>;
};


export type QueryMissedRunsArgs = {
  filter?: InputMaybe<HistoryFilter>;
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryOperationHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OperationHistoryFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOperationsArgs = {
  filter?: InputMaybe<OperationFilter>;
};


export type QueryProtectionArgs = {
  filter?: InputMaybe<ProtectionFilter>;
  rpoHours?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySchedulesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ScheduleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySimulateRetentionArgs = {
  backups: Array<Scalars['DateTime']['input']>;
  now?: InputMaybe<Scalars['DateTime']['input']>;
  rules: Array<RetentionRuleInput>;
  semantics?: InputMaybe<RetentionSemantics>;
  timezone: Scalars['String']['input'];
};


export type QueryVirtualMachinesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<VirtualMachineFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** When a schedule runs: RFC 5545 lines where expressible, and the provider's own form untouched. */
export type Recurrence = {
  __typename?: 'Recurrence';
  /** Human text, e.g. "Mon–Fri at 02:01 (Europe/Kyiv)". */
  description: Scalars['String']['output'];
  /** The provider's own representation, untouched. */
  native: Scalars['JSON']['output'];
  /** RFC 5545 lines (DTSTART;TZID=… + RRULE/RDATE); null where it cannot be expressed. */
  rrule?: Maybe<Scalars['String']['output']>;
  /** IANA zone the schedule is evaluated in. */
  timezone: Scalars['String']['output'];
};

export type ResourceHistory = {
  __typename?: 'ResourceHistory';
  /** Oldest first, one per day of the window. */
  days: Array<HistoryDay>;
  /** The newest success known: in the journal (the window or the day before it) or from the provider's listing (older ones). */
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  resource: ProtectedResource;
};

export type ResourceProtection = {
  __typename?: 'ResourceProtection';
  lastSuccessAt?: Maybe<Scalars['DateTime']['output']>;
  nextRunAt?: Maybe<Scalars['DateTime']['output']>;
  reason: Scalars['String']['output'];
  resource: ProtectedResource;
  status: ProtectionStatus;
};

/** What a retention policy does with one backup. */
export type RetentionDecision = {
  __typename?: 'RetentionDecision';
  at: Scalars['DateTime']['output'];
  kept: Scalars['Boolean']['output'];
  /** The rules that keep it; empty when it is removed. */
  keptBy: Array<RetentionRule>;
};

export type RetentionPolicy = {
  __typename?: 'RetentionPolicy';
  name?: Maybe<Scalars['String']['output']>;
  rules: Array<RetentionRule>;
  semantics: RetentionSemantics;
  /** Which of `backups` this policy keeps as of `now` (default: the current time), newest first, judged in the schedule's time zone (UTC when unknown). */
  simulate: Array<RetentionDecision>;
};


export type RetentionPolicySimulateArgs = {
  backups: Array<Scalars['DateTime']['input']>;
  now?: InputMaybe<Scalars['DateTime']['input']>;
};

export type RetentionRule = {
  __typename?: 'RetentionRule';
  /** WEEKS: weekday 0=Sunday..6; MONTHS: day of month 1..31. */
  anchor?: Maybe<Scalars['Int']['output']>;
  count: Scalars['Int']['output'];
  unit: RetentionUnit;
};

export type RetentionRuleInput = {
  anchor?: InputMaybe<Scalars['Int']['input']>;
  count: Scalars['Int']['input'];
  unit: RetentionUnit;
};

/** How the rules of a retention policy combine. */
export type RetentionSemantics =
  /** A backup is kept when any rule keeps it; rules judged independently, relative to now (CloudSigma). */
  | 'ANY_RULE_KEEPS'
  /** Rules applied in order (LAST, DAYS, WEEKS, MONTHS, YEARS); a period kept by an earlier rule does not use a later rule's count (Proxmox, borg). */
  | 'IN_ORDER'
  /** The newest N are kept (BILLmanager backup_rotation). */
  | 'KEEP_LAST';

export type RetentionUnit =
  | 'DAYS'
  | 'LAST'
  | 'MONTHS'
  | 'WEEKS'
  | 'YEARS';

/** Runs on one host or one resource that start within `conflictMinutes` of each other. */
export type RunConflict = {
  __typename?: 'RunConflict';
  host?: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  resource?: Maybe<ProtectedResource>;
  runs: Array<ScheduledRun>;
};

/** A backup, sandbox-restore or snapshot schedule. */
export type Schedule = Node & {
  __typename?: 'Schedule';
  enabled: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  kind: ScheduleKind;
  name: Scalars['String']['output'];
  nativeId: Scalars['String']['output'];
  /** The next run times after `after` (default now). Empty for schedules without a recurrence (Altaro: see each target's nextBackupAt). */
  nextRuns: Array<Scalars['DateTime']['output']>;
  provider: Provider;
  /** Null where the provider does not expose it (Altaro: see each VM's nextBackupAt). */
  recurrence?: Maybe<Recurrence>;
  /** CloudSigma remote snapshots: the location code, e.g. "ZRH". */
  remoteLocation?: Maybe<Scalars['String']['output']>;
  retention?: Maybe<RetentionPolicy>;
  /** The resources this schedule protects. */
  targets: Array<ProtectedResource>;
};


/** A backup, sandbox-restore or snapshot schedule. */
export type ScheduleNextRunsArgs = {
  after?: InputMaybe<Scalars['DateTime']['input']>;
  count?: InputMaybe<Scalars['Int']['input']>;
};

export type ScheduleConnection = {
  __typename?: 'ScheduleConnection';
  edges: Array<ScheduleEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ScheduleEdge = {
  __typename?: 'ScheduleEdge';
  cursor: Scalars['String']['output'];
  node: Schedule;
};

export type ScheduleFilter = {
  kinds?: InputMaybe<Array<ScheduleKind>>;
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type ScheduleKind =
  | 'BACKUP'
  | 'LOCAL_SNAPSHOT'
  | 'REMOTE_SNAPSHOT'
  | 'SANDBOX_RESTORE';

export type ScheduleResult = NotFoundError | ScheduleSuccess | UnsupportedByProviderError | UpstreamError | ValidationError;

export type ScheduleSuccess = {
  __typename?: 'ScheduleSuccess';
  schedule: Schedule;
};

/** One scheduled run: when, which schedule, on which resources. */
export type ScheduledRun = {
  __typename?: 'ScheduledRun';
  at: Scalars['DateTime']['output'];
  provider: Provider;
  schedule: Schedule;
  targets: Array<ProtectedResource>;
};

/** `read`: queries and subscriptions; `operate`: start, abort, assign; `admin`: change schedules. */
export type Scope =
  | 'ADMIN'
  | 'OPERATE'
  | 'READ';

export type StartBackupInput = {
  /** A VirtualMachine or Disk. */
  targetId: Scalars['ID']['input'];
};

export type StartOffsiteCopyInput = {
  virtualMachineId: Scalars['ID']['input'];
};

export type StartOperationResult = ConflictError | NotFoundError | StartOperationSuccess | UnsupportedByProviderError | UpstreamError | ValidationError;

export type StartOperationSuccess = {
  __typename?: 'StartOperationSuccess';
  operation: Operation;
};

export type StartRestoreInput = {
  backupId: Scalars['ID']['input'];
  /** Name of the restored copy; the provider picks one when omitted. */
  restoredName?: InputMaybe<Scalars['String']['input']>;
  /** Restore into an isolated sandbox (Altaro). */
  sandbox?: InputMaybe<Scalars['Boolean']['input']>;
};

export type StartVerificationInput = {
  virtualMachineId: Scalars['ID']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Every alert that opens, is acknowledged or resolves, for dashboards. */
  alertsUpdated: Alert;
  /** The operation's current state first, then every change; completes after a terminal status. */
  operationUpdated: Operation;
  /** Every change of every operation the filter matches, for dashboards. */
  operationsUpdated: Operation;
};


export type SubscriptionAlertsUpdatedArgs = {
  filter?: InputMaybe<AlertFilter>;
};


export type SubscriptionOperationUpdatedArgs = {
  id: Scalars['ID']['input'];
};


export type SubscriptionOperationsUpdatedArgs = {
  filter?: InputMaybe<OperationFilter>;
};

export type UnsupportedByProviderError = Error & {
  __typename?: 'UnsupportedByProviderError';
  capability: Capability;
  code: ErrorCode;
  message: Scalars['String']['output'];
  provider: Provider;
};

export type UpdateScheduleInput = {
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
  native?: InputMaybe<Scalars['JSON']['input']>;
  retention?: InputMaybe<Array<RetentionRuleInput>>;
  timezone?: InputMaybe<Scalars['String']['input']>;
  weekly?: InputMaybe<WeeklyRecurrenceInput>;
};

/** The provider was unavailable (UPSTREAM_UNAVAILABLE) or refused (UPSTREAM_REJECTED). */
export type UpstreamError = Error & {
  __typename?: 'UpstreamError';
  code: ErrorCode;
  message: Scalars['String']['output'];
  provider: Provider;
};

export type ValidationError = Error & {
  __typename?: 'ValidationError';
  code: ErrorCode;
  /** The input field that was wrong. */
  field?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
};

/** The API key this request authenticated with. */
export type Viewer = {
  __typename?: 'Viewer';
  /** The key's name from the config ("anonymous" when keys are off). */
  name: Scalars['String']['output'];
  scopes: Array<Scope>;
};

/** A virtual machine (Altaro VM, CloudSigma server, BILLmanager instance). */
export type VirtualMachine = Node & ProtectedResource & {
  __typename?: 'VirtualMachine';
  backupLocations: Array<BackupLocation>;
  /** Backups of this resource, newest first. */
  backups: BackupConnection;
  /** Altaro: in the backup configuration; elsewhere true. */
  configured: Scalars['Boolean']['output'];
  /** CloudSigma drives attached to this server; empty for other providers. */
  disks: Array<Disk>;
  host?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lastBackup?: Maybe<BackupResult>;
  lastOffsiteCopy?: Maybe<BackupResult>;
  name: Scalars['String']['output'];
  /** The provider's own id. */
  nativeId: Scalars['String']['output'];
  nextBackupAt?: Maybe<Scalars['DateTime']['output']>;
  /** Operations on this VM the provider currently reports (running or just finished). */
  operations: Array<Operation>;
  /** This resource's protection status, as in Query.protection. */
  protection: ResourceProtection;
  provider: Provider;
  /** Schedules that apply to this resource. */
  schedules: Array<Schedule>;
  /** The provider's own status text. */
  status?: Maybe<Scalars['String']['output']>;
};


/** A virtual machine (Altaro VM, CloudSigma server, BILLmanager instance). */
export type VirtualMachineBackupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A virtual machine (Altaro VM, CloudSigma server, BILLmanager instance). */
export type VirtualMachineOperationsArgs = {
  activeOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


/** A virtual machine (Altaro VM, CloudSigma server, BILLmanager instance). */
export type VirtualMachineProtectionArgs = {
  rpoHours?: InputMaybe<Scalars['Int']['input']>;
};

export type VirtualMachineConnection = {
  __typename?: 'VirtualMachineConnection';
  edges: Array<VirtualMachineEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list has, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type VirtualMachineEdge = {
  __typename?: 'VirtualMachineEdge';
  cursor: Scalars['String']['output'];
  node: VirtualMachine;
};

export type VirtualMachineFilter = {
  configured?: InputMaybe<Scalars['Boolean']['input']>;
  /** Case-insensitive substring of the name. */
  nameContains?: InputMaybe<Scalars['String']['input']>;
  /** Provider IDs (global) or config ids such as "hq". */
  providerIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The portable form every provider accepts. */
export type WeeklyRecurrenceInput = {
  /** 0=Sunday..6=Saturday */
  daysOfWeek: Array<Scalars['Int']['input']>;
  /** "HH:MM", 24-hour, in the schedule's timezone */
  times: Array<Scalars['String']['input']>;
};

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', name: string, scopes: Array<Scope> } };

export type ConsoleCoverageQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCoverageQuery = { __typename?: 'Query', protection: { __typename?: 'ProtectionReport', byProvider: Array<{ __typename?: 'ProviderProtection', provider: { __typename?: 'Provider', id: string, name: string, kind: ProviderKind }, counts: Array<{ __typename?: 'ProtectionCount', status: ProtectionStatus, count: number }> }>, resources: Array<{ __typename?: 'ResourceProtection', status: ProtectionStatus, reason: string, resource:
        | { __typename?: 'Disk', id: string, name: string, provider: { __typename?: 'Provider', name: string } }
        | { __typename?: 'VirtualMachine', id: string, name: string, provider: { __typename?: 'Provider', name: string } }
       }> } };

export type ConsoleHistoryQueryVariables = Exact<{
  days: Scalars['Int']['input'];
  timezone: Scalars['String']['input'];
}>;


export type ConsoleHistoryQuery = { __typename?: 'Query', backupHistory: { __typename?: 'BackupHistory', from: string, to: string, resources: Array<{ __typename?: 'ResourceHistory', resource:
        | { __typename?: 'Disk', id: string, name: string, provider: { __typename?: 'Provider', name: string } }
        | { __typename?: 'VirtualMachine', id: string, name: string, provider: { __typename?: 'Provider', name: string } }
      , days: Array<{ __typename?: 'HistoryDay', date: string, status: HistoryDayStatus, succeeded: number, failed: number, missed: number }> }> } };

export type ConsoleCalendarQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
}>;


export type ConsoleCalendarQuery = { __typename?: 'Query', backupCalendar: { __typename?: 'BackupCalendar', runs: Array<{ __typename?: 'ScheduledRun', at: string, provider: { __typename?: 'Provider', name: string }, schedule: { __typename?: 'Schedule', id: string, name: string }, targets: Array<
        | { __typename?: 'Disk', id: string, name: string }
        | { __typename?: 'VirtualMachine', id: string, name: string }
      > }>, conflicts: Array<{ __typename?: 'RunConflict', reason: string, host?: string | null, resource?:
        | { __typename?: 'Disk', name: string }
        | { __typename?: 'VirtualMachine', name: string }
       | null, runs: Array<{ __typename?: 'ScheduledRun', at: string, schedule: { __typename?: 'Schedule', id: string, name: string } }> }> } };

export type ConsoleOperationFragment = { __typename?: 'Operation', id: string, kind: OperationKind, status: OperationStatus, progress?: number | null, phase?: string | null, message?: string | null, final: boolean, startedAt?: string | null, finishedAt?: string | null, provider: { __typename?: 'Provider', name: string }, target?:
    | { __typename?: 'Disk', id: string, name: string }
    | { __typename?: 'VirtualMachine', id: string, name: string }
   | null };

export type ConsoleOperationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleOperationsQuery = { __typename?: 'Query', operations: Array<{ __typename?: 'Operation', id: string, kind: OperationKind, status: OperationStatus, progress?: number | null, phase?: string | null, message?: string | null, final: boolean, startedAt?: string | null, finishedAt?: string | null, provider: { __typename?: 'Provider', name: string }, target?:
      | { __typename?: 'Disk', id: string, name: string }
      | { __typename?: 'VirtualMachine', id: string, name: string }
     | null }> };

export type ConsoleOperationsUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ConsoleOperationsUpdatedSubscription = { __typename?: 'Subscription', operationsUpdated: { __typename?: 'Operation', id: string, kind: OperationKind, status: OperationStatus, progress?: number | null, phase?: string | null, message?: string | null, final: boolean, startedAt?: string | null, finishedAt?: string | null, provider: { __typename?: 'Provider', name: string }, target?:
      | { __typename?: 'Disk', id: string, name: string }
      | { __typename?: 'VirtualMachine', id: string, name: string }
     | null } };

export type ConsoleStartBackupMutationVariables = Exact<{
  targetId: Scalars['ID']['input'];
}>;


export type ConsoleStartBackupMutation = { __typename?: 'Mutation', startBackup:
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'StartOperationSuccess', operation: { __typename?: 'Operation', id: string, kind: OperationKind, status: OperationStatus, progress?: number | null, phase?: string | null, message?: string | null, final: boolean, startedAt?: string | null, finishedAt?: string | null, provider: { __typename?: 'Provider', name: string }, target?:
          | { __typename?: 'Disk', id: string, name: string }
          | { __typename?: 'VirtualMachine', id: string, name: string }
         | null } }
    | { __typename: 'UnsupportedByProviderError', message: string }
    | { __typename: 'UpstreamError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type ConsoleAlertFragment = { __typename?: 'Alert', id: string, kind: AlertKind, severity: AlertSeverity, state: AlertState, message: string, openedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: string | null, resourceName?: string | null, provider?: { __typename?: 'Provider', name: string } | null };

export type ConsoleAlertsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAlertsQuery = { __typename?: 'Query', alerts: { __typename?: 'AlertConnection', totalCount: number, edges: Array<{ __typename?: 'AlertEdge', node: { __typename?: 'Alert', id: string, kind: AlertKind, severity: AlertSeverity, state: AlertState, message: string, openedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: string | null, resourceName?: string | null, provider?: { __typename?: 'Provider', name: string } | null } }> } };

export type ConsoleAlertsUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAlertsUpdatedSubscription = { __typename?: 'Subscription', alertsUpdated: { __typename?: 'Alert', id: string, kind: AlertKind, severity: AlertSeverity, state: AlertState, message: string, openedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: string | null, resourceName?: string | null, provider?: { __typename?: 'Provider', name: string } | null } };

export type ConsoleAcknowledgeAlertMutationVariables = Exact<{
  alertId: Scalars['ID']['input'];
}>;


export type ConsoleAcknowledgeAlertMutation = { __typename?: 'Mutation', acknowledgeAlert:
    | { __typename: 'AcknowledgeAlertSuccess', alert: { __typename?: 'Alert', id: string, kind: AlertKind, severity: AlertSeverity, state: AlertState, message: string, openedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: string | null, resourceName?: string | null, provider?: { __typename?: 'Provider', name: string } | null } }
    | { __typename: 'ConflictError', message: string }
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ConsoleOperationFragmentDoc = new TypedDocumentString(`
    fragment ConsoleOperation on Operation {
  id
  kind
  status
  progress
  phase
  message
  final
  startedAt
  finishedAt
  provider {
    name
  }
  target {
    id
    name
  }
}
    `, {"fragmentName":"ConsoleOperation"}) as unknown as TypedDocumentString<ConsoleOperationFragment, unknown>;
export const ConsoleAlertFragmentDoc = new TypedDocumentString(`
    fragment ConsoleAlert on Alert {
  id
  kind
  severity
  state
  message
  openedAt
  acknowledgedAt
  acknowledgedBy
  resourceName
  provider {
    name
  }
}
    `, {"fragmentName":"ConsoleAlert"}) as unknown as TypedDocumentString<ConsoleAlertFragment, unknown>;
export const ConsoleViewerDocument = new TypedDocumentString(`
    query ConsoleViewer {
  viewer {
    name
    scopes
  }
}
    `) as unknown as TypedDocumentString<ConsoleViewerQuery, ConsoleViewerQueryVariables>;
export const ConsoleCoverageDocument = new TypedDocumentString(`
    query ConsoleCoverage {
  protection {
    byProvider {
      provider {
        id
        name
        kind
      }
      counts {
        status
        count
      }
    }
    resources {
      status
      reason
      resource {
        id
        name
        provider {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCoverageQuery, ConsoleCoverageQueryVariables>;
export const ConsoleHistoryDocument = new TypedDocumentString(`
    query ConsoleHistory($days: Int!, $timezone: String!) {
  backupHistory(days: $days, timezone: $timezone) {
    from
    to
    resources {
      resource {
        id
        name
        provider {
          name
        }
      }
      days {
        date
        status
        succeeded
        failed
        missed
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleHistoryQuery, ConsoleHistoryQueryVariables>;
export const ConsoleCalendarDocument = new TypedDocumentString(`
    query ConsoleCalendar($from: DateTime!, $to: DateTime!) {
  backupCalendar(from: $from, to: $to) {
    runs {
      at
      provider {
        name
      }
      schedule {
        id
        name
      }
      targets {
        id
        name
      }
    }
    conflicts {
      reason
      host
      resource {
        name
      }
      runs {
        at
        schedule {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCalendarQuery, ConsoleCalendarQueryVariables>;
export const ConsoleOperationsDocument = new TypedDocumentString(`
    query ConsoleOperations {
  operations {
    ...ConsoleOperation
  }
}
    fragment ConsoleOperation on Operation {
  id
  kind
  status
  progress
  phase
  message
  final
  startedAt
  finishedAt
  provider {
    name
  }
  target {
    id
    name
  }
}`) as unknown as TypedDocumentString<ConsoleOperationsQuery, ConsoleOperationsQueryVariables>;
export const ConsoleOperationsUpdatedDocument = new TypedDocumentString(`
    subscription ConsoleOperationsUpdated {
  operationsUpdated {
    ...ConsoleOperation
  }
}
    fragment ConsoleOperation on Operation {
  id
  kind
  status
  progress
  phase
  message
  final
  startedAt
  finishedAt
  provider {
    name
  }
  target {
    id
    name
  }
}`) as unknown as TypedDocumentString<ConsoleOperationsUpdatedSubscription, ConsoleOperationsUpdatedSubscriptionVariables>;
export const ConsoleStartBackupDocument = new TypedDocumentString(`
    mutation ConsoleStartBackup($targetId: ID!) {
  startBackup(input: {targetId: $targetId}) {
    __typename
    ... on StartOperationSuccess {
      operation {
        ...ConsoleOperation
      }
    }
    ... on Error {
      message
    }
  }
}
    fragment ConsoleOperation on Operation {
  id
  kind
  status
  progress
  phase
  message
  final
  startedAt
  finishedAt
  provider {
    name
  }
  target {
    id
    name
  }
}`) as unknown as TypedDocumentString<ConsoleStartBackupMutation, ConsoleStartBackupMutationVariables>;
export const ConsoleAlertsDocument = new TypedDocumentString(`
    query ConsoleAlerts {
  alerts(first: 100, filter: {states: [OPEN, ACKNOWLEDGED]}) {
    totalCount
    edges {
      node {
        ...ConsoleAlert
      }
    }
  }
}
    fragment ConsoleAlert on Alert {
  id
  kind
  severity
  state
  message
  openedAt
  acknowledgedAt
  acknowledgedBy
  resourceName
  provider {
    name
  }
}`) as unknown as TypedDocumentString<ConsoleAlertsQuery, ConsoleAlertsQueryVariables>;
export const ConsoleAlertsUpdatedDocument = new TypedDocumentString(`
    subscription ConsoleAlertsUpdated {
  alertsUpdated {
    ...ConsoleAlert
  }
}
    fragment ConsoleAlert on Alert {
  id
  kind
  severity
  state
  message
  openedAt
  acknowledgedAt
  acknowledgedBy
  resourceName
  provider {
    name
  }
}`) as unknown as TypedDocumentString<ConsoleAlertsUpdatedSubscription, ConsoleAlertsUpdatedSubscriptionVariables>;
export const ConsoleAcknowledgeAlertDocument = new TypedDocumentString(`
    mutation ConsoleAcknowledgeAlert($alertId: ID!) {
  acknowledgeAlert(input: {alertId: $alertId}) {
    __typename
    ... on AcknowledgeAlertSuccess {
      alert {
        ...ConsoleAlert
      }
    }
    ... on Error {
      message
    }
  }
}
    fragment ConsoleAlert on Alert {
  id
  kind
  severity
  state
  message
  openedAt
  acknowledgedAt
  acknowledgedBy
  resourceName
  provider {
    name
  }
}`) as unknown as TypedDocumentString<ConsoleAcknowledgeAlertMutation, ConsoleAcknowledgeAlertMutationVariables>;