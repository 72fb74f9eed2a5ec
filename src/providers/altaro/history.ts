/**
 * The backup and offsite-copy history an Altaro install still holds, for the journal's backfill:
 * each VM's reports through their confirmed filter forms (§4.7: `/{resultFilter}/{count}` with
 * 1 = successful, 2 = failed; 0 = any is only inferred, so it is not used). Offsite reports sit
 * at an unconfirmed segment: where the install refuses it, that history is simply not imported.
 */
import { UpstreamRejectedError } from '../../domain/errors.js';
import type { Operation, OperationKind } from '../../domain/model.js';
import type { RequestScope } from '../../domain/request-scope.js';
import type { AltaroClient } from './client.js';
import { listOf } from './client.js';
import { num, outcomeOf, parseAltaroDate, str, type Wire } from './map.js';

const ROUTES: Array<{ kind: OperationKind; path: string; keys: string[] }> = [
  { kind: 'BACKUP', path: 'reports/backup', keys: ['BackupReports'] },
  { kind: 'OFFSITE_COPY', path: 'reports/offsitecopy', keys: ['OffsiteCopyReports', 'BackupReports'] },
];

/** Reports per filter and kind read at most (the install keeps a bounded history anyway). */
const COUNT = '100';

export async function reportHistory(scope: RequestScope | undefined, client: AltaroClient, providerId: string, vmRef: string, timeZone: string): Promise<Operation[]> {
  const operations: Operation[] = [];
  for (const route of ROUTES) {
    for (const filter of ['1', '2']) {
      let reply;
      try {
        reply = await client.call(scope, route.path, { args: [vmRef, filter, COUNT] });
      } catch (error) {
        if (error instanceof UpstreamRejectedError) break; // this install has no such report route
        throw error;
      }
      for (const wire of route.keys.flatMap((key) => listOf<Wire>(reply, key))) {
        const operation = fromReport(wire, route.kind, providerId, vmRef, timeZone);
        if (operation) operations.push(operation);
      }
    }
  }
  return operations;
}

function fromReport(wire: Wire, kind: OperationKind, providerId: string, vmRef: string, timeZone: string): Operation | undefined {
  const stamp = str(wire.DateTime);
  const startedAt = parseAltaroDate(stamp, timeZone);
  if (!stamp || !startedAt) return undefined;
  const outcome = outcomeOf(wire.Result);
  const status = outcome === 'SUCCESS' || outcome === 'WARNING' ? 'SUCCEEDED' : outcome === 'ABORTED' ? 'ABORTED' : outcome === 'FAILED' ? 'FAILED' : 'UNKNOWN';
  const seconds = num(wire.Duration);
  const finishedAt = seconds === undefined ? undefined : new Date(startedAt.getTime() + seconds * 1000);
  return {
    providerId,
    // A report has no operation id: the VM, the kind and the report's own time text name it.
    nativeId: `report:${vmRef}:${kind}:${stamp}`,
    kind,
    status,
    final: status === 'UNKNOWN' ? true : undefined,
    message: str(wire.Error) ?? (outcome === 'WARNING' ? 'completed with warnings' : undefined),
    target: { type: 'VirtualMachine', providerId, nativeId: vmRef },
    startedAt,
    updatedAt: finishedAt ?? startedAt,
    finishedAt,
  };
}
