/**
 * Taking a scheduler off a drive. Release 2411 says it can be done; the request is not documented
 * (contract §3.10 [?]). The plausible forms, tried in this order, each checked by reading the
 * drive back (a server may answer 202 and change nothing):
 *
 * 1. `set_scheduler` with `{"backup_policy_uuid": null}`;
 * 2. `set_scheduler` with `{"backup_policy_uuid": ""}`;
 * 3. `set_scheduler` with `{}` (no key);
 * 4. `PUT /drives/{uuid}/` with the drive's own definition and no `backup_scheduler`.
 *
 * A form that is refused (400, 403, 405; 404 for the PUT) or accepted without effect leads to the
 * next one. The form that worked is tried first next time. If none worked, the answer is an
 * UPSTREAM_REJECTED naming what was tried: never a success the read-back does not show. A lost
 * answer (timeout) is checked by reading back too, and stays UPSTREAM_UNAVAILABLE if nothing shows.
 */
import { NotFoundError, UpstreamRejectedError, UpstreamUnavailableError, ValidationError } from '../../domain/errors.js';
import type { RequestScope } from '../../domain/request-scope.js';
import { CredentialsRejectedError, type CloudSigmaClient, type Wire } from './client.js';
import { driveSchedulerUuid } from './map.js';

/** Drive fields a PUT carries back: the required ones (§7.1) and the user's own. */
const DRIVE_PUT_KEYS = ['name', 'size', 'media', 'meta', 'tags', 'affinities', 'allow_multimount'];

interface ClearForm {
  what: string;
  send(client: CloudSigmaClient, drive: Wire, scope: RequestScope | undefined): Promise<unknown>;
  /** Whether a 404 means "not this way" rather than "no such drive". */
  notFoundMeansUnsupported?: boolean;
}

const path = (uuid: string) => `drives/${encodeURIComponent(uuid)}/`;

const FORMS: ClearForm[] = [
  { what: 'set_scheduler with backup_policy_uuid null', send: (c, d, scope) => c.action(scope, 'drives', String(d.uuid), 'set_scheduler', { backup_policy_uuid: null }) },
  { what: 'set_scheduler with backup_policy_uuid ""', send: (c, d, scope) => c.action(scope, 'drives', String(d.uuid), 'set_scheduler', { backup_policy_uuid: '' }) },
  { what: 'set_scheduler without backup_policy_uuid', send: (c, d, scope) => c.action(scope, 'drives', String(d.uuid), 'set_scheduler', {}) },
  {
    what: 'a PUT of the drive without backup_scheduler',
    send: (c, d, scope) => c.put(scope, path(String(d.uuid)), 'drives/{uuid}', Object.fromEntries(DRIVE_PUT_KEYS.filter((k) => k in d).map((k) => [k, d[k]]))),
    notFoundMeansUnsupported: true,
  },
];

export class SchedulerClearer {
  /** Index into FORMS of the form this install took last time. */
  private working = 0;

  constructor(
    private readonly client: CloudSigmaClient,
    private readonly providerId: string,
  ) {}

  /** Take `schedulerUuid` off `drive` (as read just before); resolves only once a read-back shows it off. */
  async clear(scope: RequestScope | undefined, drive: Wire, schedulerUuid: string, label: string): Promise<void> {
    const uuid = String(drive.uuid);
    const order = [this.working, ...FORMS.keys()].filter((i, pos, all) => all.indexOf(i) === pos);
    const tried: string[] = [];
    for (const index of order) {
      const form = FORMS[index];
      try {
        await form.send(this.client, drive, scope);
      } catch (error) {
        if (error instanceof UpstreamUnavailableError) {
          if (await this.isOff(scope, uuid, schedulerUuid).catch(() => false)) return void (this.working = index);
          error.message += `; read back afterwards, ${label} still carries scheduler ${schedulerUuid}`;
          throw error;
        }
        if (refusedForm(error, form)) {
          tried.push(`${form.what} (refused: ${(error as Error).message})`);
          continue;
        }
        throw error;
      }
      if (await this.isOff(scope, uuid, schedulerUuid)) return void (this.working = index);
      tried.push(`${form.what} (accepted, but the drive still carries it)`);
    }
    throw new UpstreamRejectedError(
      this.providerId,
      `provider "${this.providerId}" did not take scheduler ${schedulerUuid} off ${label}: read back after each try, the drive still carries it. ` +
        `CloudSigma does not document how to unassign a scheduler; tried ${tried.join('; ')}`,
    );
  }

  private async isOff(scope: RequestScope | undefined, driveUuid: string, schedulerUuid: string): Promise<boolean> {
    const drive = await this.client.get(scope, path(driveUuid), 'drives/{uuid}');
    return driveSchedulerUuid(drive) !== schedulerUuid;
  }
}

function refusedForm(error: unknown, form: ClearForm): boolean {
  if (error instanceof CredentialsRejectedError) return false;
  if (error instanceof ValidationError || error instanceof UpstreamRejectedError) return true;
  return error instanceof NotFoundError && form.notFoundMeansUnsupported === true;
}
