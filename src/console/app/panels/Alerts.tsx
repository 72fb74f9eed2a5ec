/**
 * Alerts: the open and acknowledged ones, live from alertsUpdated (a resolved alert leaves the
 * list), each open one with an Acknowledge button for keys that may operate.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConsoleAlertFragment } from '../../gql/graphql.js';
import { request, subscribe } from '../api.js';
import { AcknowledgeAlertMutation, AlertsQuery, AlertsSubscription } from '../documents.js';
import { Panel } from '../Panel.js';

export function Alerts({ canOperate, generation }: { canOperate: boolean; generation: number }) {
  const [alerts, setAlerts] = useState<Map<string, ConsoleAlertFragment>>(new Map());
  const [error, setError] = useState<string | undefined>();
  const merge = useCallback((alert: ConsoleAlertFragment) => {
    setAlerts((current) => {
      const next = new Map(current);
      if (alert.state === 'RESOLVED') next.delete(alert.id);
      else next.set(alert.id, alert);
      return next;
    });
  }, []);

  useEffect(() => {
    request(AlertsQuery).then(
      ({ alerts }) => alerts.edges.forEach((edge) => merge(edge.node)),
      (e: Error) => setError(e.message),
    );
    return subscribe(AlertsSubscription, {}, ({ alertsUpdated }) => merge(alertsUpdated), (e) => setError(`Live alert updates stopped: ${e.message}`));
  }, [generation, merge]);

  const acknowledge = async (alert: ConsoleAlertFragment) => {
    try {
      const { acknowledgeAlert } = await request(AcknowledgeAlertMutation, { alertId: alert.id });
      if (acknowledgeAlert.__typename === 'AcknowledgeAlertSuccess') merge(acknowledgeAlert.alert);
      else setError(`Could not acknowledge: ${acknowledgeAlert.message}`);
    } catch (e) {
      setError(`Could not acknowledge: ${(e as Error).message}`);
    }
  };

  const shown = [...alerts.values()].sort((a, b) => Number(a.state === 'ACKNOWLEDGED') - Number(b.state === 'ACKNOWLEDGED') || b.openedAt.localeCompare(a.openedAt));
  return (
    <Panel id="alerts" title="Alerts" error={error}>
      {shown.length === 0 ? (
        <p class="muted">No open alerts.</p>
      ) : (
        <ul class="alerts">
          {shown.map((alert) => (
            <li key={alert.id} class={`alert severity-${alert.severity.toLowerCase()} state-${alert.state.toLowerCase()}`} aria-label={`${alert.kind} ${alert.resourceName ?? alert.provider?.name ?? ''}: ${alert.state}`}>
              <div>
                <span class={`tag severity-${alert.severity.toLowerCase()}`}>{alert.severity}</span> <strong>{alert.kind.replace(/_/g, ' ').toLowerCase()}</strong>{' '}
                <span class="muted">{[alert.resourceName, alert.provider?.name].filter(Boolean).join(' · ')}</span>
              </div>
              <div class="reason">{alert.message}</div>
              <div class="alert-state">
                {alert.state === 'ACKNOWLEDGED' ? (
                  <span class="muted">Acknowledged{alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ''}</span>
                ) : (
                  canOperate && (
                    <button type="button" aria-label={`Acknowledge: ${alert.kind.replace(/_/g, ' ').toLowerCase()} ${alert.resourceName ?? ''}`.trim()} onClick={() => void acknowledge(alert)}>
                      Acknowledge
                    </button>
                  )
                )}
                {alert.state === 'OPEN' && <span class="state-open"> Open</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
