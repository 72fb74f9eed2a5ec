/**
 * The simulator's answers at each point the contract marks [I] or [?] and a client may depend on
 * (README "Variants"). `default` is what the simulator always did; `strict` takes the least helpful
 * plausible form at each point, so a client that passes it relies on nothing unconfirmed.
 */
import { resolveVariants, type SimProfile } from '../kit/profile.js';

export interface CloudSigmaVariants {
  /**
   * §3.10 [?] How a drive's scheduler is cleared. Every other form is answered 202 and changes
   * nothing (a server that ignores what it does not understand), except where noted.
   * - `null-or-empty`: `set_scheduler` with `backup_policy_uuid` null or "" (a body without the key: 400);
   * - `empty-string`: only ""; null gets 400 validation;
   * - `omit-key`: only a body without the key; null and "" get 400 validation;
   * - `drive-put`: only `PUT /drives/{uuid}/` with the drive's full definition and no `backup_scheduler`;
   * - `ignored`: nothing clears it.
   */
  unassign: 'null-or-empty' | 'empty-string' | 'omit-key' | 'drive-put' | 'ignored';
  /**
   * §2.4/§3.7 [?] Which `retention_policy` in a scheduler PUT removes the rules; the others are
   * ignored silently (the old rules stay).
   * - `empty-object`: `{}`, `null` or a policy with `rules: []`;
   * - `empty-rules`: only a policy with `rules: []` (the policy is merged key by key);
   * - `null`: only `null`;
   * - `ignored`: none.
   */
  retentionRemoval: 'empty-object' | 'empty-rules' | 'null' | 'ignored';
  /** §2.4 [?] Rules as submitted, or with `time_option` split into entries of their own (detail dumps). */
  retentionEcho: 'as-sent' | 'split';
  /** §3.7 [?] A scheduler PUT merges over the stored one, or replaces it (absent keys take their defaults). */
  schedulerPut: 'merge' | 'replace';
  /** §3.8 [?] Deleting a scheduler clears it on its drives, or leaves them a reference to nothing. */
  schedulerDelete: 'clears-drives' | 'dangling';
  /**
   * §5.2/§6.2/§8 [I] How a snapshot made through the API ends (scheduled and seeded ones always become
   * `available`): `available`; `stuck` in `creating`/`transferring` for ever; `vanishes` (404 once it
   * would have been available); `error` (status `error` then).
   */
  snapshotOutcome: 'available' | 'stuck' | 'vanishes' | 'error';
  /** §5.2 [I] How a drive cloned from a snapshot ends: `unmounted`; `stuck` in `cloning_dst`; `vanishes`. */
  cloneOutcome: 'unmounted' | 'stuck' | 'vanishes';
  /** §6.2 [I] A broken remote-snapshot rule (30 minutes, in progress) is 403 `permission` or 400 `validation`. */
  remoteRuleRejection: 'permission' | 'validation';
  /** [?] Whether `GET /capabilities/` needs credentials (`required`) or answers anyone (`public`). */
  capabilitiesAuth: 'required' | 'public';
  /** §1.5 [C-code/?] Error bodies as an array of error objects, or one lone object (errors.rst prose). */
  errorBody: 'array' | 'object';
  /** §10.2 [I] A 401 with a one-element error array, or with an empty body. */
  unauthorizedBody: 'error-array' | 'empty';
  /** §1.6 [I] The most objects a page holds whatever `limit` asks (`limit=0` still means all); null: no cap. */
  maxPageSize: number | null;
  /** §5.1 [C-dump] Timestamps with an offset (`… 09:53:28.851859+00:00`) or without any zone (UTC). */
  timestamps: 'offset' | 'naive';
  /** [C-dump/I] References as `{resource_uri, uuid}` objects, or as bare `resource_uri` strings. */
  references: 'object' | 'uri';
}

const DEFAULT: CloudSigmaVariants = {
  unassign: 'null-or-empty',
  retentionRemoval: 'empty-object',
  retentionEcho: 'as-sent',
  schedulerPut: 'merge',
  schedulerDelete: 'clears-drives',
  snapshotOutcome: 'available',
  cloneOutcome: 'unmounted',
  remoteRuleRejection: 'permission',
  capabilitiesAuth: 'required',
  errorBody: 'array',
  unauthorizedBody: 'error-array',
  maxPageSize: null,
  timestamps: 'offset',
  references: 'object',
};

/**
 * Strict keeps snapshots and clones ending `available` / `unmounted` (the documented ends): the
 * other ends are chosen per test, since no backup could ever succeed otherwise.
 */
const STRICT: CloudSigmaVariants = {
  unassign: 'drive-put',
  retentionRemoval: 'null',
  retentionEcho: 'split',
  schedulerPut: 'replace',
  schedulerDelete: 'dangling',
  snapshotOutcome: 'available',
  cloneOutcome: 'unmounted',
  remoteRuleRejection: 'validation',
  capabilitiesAuth: 'public',
  errorBody: 'object',
  unauthorizedBody: 'empty',
  maxPageSize: 100,
  timestamps: 'naive',
  references: 'uri',
};

export const CLOUDSIGMA_VARIANTS: Record<SimProfile, CloudSigmaVariants> = { default: DEFAULT, strict: STRICT };

export function cloudSigmaVariants(profile: SimProfile | undefined, overrides: Partial<CloudSigmaVariants> | undefined): CloudSigmaVariants {
  return resolveVariants(CLOUDSIGMA_VARIANTS, profile, overrides ?? {});
}
