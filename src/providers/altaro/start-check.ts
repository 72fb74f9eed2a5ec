/**
 * After an instruction timed out: which running jobs are new since it was sent. Status items
 * document no VM (contract §4.6), so "new" means a JobId that was not listed before, of the
 * instruction's kind; an item that does name a VM must name ours.
 */
import type { OperationKind } from '../../domain/model.js';
import { jobIdOf, operationKindOf, str, type Wire } from './map.js';

export function newJobsOf(
  statuses: Wire[],
  prior: Set<string>,
  kind: OperationKind,
  vmRef: string,
  followed: (jobId: string) => boolean,
): Wire[] {
  return statuses.filter((wire) => {
    const id = jobIdOf(wire);
    if (!id || prior.has(id) || followed(id)) return false;
    if (operationKindOf(wire.Operation) !== kind) return false;
    const named = str(wire.AltaroVirtualMachineRef);
    return !named || named.toLowerCase() === vmRef.toLowerCase();
  });
}
