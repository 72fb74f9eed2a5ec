/**
 * The console: who we are (viewer), then the panels. Operations are kept here, merged from the
 * first `operations` answer, the live `operationsUpdated` stream and "Back up now" results, so a
 * backup started here shows its bar at once.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { ConsoleOperationFragment } from '../gql/graphql.js';
import { apiKey, GatewayRequestError, request, resetConnections, subscribe } from './api.js';
import { CalendarQuery, CoverageQuery, HistoryQuery, OperationsQuery, OperationsSubscription, ViewerQuery } from './documents.js';
import { KeyForm } from './KeyForm.js';
import { Actions } from './panels/Actions.js';
import { Alerts } from './panels/Alerts.js';
import { Coverage } from './panels/Coverage.js';
import { History, HISTORY_DAYS } from './panels/History.js';
import { Operations } from './panels/Operations.js';
import { Upcoming, UPCOMING_DAYS } from './panels/Upcoming.js';
import { useQuery } from './use-query.js';

type Viewer = { name: string; scopes: string[] };

export function App() {
  const [viewer, setViewer] = useState<Viewer | undefined>();
  const [keyProblem, setKeyProblem] = useState<string | undefined>();
  const [fatal, setFatal] = useState<string | undefined>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    request(ViewerQuery).then(
      ({ viewer }) => {
        setViewer(viewer);
        setKeyProblem(undefined);
      },
      (error: GatewayRequestError) => {
        setViewer(undefined);
        if (error.code === 'UNAUTHENTICATED' || error.code === 'FORBIDDEN') setKeyProblem(apiKey.get() ? `The gateway refused this key: ${error.message}` : 'This gateway needs an API key.');
        else setFatal(error.message);
      },
    );
  }, [generation]);

  const useKey = (key: string) => {
    apiKey.set(key);
    resetConnections();
    setGeneration((g) => g + 1);
  };

  return (
    <>
      <header class="top">
        <h1>backup-gateway</h1>
        <nav aria-label="Links">
          <a href="/graphql">GraphiQL</a>
        </nav>
        {viewer && (
          <p class="who">
            {viewer.name} <span class="muted">({viewer.scopes.join(', ').toLowerCase()})</span>
            {apiKey.get() && (
              <button type="button" class="link" onClick={() => useKey('')}>
                Forget key
              </button>
            )}
          </p>
        )}
      </header>
      <main>
        {fatal && (
          <p class="error" role="alert">
            {fatal}
          </p>
        )}
        {keyProblem && <KeyForm problem={keyProblem} onKey={useKey} />}
        {viewer && <Dashboard canOperate={viewer.scopes.includes('OPERATE')} generation={generation} />}
      </main>
    </>
  );
}

function Dashboard({ canOperate, generation }: { canOperate: boolean; generation: number }) {
  const [operations, setOperations] = useState<Map<string, ConsoleOperationFragment>>(new Map());
  const [liveError, setLiveError] = useState<string | undefined>();
  const [finishedCount, setFinishedCount] = useState(0);
  const merge = useCallback((incoming: ConsoleOperationFragment) => {
    setOperations((current) => {
      const before = current.get(incoming.id);
      if (incoming.final && !before?.final) setFinishedCount((n) => n + 1);
      return new Map(current).set(incoming.id, { ...before, ...incoming });
    });
  }, []);

  const coverage = useQuery(CoverageQuery, {}, generation + finishedCount);
  const history = useQuery(HistoryQuery, { days: HISTORY_DAYS, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' }, generation + finishedCount);
  const range = useMemo(() => {
    const from = new Date();
    return { from: from.toISOString(), to: new Date(from.getTime() + UPCOMING_DAYS * 86_400_000).toISOString() };
  }, [generation]);
  const calendar = useQuery(CalendarQuery, range, generation);

  useEffect(() => {
    request(OperationsQuery).then(
      ({ operations }) => operations.forEach(merge),
      (error: Error) => setLiveError(error.message),
    );
    return subscribe(
      OperationsSubscription,
      {},
      ({ operationsUpdated }) => {
        setLiveError(undefined);
        merge(operationsUpdated);
      },
      (error) => setLiveError(`Live updates stopped: ${error.message}`),
    );
  }, [generation, merge]);

  // Newest first; the running ones before the finished.
  const shown = [...operations.values()].sort((a, b) => Number(a.final) - Number(b.final) || (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  return (
    <div class="grid">
      <Operations operations={shown} error={liveError} />
      <Alerts canOperate={canOperate} generation={generation} />
      <Coverage data={coverage.data} error={coverage.error} />
      <History data={history.data} error={history.error} />
      <Upcoming data={calendar.data} error={calendar.error} />
      {canOperate && <Actions coverage={coverage.data} onStarted={merge} />}
    </div>
  );
}
