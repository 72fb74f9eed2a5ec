/** GraphQL over HTTP for the load generator: the same documents the tests use, keep-alive connections. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { Agent, fetch } from 'undici';

const agent = new Agent({ connections: 64, keepAliveTimeout: 30_000 });
const printed = new WeakMap<object, string>();

export interface GraphQLResult<R> {
  data?: R;
  errors?: Array<{ message: string }>;
}

export async function gql<R, V>(url: string, document: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: printedOnce(document), variables }),
    dispatcher: agent,
  });
  const result = (await response.json()) as GraphQLResult<R>;
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

function printedOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (!text) printed.set(document, (text = print(document)));
  return text;
}
