/**
 * Rejections a client can act on, over HTTP: each query limit names itself in
 * `extensions.code` without a misleading "Syntax Error", and paging arguments out of range or
 * a cursor this API did not give out are VALIDATION errors naming the argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Paging runs on the default limits; the limits on a second gateway in front of the same simulators with low ones.
let gw: TestGateway;
let limited: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
  limited = await startTestGateway({ demo: gw.demo, server: { limits: { maxDepth: 6, maxAliases: 2, maxCost: 500, maxTokens: 200, maxDirectives: 2 } } });
});
afterAll(async () => {
  await limited?.close();
  await gw?.close();
});

async function post(query: string, target = gw) {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

describe('query limits', () => {
  it.each([
    ['cost', '{ virtualMachines(first: 1000) { edges { node { name disks { name } schedules { name } backups { edges { node { id } } } } } } }', 'QUERY_TOO_COMPLEX', /Query Cost limit of 500 exceeded/],
    ['aliases', '{ a: providers { name } b: providers { name } c: providers { name } }', 'TOO_MANY_ALIASES', /Aliases limit of 2 exceeded/],
    ['depth', '{ virtualMachines { edges { node { schedules { targets { provider { health { status } } } } } } } }', 'TOO_DEEP', /depth limit of 6 exceeded/],
    ['tokens', `{ ${Array.from({ length: 120 }, () => 'providers { name }').join(' ')} }`, 'TOO_MANY_TOKENS', /Token limit of 200 exceeded/],
    ['directives', '{ providers { name @include(if: true) @include(if: true) @include(if: true) } }', 'TOO_MANY_DIRECTIVES', /Directives limit of 2 exceeded/],
  ])('%s: extensions.code %s, no "Syntax Error", nothing executed', async (_name, query, code, message) => {
    const { body } = await post(query, limited);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].extensions?.code).toBe(code);
    expect(body.errors?.[0].message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/Syntax Error/);
  });

  it('still answers a real syntax error as one', async () => {
    const { body } = await post('{ providers { name ', limited);
    expect(body.errors?.[0].message).toMatch(/^Syntax Error/);
  });
});

describe('paging arguments', () => {
  it.each([
    ['first over the maximum', '{ virtualMachines(first: 5000) { totalCount } }', 'first', /first must be between 0 and 1000, got 5000/],
    // The journal's connections page by the same rule (they once cut 5000 to 1000 in silence).
    ['first over the maximum of operationHistory', '{ operationHistory(first: 5000) { totalCount } }', 'first', /first must be between 0 and 1000, got 5000/],
    ['first over the maximum of alerts', '{ alerts(first: 5000) { totalCount } }', 'first', /first must be between 0 and 1000, got 5000/],
    ['a negative last', '{ virtualMachines(last: -1) { totalCount } }', 'last', /last must be between 0 and 1000, got -1/],
    ['a garbage cursor', '{ virtualMachines(after: "garbage") { totalCount } }', 'after', /after is not a cursor this API gave out/],
    ['a base64 string that is not a cursor', `{ virtualMachines(before: "${Buffer.from('hello').toString('base64')}") { totalCount } }`, 'before', /before is not a cursor/],
  ])('%s is a VALIDATION error naming the argument', async (_name, query, field, message) => {
    const { body } = await post(query);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION', field });
    expect(body.errors?.[0].message).toMatch(message);
    expect(JSON.stringify(body)).not.toMatch(/base64/i);
  });

  it('accepts first: 1000 and a cursor it gave out', async () => {
    const first = await post('{ virtualMachines(first: 1000) { totalCount pageInfo { endCursor } edges { cursor } } }');
    expect(first.body.errors).toBeUndefined();
    const cursor = (first.body.data as { virtualMachines: { edges: Array<{ cursor: string }> } }).virtualMachines.edges[0].cursor;
    const next = await post(`{ virtualMachines(first: 2, after: "${cursor}") { edges { cursor } } }`);
    expect(next.body.errors).toBeUndefined();
  });
});
