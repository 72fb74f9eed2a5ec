/**
 * Removing a scheduler's retention rules. Which `retention_policy` a PUT must carry for that is not
 * documented (contract §2.4, §3.7 [?]): a server may take `{}` as "no rules", merge it key by key
 * (so the old rules stay), or want `null`. The plausible forms, tried in this order, each checked
 * by reading the scheduler back:
 *
 * 1. `{}`;
 * 2. `{"name": "", "rules": []}`;
 * 3. `null`.
 *
 * A form refused with a validation error, or accepted without effect, leads to the next one; the
 * form that worked is tried first next time. If none worked, the answer is UPSTREAM_REJECTED: the
 * rest of the update was saved, the rules were not, and the message says so.
 */
import { UpstreamRejectedError, ValidationError } from '../../domain/errors.js';
import type { RequestScope } from '../../domain/request-scope.js';
import type { CloudSigmaClient, Wire } from './client.js';
import { retentionOf } from './map.js';

const FORMS: Array<{ what: string; value: () => unknown }> = [
  { what: '{}', value: () => ({}) },
  { what: '{"name": "", "rules": []}', value: () => ({ name: '', rules: [] }) },
  { what: 'null', value: () => null },
];

export function hasRetentionRules(scheduler: Wire): boolean {
  return (retentionOf(scheduler.retention_policy)?.rules.length ?? 0) > 0;
}

export class RetentionClearer {
  private working = 0;

  constructor(
    private readonly client: CloudSigmaClient,
    private readonly providerId: string,
  ) {}

  /** PUT `body` (the full definition) with each "no rules" form until a read-back shows none; the scheduler as read back. */
  async clear(scope: RequestScope | undefined, uuid: string, body: Wire): Promise<Wire> {
    const path = `backupschedulers/${encodeURIComponent(uuid)}/`;
    const order = [this.working, ...FORMS.keys()].filter((i, pos, all) => all.indexOf(i) === pos);
    const tried: string[] = [];
    let last: Wire | undefined;
    for (const index of order) {
      const form = FORMS[index];
      try {
        await this.client.put(scope, path, 'backupschedulers/{uuid}', { ...body, retention_policy: form.value() });
      } catch (error) {
        // A refusal of the form is a validation error on the policy; any other refusal is the update's own.
        if (error instanceof ValidationError && (!error.field || error.field.startsWith('retention_policy'))) {
          tried.push(`${form.what} (refused: ${error.message})`);
          continue;
        }
        throw error;
      }
      last = await this.client.get(scope, path, 'backupschedulers/{uuid}');
      if (!hasRetentionRules(last)) {
        this.working = index;
        return last;
      }
      tried.push(`${form.what} (accepted, but the rules stayed)`);
    }
    const saved = last ? 'the rest of the update was saved' : 'nothing was saved';
    throw new UpstreamRejectedError(
      this.providerId,
      `provider "${this.providerId}" kept the retention rules of scheduler ${uuid} (read back after each try; ${saved}). ` +
        `CloudSigma does not document how to remove them; tried retention_policy ${tried.join('; ')}`,
    );
  }
}
