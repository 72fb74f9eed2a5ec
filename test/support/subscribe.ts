/** Real subscription clients for tests: graphql-ws over a WebSocket, and GraphQL over SSE with fetch. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { GraphQLResponse } from './gateway.js';

export interface Collected<R> {
  results: GraphQLResponse<R>[];
  /** Resolves when the server completes the stream (or rejects on a stream error). */
  done: Promise<void>;
  close(): void;
}

export function wsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams });
}

/** Subscribe over graphql-ws and collect every result until the server completes. */
export function subscribeWs<R, V>(client: Client, document: TypedDocumentNode<R, V>, variables: V): Collected<R> {
  const results: GraphQLResponse<R>[] = [];
  let dispose = () => {};
  const done = new Promise<void>((resolve, reject) => {
    dispose = client.subscribe(
      { query: print(document), variables: variables as Record<string, unknown> },
      {
        next: (value) => void results.push(value as GraphQLResponse<R>),
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(),
      },
    );
  });
  return { results, done, close: () => dispose() };
}

/** Subscribe over SSE (yoga's distinct-connections mode) and collect results until "complete". */
export function subscribeSse<R, V>(url: string, document: TypedDocumentNode<R, V>, variables: V, headers: Record<string, string> = {}): Collected<R> {
  const results: GraphQLResponse<R>[] = [];
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: print(document), variables }),
      signal: controller.signal,
    });
    if (!response.ok || !response.body) throw new Error(`SSE request failed with HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n');
        if (event === 'complete') return;
        if (event === 'next' && data) results.push(JSON.parse(data) as GraphQLResponse<R>);
      }
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') throw error;
  });
  return { results, done, close: () => controller.abort() };
}
