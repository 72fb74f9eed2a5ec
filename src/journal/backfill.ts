/**
 * Backfill: on first start, and for a provider added later, import the history the provider
 * still holds — every restore point of every VM and disk (Altaro versions, CloudSigma
 * snapshots and remote snapshots, BILLmanager backups), and the finished operations it still
 * reports (Altaro's backup and offsite-copy reports, failures included) — so the day matrix
 * shows it from the first query. Each provider once: the journal remembers when it was done.
 */
import type { Logger } from 'pino';
import type { Provider } from '../domain/provider.js';
import type { ResourceRef } from '../domain/model.js';
import type { Journal } from './journal.js';
import { restorePointOf } from './restore-points.js';

/** Resources read at once per provider (its connection pool bounds the load too). */
const CONCURRENCY = 8;

export async function backfill(providers: Provider[], journal: Journal, logger: Logger): Promise<void> {
  await Promise.all(providers.map((provider) => backfillProvider(provider, journal, logger)));
}

async function backfillProvider(provider: Provider, journal: Journal, logger: Logger): Promise<void> {
  if (await journal.store.backfilledAt(provider.id)) return;
  const started = Date.now();
  try {
    const [vms, disks] = await Promise.all([provider.listVirtualMachines(), provider.listDisks()]);
    // A VM the backup product is not configured for holds no restore points or reports there
    // (Altaro answers "does not exist" for its hypervisor id), so it has nothing to import.
    const resources: ResourceRef[] = [...vms.filter((vm) => vm.configured), ...disks].map((r) => ({ type: r.type, providerId: r.providerId, nativeId: r.nativeId }));
    logger.info({ provider: provider.id, resources: resources.length }, 'journal: importing the history the provider still holds');
    let done = 0;
    let points = 0;
    let operations = 0;
    let nextReport = 0.25;
    const queue = [...resources];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let resource = queue.shift(); resource; resource = queue.shift()) {
          const [backups, history] = await Promise.all([provider.listBackups(resource), provider.listHistory?.(resource) ?? []]);
          journal.restorePoints(backups.map((backup) => restorePointOf(backup, new Date())));
          for (const operation of history) journal.observed(operation);
          points += backups.length;
          operations += history.length;
          done += 1;
          if (resources.length >= 8 && done / resources.length >= nextReport) {
            logger.info({ provider: provider.id, done, of: resources.length, restorePoints: points }, 'journal: history import progress');
            nextReport += 0.25;
          }
        }
      }),
    );
    await journal.flush();
    await journal.store.markBackfilled(provider.id, new Date());
    logger.info({ provider: provider.id, restorePoints: points, operations, ms: Date.now() - started }, 'journal: history imported');
  } catch (error) {
    // Not marked: the next start (or the watcher's next round) tries again.
    logger.warn({ provider: provider.id, err: (error as Error).message }, 'journal: history import failed; will try again');
  }
}
