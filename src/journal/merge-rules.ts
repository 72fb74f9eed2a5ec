/**
 * How a new observation of an operation merges into its journal row (store.ts,
 * `recordOperations`), as the SET clause of an `INSERT … ON CONFLICT … DO UPDATE` that SQLite
 * and PostgreSQL both evaluate inside the upsert, so the rules hold under concurrent writers and
 * whatever order observations arrive in:
 * - rank: a terminal status (2) beats a final UNKNOWN (1), which beats an operation not over
 *   (0), whatever the clocks say (a restarted instance that cannot tell an outcome any more must
 *   not undo one recorded); between two of the same rank the later updatedAt wins;
 * - source is GATEWAY if either says so; started_by and the target keep the first known value;
 *   started_at the earliest.
 *
 * The rank is spelled with equalities, not `status IN (...)`: measured inside SQLite's upsert,
 * IN lists made batches about 100x slower.
 */
import { TERMINAL_STATUSES } from '../domain/model.js';

const rankSql = (row: string) =>
  `(CASE WHEN ${[...TERMINAL_STATUSES].map((status) => `${row}.status = '${status}'`).join(' OR ')} THEN 2 WHEN ${row}.final THEN 1 ELSE 0 END)`;

/**
 * The SET clause. `stored` is how the statement names the existing row (the table, or its
 * alias); `earliest(a, b)` is the dialect's null-ignoring minimum of two timestamps.
 */
export function operationMergeSet(stored: string, earliest: (a: string, b: string) => string): string {
  const incomingWins = `(CASE WHEN ${rankSql('excluded')} <> ${rankSql(stored)} THEN ${rankSql('excluded')} > ${rankSql(stored)} ELSE excluded.updated_at >= ${stored}.updated_at END)`;
  const fromWinner = (column: string) => `${column} = CASE WHEN ${incomingWins} THEN excluded.${column} ELSE ${stored}.${column} END`;
  return [
    ...['status', 'final', 'progress', 'phase', 'message', 'updated_at'].map(fromWinner),
    `finished_at = CASE WHEN ${incomingWins} THEN coalesce(excluded.finished_at, ${stored}.finished_at) ELSE ${stored}.finished_at END`,
    `source = CASE WHEN excluded.source = 'GATEWAY' OR ${stored}.source = 'GATEWAY' THEN 'GATEWAY' ELSE 'PROVIDER' END`,
    `started_by = coalesce(${stored}.started_by, excluded.started_by)`,
    `target_type = CASE WHEN ${stored}.target_id IS NULL THEN excluded.target_type ELSE ${stored}.target_type END`,
    `target_id = coalesce(${stored}.target_id, excluded.target_id)`,
    `started_at = ${earliest(`${stored}.started_at`, 'excluded.started_at')}`,
  ].join(',\n    ');
}
