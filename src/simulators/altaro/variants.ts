/**
 * The plausible forms the simulator can answer in where the contract marks a detail [I] or [?]
 * (README.md, "Variants"). `default` keeps the simulator's historical answers; `strict` takes the
 * least helpful plausible form everywhere, so a client that passes it depends only on what the
 * contract confirms. A test may override single points with `variants`.
 */
import { resolveVariants, type SimProfile } from '../kit/profile.js';

export interface AltaroVariants {
  /** §4.6: five documented fields only, or also `AltaroVirtualMachineRef` / `VirtualMachineName`. */
  statusItemFields: 'extended' | 'documented';
  /** §4.6: finished operations stay listed with their result for `finishedGraceMs`, or vanish at once. */
  finishedOperations: 'grace' | 'vanish';
  /** §5.3: Queued / Processing / <result>, or unknown names (Initializing, Finalizing, Completing) around Processing. */
  statusNames: 'plain' | 'unlisted';
  /** §4.6: operation-status/{guid} of an unknown or finished guid. */
  unknownOperationGuid: 'empty' | 'failure' | 'allRunning';
  /** §2.1: the zone the server writes its dates in (the `timezone` option wins when given). */
  timeZone: string;
  /** §4.2/§4.3: simulator-only extras on schedules (DaysOfWeek, TimeOfDay, NextRunTime) and locations (IsOffsite, StorageType). */
  typeFields: boolean;
  /** §4.2/§4.3: a schedule's / location's VMs listed inline (`VirtualMachines`), or only through vms/schedules and vms/backuplocations. */
  inlineVmLists: boolean;
  /** §4.2: sandbox-restore schedules in `BackupSchedules`, or in a sibling `SandboxRestoreSchedules`. */
  sandboxSchedules: 'sameKey' | 'siblingKey';
  /** §4.7/§5.4: resultFilter 0 ("any", [I]) accepted, or refused with Success:false. */
  reportFilterZero: 'any' | 'refused';
  /** §4.7: offsite-copy reports at `reports/offsitecopy` ([?] segment), or no such route (HTTP 404). */
  offsiteReports: 'offsitecopy' | 'missing';
  /** §1: http, or https with a fresh self-signed certificate. */
  transport: 'http' | 'https';
  /** §4.5: `VirtualMachineRestoreDetails` as one object or an array of one. */
  restoreDetails: 'object' | 'array';
  /** §4.5: `Versions` elements as small objects or as bare date strings. */
  versionElements: 'objects' | 'strings';
  /** §2: `ErrorCode` a number or a string name. */
  errorCode: 'number' | 'string';
  /** §3.3: `protocol/version` Data as "1.0" or the number 1. */
  protocolVersion: 'string' | 'number';
  /** §4.1: an unconfigured VM's `AltaroVirtualMachineRef` as null or "". */
  unconfiguredRef: 'null' | 'empty';
  /** §4.6: `Operation` values compact (OffsiteCopy) or spaced (Offsite Copy, Data Verification). */
  operationNames: 'compact' | 'spaced';
}

export const ALTARO_VARIANTS: Record<SimProfile, AltaroVariants> = {
  default: {
    statusItemFields: 'extended',
    finishedOperations: 'grace',
    statusNames: 'plain',
    unknownOperationGuid: 'empty',
    timeZone: 'UTC',
    typeFields: true,
    inlineVmLists: true,
    sandboxSchedules: 'sameKey',
    reportFilterZero: 'any',
    offsiteReports: 'offsitecopy',
    transport: 'http',
    restoreDetails: 'object',
    versionElements: 'objects',
    errorCode: 'number',
    protocolVersion: 'string',
    unconfiguredRef: 'null',
    operationNames: 'compact',
  },
  strict: {
    statusItemFields: 'documented',
    finishedOperations: 'vanish',
    statusNames: 'unlisted',
    unknownOperationGuid: 'allRunning',
    // West of UTC, with DST.
    timeZone: 'America/New_York',
    typeFields: false,
    inlineVmLists: false,
    sandboxSchedules: 'siblingKey',
    reportFilterZero: 'refused',
    offsiteReports: 'missing',
    transport: 'https',
    restoreDetails: 'array',
    versionElements: 'strings',
    errorCode: 'string',
    protocolVersion: 'number',
    unconfiguredRef: 'empty',
    operationNames: 'spaced',
  },
};

export function altaroVariants(profile: SimProfile = 'default', overrides: Partial<AltaroVariants> = {}): AltaroVariants {
  return resolveVariants(ALTARO_VARIANTS, profile, overrides);
}
