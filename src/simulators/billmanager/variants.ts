/**
 * The answers this simulator can give where the contract (shared/providers/billmanager.md)
 * marks a detail inferred [I] or unknown [?] and a client depends on it. `default` keeps the
 * forms the simulator always had; `strict` takes the least helpful plausible form at every
 * point. A test overrides single points with the `variants` option (README: "Variants").
 */
import { resolveVariants, type SimProfile } from '../kit/profile.js';

export interface BillmanagerVariants {
  /**
   * An unknown instance, backup or schedule id (§8 [?]): `missed` (`$type=missed`, `$object`=field),
   * `access` (the session error), `message` (an error with only a message), `empty` (lists and
   * views answer as for an element with nothing in it; writes and deletes of unknown ids answer
   * `ok` and change nothing).
   */
  notFound: 'missed' | 'access' | 'message' | 'empty';
  /**
   * An expired or invalid session on ordinary functions (§2.4): `access` ([C] via keepalive), or
   * "Insufficient privileges…" with no `$type` ([C] text, [?] type). `keepalive` always answers `access`.
   */
  expiredSession: 'access' | 'privileges';
  /** Scalars as `{"$": v}` ([C-core]) or bare strings (`$orig` and attribute nodes stay objects). */
  scalars: 'wrapped' | 'bare';
  /** The largest page served whatever `p_cnt` asks (0 = no cap); `p_cnt` then reports the cap. */
  pageCap: number;
  /** Whether a create answers with `doc.id` (§2.3: [I] for schedules and backups). */
  createReplyId: boolean;
  /** `fleio_status` words: `title` ("Saving", "Active", as the docs write them) or `lower`. */
  backupStatusCase: 'title' | 'lower';
  /** Simulated ms after its creation before a new backup appears in the list ([?]). */
  backupListedAfterMs: number;
  /** The status a finished backup shows: "Active" ([C] docs); e.g. "Suspended" for one that never becomes Active. */
  backupFinalStatus: string;
  /**
   * `instance_status` during a rebuild (§5.7 [I]): `rebuilding`, another transitional word
   * (`processing`), or `hidden` (the instance keeps showing its power state: no rebuild is seen).
   */
  rebuildStatus: 'rebuilding' | 'processing' | 'hidden';
  /** Simulated ms after the submit before the rebuild shows in `instance_status` ([?]). */
  rebuildShownAfterMs: number;
  /** `instance_status` after a rebuild (§5.7 [I]): `active`, or the power state it had before (`previous`). */
  afterRebuild: 'active' | 'previous';
  /** Day order of `rotation_days` in lists (§5.8 [?]): Sunday first with trailing spaces, or Monday first, single spaces. */
  rotationDaysOrder: 'sunday-first' | 'monday-first';
  /** `rotation_time` in lists and views: `HH:MM`, or `HH:MM:SS` (a time column's usual text). */
  rotationTime: 'HH:MM' | 'HH:MM:SS';
  /** `backup_rotation` on the schedule list's doc ([C] newer frontend), or only on `instances.edit` (older panels). */
  scheduleListRotation: boolean;
  /** Dates (§5.8 [?]): `iso` "YYYY-MM-DD[ HH:MM:SS]" or `dotted` "DD.MM.YYYY[ HH:MM:SS]" (a localised form). */
  dateFormat: 'iso' | 'dotted';
  /** A backup's `createdate` once, or repeated (an array; [C] the frontend normalises it). */
  repeatedCreatedate: boolean;
}

export const BILLMANAGER_VARIANTS: Record<SimProfile, BillmanagerVariants> = {
  default: {
    notFound: 'missed',
    expiredSession: 'access',
    scalars: 'wrapped',
    pageCap: 0,
    createReplyId: true,
    backupStatusCase: 'title',
    backupListedAfterMs: 0,
    backupFinalStatus: 'Active',
    rebuildStatus: 'rebuilding',
    rebuildShownAfterMs: 0,
    afterRebuild: 'active',
    rotationDaysOrder: 'sunday-first',
    rotationTime: 'HH:MM',
    scheduleListRotation: true,
    dateFormat: 'iso',
    repeatedCreatedate: false,
  },
  strict: {
    notFound: 'access',
    expiredSession: 'privileges',
    scalars: 'bare',
    pageCap: 5,
    createReplyId: false,
    backupStatusCase: 'lower',
    backupListedAfterMs: 300,
    backupFinalStatus: 'Active',
    rebuildStatus: 'processing',
    rebuildShownAfterMs: 300,
    afterRebuild: 'previous',
    rotationDaysOrder: 'monday-first',
    rotationTime: 'HH:MM:SS',
    scheduleListRotation: false,
    dateFormat: 'dotted',
    repeatedCreatedate: true,
  },
};

export function billmanagerVariants(profile: SimProfile = 'default', overrides: Partial<BillmanagerVariants> = {}): BillmanagerVariants {
  return resolveVariants(BILLMANAGER_VARIANTS, profile, overrides);
}
