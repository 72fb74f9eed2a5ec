/** Coverage: protection counts per provider, and every resource not PROTECTED with its reason. */
import type { ConsoleCoverageQuery } from '../../gql/graphql.js';
import { Panel } from '../Panel.js';

export function Coverage({ data, error }: { data?: ConsoleCoverageQuery; error?: string }) {
  const unprotected = data?.protection.resources.filter((r) => r.status !== 'PROTECTED') ?? [];
  return (
    <Panel id="coverage" title="Coverage" error={error}>
      {!data && !error && <p class="muted">Loading…</p>}
      {data && (
        <>
          <div class="providers">
            {data.protection.byProvider.map((p) => {
              const total = p.counts.reduce((sum, c) => sum + c.count, 0);
              const protectedCount = p.counts.find((c) => c.status === 'PROTECTED')?.count ?? 0;
              return (
                <div class="provider-card" key={p.provider.id} aria-label={`${p.provider.name}: ${protectedCount} of ${total} protected`}>
                  <div class="provider-name">
                    {p.provider.name} <span class="muted">{p.provider.kind.toLowerCase()}</span>
                  </div>
                  <div class="big">
                    {protectedCount}/{total} <span class="muted">protected</span>
                  </div>
                  <ul class="counts">
                    {p.counts
                      .filter((c) => c.count > 0 && c.status !== 'PROTECTED')
                      .map((c) => (
                        <li key={c.status}>
                          <span class={`dot protection-${c.status.toLowerCase()}`} aria-hidden="true" /> {c.count} {c.status.replace(/_/g, ' ').toLowerCase()}
                        </li>
                      ))}
                  </ul>
                </div>
              );
            })}
          </div>
          <h3>Unprotected ({unprotected.length})</h3>
          {unprotected.length === 0 ? (
            <p class="muted">Every resource is protected.</p>
          ) : (
            <ul class="unprotected" tabIndex={0} aria-label="Unprotected resources, scrollable">
              {unprotected.map((r) => (
                <li key={r.resource.id}>
                  <strong>{r.resource.name}</strong> <span class="muted">({r.resource.provider.name})</span> <span class={`tag protection-${r.status.toLowerCase()}`}>{r.status.replace(/_/g, ' ')}</span>
                  <div class="reason">{r.reason}</div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}
