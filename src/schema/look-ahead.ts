/**
 * Look-ahead for list fields (`virtualMachines`, `schedules`). GraphQL resolves a nested field
 * only after its parent list has resolved, so without help a dashboard costs one round of
 * upstream calls per nesting level (VMs, then their schedules, ...). A list resolver calls
 * `startNestedReads` to start, next to its own list, the provider reads its selection's nested
 * fields will ask for. They are the same memoized reads the field resolvers use, so nothing is
 * fetched twice, and only reads the selection asks for are started.
 */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Provider } from '../domain/provider.js';
import type { RequestReads } from './context.js';

/** Field name anywhere in the selection -> the provider read its resolver starts with. */
const READ_BEHIND_FIELD: Record<string, (reads: RequestReads, p: Provider) => Promise<unknown>> = {
  schedules: (reads, p) => reads.resourceSchedules(p),
  backupLocations: (reads, p) => reads.resourceLocations(p),
  disks: (reads, p) => reads.disks(p),
  operations: (reads, p) => reads.operations(p),
  targets: (reads, p) => Promise.all([reads.scheduleTargets(p), reads.virtualMachines(p), reads.disks(p)]),
};

export function startNestedReads(info: GraphQLResolveInfo, reads: RequestReads, providers: Provider[]): void {
  const names = new Set<string>();
  for (const node of info.fieldNodes) if (node.selectionSet) collectFieldNames(node.selectionSet, info, names);
  for (const [field, read] of Object.entries(READ_BEHIND_FIELD)) {
    if (!names.has(field)) continue;
    // A failure is reported where the field resolves (as a partial error), not here.
    for (const provider of providers) read(reads, provider).catch(() => undefined);
  }
}

function collectFieldNames(selectionSet: SelectionSetNode, info: GraphQLResolveInfo, names: Set<string>): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      names.add(selection.name.value);
      if (selection.selectionSet) collectFieldNames(selection.selectionSet, info, names);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFieldNames(selection.selectionSet, info, names);
    } else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) collectFieldNames(fragment.selectionSet, info, names);
    }
  }
}
