/**
 * How the journal's queries reach the journal: `ctx.journal`, and one clear error when there is
 * none or its database cannot be read (code JOURNAL_UNAVAILABLE). The rest of the API keeps
 * answering from the providers either way.
 */
import { GraphQLError } from 'graphql';
import { GatewayError } from '../domain/errors.js';
import type { HistoryReader } from '../journal/history-reader.js';
import type { JournalStore, OperationKey, OperationSource } from '../journal/store.js';
import type { GatewayContext } from './context.js';

/** What these resolvers use of the Journal facade (src/journal/journal.ts). */
export interface JournalAccess {
  store: JournalStore;
  missedGraceMinutes: number;
  history: Pick<HistoryReader, 'backupHistory'>;
  sourcesOf(keys: readonly OperationKey[]): Promise<Array<{ source: OperationSource; startedBy?: string }>>;
}

export function journalOf(ctx: GatewayContext): JournalAccess | undefined {
  return (ctx as GatewayContext & { journal?: JournalAccess }).journal;
}

function unavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'JOURNAL_UNAVAILABLE' } });
}

/**
 * Run a read against the journal's store. Typed errors (validation) pass through; anything
 * else is the database failing: JOURNAL_UNAVAILABLE, without the driver's text (it may name
 * hosts and users; the log and /readyz carry the detail).
 */
export async function readJournal<T>(ctx: GatewayContext, read: (store: JournalStore, journal: JournalAccess) => Promise<T>): Promise<T> {
  const journal = journalOf(ctx);
  if (!journal) throw unavailable('no journal is configured: operation history, backupHistory and missedRuns need one (config key "journal")');
  try {
    return await read(journal.store, journal);
  } catch (error) {
    if (error instanceof GatewayError || error instanceof GraphQLError) throw error;
    throw unavailable(`the journal (${journal.store.dialect}) cannot be read right now; /readyz shows its state`);
  }
}
