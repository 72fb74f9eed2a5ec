/** Upcoming runs: the next 7 days of backupCalendar, per day, conflicting runs marked. */
import type { ConsoleCalendarQuery } from '../../gql/graphql.js';
import { Panel } from '../Panel.js';

export const UPCOMING_DAYS = 7;
const RUNS_SHOWN_PER_DAY = 6;

export function Upcoming({ data, error }: { data?: ConsoleCalendarQuery; error?: string }) {
  const calendar = data?.backupCalendar;
  // A run is in conflict when a conflict lists the same schedule at the same time.
  const conflictOf = new Map<string, string>();
  for (const conflict of calendar?.conflicts ?? []) {
    for (const run of conflict.runs) conflictOf.set(`${run.schedule.id}@${run.at}`, conflict.reason);
  }
  const days = new Map<string, NonNullable<typeof calendar>['runs']>();
  for (const run of calendar?.runs ?? []) {
    const day = new Date(run.at).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
    days.set(day, [...(days.get(day) ?? []), run]);
  }
  return (
    <Panel id="upcoming" title={`Upcoming runs (next ${UPCOMING_DAYS} days)`} error={error}>
      {!data && !error && <p class="muted">Loading…</p>}
      {calendar && (
        <>
          <p class="muted">
            {calendar.runs.length} runs, {calendar.conflicts.length} conflicts.
          </p>
          <ol class="timeline">
            {[...days].map(([day, runs]) => (
              <li key={day}>
                <h3>{day}</h3>
                <ul>
                  {runs.slice(0, RUNS_SHOWN_PER_DAY).map((run) => {
                    const conflict = conflictOf.get(`${run.schedule.id}@${run.at}`);
                    return (
                      <li key={`${run.schedule.id}@${run.at}`} class={conflict ? 'run conflict' : 'run'}>
                        <time dateTime={run.at}>{new Date(run.at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}</time> {run.schedule.name}{' '}
                        <span class="muted">
                          ({run.provider.name}: {run.targets.map((t) => t.name).join(', ') || 'no targets'})
                        </span>
                        {conflict && <span class="tag conflict-tag">⚠ conflict: {conflict}</span>}
                      </li>
                    );
                  })}
                  {runs.length > RUNS_SHOWN_PER_DAY && <li class="muted">and {runs.length - RUNS_SHOWN_PER_DAY} more</li>}
                </ul>
              </li>
            ))}
          </ol>
        </>
      )}
    </Panel>
  );
}
