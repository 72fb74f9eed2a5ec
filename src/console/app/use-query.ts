/** A query's state for a panel: loading, its data, or its error in words; `reload` asks again. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { TypedDocumentString } from '../gql/graphql.js';
import { request } from './api.js';

export interface QueryState<R> {
  data?: R;
  error?: string;
  loading: boolean;
  reload: () => void;
}

export function useQuery<R, V>(document: TypedDocumentString<R, V>, variables: V, generation: number): QueryState<R> {
  const [state, setState] = useState<{ data?: R; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    request(document, variables).then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && setState((s) => ({ data: s.data, error: error.message, loading: false })),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [document, key, tick, generation]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
