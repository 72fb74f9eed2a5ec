/**
 * Operation error texts as they appear in report `Error` fields: human text plus an
 * `(ALTERR_<CONTROLLER>_<nnn>)` code. Only ALTERR_BASERESTORECONTROLLER_007 is verbatim (contract §2);
 * the others are invented in the same style.
 */
import type { OperationKind } from './state.js';

export const ALTERR = {
  backupAborted: 'The backup operation was aborted by the user. (ALTERR_BASEBACKUPCONTROLLER_007)',
  backupFailed:
    'Failed to create a Volume Shadow Copy snapshot of the virtual machine. (ALTERR_BASEBACKUPCONTROLLER_018)',
  backupWarning:
    'The virtual machine was backed up crash-consistently because its VSS writer did not respond. (ALTERR_BASEBACKUPCONTROLLER_042)',
  offsiteAborted: 'The offsite copy operation was aborted by the user. (ALTERR_BASEOFFSITECONTROLLER_007)',
  offsiteFailed: 'The offsite location could not be reached. (ALTERR_BASEOFFSITECONTROLLER_021)',
  offsiteNothingToCopy: 'No backup version is available to copy offsite. (ALTERR_BASEOFFSITECONTROLLER_012)',
  restoreAborted: 'The restore operation was aborted by the user. (ALTERR_BASERESTORECONTROLLER_007)',
  sandboxAborted: 'The sandbox restore operation was aborted by the user. (ALTERR_BASESANDBOXCONTROLLER_007)',
  verificationAborted: 'The verification operation was aborted by the user. (ALTERR_BASEVERIFICATIONCONTROLLER_007)',
} as const;

export function abortedText(kind: OperationKind): string {
  switch (kind) {
    case 'Backup':
      return ALTERR.backupAborted;
    case 'OffsiteCopy':
      return ALTERR.offsiteAborted;
    case 'Restore':
      return ALTERR.restoreAborted;
    case 'SandboxRestore':
      return ALTERR.sandboxAborted;
    case 'Verification':
      return ALTERR.verificationAborted;
  }
}
