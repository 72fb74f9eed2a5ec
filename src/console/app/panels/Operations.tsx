/** Running operations: one live progress bar each, ending in a clearly marked final status. */
import type { ConsoleOperationFragment } from '../../gql/graphql.js';
import { Panel } from '../Panel.js';

const FINAL_LABEL: Record<string, string> = { SUCCEEDED: '✔ Succeeded', FAILED: '✖ Failed', ABORTED: '■ Aborted', UNKNOWN: '? Unknown' };

export function Operations({ operations, error }: { operations: ConsoleOperationFragment[]; error?: string }) {
  return (
    <Panel id="operations" title="Running operations" error={error}>
      {operations.length === 0 ? (
        <p class="muted">Nothing running. Operations started here or upstream appear as they happen.</p>
      ) : (
        <ul class="operations">
          {operations.map((op) => {
            const target = op.target?.name ?? op.id;
            const progress = op.progress ?? 0;
            return (
              <li key={op.id} class={`operation status-${op.status.toLowerCase()}`}>
                <div class="operation-title">
                  <strong>{target}</strong> <span class="muted">{op.kind.toLowerCase()} · {op.provider.name}</span>
                </div>
                <div
                  class="bar"
                  role="progressbar"
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={progress}
                  aria-label={`${op.kind.toLowerCase()} of ${target}`}
                  aria-valuetext={`${progress}% ${op.status}`}
                >
                  <div class="bar-fill" style={{ width: `${progress}%` }} />
                </div>
                <div class="operation-status" aria-live="polite">
                  {op.final ? <span class={`final final-${op.status.toLowerCase()}`}>{FINAL_LABEL[op.status] ?? op.status}</span> : <span>{op.status.toLowerCase()} · {op.progress ?? '…'}%</span>}
                  {op.phase && !op.final && <span class="muted"> · {op.phase}</span>}
                  {op.message && <span class="muted"> · {op.message}</span>}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
