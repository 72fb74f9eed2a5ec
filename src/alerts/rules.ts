/**
 * The alert rules, as one pure function over what the journal holds (and which providers are
 * down): which alerts should be open, and which open ones may resolve. Keys are `subjectKey`,
 * so there is never more than one open alert per kind and resource (or provider).
 *
 * - BACKUP_FAILED: a resource's latest finished backup (BACKUP, OFFSITE_COPY, *SNAPSHOT) FAILED;
 *   clears when its latest finished backup SUCCEEDED.
 * - RUN_MISSED: a missed run (domain/history detectMissedRuns) after the last success; clears
 *   once a backup succeeded after it.
 * - BACKUP_STALE: a resource with a schedule (due runs for more than the RPO) whose last success
 *   is older than the RPO (or unknown); clears with a success within the RPO.
 * - OPERATION_STUCK: QUEUED/RUNNING since longer than `stuckAfterMinutes`; clears when none is.
 * - PROVIDER_DOWN: DOWN (unreachable or rejecting credentials) for `providerDownAfterSeconds`;
 *   clears when the provider answers again.
 */
import { detectMissedRuns, refKey } from '../domain/history.js';
import type { HistoryFacts } from '../journal/store.js';
import type { ResourceRef } from '../domain/model.js';
import type { AlertsConfig } from './config.js';
import { subjectKey, type AlertCandidate } from './model.js';

export interface ProviderDown {
  providerId: string;
  providerKind: string;
  since: Date;
  message?: string;
}

export interface RuleInput {
  now: Date;
  facts: HistoryFacts;
  missedGraceMinutes: number;
  /** Providers that are DOWN now, and since when; every configured provider id. */
  down: ProviderDown[];
  providers: { id: string; kind: string }[];
  config: Pick<AlertsConfig, 'rpoHours' | 'stuckAfterMinutes' | 'providerDownAfterSeconds'>;
}

export interface RuleOutcome {
  /** Alerts that should be open (opened unless one is). */
  want: Map<string, AlertCandidate>;
  /** Keys whose open alert may resolve now. */
  clear: Set<string>;
}

/** Stands for the resource's name in messages; the engine puts the name in once it has read it. */
export const RESOURCE_NAME = '\u0000resource\u0000';

const RUNNING = new Set(['QUEUED', 'RUNNING']);
const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'ABORTED']);

/** How far back the rules read the journal: twice the RPO, at least two days. */
export function lookbackMs(config: Pick<AlertsConfig, 'rpoHours'>): number {
  return Math.max(2 * 86_400_000, 2 * config.rpoHours * 3_600_000);
}

export function evaluateRules(input: RuleInput): RuleOutcome {
  const { now, facts, config } = input;
  const want = new Map<string, AlertCandidate>();
  const clear = new Set<string>();
  const kindOf = new Map(input.providers.map((p) => [p.id, p.kind]));
  const subject = (ref: ResourceRef) => ({ providerId: ref.providerId, providerKind: kindOf.get(ref.providerId), resource: { type: ref.type, nativeId: ref.nativeId } });
  const add = (candidate: AlertCandidate) => want.set(subjectKey(candidate.kind, candidate), candidate);

  // Per resource: its latest finished backup, and its last success (operations and restore points).
  const latest = new Map<string, { ref: ResourceRef; op: HistoryFacts['operations'][number]; at: number }>();
  const lastSuccess = new Map<string, number>();
  const success = (key: string, at: number) => lastSuccess.set(key, Math.max(lastSuccess.get(key) ?? 0, at));
  for (const op of facts.operations) {
    if (!op.target || !FINISHED.has(op.status)) continue;
    const key = refKey(op.target);
    const at = (op.finishedAt ?? op.updatedAt).getTime();
    if (op.status === 'SUCCEEDED') success(key, at);
    const known = latest.get(key);
    if (!known || at > known.at) latest.set(key, { ref: op.target, op, at });
  }
  for (const point of facts.restorePoints) success(refKey(point.resource), (point.createdAt ?? point.firstSeenAt).getTime());

  for (const { ref, op } of latest.values()) {
    const failedKey = subjectKey('BACKUP_FAILED', subject(ref));
    if (op.status === 'FAILED') {
      add({ kind: 'BACKUP_FAILED', severity: 'CRITICAL', ...subject(ref), operation: { nativeId: op.nativeId, status: op.status }, message: `the last ${op.kind.toLowerCase().replace('_', ' ')} of ${RESOURCE_NAME} failed` });
    } else if (op.status === 'SUCCEEDED') clear.add(failedKey);
  }

  // Missed runs after the last success.
  const missed = detectMissedRuns(facts.dueRuns, facts.operations, facts.restorePoints, now, input.missedGraceMinutes);
  const latestMissed = new Map<string, (typeof missed)[number]>();
  for (const run of missed) latestMissed.set(refKey(run.resource), run);
  const scheduled = new Map<string, { ref: ResourceRef; firstDue: number }>();
  for (const run of facts.dueRuns) {
    const key = refKey(run.resource);
    const known = scheduled.get(key);
    if (!known || run.dueAt.getTime() < known.firstDue) scheduled.set(key, { ref: run.resource, firstDue: run.dueAt.getTime() });
  }
  for (const [key, { ref }] of scheduled) {
    const run = latestMissed.get(key);
    const missedKey = subjectKey('RUN_MISSED', subject(ref));
    if (run && run.dueAt.getTime() > (lastSuccess.get(key) ?? 0)) {
      add({ kind: 'RUN_MISSED', severity: 'WARNING', ...subject(ref), message: `${RESOURCE_NAME}: the run due at ${run.dueAt.toISOString()} did not happen within ${input.missedGraceMinutes} minutes` });
    } else if ((lastSuccess.get(key) ?? 0) > (run?.dueAt.getTime() ?? 0)) clear.add(missedKey);
  }

  // Stale: scheduled for longer than the RPO, no success within it.
  const rpoMs = config.rpoHours * 3_600_000;
  for (const [key, { ref, firstDue }] of scheduled) {
    const last = lastSuccess.get(key);
    const staleKey = subjectKey('BACKUP_STALE', subject(ref));
    if (last !== undefined && now.getTime() - last <= rpoMs) clear.add(staleKey);
    else if (now.getTime() - firstDue > rpoMs) {
      add({ kind: 'BACKUP_STALE', severity: 'CRITICAL', ...subject(ref), message: last ? `${RESOURCE_NAME}: no successful backup since ${new Date(last).toISOString()} (RPO ${config.rpoHours} h)` : `${RESOURCE_NAME}: no successful backup known within the RPO of ${config.rpoHours} h` });
    }
  }

  // Stuck: running for longer than allowed. The resource is the subject (else the provider).
  const stuckMs = config.stuckAfterMinutes * 60_000;
  const stuckSubjects = new Set<string>();
  for (const op of facts.operations) {
    if (!RUNNING.has(op.status)) continue;
    const about = op.target ? subject(op.target) : { providerId: op.providerId, providerKind: kindOf.get(op.providerId) };
    const key = subjectKey('OPERATION_STUCK', about);
    const since = (op.startedAt ?? op.updatedAt).getTime();
    if (now.getTime() - since <= stuckMs) continue;
    stuckSubjects.add(key);
    add({ kind: 'OPERATION_STUCK', severity: 'WARNING', ...about, operation: { nativeId: op.nativeId, status: op.status }, message: `${op.target ? `${RESOURCE_NAME}: ` : ''}a ${op.kind.toLowerCase().replace('_', ' ')} has been ${op.status.toLowerCase()} for ${Math.round((now.getTime() - since) / 60_000)} minutes (limit ${config.stuckAfterMinutes})` });
  }
  // Any stuck alert whose subject has no stuck operation any more clears (filtered against open alerts by the caller).
  const notStuck = (key: string) => key.startsWith('OPERATION_STUCK|') && !stuckSubjects.has(key);

  // Providers down for longer than the grace.
  const downIds = new Set<string>();
  for (const down of input.down) {
    downIds.add(down.providerId);
    if (now.getTime() - down.since.getTime() < config.providerDownAfterSeconds * 1000) continue;
    add({ kind: 'PROVIDER_DOWN', severity: 'CRITICAL', providerId: down.providerId, providerKind: down.providerKind, message: `provider "${down.providerId}" has been down since ${down.since.toISOString()}${down.message ? `: ${down.message}` : ''}` });
  }
  for (const provider of input.providers) if (!downIds.has(provider.id)) clear.add(subjectKey('PROVIDER_DOWN', { providerId: provider.id }));

  return { want, clear: new ClearSet(clear, notStuck) };
}

/** The explicit keys plus a predicate (stuck alerts clear by absence, not by a fact). */
class ClearSet extends Set<string> {
  constructor(
    keys: Set<string>,
    private readonly also: (key: string) => boolean,
  ) {
    super(keys);
  }

  override has(key: string): boolean {
    return super.has(key) || this.also(key);
  }
}
