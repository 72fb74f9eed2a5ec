/** A provider's Backup (a restore point) as the journal records it. */
import type { Backup } from '../domain/model.js';
import type { RestorePoint } from './store.js';

export function restorePointOf(backup: Backup, seenAt: Date): RestorePoint {
  return {
    providerId: backup.providerId,
    nativeId: backup.nativeId,
    resource: backup.resource,
    kind: backup.kind,
    createdAt: backup.createdAt,
    sizeBytes: backup.sizeBytes,
    status: backup.status,
    location: backup.location,
    firstSeenAt: seenAt,
  };
}
