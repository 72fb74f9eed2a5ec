/**
 * One protection status per resource, with the reason and the facts behind it. Checked in
 * this order, the first that applies wins: NO_SCHEDULE, SCHEDULE_DISABLED, NEVER_BACKED_UP,
 * LAST_BACKUP_FAILED, STALE (last success older than the RPO), NO_OFFSITE_COPY (only where the
 * provider has offsite locations), PROTECTED.
 */
import type { Resource, Schedule } from './model.js';

export type ProtectionStatus = 'PROTECTED' | 'NO_SCHEDULE' | 'SCHEDULE_DISABLED' | 'NO_OFFSITE_COPY' | 'NEVER_BACKED_UP' | 'LAST_BACKUP_FAILED' | 'STALE';

export const PROTECTION_STATUSES: readonly ProtectionStatus[] = ['PROTECTED', 'NO_SCHEDULE', 'SCHEDULE_DISABLED', 'NO_OFFSITE_COPY', 'NEVER_BACKED_UP', 'LAST_BACKUP_FAILED', 'STALE'];

export interface ProtectionFacts {
  resource: Resource;
  /** Backup schedules that apply (sandbox-restore schedules do not protect). */
  schedules: Schedule[];
  nextRunAt?: Date;
  /** The provider has offsite locations, so an offsite copy is expected. */
  offsiteExpected: boolean;
  /** The resource has an offsite location assigned. */
  hasOffsite: boolean;
  /** Per-disk verdicts, for a VM protected through its disks (CloudSigma). */
  disks?: ResourceProtection[];
}

export interface ResourceProtection {
  resource: Resource;
  status: ProtectionStatus;
  reason: string;
  lastSuccessAt?: Date;
  nextRunAt?: Date;
}

const SEVERITY: ProtectionStatus[] = ['NO_SCHEDULE', 'SCHEDULE_DISABLED', 'NEVER_BACKED_UP', 'LAST_BACKUP_FAILED', 'STALE', 'NO_OFFSITE_COPY', 'PROTECTED'];

export function lastSuccessOf(resource: Resource): Date | undefined {
  if (resource.lastSuccessAt) return resource.lastSuccessAt;
  const last = resource.lastBackup;
  return last && (last.outcome === 'SUCCESS' || last.outcome === 'WARNING') ? last.at : undefined;
}

export function assessProtection(facts: ProtectionFacts, rpoHours: number, now: Date): ResourceProtection {
  const { resource } = facts;
  if (facts.disks && facts.disks.length > 0) return worstOfDisks(resource, facts.disks);
  const lastSuccessAt = lastSuccessOf(resource);
  const base = { resource, lastSuccessAt, nextRunAt: facts.nextRunAt };
  const since = (at: Date) => `${Math.round((now.getTime() - at.getTime()) / 3_600_000)} h ago`;

  if (resource.type === 'VirtualMachine' && !resource.configured) {
    return { ...base, status: 'NO_SCHEDULE', reason: `${resource.name} is not in the backup configuration` };
  }
  if (facts.schedules.length === 0) return { ...base, status: 'NO_SCHEDULE', reason: `no backup schedule applies to ${resource.name}` };
  if (!facts.schedules.some((s) => s.enabled)) {
    return { ...base, status: 'SCHEDULE_DISABLED', reason: `every schedule of ${resource.name} is disabled (${facts.schedules.map((s) => s.name).join(', ')})` };
  }
  const last = resource.lastBackup;
  if (!last && !lastSuccessAt) return { ...base, status: 'NEVER_BACKED_UP', reason: `${resource.name} has never been backed up` };
  if (last && (last.outcome === 'FAILED' || last.outcome === 'ABORTED')) {
    return {
      ...base,
      status: 'LAST_BACKUP_FAILED',
      reason: `the last backup${last.at ? ` (${since(last.at)})` : ''} ${last.outcome === 'ABORTED' ? 'was aborted' : 'failed'}${last.message ? `: ${last.message}` : ''}`,
    };
  }
  if (!lastSuccessAt) return { ...base, status: 'NEVER_BACKED_UP', reason: `${resource.name} has no successful backup` };
  if (now.getTime() - lastSuccessAt.getTime() > rpoHours * 3_600_000) {
    return { ...base, status: 'STALE', reason: `the last successful backup was ${since(lastSuccessAt)}, older than the ${rpoHours} h RPO` };
  }
  if (facts.offsiteExpected && !facts.hasOffsite) {
    return { ...base, status: 'NO_OFFSITE_COPY', reason: `${resource.name} has no offsite location, so its backups exist only on site` };
  }
  return { ...base, status: 'PROTECTED', reason: `backed up ${since(lastSuccessAt)}, within the ${rpoHours} h RPO` };
}

function worstOfDisks(resource: Resource, disks: ResourceProtection[]): ResourceProtection {
  const worst = [...disks].sort((a, b) => SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status))[0];
  const successes = disks.map((d) => d.lastSuccessAt?.getTime()).filter((t): t is number => t !== undefined);
  const runs = disks.map((d) => d.nextRunAt?.getTime()).filter((t): t is number => t !== undefined);
  return {
    resource,
    status: worst.status,
    reason: worst.status === 'PROTECTED' ? `all ${disks.length} disks are protected` : `disk ${worst.resource.name}: ${worst.reason}`,
    // The VM is only as recent as its least recent disk.
    lastSuccessAt: successes.length === disks.length && successes.length > 0 ? new Date(Math.min(...successes)) : undefined,
    nextRunAt: runs.length ? new Date(Math.min(...runs)) : undefined,
  };
}
