/**
 * Alerts and their outbox in the journal's database (tables of migration 3). Every change of
 * an alert writes its outbox rows (one per webhook that wants the kind) in the same
 * transaction, so an event is never lost between the change and its delivery, and the unique
 * `open_key` (kind + subject, cleared on resolve) makes a second open of the same thing a no-op,
 * also when two instances try at once.
 */
import { randomUUID } from 'node:crypto';
import type { OperationStatus, ResourceType } from '../domain/model.js';
import type { AlertKind } from './config.js';
import { subjectKey, type Alert, type AlertCandidate, type AlertEventType, type AlertSeverity, type AlertState } from './model.js';
import { eventBody } from './payload.js';
import type { Row, Sql } from './sql.js';

export interface AlertListFilter {
  states?: AlertState[];
  kinds?: AlertKind[];
  providerIds?: string[];
}

/** Keyset position in the newest-first order (openedAt desc, id). */
export interface AlertCursor {
  openedAt: number;
  id: string;
}

export interface OutboxRow {
  id: string;
  alertId: string;
  type: AlertEventType;
  body: string;
  url: string;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
}

const ALERT_COLUMNS =
  'id, kind, severity, state, message, provider_id, provider_kind, resource_type, resource_id, resource_name, operation_id, operation_status, opened_at, acknowledged_at, acknowledged_by, resolved_at, changed_at';

const num = (value: unknown) => (value === null || value === undefined ? undefined : Number(value));
const str = (value: unknown) => (value === null || value === undefined ? undefined : String(value));
const time = (value: unknown) => (value === null || value === undefined ? undefined : new Date(Number(value)));

function toAlert(row: Row): Alert {
  return {
    id: String(row.id),
    kind: row.kind as AlertKind,
    severity: row.severity as AlertSeverity,
    state: row.state as AlertState,
    message: String(row.message),
    providerId: String(row.provider_id),
    providerKind: str(row.provider_kind),
    resource: row.resource_id === null ? undefined : { type: row.resource_type as ResourceType, nativeId: String(row.resource_id), name: str(row.resource_name) },
    operation: row.operation_id === null ? undefined : { nativeId: String(row.operation_id), status: row.operation_status as OperationStatus },
    openedAt: new Date(Number(row.opened_at)),
    acknowledgedAt: time(row.acknowledged_at),
    acknowledgedBy: str(row.acknowledged_by),
    resolvedAt: time(row.resolved_at),
    changedAt: new Date(Number(row.changed_at)),
  };
}

function toOutbox(row: Row): OutboxRow {
  return {
    id: String(row.id),
    alertId: String(row.alert_id),
    type: row.event_type as AlertEventType,
    body: String(row.body),
    url: String(row.url),
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    createdAt: Number(row.created_at),
  };
}

/** Which webhook URLs want an event of `kind` (from the current config). */
export type Subscribers = (kind: AlertKind) => string[];

export class AlertStore {
  constructor(
    private readonly sql: Sql,
    private readonly subscribers: Subscribers,
  ) {}

  /** Open an alert unless one of its kind and subject is open already; the new alert, or undefined. */
  async open(candidate: AlertCandidate, now: Date): Promise<Alert | undefined> {
    return this.sql.transaction(async (tx) => {
      const id = randomUUID();
      const at = now.getTime();
      const inserted = await tx.run(
        `INSERT INTO alerts (${ALERT_COLUMNS}, open_key) VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)
         ON CONFLICT (open_key) DO NOTHING`,
        [
          id, candidate.kind, candidate.severity, candidate.message, candidate.providerId, candidate.providerKind ?? null,
          candidate.resource?.type ?? null, candidate.resource?.nativeId ?? null, candidate.resource?.name ?? null,
          candidate.operation?.nativeId ?? null, candidate.operation?.status ?? null, at, at, subjectKey(candidate.kind, candidate),
        ],
      );
      if (inserted === 0) return undefined;
      const alert = (await this.getIn(tx, id))!;
      await this.enqueue(tx, alert, 'alert.opened', now);
      return alert;
    });
  }

  /** OPEN -> ACKNOWLEDGED. 'resolved' when it is already over; the alert as it is when acknowledged before. */
  async acknowledge(id: string, by: string | undefined, now: Date): Promise<Alert | 'resolved' | undefined> {
    return this.sql.transaction(async (tx) => {
      const changed = await tx.run(
        "UPDATE alerts SET state = 'ACKNOWLEDGED', acknowledged_at = ?, acknowledged_by = ?, changed_at = ? WHERE id = ? AND state = 'OPEN'",
        [now.getTime(), by ?? null, now.getTime(), id],
      );
      const alert = await this.getIn(tx, id);
      if (!alert) return undefined;
      if (changed === 0) return alert.state === 'RESOLVED' ? 'resolved' : alert;
      await this.enqueue(tx, alert, 'alert.acknowledged', now);
      return alert;
    });
  }

  /** OPEN or ACKNOWLEDGED -> RESOLVED; the resolved alert, or undefined when it was over already. */
  async resolve(id: string, now: Date): Promise<Alert | undefined> {
    return this.sql.transaction(async (tx) => {
      const changed = await tx.run(
        "UPDATE alerts SET state = 'RESOLVED', resolved_at = ?, changed_at = ?, open_key = NULL WHERE id = ? AND state <> 'RESOLVED'",
        [now.getTime(), now.getTime(), id],
      );
      if (changed === 0) return undefined;
      const alert = (await this.getIn(tx, id))!;
      await this.enqueue(tx, alert, 'alert.resolved', now);
      return alert;
    });
  }

  async get(id: string): Promise<Alert | undefined> {
    return this.getIn(this.sql, id);
  }

  /** Every alert not resolved yet. */
  async unresolved(): Promise<Alert[]> {
    return (await this.sql.all(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE state <> 'RESOLVED'`)).map(toAlert);
  }

  /** Alerts whose state changed at or after `since` (ms), oldest change first. */
  async changedSince(since: number): Promise<Alert[]> {
    return (await this.sql.all(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE changed_at >= ? ORDER BY changed_at, id LIMIT 1000`, [since])).map(toAlert);
  }

  /** Newest opened first; `first` items after `after`, with the count of all that match. */
  async list(filter: AlertListFilter, first: number, after?: AlertCursor): Promise<{ items: Alert[]; totalCount: number; hasNextPage: boolean }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const oneOf = (column: string, values?: readonly string[]) => {
      if (!values) return;
      if (values.length === 0) where.push('1 = 0');
      else {
        where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
        params.push(...values);
      }
    };
    oneOf('state', filter.states);
    oneOf('kind', filter.kinds);
    oneOf('provider_id', filter.providerIds);
    const matching = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ count }] = await this.sql.all(`SELECT count(*) AS count FROM alerts ${matching}`, params);
    const pageWhere = [...where];
    const pageParams = [...params];
    if (after) {
      pageWhere.push('(opened_at < ? OR (opened_at = ? AND id > ?))');
      pageParams.push(after.openedAt, after.openedAt, after.id);
    }
    const rows = await this.sql.all(
      `SELECT ${ALERT_COLUMNS} FROM alerts ${pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : ''} ORDER BY opened_at DESC, id LIMIT ?`,
      [...pageParams, first + 1],
    );
    return { items: rows.slice(0, first).map(toAlert), totalCount: Number(count), hasNextPage: rows.length > first };
  }

  // ------------------------------------------------------------------ outbox

  /** Pending deliveries due by `now` whose lease (if any) ran out, oldest first. */
  async dueDeliveries(now: number, limit: number): Promise<OutboxRow[]> {
    const rows = await this.sql.all(
      "SELECT * FROM alert_outbox WHERE state = 'PENDING' AND next_attempt_at <= ? AND lease_until <= ? ORDER BY next_attempt_at, created_at LIMIT ?",
      [now, now, limit],
    );
    return rows.map(toOutbox);
  }

  /** Take a delivery for `leaseMs`: false when another worker has it (two instances never send one attempt twice). */
  async claim(row: OutboxRow, now: number, leaseMs: number): Promise<boolean> {
    return (await this.sql.run("UPDATE alert_outbox SET lease_until = ? WHERE id = ? AND state = 'PENDING' AND lease_until <= ? AND attempts = ?", [now + leaseMs, row.id, now, row.attempts])) === 1;
  }

  async delivered(id: string, attempts: number, now: number): Promise<void> {
    await this.sql.run("UPDATE alert_outbox SET state = 'DELIVERED', attempts = ?, finished_at = ?, last_error = NULL, lease_until = 0 WHERE id = ?", [attempts, now, id]);
  }

  async retryLater(id: string, attempts: number, nextAttemptAt: number, error: string): Promise<void> {
    await this.sql.run('UPDATE alert_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, lease_until = 0 WHERE id = ?', [attempts, nextAttemptAt, error, id]);
  }

  async failed(id: string, attempts: number, now: number, error: string): Promise<void> {
    await this.sql.run("UPDATE alert_outbox SET state = 'FAILED', attempts = ?, finished_at = ?, last_error = ?, lease_until = 0 WHERE id = ?", [attempts, now, error, id]);
  }

  /** When the oldest pending delivery was written (ms), if any. */
  async oldestPending(): Promise<number | undefined> {
    const [row] = await this.sql.all("SELECT min(created_at) AS oldest FROM alert_outbox WHERE state = 'PENDING'");
    return num(row?.oldest);
  }

  private async getIn(sql: Sql, id: string): Promise<Alert | undefined> {
    const [row] = await sql.all(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ?`, [id]);
    return row ? toAlert(row) : undefined;
  }

  private async enqueue(tx: Sql, alert: Alert, type: AlertEventType, now: Date): Promise<void> {
    const body = eventBody(type, alert, now);
    for (const url of this.subscribers(alert.kind)) {
      await tx.run(
        "INSERT INTO alert_outbox (id, alert_id, event_type, body, url, state, attempts, next_attempt_at, lease_until, created_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, 0, ?)",
        [`msg_${randomUUID().replaceAll('-', '')}`, alert.id, type, body, url, now.getTime(), now.getTime()],
      );
    }
  }
}
