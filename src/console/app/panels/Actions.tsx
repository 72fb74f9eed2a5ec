/** Actions: "Back up now" per resource; the new operation shows in Running operations at once. */
import { useState } from 'preact/hooks';
import type { ConsoleCoverageQuery, ConsoleOperationFragment } from '../../gql/graphql.js';
import { request } from '../api.js';
import { StartBackupMutation } from '../documents.js';
import { Panel } from '../Panel.js';

export function Actions({ coverage, onStarted }: { coverage?: ConsoleCoverageQuery; onStarted: (operation: ConsoleOperationFragment) => void }) {
  const [busy, setBusy] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>();
  const backUp = async (id: string, name: string) => {
    setBusy(id);
    setOutcome(undefined);
    try {
      const { startBackup } = await request(StartBackupMutation, { targetId: id });
      if (startBackup.__typename === 'StartOperationSuccess') {
        onStarted(startBackup.operation);
        setOutcome({ ok: true, text: `Backup of ${name} started.` });
      } else {
        setOutcome({ ok: false, text: `Backup of ${name} not started: ${startBackup.message}` });
      }
    } catch (error) {
      setOutcome({ ok: false, text: `Backup of ${name} not started: ${(error as Error).message}` });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Panel id="actions" title="Actions">
      {outcome && (
        <p class={outcome.ok ? 'ok' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
        </p>
      )}
      <ul class="actions">
        {coverage?.protection.resources.map((r) => (
          <li key={r.resource.id}>
            <span>
              {r.resource.name} <span class="muted">{r.resource.provider.name}</span>
            </span>
            <button type="button" disabled={busy === r.resource.id} aria-label={`Back up now: ${r.resource.name}`} onClick={() => void backUp(r.resource.id, r.resource.name)}>
              {busy === r.resource.id ? 'Starting…' : 'Back up now'}
            </button>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
