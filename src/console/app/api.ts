/**
 * The console's only way to the gateway: its public GraphQL API, over HTTP for queries and
 * mutations and over graphql-ws for subscriptions, both with the API key of this browser session.
 */
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../gql/graphql.js';

const KEY_STORAGE = 'backup-gateway.apiKey';
const ENDPOINT = '/graphql';

/** The key lives in sessionStorage only: gone when the tab closes. */
export const apiKey = {
  get: (): string => sessionStorage.getItem(KEY_STORAGE) ?? '',
  set: (key: string) => (key ? sessionStorage.setItem(KEY_STORAGE, key) : sessionStorage.removeItem(KEY_STORAGE)),
};

/** A GraphQL error in words, with its code (e.g. UNAUTHENTICATED) when the gateway gave one. */
export class GatewayRequestError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

interface GraphQLResult<R> {
  data?: R | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

function authHeaders(): Record<string, string> {
  const key = apiKey.get();
  return key ? { authorization: `Bearer ${key}` } : {};
}

function firstError(errors: GraphQLResult<unknown>['errors']): GatewayRequestError | undefined {
  const error = errors?.[0];
  return error ? new GatewayRequestError(error.message, error.extensions?.code) : undefined;
}

/** Query or mutation over HTTP; throws the first GraphQL error in words. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<R> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders() },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new GatewayRequestError('The gateway cannot be reached. Is it running?');
  }
  const result = (await response.json().catch(() => ({}))) as GraphQLResult<R>;
  const error = firstError(result.errors);
  if (error && !result.data) throw error;
  if (!result.data) throw new GatewayRequestError(`The gateway answered ${response.status} without data.`);
  return result.data;
}

let client: Client | undefined;

/** One WebSocket for every subscription; rebuilt when the key changes. */
function wsClient(): Client {
  client ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${ENDPOINT}`,
    connectionParams: () => authHeaders(),
    lazy: true,
    retryAttempts: 5,
  });
  return client;
}

export function resetConnections(): void {
  void client?.dispose();
  client = undefined;
}

/** Subscribe; returns the unsubscribe function. Errors (including a refused key) in words. */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, onData: (data: R) => void, onError: (error: GatewayRequestError) => void): () => void {
  return wsClient().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        const error = firstError(result.errors as GraphQLResult<R>['errors']);
        if (error) onError(error);
        else if (result.data) onData(result.data as R);
      },
      error: (error) => {
        const closed = error as { code?: number; reason?: string };
        if (closed?.code === 4403) onError(new GatewayRequestError('The gateway refused the live connection: the API key is missing or not valid.', 'FORBIDDEN'));
        else onError(new GatewayRequestError(closed?.reason || (error instanceof Error ? error.message : 'The live connection to the gateway failed.')));
      },
      complete: () => undefined,
    },
  );
}
