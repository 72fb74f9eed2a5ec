/**
 * Opens the journal a config URL names and brings its schema up to date:
 * `sqlite:<path>` (relative to the working directory; `sqlite::memory:` for a throwaway one) or
 * `postgres://…` / `postgresql://…`. A journal that cannot be opened is one Error line naming
 * the URL without its password, for start-up to print and stop on.
 */
import type { JournalStore } from './store.js';
import { traceJournalStore } from '../telemetry/journal-store.js';

export async function openJournal(url: string): Promise<JournalStore> {
  let store: JournalStore | undefined;
  try {
    store = await createStore(url);
    await store.migrate();
    return traceJournalStore(store);
  } catch (error) {
    await store?.close().catch(() => undefined);
    throw new Error(`cannot open the journal at ${redactUrl(url)}: ${reason(error)}`);
  }
}

async function createStore(url: string): Promise<JournalStore> {
  if (url.startsWith('sqlite:')) {
    const { SqliteJournal } = await import('./sqlite.js');
    return new SqliteJournal(sqlitePath(url));
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { PostgresJournal } = await import('./postgres.js');
    return new PostgresJournal(url);
  }
  throw new Error('unsupported URL (use sqlite:<path> or postgres://user@host:5432/database)');
}

/** `sqlite:./data/journal.db` -> `./data/journal.db`; `sqlite:///var/x.db` -> `/var/x.db`; `sqlite::memory:` -> `:memory:`. */
export function sqlitePath(url: string): string {
  const rest = url.slice('sqlite:'.length);
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') throw new Error('no file path after "sqlite:"');
  return path;
}

/** The URL with its password (and any password query parameter) replaced, for logs and errors. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL we can take apart: drop anything that looks like user:password@.
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
  if (parsed.password !== '') parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) if (/pass/i.test(key)) parsed.searchParams.set(key, '***');
  return parsed.toString();
}

const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  EACCES: 'permission denied',
  EEXIST: 'a folder on the path is a file',
  ENOTDIR: 'a folder on the path is a file',
  EROFS: 'read-only file system',
  SQLITE_CANTOPEN: 'cannot open the database file',
  SQLITE_NOTADB: 'the file is not a SQLite database',
};

/** One line saying why, from whatever the driver threw (Node's AggregateError has no message of its own). */
function reason(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const text = (code !== undefined && CODES[code]) || message || String(error);
  return text.split('\n')[0].trim() || 'unknown error';
}
