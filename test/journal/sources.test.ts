/**
 * Operation.source and startedBy of live operations, as the journal facade answers them for a
 * request's batch (src/schema/journal.ts loads them through one DataLoader per request): on
 * SQLite and a real PostgreSQL, a batch of operations is one store read, whatever its size,
 * and each key gets its own answer in order. The store is the real one; the spies only count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Journal } from '../../src/journal/journal.js';
import { openJournal } from '../../src/journal/open.js';
import type { JournalOperation } from '../../src/journal/store.js';
import { createLogger } from '../../src/logger.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

let pgServer: TestPostgres;
const sqliteDir = mkdtempSync(join(os.tmpdir(), 'journal-sources-'));

beforeAll(async () => {
  pgServer = await startPostgres();
});
afterAll(async () => {
  await pgServer?.stop();
  rmSync(sqliteDir, { recursive: true, force: true });
});

const at = new Date('2026-11-01T08:00:00Z');
const recorded = (nativeId: string, fields: Partial<JournalOperation> = {}): JournalOperation => ({
  providerId: 'hq',
  nativeId,
  kind: 'BACKUP',
  status: 'RUNNING',
  final: false,
  source: 'PROVIDER',
  updatedAt: at,
  ...fields,
});

describe.each([
  ['SQLite', async () => `sqlite:${join(sqliteDir, 'journal.db')}`],
  ['PostgreSQL', () => pgServer.createDatabase()],
])('sources of live operations on %s', (_name, url) => {
  it('a page of 200 operations is one store read: recorded, started here, and never seen each get theirs', async () => {
    const journal = new Journal(await openJournal(await url()), createLogger({ level: 'silent' }));
    try {
      const rows = Array.from({ length: 200 }, (_, i) => recorded(`op-${i}`, i % 50 === 0 ? { source: 'GATEWAY', startedBy: 'night-shift' } : {}));
      await journal.store.recordOperations(rows);
      journal.started({ providerId: 'hq', nativeId: 'just-started', kind: 'BACKUP', status: 'QUEUED', updatedAt: at }, 'ops');
      const one = vi.spyOn(journal.store, 'getOperation');
      const many = vi.spyOn(journal.store, 'getOperations');

      const keys = [...rows.map((r) => ({ providerId: 'hq', nativeId: r.nativeId })), { providerId: 'hq', nativeId: 'just-started' }, { providerId: 'hq', nativeId: 'never-seen' }];
      const sources = await journal.sourcesOf(keys);

      expect(many).toHaveBeenCalledTimes(1);
      expect(one).not.toHaveBeenCalled();
      // What was started here is known without the database.
      expect(many.mock.calls[0][0].map((k) => k.nativeId)).not.toContain('just-started');
      expect(sources).toHaveLength(keys.length);
      expect(sources[0]).toEqual({ source: 'GATEWAY', startedBy: 'night-shift' });
      expect(sources[1]).toEqual({ source: 'PROVIDER', startedBy: undefined });
      expect(sources[50]).toEqual({ source: 'GATEWAY', startedBy: 'night-shift' });
      expect(sources.at(-2)).toEqual({ source: 'GATEWAY', startedBy: 'ops' });
      expect(sources.at(-1)).toEqual({ source: 'PROVIDER' });
    } finally {
      await journal.close();
    }
  });

  it('when the database cannot be read, every operation not started here is PROVIDER (the query still answers)', async () => {
    const journal = new Journal(await openJournal(await url()), createLogger({ level: 'silent' }));
    journal.started({ providerId: 'hq', nativeId: 'mine', kind: 'BACKUP', status: 'QUEUED', updatedAt: at });
    await journal.close();
    expect(await journal.sourcesOf([{ providerId: 'hq', nativeId: 'mine' }, { providerId: 'hq', nativeId: 'theirs' }])).toEqual([
      { source: 'GATEWAY', startedBy: undefined },
      { source: 'PROVIDER' },
    ]);
  });
});
