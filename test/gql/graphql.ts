/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
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
  Date: { input: any; output: any; }
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

export type AlertsUpdatedSubscriptionVariables = Exact<{
  filter?: InputMaybe<AlertFilter>;
}>;


export type AlertsUpdatedSubscription = { __typename?: 'Subscription', alertsUpdated: { __typename?: 'Alert', id: string, kind: AlertKind, state: AlertState } };

export type AckOnOtherMutationVariables = Exact<{
  input: AcknowledgeAlertInput;
}>;


export type AckOnOtherMutation = { __typename?: 'Mutation', acknowledgeAlert:
    | { __typename: 'AcknowledgeAlertSuccess', alert: { __typename?: 'Alert', state: AlertState } }
    | { __typename: 'ConflictError' }
    | { __typename: 'NotFoundError' }
    | { __typename: 'ValidationError' }
   };

export type AlertsOnPostgresQueryVariables = Exact<{ [key: string]: never; }>;


export type AlertsOnPostgresQuery = { __typename?: 'Query', alerts: { __typename?: 'AlertConnection', totalCount: number, edges: Array<{ __typename?: 'AlertEdge', node: { __typename?: 'Alert', id: string, kind: AlertKind, state: AlertState } }> } };

export type AlertsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  filter?: InputMaybe<AlertFilter>;
}>;


export type AlertsQuery = { __typename?: 'Query', alerts: { __typename?: 'AlertConnection', totalCount: number, edges: Array<{ __typename?: 'AlertEdge', node: { __typename?: 'Alert', id: string, kind: AlertKind, severity: AlertSeverity, state: AlertState, message: string, acknowledgedBy?: string | null, acknowledgedAt?: string | null, resolvedAt?: string | null, resourceName?: string | null, provider?: { __typename?: 'Provider', name: string } | null, resource?:
          | { __typename?: 'Disk', name: string }
          | { __typename?: 'VirtualMachine', name: string }
         | null, operation?: { __typename?: 'Operation', status: OperationStatus } | null } }> } };

export type AcknowledgeAlertMutationVariables = Exact<{
  input: AcknowledgeAlertInput;
}>;


export type AcknowledgeAlertMutation = { __typename?: 'Mutation', acknowledgeAlert:
    | { __typename: 'AcknowledgeAlertSuccess', alert: { __typename?: 'Alert', id: string, state: AlertState, acknowledgedBy?: string | null, acknowledgedAt?: string | null } }
    | { __typename: 'ConflictError', message: string, code: ErrorCode }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', message: string, code: ErrorCode }
   };

export type AlertNodeQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AlertNodeQuery = { __typename?: 'Query', node?:
    | { __typename: 'Alert', id: string, kind: AlertKind, state: AlertState }
    | { __typename: 'Backup' }
    | { __typename: 'BackupLocation' }
    | { __typename: 'Disk' }
    | { __typename: 'Operation' }
    | { __typename: 'Provider' }
    | { __typename: 'Schedule' }
    | { __typename: 'VirtualMachine' }
   | null };

export type VmNativeIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type VmNativeIdQuery = { __typename?: 'Query', node?:
    | { __typename?: 'Alert' }
    | { __typename?: 'Backup' }
    | { __typename?: 'BackupLocation' }
    | { __typename?: 'Disk' }
    | { __typename?: 'Operation' }
    | { __typename?: 'Provider' }
    | { __typename?: 'Schedule' }
    | { __typename?: 'VirtualMachine', nativeId: string }
   | null };

export type CsServersQueryVariables = Exact<{
  filter?: InputMaybe<VirtualMachineFilter>;
}>;


export type CsServersQuery = { __typename?: 'Query', virtualMachines: { __typename?: 'VirtualMachineConnection', totalCount: number, edges: Array<{ __typename?: 'VirtualMachineEdge', node: { __typename?: 'VirtualMachine', id: string, nativeId: string, name: string, host?: string | null, status?: string | null, configured: boolean, disks: Array<{ __typename?: 'Disk', id: string, nativeId: string, name: string, sizeBytes?: number | null, storageType?: string | null, virtualMachine?: { __typename?: 'VirtualMachine', id: string } | null, lastBackup?: { __typename?: 'BackupResult', at?: string | null, outcome: BackupOutcome } | null, schedules: Array<{ __typename?: 'Schedule', id: string, name: string, kind: ScheduleKind }> }> } }> } };

export type CsDiskQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CsDiskQuery = { __typename?: 'Query', node?:
    | { __typename: 'Alert' }
    | { __typename: 'Backup' }
    | { __typename: 'BackupLocation' }
    | { __typename: 'Disk', id: string, name: string, sizeBytes?: number | null, virtualMachine?: { __typename?: 'VirtualMachine', id: string } | null, lastBackup?: { __typename?: 'BackupResult', at?: string | null, outcome: BackupOutcome } | null, schedules: Array<{ __typename?: 'Schedule', id: string }>, backups: { __typename?: 'BackupConnection', totalCount: number, edges: Array<{ __typename?: 'BackupEdge', node: { __typename?: 'Backup', id: string, nativeId: string, kind: BackupKind, status?: string | null, createdAt?: string | null, location?: string | null } }> } }
    | { __typename: 'Operation' }
    | { __typename: 'Provider' }
    | { __typename: 'Schedule' }
    | { __typename: 'VirtualMachine' }
   | null };

export type JournalInventoryQueryVariables = Exact<{ [key: string]: never; }>;


export type JournalInventoryQuery = { __typename?: 'Query', virtualMachines: { __typename?: 'VirtualMachineConnection', edges: Array<{ __typename?: 'VirtualMachineEdge', node: { __typename?: 'VirtualMachine', id: string, nativeId: string, name: string, provider: { __typename?: 'Provider', name: string }, disks: Array<{ __typename?: 'Disk', id: string, nativeId: string }> } }> }, schedules: { __typename?: 'ScheduleConnection', edges: Array<{ __typename?: 'ScheduleEdge', node: { __typename?: 'Schedule', nativeId: string, name: string, provider: { __typename?: 'Provider', name: string }, targets: Array<
          | { __typename: 'Disk', id: string, nativeId: string, name: string }
          | { __typename: 'VirtualMachine', id: string, nativeId: string, name: string }
        > } }> } };

export type JournalLiveOperationsQueryVariables = Exact<{ [key: string]: never; }>;


export type JournalLiveOperationsQuery = { __typename?: 'Query', operations: Array<{ __typename?: 'Operation', nativeId: string, source: OperationSource, startedBy?: string | null }> };

export type SimulateRetentionQueryVariables = Exact<{
  rules: Array<RetentionRuleInput> | RetentionRuleInput;
  semantics?: InputMaybe<RetentionSemantics>;
  timezone: Scalars['String']['input'];
  backups: Array<Scalars['DateTime']['input']> | Scalars['DateTime']['input'];
  now?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type SimulateRetentionQuery = { __typename?: 'Query', simulateRetention: Array<{ __typename?: 'RetentionDecision', at: string, kept: boolean, keptBy: Array<{ __typename?: 'RetentionRule', unit: RetentionUnit, count: number, anchor?: number | null }> }> };

export type ScheduleRetentionQueryVariables = Exact<{
  backups: Array<Scalars['DateTime']['input']> | Scalars['DateTime']['input'];
  now?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type ScheduleRetentionQuery = { __typename?: 'Query', schedules: { __typename?: 'ScheduleConnection', edges: Array<{ __typename?: 'ScheduleEdge', node: { __typename?: 'Schedule', name: string, retention?: { __typename?: 'RetentionPolicy', name?: string | null, semantics: RetentionSemantics, rules: Array<{ __typename?: 'RetentionRule', unit: RetentionUnit, count: number, anchor?: number | null }>, simulate: Array<{ __typename?: 'RetentionDecision', at: string, kept: boolean, keptBy: Array<{ __typename?: 'RetentionRule', unit: RetentionUnit }> }> } | null } }> } };

export type CreateRetentionScheduleMutationVariables = Exact<{
  input: CreateScheduleInput;
}>;


export type CreateRetentionScheduleMutation = { __typename?: 'Mutation', createSchedule:
    | { __typename: 'NotFoundError', message: string }
    | { __typename: 'ScheduleSuccess', schedule: { __typename?: 'Schedule', id: string } }
    | { __typename: 'UnsupportedByProviderError', message: string }
    | { __typename: 'UpstreamError', message: string }
    | { __typename: 'ValidationError', message: string }
   };

export type CalendarQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
  filter?: InputMaybe<CalendarFilter>;
}>;


export type CalendarQuery = { __typename?: 'Query', backupCalendar: { __typename?: 'BackupCalendar', from: string, to: string, runs: Array<{ __typename?: 'ScheduledRun', at: string, schedule: { __typename?: 'Schedule', name: string }, provider: { __typename?: 'Provider', name: string }, targets: Array<
        | { __typename?: 'Disk', name: string }
        | { __typename?: 'VirtualMachine', name: string }
      > }>, conflicts: Array<{ __typename?: 'RunConflict', reason: string, host?: string | null, resource?:
        | { __typename?: 'Disk', name: string }
        | { __typename?: 'VirtualMachine', name: string }
       | null, runs: Array<{ __typename?: 'ScheduledRun', at: string }> }> } };

export type ProtectionQueryVariables = Exact<{
  rpoHours?: InputMaybe<Scalars['Int']['input']>;
  filter?: InputMaybe<ProtectionFilter>;
}>;


export type ProtectionQuery = { __typename?: 'Query', protection: { __typename?: 'ProtectionReport', rpoHours: number, resources: Array<{ __typename?: 'ResourceProtection', status: ProtectionStatus, reason: string, lastSuccessAt?: string | null, nextRunAt?: string | null, resource:
        | { __typename: 'Disk', name: string }
        | { __typename: 'VirtualMachine', name: string }
       }>, counts: Array<{ __typename?: 'ProtectionCount', status: ProtectionStatus, count: number }>, byProvider: Array<{ __typename?: 'ProviderProtection', provider: { __typename?: 'Provider', name: string }, counts: Array<{ __typename?: 'ProtectionCount', status: ProtectionStatus, count: number }> }> } };

export type ResourceProtectionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResourceProtectionQuery = { __typename?: 'Query', node?:
    | { __typename?: 'Alert' }
    | { __typename?: 'Backup' }
    | { __typename?: 'BackupLocation' }
    | { __typename?: 'Disk', name: string, protection: { __typename?: 'ResourceProtection', status: ProtectionStatus, reason: string } }
    | { __typename?: 'Operation' }
    | { __typename?: 'Provider' }
    | { __typename?: 'Schedule' }
    | { __typename?: 'VirtualMachine', name: string, protection: { __typename?: 'ResourceProtection', status: ProtectionStatus, reason: string } }
   | null };

export type ExchIdQueryVariables = Exact<{ [key: string]: never; }>;


export type ExchIdQuery = { __typename?: 'Query', virtualMachines: { __typename?: 'VirtualMachineConnection', edges: Array<{ __typename?: 'VirtualMachineEdge', node: { __typename?: 'VirtualMachine', id: string } }> } };

type ErrorFields_ConflictError_Fragment = { __typename?: 'ConflictError', message: string, code: ErrorCode };

type ErrorFields_NotFoundError_Fragment = { __typename?: 'NotFoundError', message: string, code: ErrorCode };

type ErrorFields_UnsupportedByProviderError_Fragment = { __typename?: 'UnsupportedByProviderError', message: string, code: ErrorCode };

type ErrorFields_UpstreamError_Fragment = { __typename?: 'UpstreamError', message: string, code: ErrorCode };

type ErrorFields_ValidationError_Fragment = { __typename?: 'ValidationError', field?: string | null, message: string, code: ErrorCode };

export type ErrorFieldsFragment =
  | ErrorFields_ConflictError_Fragment
  | ErrorFields_NotFoundError_Fragment
  | ErrorFields_UnsupportedByProviderError_Fragment
  | ErrorFields_UpstreamError_Fragment
  | ErrorFields_ValidationError_Fragment
;

export type ProvidersQueryVariables = Exact<{ [key: string]: never; }>;


export type ProvidersQuery = { __typename?: 'Query', providers: Array<{ __typename?: 'Provider', id: string, name: string, kind: ProviderKind, baseUrl: string, capabilities: Array<Capability>, health: { __typename?: 'ProviderHealth', status: HealthStatus, message?: string | null } }> };

export type VirtualMachinesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<VirtualMachineFilter>;
}>;


export type VirtualMachinesQuery = { __typename?: 'Query', virtualMachines: { __typename?: 'VirtualMachineConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'VirtualMachineEdge', cursor: string, node: { __typename?: 'VirtualMachine', id: string, nativeId: string, name: string, host?: string | null, configured: boolean, provider: { __typename?: 'Provider', name: string } } }> } };

export type VirtualMachinesDeepQueryVariables = Exact<{ [key: string]: never; }>;


export type VirtualMachinesDeepQuery = { __typename?: 'Query', virtualMachines: { __typename?: 'VirtualMachineConnection', totalCount: number, edges: Array<{ __typename?: 'VirtualMachineEdge', node: { __typename?: 'VirtualMachine', id: string, name: string, nextBackupAt?: string | null, schedules: Array<{ __typename?: 'Schedule', id: string, name: string, kind: ScheduleKind }>, backupLocations: Array<{ __typename?: 'BackupLocation', id: string, kind: LocationKind, path?: string | null }>, lastBackup?: { __typename?: 'BackupResult', at?: string | null, outcome: BackupOutcome } | null } }> } };

export type VirtualMachineQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type VirtualMachineQuery = { __typename?: 'Query', node?:
    | { __typename: 'Alert', id: string }
    | { __typename: 'Backup', id: string }
    | { __typename: 'BackupLocation', id: string }
    | { __typename: 'Disk', id: string }
    | { __typename: 'Operation', id: string }
    | { __typename: 'Provider', id: string }
    | { __typename: 'Schedule', id: string }
    | { __typename: 'VirtualMachine', name: string, host?: string | null, status?: string | null, configured: boolean, nextBackupAt?: string | null, id: string, schedules: Array<{ __typename?: 'Schedule', id: string, name: string, kind: ScheduleKind, nextRuns: Array<string>, recurrence?: { __typename?: 'Recurrence', rrule?: string | null, timezone: string, description: string, native: unknown } | null, retention?: { __typename?: 'RetentionPolicy', rules: Array<{ __typename?: 'RetentionRule', unit: RetentionUnit, count: number }> } | null, targets: Array<
          | { __typename?: 'Disk', id: string }
          | { __typename?: 'VirtualMachine', id: string }
        > }>, backupLocations: Array<{ __typename?: 'BackupLocation', id: string, name: string, kind: LocationKind }>, lastBackup?: { __typename?: 'BackupResult', at?: string | null, outcome: BackupOutcome, durationSeconds?: number | null } | null, backups: { __typename?: 'BackupConnection', totalCount: number, edges: Array<{ __typename?: 'BackupEdge', node: { __typename?: 'Backup', id: string, nativeId: string, kind: BackupKind, status?: string | null, createdAt?: string | null, location?: string | null, protected?: boolean | null } }> }, operations: Array<{ __typename?: 'Operation', id: string, status: OperationStatus }> }
   | null };

export type NodesQueryVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type NodesQuery = { __typename?: 'Query', nodes: Array<
    | { __typename: 'Alert', id: string }
    | { __typename: 'Backup', id: string }
    | { __typename: 'BackupLocation', id: string }
    | { __typename: 'Disk', id: string }
    | { __typename: 'Operation', id: string }
    | { __typename: 'Provider', id: string }
    | { __typename: 'Schedule', id: string }
    | { __typename: 'VirtualMachine', id: string }
   | null> };

export type SchedulesQueryVariables = Exact<{
  filter?: InputMaybe<ScheduleFilter>;
}>;


export type SchedulesQuery = { __typename?: 'Query', schedules: { __typename?: 'ScheduleConnection', totalCount: number, edges: Array<{ __typename?: 'ScheduleEdge', node: { __typename?: 'Schedule', id: string, nativeId: string, name: string, kind: ScheduleKind, enabled: boolean, remoteLocation?: string | null, nextRuns: Array<string>, recurrence?: { __typename?: 'Recurrence', rrule?: string | null, timezone: string, description: string, native: unknown } | null, retention?: { __typename?: 'RetentionPolicy', name?: string | null, rules: Array<{ __typename?: 'RetentionRule', unit: RetentionUnit, count: number, anchor?: number | null }> } | null, targets: Array<
          | { __typename: 'Disk', id: string, name: string }
          | { __typename: 'VirtualMachine', id: string, name: string }
        > } }> } };

export type BackupLocationsQueryVariables = Exact<{
  filter?: InputMaybe<BackupLocationFilter>;
}>;


export type BackupLocationsQuery = { __typename?: 'Query', backupLocations: Array<{ __typename?: 'BackupLocation', id: string, name: string, kind: LocationKind, path?: string | null, virtualMachines: Array<{ __typename?: 'VirtualMachine', id: string, name: string }> }> };

export type AssignScheduleMutationVariables = Exact<{
  input: AssignScheduleInput;
}>;


export type AssignScheduleMutation = { __typename?: 'Mutation', assignSchedule:
    | { __typename: 'AssignScheduleSuccess', target:
        | { __typename?: 'Disk', id: string, schedules: Array<{ __typename?: 'Schedule', id: string }> }
        | { __typename?: 'VirtualMachine', id: string, schedules: Array<{ __typename?: 'Schedule', id: string }> }
      , schedule: { __typename?: 'Schedule', id: string } }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type UnassignScheduleMutationVariables = Exact<{
  input: AssignScheduleInput;
}>;


export type UnassignScheduleMutation = { __typename?: 'Mutation', unassignSchedule:
    | { __typename: 'AssignScheduleSuccess', target:
        | { __typename?: 'Disk', id: string, schedules: Array<{ __typename?: 'Schedule', id: string }> }
        | { __typename?: 'VirtualMachine', id: string, schedules: Array<{ __typename?: 'Schedule', id: string }> }
       }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type AssignBackupLocationMutationVariables = Exact<{
  input: AssignBackupLocationInput;
}>;


export type AssignBackupLocationMutation = { __typename?: 'Mutation', assignBackupLocation:
    | { __typename: 'AssignBackupLocationSuccess', virtualMachine: { __typename?: 'VirtualMachine', id: string, backupLocations: Array<{ __typename?: 'BackupLocation', id: string }> } }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type UnassignBackupLocationMutationVariables = Exact<{
  input: AssignBackupLocationInput;
}>;


export type UnassignBackupLocationMutation = { __typename?: 'Mutation', unassignBackupLocation:
    | { __typename: 'AssignBackupLocationSuccess', virtualMachine: { __typename?: 'VirtualMachine', id: string, backupLocations: Array<{ __typename?: 'BackupLocation', id: string }> } }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type StartBackupMutationVariables = Exact<{
  input: StartBackupInput;
}>;


export type StartBackupMutation = { __typename?: 'Mutation', startBackup:
    | { __typename: 'ConflictError', message: string, code: ErrorCode }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'StartOperationSuccess', operation: { __typename?: 'Operation', id: string, nativeId: string, kind: OperationKind, status: OperationStatus, target?:
          | { __typename?: 'Disk', id: string }
          | { __typename?: 'VirtualMachine', id: string }
         | null } }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type StartOffsiteCopyMutationVariables = Exact<{
  input: StartOffsiteCopyInput;
}>;


export type StartOffsiteCopyMutation = { __typename?: 'Mutation', startOffsiteCopy:
    | { __typename: 'ConflictError', message: string, code: ErrorCode }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'StartOperationSuccess', operation: { __typename?: 'Operation', id: string, kind: OperationKind, status: OperationStatus } }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type StartRestoreMutationVariables = Exact<{
  input: StartRestoreInput;
}>;


export type StartRestoreMutation = { __typename?: 'Mutation', startRestore:
    | { __typename: 'ConflictError', message: string, code: ErrorCode }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'StartOperationSuccess', operation: { __typename?: 'Operation', id: string, kind: OperationKind, status: OperationStatus } }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type AbortOperationMutationVariables = Exact<{
  input: AbortOperationInput;
}>;


export type AbortOperationMutation = { __typename?: 'Mutation', abortOperation:
    | { __typename: 'ConflictError', message: string, code: ErrorCode }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'StartOperationSuccess', operation: { __typename?: 'Operation', id: string, status: OperationStatus } }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
   };

export type CreateScheduleMutationVariables = Exact<{
  input: CreateScheduleInput;
  after?: InputMaybe<Scalars['DateTime']['input']>;
}>;


export type CreateScheduleMutation = { __typename?: 'Mutation', createSchedule:
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'ScheduleSuccess', schedule: { __typename?: 'Schedule', id: string, nativeId: string, name: string, kind: ScheduleKind, enabled: boolean, remoteLocation?: string | null, nextRuns: Array<string>, recurrence?: { __typename?: 'Recurrence', timezone: string, description: string, native: unknown } | null, retention?: { __typename?: 'RetentionPolicy', rules: Array<{ __typename?: 'RetentionRule', unit: RetentionUnit, count: number, anchor?: number | null }> } | null, targets: Array<
          | { __typename?: 'Disk', id: string }
          | { __typename?: 'VirtualMachine', id: string }
        > } }
    | { __typename: 'UnsupportedByProviderError', capability: Capability, message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type UpdateScheduleMutationVariables = Exact<{
  input: UpdateScheduleInput;
}>;


export type UpdateScheduleMutation = { __typename?: 'Mutation', updateSchedule:
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'ScheduleSuccess', schedule: { __typename?: 'Schedule', id: string, name: string, enabled: boolean, recurrence?: { __typename?: 'Recurrence', timezone: string, description: string, native: unknown } | null, retention?: { __typename?: 'RetentionPolicy', rules: Array<{ __typename?: 'RetentionRule', unit: RetentionUnit, count: number }> } | null } }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type DeleteSchedulesMutationVariables = Exact<{
  input: DeleteSchedulesInput;
}>;


export type DeleteSchedulesMutation = { __typename?: 'Mutation', deleteSchedules:
    | { __typename: 'DeleteSchedulesSuccess', deletedIds: Array<string> }
    | { __typename: 'NotFoundError', message: string, code: ErrorCode }
    | { __typename: 'UnsupportedByProviderError', message: string, code: ErrorCode }
    | { __typename: 'UpstreamError', message: string, code: ErrorCode }
    | { __typename: 'ValidationError', field?: string | null, message: string, code: ErrorCode }
   };

export type OperationUpdatedSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type OperationUpdatedSubscription = { __typename?: 'Subscription', operationUpdated: { __typename?: 'Operation', id: string, kind: OperationKind, status: OperationStatus, progress?: number | null, phase?: string | null, message?: string | null, target?:
      | { __typename?: 'Disk', id: string, name: string }
      | { __typename?: 'VirtualMachine', id: string, name: string }
     | null } };

export type OperationsUpdatedSubscriptionVariables = Exact<{
  filter?: InputMaybe<OperationFilter>;
}>;


export type OperationsUpdatedSubscription = { __typename?: 'Subscription', operationsUpdated: { __typename?: 'Operation', id: string, status: OperationStatus, progress?: number | null } };

export type DashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardQuery = { __typename?: 'Query', virtualMachines: { __typename?: 'VirtualMachineConnection', totalCount: number, edges: Array<{ __typename?: 'VirtualMachineEdge', node: { __typename?: 'VirtualMachine', id: string, name: string, status?: string | null, nextBackupAt?: string | null, provider: { __typename?: 'Provider', id: string, kind: ProviderKind }, schedules: Array<{ __typename?: 'Schedule', id: string, name: string, nextRuns: Array<string> }>, backupLocations: Array<{ __typename?: 'BackupLocation', id: string, name: string }>, lastBackup?: { __typename?: 'BackupResult', at?: string | null, outcome: BackupOutcome } | null, disks: Array<{ __typename?: 'Disk', id: string, name: string, schedules: Array<{ __typename?: 'Schedule', id: string, name: string, nextRuns: Array<string> }>, lastBackup?: { __typename?: 'BackupResult', at?: string | null, outcome: BackupOutcome } | null }> } }> } };

export type OperationHistoryQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OperationHistoryFilter>;
}>;


export type OperationHistoryQuery = { __typename?: 'Query', operationHistory: { __typename?: 'OperationConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'OperationEdge', cursor: string, node: { __typename?: 'Operation', id: string, nativeId: string, kind: OperationKind, status: OperationStatus, source: OperationSource, startedBy?: string | null, startedAt?: string | null, finishedAt?: string | null, durationSeconds?: number | null, provider: { __typename?: 'Provider', name: string }, target?:
          | { __typename?: 'Disk', id: string, name: string }
          | { __typename?: 'VirtualMachine', id: string, name: string }
         | null } }> } };

export type BackupHistoryQueryVariables = Exact<{
  days?: InputMaybe<Scalars['Int']['input']>;
  timezone?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<HistoryFilter>;
}>;


export type BackupHistoryQuery = { __typename?: 'Query', backupHistory: { __typename?: 'BackupHistory', from: any, to: any, timezone: string, resources: Array<{ __typename?: 'ResourceHistory', lastSuccessAt?: string | null, resource:
        | { __typename: 'Disk', id: string, name: string, provider: { __typename?: 'Provider', name: string } }
        | { __typename: 'VirtualMachine', id: string, name: string, provider: { __typename?: 'Provider', name: string } }
      , days: Array<{ __typename?: 'HistoryDay', date: any, status: HistoryDayStatus, succeeded: number, failed: number, missed: number }> }> } };

export type MissedRunsQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
  filter?: InputMaybe<HistoryFilter>;
}>;


export type MissedRunsQuery = { __typename?: 'Query', missedRuns: Array<{ __typename?: 'MissedRun', dueAt: string, detectedAt: string, resource:
      | { __typename?: 'Disk', id: string, name: string }
      | { __typename?: 'VirtualMachine', id: string, name: string }
    , schedule?: { __typename?: 'Schedule', name: string } | null }> };

export type OperationNodeQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type OperationNodeQuery = { __typename?: 'Query', node?:
    | { __typename?: 'Alert', id: string }
    | { __typename?: 'Backup', id: string }
    | { __typename?: 'BackupLocation', id: string }
    | { __typename?: 'Disk', id: string }
    | { __typename?: 'Operation', status: OperationStatus, source: OperationSource, durationSeconds?: number | null, id: string }
    | { __typename?: 'Provider', id: string }
    | { __typename?: 'Schedule', id: string }
    | { __typename?: 'VirtualMachine', id: string }
   | null };

export const ErrorFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<ErrorFieldsFragment, unknown>;
export const AlertsUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AlertsUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertsUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<AlertsUpdatedSubscription, AlertsUpdatedSubscriptionVariables>;
export const AckOnOtherDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AckOnOther"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AcknowledgeAlertInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeAlert"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AcknowledgeAlertSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alert"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AckOnOtherMutation, AckOnOtherMutationVariables>;
export const AlertsOnPostgresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertsOnPostgres"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AlertsOnPostgresQuery, AlertsOnPostgresQueryVariables>;
export const AlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Alerts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resourceName"}},{"kind":"Field","name":{"kind":"Name","value":"resource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"operation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AlertsQuery, AlertsQueryVariables>;
export const AcknowledgeAlertDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcknowledgeAlert"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AcknowledgeAlertInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeAlert"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AcknowledgeAlertSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alert"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AcknowledgeAlertMutation, AcknowledgeAlertMutationVariables>;
export const AlertNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AlertNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Alert"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]} as unknown as DocumentNode<AlertNodeQuery, AlertNodeQueryVariables>;
export const VmNativeIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VmNativeId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VirtualMachine"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nativeId"}}]}}]}}]}}]} as unknown as DocumentNode<VmNativeIdQuery, VmNativeIdQueryVariables>;
export const CsServersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CsServers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"VirtualMachineFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"disks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"storageType"}},{"kind":"Field","name":{"kind":"Name","value":"virtualMachine"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastBackup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CsServersQuery, CsServersQueryVariables>;
export const CsDiskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CsDisk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Disk"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"sizeBytes"}},{"kind":"Field","name":{"kind":"Name","value":"virtualMachine"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastBackup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"backups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"location"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CsDiskQuery, CsDiskQueryVariables>;
export const JournalInventoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JournalInventory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"disks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<JournalInventoryQuery, JournalInventoryQueryVariables>;
export const JournalLiveOperationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"JournalLiveOperations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}}]}}]}}]} as unknown as DocumentNode<JournalLiveOperationsQuery, JournalLiveOperationsQueryVariables>;
export const SimulateRetentionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SimulateRetention"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rules"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetentionRuleInput"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"semantics"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RetentionSemantics"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"backups"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"now"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simulateRetention"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rules"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rules"}}},{"kind":"Argument","name":{"kind":"Name","value":"semantics"},"value":{"kind":"Variable","name":{"kind":"Name","value":"semantics"}}},{"kind":"Argument","name":{"kind":"Name","value":"timezone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}}},{"kind":"Argument","name":{"kind":"Name","value":"backups"},"value":{"kind":"Variable","name":{"kind":"Name","value":"backups"}}},{"kind":"Argument","name":{"kind":"Name","value":"now"},"value":{"kind":"Variable","name":{"kind":"Name","value":"now"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"keptBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"anchor"}}]}}]}}]}}]} as unknown as DocumentNode<SimulateRetentionQuery, SimulateRetentionQueryVariables>;
export const ScheduleRetentionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduleRetention"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"backups"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"now"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"200"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"retention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"semantics"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"anchor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"simulate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"backups"},"value":{"kind":"Variable","name":{"kind":"Name","value":"backups"}}},{"kind":"Argument","name":{"kind":"Name","value":"now"},"value":{"kind":"Variable","name":{"kind":"Name","value":"now"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kept"}},{"kind":"Field","name":{"kind":"Name","value":"keptBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ScheduleRetentionQuery, ScheduleRetentionQueryVariables>;
export const CreateRetentionScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRetentionSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateRetentionScheduleMutation, CreateRetentionScheduleMutationVariables>;
export const CalendarDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Calendar"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CalendarFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backupCalendar"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"conflicts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"resource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"runs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CalendarQuery, CalendarQueryVariables>;
export const ProtectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Protection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rpoHours"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProtectionFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"protection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rpoHours"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rpoHours"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rpoHours"}},{"kind":"Field","name":{"kind":"Name","value":"resources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"byProvider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProtectionQuery, ProtectionQueryVariables>;
export const ResourceProtectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ResourceProtection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ProtectedResource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"protection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"rpoHours"},"value":{"kind":"IntValue","value":"48"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ResourceProtectionQuery, ResourceProtectionQueryVariables>;
export const ExchIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExchId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"nameContains"},"value":{"kind":"StringValue","value":"EXCH01","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExchIdQuery, ExchIdQueryVariables>;
export const ProvidersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"baseUrl"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"health"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ProvidersQuery, ProvidersQueryVariables>;
export const VirtualMachinesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VirtualMachines"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"VirtualMachineFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VirtualMachinesQuery, VirtualMachinesQueryVariables>;
export const VirtualMachinesDeepDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VirtualMachinesDeep"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"backupLocations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastBackup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextBackupAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VirtualMachinesDeepQuery, VirtualMachinesDeepQueryVariables>;
export const VirtualMachineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VirtualMachine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VirtualMachine"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"configured"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"nextRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"3"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}]},{"kind":"Field","name":{"kind":"Name","value":"recurrence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rrule"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"native"}}]}},{"kind":"Field","name":{"kind":"Name","value":"retention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"backupLocations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastBackup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextBackupAt"}},{"kind":"Field","name":{"kind":"Name","value":"backups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"protected"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"operations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<VirtualMachineQuery, VirtualMachineQueryVariables>;
export const NodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Nodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<NodesQuery, NodesQueryVariables>;
export const SchedulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Schedules"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"remoteLocation"}},{"kind":"Field","name":{"kind":"Name","value":"recurrence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rrule"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"native"}}]}},{"kind":"Field","name":{"kind":"Name","value":"retention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"anchor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"3"}}]}]}}]}}]}}]}}]} as unknown as DocumentNode<SchedulesQuery, SchedulesQueryVariables>;
export const BackupLocationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BackupLocations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"BackupLocationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backupLocations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"virtualMachines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<BackupLocationsQuery, BackupLocationsQueryVariables>;
export const AssignScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssignScheduleSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<AssignScheduleMutation, AssignScheduleMutationVariables>;
export const UnassignScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnassignSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unassignSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssignScheduleSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<UnassignScheduleMutation, UnassignScheduleMutationVariables>;
export const AssignBackupLocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignBackupLocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignBackupLocationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignBackupLocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssignBackupLocationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachine"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"backupLocations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<AssignBackupLocationMutation, AssignBackupLocationMutationVariables>;
export const UnassignBackupLocationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnassignBackupLocation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignBackupLocationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unassignBackupLocation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AssignBackupLocationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachine"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"backupLocations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<UnassignBackupLocationMutation, UnassignBackupLocationMutationVariables>;
export const StartBackupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartBackup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartBackupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startBackup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StartOperationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<StartBackupMutation, StartBackupMutationVariables>;
export const StartOffsiteCopyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartOffsiteCopy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartOffsiteCopyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startOffsiteCopy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StartOperationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<StartOffsiteCopyMutation, StartOffsiteCopyMutationVariables>;
export const StartRestoreDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartRestore"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartRestoreInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startRestore"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StartOperationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<StartRestoreMutation, StartRestoreMutationVariables>;
export const AbortOperationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AbortOperation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AbortOperationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"abortOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StartOperationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<AbortOperationMutation, AbortOperationMutationVariables>;
export const CreateScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScheduleInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"remoteLocation"}},{"kind":"Field","name":{"kind":"Name","value":"recurrence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"native"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"4"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}]},{"kind":"Field","name":{"kind":"Name","value":"retention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"anchor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UnsupportedByProviderError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"capability"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<CreateScheduleMutation, CreateScheduleMutationVariables>;
export const UpdateScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"recurrence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"native"}}]}},{"kind":"Field","name":{"kind":"Name","value":"retention"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<UpdateScheduleMutation, UpdateScheduleMutationVariables>;
export const DeleteSchedulesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteSchedules"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteSchedulesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteSchedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteSchedulesSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedIds"}}]}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"ErrorFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ErrorFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]} as unknown as DocumentNode<DeleteSchedulesMutation, DeleteSchedulesMutationVariables>;
export const OperationUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OperationUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operationUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<OperationUpdatedSubscription, OperationUpdatedSubscriptionVariables>;
export const OperationsUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OperationsUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OperationFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operationsUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progress"}}]}}]}}]} as unknown as DocumentNode<OperationsUpdatedSubscription, OperationsUpdatedSubscriptionVariables>;
export const DashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Dashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"virtualMachines"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"500"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nextRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"1"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"backupLocations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastBackup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextBackupAt"}},{"kind":"Field","name":{"kind":"Name","value":"disks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nextRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"IntValue","value":"1"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"lastBackup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardQuery, DashboardQueryVariables>;
export const OperationHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OperationHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"OperationHistoryFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operationHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nativeId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"startedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OperationHistoryQuery, OperationHistoryQueryVariables>;
export const BackupHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BackupHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"days"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HistoryFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"backupHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"days"},"value":{"kind":"Variable","name":{"kind":"Name","value":"days"}}},{"kind":"Argument","name":{"kind":"Name","value":"timezone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"resources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"provider"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastSuccessAt"}},{"kind":"Field","name":{"kind":"Name","value":"days"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"succeeded"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"missed"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BackupHistoryQuery, BackupHistoryQueryVariables>;
export const MissedRunsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MissedRuns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"HistoryFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"missedRuns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"detectedAt"}}]}}]}}]} as unknown as DocumentNode<MissedRunsQuery, MissedRunsQueryVariables>;
export const OperationNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OperationNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Operation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}}]}}]}}]}}]} as unknown as DocumentNode<OperationNodeQuery, OperationNodeQueryVariables>;