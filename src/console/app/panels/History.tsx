/** History: the backupHistory matrix, one row per resource, one coloured cell per day. */
import type { ConsoleHistoryQuery } from '../../gql/graphql.js';
import { Panel } from '../Panel.js';

export const HISTORY_DAYS = 30;

export function History({ data, error }: { data?: ConsoleHistoryQuery; error?: string }) {
  const rows = data?.backupHistory.resources ?? [];
  const dates = rows[0]?.days.map((d) => d.date) ?? [];
  return (
    <Panel id="history" title={`History (last ${HISTORY_DAYS} days)`} error={error}>
      {!data && !error && <p class="muted">Loading…</p>}
      {data && (
        <>
          <div class="matrix-scroll" tabIndex={0} aria-label="Backup history matrix, scrollable">
            <table class="matrix">
              <thead>
                <tr>
                  <th scope="col">Resource</th>
                  {dates.map((date) => (
                    <th scope="col" key={date} class="day" title={date}>
                      {date.slice(8)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.resource.id}>
                    <th scope="row">
                      {row.resource.name} <span class="muted">{row.resource.provider.name}</span>
                    </th>
                    {row.days.map((day) => {
                      const label = `${row.resource.name} ${day.date}: ${day.status}`;
                      return (
                        <td key={day.date}>
                          <span class={`cell history-${day.status.toLowerCase()}`} role="img" aria-label={label} title={`${label} (${day.succeeded} ok, ${day.failed} failed, ${day.missed} missed)`} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="legend">
            {['SUCCEEDED', 'FAILED', 'MISSED', 'RUNNING', 'NONE'].map((s) => (
              <span key={s}>
                <span class={`cell history-${s.toLowerCase()}`} aria-hidden="true" /> {s.toLowerCase()}
              </span>
            ))}
          </p>
        </>
      )}
    </Panel>
  );
}
