/**
 * The alerts' own SQL, one text for both journal dialects: `?` placeholders (numbered for
 * PostgreSQL), times as integer milliseconds (bigint in PostgreSQL) so no conversion differs,
 * and a transaction helper so an alert change and its outbox rows commit together.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';

export type Row = Record<string, unknown>;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  /** How many rows the statement changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
}

export function sqliteSql(db: Database.Database): Sql {
  // better-sqlite3 is synchronous, but `work` is async: transactions are queued one after
  // another so two callers never interleave statements inside one BEGIN … COMMIT.
  let queue: Promise<unknown> = Promise.resolve();
  const direct: Sql = {
    dialect: 'sqlite',
    all: async (sql, params = []) => db.prepare(sql).all(...params) as Row[],
    run: async (sql, params = []) => db.prepare(sql).run(...params).changes,
    transaction: (work) => {
      const next = queue.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
  return direct;
}

export function postgresSql(pool: pg.Pool): Sql {
  const on = (client: pg.Pool | pg.PoolClient): Omit<Sql, 'transaction'> => ({
    dialect: 'postgres',
    all: async (sql, params = []) => (await client.query(numbered(sql), params)).rows as Row[],
    run: async (sql, params = []) => (await client.query(numbered(sql), params)).rowCount ?? 0,
  });
  return {
    ...on(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const inside: Sql = { ...on(client), transaction: (nested) => nested(inside) };
        const result = await work(inside);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** `a = ? AND b = ?` -> `a = $1 AND b = $2` (the alerts' SQL has no literal question marks). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
