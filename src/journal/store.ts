/**
 * The journal: durable history of operations, restore points and due runs, behind one small
 * interface with two adapters (sqlite.ts: better-sqlite3, the embedded default; postgres.ts:
 * pg, for several gateway instances sharing one journal). Nothing here knows GraphQL or any
 * provider's wire format: rows are domain values.
 *
 * Every write is idempotent on its natural key, so two instances recording the same
 * observation, or a replay after a restart, never duplicate a row:
 * - operations: (providerId, nativeId); a later observation merges into the row (see
 *   `recordOperations` for the rules);
 * - operation events: (providerId, nativeId, status): the first time each status was seen;
 * - restore points: (providerId, nativeId);
 * - due runs: (providerId, resource, dueAt).
 */
import type { HistoryDueRun, HistoryOperation, HistoryRestorePoint } from '../domain/history.js';
import type { BackupKind, OperationKind, OperationStatus, ResourceRef } from '../domain/model.js';
import type { HistoryChangeListener } from './history-changes.js';

export type OperationSource = 'GATEWAY' | 'PROVIDER';

/** An operation's natural key as one string, for maps and caches (providerId, nativeId). */
export function operationKeyOf(key: { providerId: string; nativeId: string }): string {
  return `${key.providerId}\u0000${key.nativeId}`;
}

/** One operation as the journal holds it. */
export interface JournalOperation {
  providerId: string;
  nativeId: string;
  kind: OperationKind;
  status: OperationStatus;
  /** An UNKNOWN nothing will settle any more (see domain Operation.final). */
  final: boolean;
  progress?: number;
  phase?: string;
  message?: string;
  target?: ResourceRef;
  source: OperationSource;
  /** The API key's name when started through the gateway with keys on. */
  startedBy?: string;
  startedAt?: Date;
  updatedAt: Date;
  finishedAt?: Date;
}

/** Which operation: its natural key. */
export type OperationKey = Pick<JournalOperation, 'providerId' | 'nativeId'>;

/** A status an operation reached, and when it was first seen in it. */
export interface JournalEvent {
  providerId: string;
  nativeId: string;
  status: OperationStatus;
  at: Date;
}

/** A restore point (a Backup of the domain) the gateway has seen. */
export interface RestorePoint {
  providerId: string;
  nativeId: string;
  resource: ResourceRef;
  kind: BackupKind;
  createdAt?: Date;
  sizeBytes?: number;
  status?: string;
  location?: string;
  /** When the journal first saw it. */
  firstSeenAt: Date;
}

/** A run that was due for a resource: from a schedule's recurrence, or Altaro's NextBackupTime. */
export interface DueRun {
  providerId: string;
  resource: ResourceRef;
  /** The schedule's native id where the provider names one (null for Altaro's NextBackupTime). */
  scheduleId?: string;
  dueAt: Date;
  /** When the journal learned of it. */
  seenAt: Date;
}

export interface OperationFilter {
  providerIds?: string[];
  targets?: ResourceRef[];
  kinds?: OperationKind[];
  statuses?: OperationStatus[];
  /** startedAt >= from (operations without startedAt use updatedAt). */
  from?: Date;
  /** startedAt < to. */
  to?: Date;
}

/** Keyset position in the newest-first order: (sortAt desc, providerId, nativeId). */
export interface OperationCursor {
  sortAt: Date;
  providerId: string;
  nativeId: string;
}

export interface OperationPage {
  items: JournalOperation[];
  totalCount: number;
  hasNextPage: boolean;
}

/** What backupHistory and missedRuns read: operations and restore points of one window, due runs of another. */
export interface HistoryWindow {
  /** Operations (of `kinds`, by startedAt ?? updatedAt) and restore points in [from, to). */
  from: Date;
  to: Date;
  /** Restore points from here instead of `from` (they matter less far back than operations). */
  pointsFrom?: Date;
  /** Due runs in [dueFrom, dueTo). */
  dueFrom: Date;
  dueTo: Date;
  providerIds: string[];
  kinds: OperationKind[];
}

/** Only the fields the history uses, in no particular order. */
export interface HistoryFacts {
  operations: HistoryOperation[];
  restorePoints: HistoryRestorePoint[];
  dueRuns: HistoryDueRun[];
}

export interface JournalHealth {
  status: 'UP' | 'DOWN';
  message?: string;
}

export interface JournalStore {
  /** 'sqlite' or 'postgres', for logs and /readyz. */
  readonly dialect: 'sqlite' | 'postgres';

  /** Run the versioned migrations not applied yet (at start; safe to call from several instances). */
  migrate(): Promise<void>;

  /**
   * Upsert each operation by (providerId, nativeId) in one transaction, and add an event for
   * each status not seen before. Merging into an existing row:
   * - a terminal status is never replaced by a final UNKNOWN, and neither by a state that is
   *   not over (a restarted instance that cannot tell an outcome must not undo a recorded one);
   * - otherwise the observation with the later `updatedAt` wins for status, progress, phase,
   *   message, final and finishedAt;
   * - `source` is GATEWAY if either says so; `startedBy`, `target` and `startedAt` keep the
   *   first known value (startedAt: the earliest).
   */
  recordOperations(operations: JournalOperation[]): Promise<void>;
  getOperation(providerId: string, nativeId: string): Promise<JournalOperation | undefined>;
  /** The operations of these keys the journal holds, in one round trip (any order; unknown keys are left out). */
  getOperations(keys: OperationKey[]): Promise<JournalOperation[]>;
  /** Newest first by (startedAt ?? updatedAt), then providerId, nativeId; `first` at most 1000. */
  listOperations(filter: OperationFilter, first: number, after?: OperationCursor): Promise<OperationPage>;
  /** Every operation of `kinds` whose startedAt (or updatedAt) falls in [from, to). */
  operationsBetween(from: Date, to: Date, filter?: Pick<OperationFilter, 'providerIds' | 'kinds'>): Promise<JournalOperation[]>;
  events(providerId: string, nativeId: string): Promise<JournalEvent[]>;
  /**
   * The three reads of a backup history at once, lean: a month of 1,000 VMs is about 90,000
   * rows, and what they cost is getting them into JavaScript, so only the fields the history
   * needs, unordered (it sorts what it needs itself).
   */
  historyFacts(window: HistoryWindow): Promise<HistoryFacts>;

  /** Upsert by (providerId, nativeId); `firstSeenAt` keeps the first value. */
  recordRestorePoints(points: RestorePoint[]): Promise<void>;
  /** Restore points created (or, without createdAt, first seen) in [from, to). */
  restorePointsBetween(from: Date, to: Date, filter?: { providerIds?: string[] }): Promise<RestorePoint[]>;

  /** Upsert by (providerId, resource type, resource native id, dueAt). */
  recordDueRuns(runs: DueRun[]): Promise<void>;
  dueRunsBetween(from: Date, to: Date, filter?: { providerIds?: string[] }): Promise<DueRun[]>;

  /** Whether the history of `providerId` was imported, and marking it so. */
  backfilledAt(providerId: string): Promise<Date | undefined>;
  markBackfilled(providerId: string, at: Date): Promise<void>;

  /**
   * Try to be (or stay) the leader for `name` (the watcher). SQLite: one process owns the file,
   * so always true. PostgreSQL: a session advisory lock held on a dedicated connection until
   * `close()` or that connection is lost.
   */
  tryLead(name: string): Promise<boolean>;

  /** Delete operations, events, restore points and due runs older than `before`; how many rows went. */
  prune(before: Date): Promise<number>;
  /**
   * Tell `listener` what each committed write changed for backupHistory (history-changes.ts),
   * so settled days can be kept in memory. SQLite (one process owns the file) reports its own
   * writes at once; PostgreSQL reports every instance's, heard over LISTEN/NOTIFY.
   */
  onHistoryChange?(listener: HistoryChangeListener): void;
  /**
   * Where changes arrive asynchronously (PostgreSQL): resolves true once every change committed
   * before the call has been reported, false when the reports may have gaps (then kept days
   * must not be used).
   */
  historyCaughtUp?(): Promise<boolean>;
  /** A cheap round trip (SELECT 1); throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
