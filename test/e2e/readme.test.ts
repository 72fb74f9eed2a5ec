/**
 * The README's GraphQL examples, run against a demo gateway: they must keep working as the
 * schema grows. Query blocks run as they are; the mutation and subscription examples get
 * variables from the demo data.
 */
import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { subscribeSse } from '../support/subscribe.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('README examples', () => {
  it('has examples of a query, a mutation and a subscription', () => {
    const kinds = examples.map((e) => parse(e).definitions[0]).map((d) => (d as { operation?: string }).operation);
    expect(kinds).toEqual(expect.arrayContaining(['query', 'mutation', 'subscription']));
  });

  it.each(examples.filter((e) => !/^\s*(mutation|subscription)/.test(e)).map((e) => [e.trim().split('\n')[0].slice(0, 60), e]))('query %s answers without errors', async (_title, query) => {
    const result = await post(query as string);
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeTruthy();
  });

  it('the mutation and subscription examples work together', async () => {
    const mutation = examples.find((e) => /^\s*mutation/.test(e))!;
    const subscription = examples.find((e) => /^\s*subscription/.test(e))!;
    const ids = await post('{ virtualMachines(filter: { nameContains: "SQL01" }) { edges { node { id } } } schedules(filter: { kinds: [BACKUP] }) { edges { node { id } } } }');
    const data = ids.data as { virtualMachines: { edges: { node: { id: string } }[] }; schedules: { edges: { node: { id: string } }[] } };
    const result = await post(mutation, { vm: data.virtualMachines.edges[0].node.id, schedule: data.schedules.edges[0].node.id });
    expect(result.errors).toBeUndefined();
    const started = result.data!.startBackup as { __typename: string; operation: { id: string } };
    expect(started.__typename).toBe('StartOperationSuccess');
    const stream = subscribeSse(gw.url, parse(subscription) as DocumentNode, { id: started.operation.id });
    await stream.done;
    expect(stream.results.at(-1)?.data).toMatchObject({ operationUpdated: { status: 'SUCCEEDED' } });
  });
});
