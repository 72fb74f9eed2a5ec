/**
 * Bad input of every kind gets a clear, typed error, and the server stays healthy afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

async function send(body: unknown, contentType = 'application/json') {
  const response = await fetch(gw.url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  let json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: asserted by the caller via status
  }
  return { status: response.status, json, text };
}

const encode = (text: string) => Buffer.from(text).toString('base64url');
const hqVm = async () => {
  const { json } = await send({ query: '{ virtualMachines(first: 1, filter: { providerIds: ["hq"], configured: true }) { edges { node { id } } } }' });
  return (json.data as { virtualMachines: { edges: { node: { id: string } }[] } }).virtualMachines.edges[0].node.id;
};

describe('bad input', () => {
  it.each([
    ['malformed GraphQL', { query: '{ providers { name ' }, /Syntax Error/],
    ['an unknown field', { query: '{ providerz { name } }' }, /Cannot query field "providerz"/],
    ['a wrong variable type', { query: 'query($n: Int) { virtualMachines(first: $n) { totalCount } }', variables: { n: 'ten' } }, /Int cannot represent/],
    ['a missing required argument', { query: 'mutation { startBackup(input: {}) { __typename } }' }, /targetId/],
    ['a malformed DateTime', { query: '{ schedules { edges { node { nextRuns(after: "yesterday") } } } }' }, /DateTime must be an ISO 8601/],
    ['an impossible DateTime', { query: '{ schedules { edges { node { nextRuns(after: "2026-02-31T25:00:00Z") } } } }' }, /DateTime/],
    ['a too large nextRuns count', { query: '{ schedules { edges { node { nextRuns(count: 100000) } } } }' }, /count must be between 0 and 500/],
    ['a malformed ID in node()', { query: '{ node(id: "%%%") { id } }' }, /is not a valid ID/],
    ['an unknown provider in a filter', { query: '{ virtualMachines(filter: { providerIds: ["nowhere"] }) { totalCount } }' }, /is not a valid ID|no provider/],
    ['an oversized document', { query: `{ ${'providers { name } '.repeat(3000)} }` }, /token|exceed|limit/i],
    ['a too deep query', { query: '{ virtualMachines { edges { node { backups { edges { node { resource { ... on VirtualMachine { backups { edges { node { resource { name } } } } } } } } } } } } }' }, /depth/i],
  ])('%s', async (_name, body, message) => {
    const { json } = await send(body);
    expect(json.errors?.length).toBeGreaterThan(0);
    expect(json.errors!.map((e) => e.message).join(' | ')).toMatch(message as RegExp);
    expect(JSON.stringify(json)).not.toMatch(/\bat [\w.]+ \(/); // no stack traces
  });

  it('answers a body that is not JSON with a 4xx', async () => {
    const { status } = await send('{"query": ', 'application/json');
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it.each([
    ['a malformed ID', 'abc$', 'VALIDATION'],
    ['an ID of the wrong type', encode('Schedule:hq:x'), 'VALIDATION'],
    ['an ID of an unknown provider', encode('VirtualMachine:nowhere:x'), 'NOT_FOUND'],
    ['an unknown VM', encode('VirtualMachine:hq:00000000-0000-0000-0000-000000000000'), 'NOT_FOUND'],
  ])('startBackup with %s is a typed %s error', async (_name, id, code) => {
    const { json } = await send({ query: 'mutation($id: ID!) { startBackup(input: { targetId: $id }) { __typename ... on Error { code message } } }', variables: { id } });
    expect((json.data as { startBackup: { code: string } }).startBackup.code).toBe(code);
  });

  it('refuses to pair a VM of one provider with a schedule of another', async () => {
    const vm = await hqVm();
    const { json } = await send({
      query: 'mutation($vm: ID!, $s: ID!) { assignSchedule(input: { targetId: $vm, scheduleId: $s }) { __typename ... on Error { code message } } }',
      variables: { vm, s: encode('Schedule:other:abc') },
    });
    expect((json.data as { assignSchedule: { code: string } }).assignSchedule.code).toMatch(/NOT_FOUND|VALIDATION/);
  });

  it.each([
    ['an unknown time zone', { timezone: 'Mars/Olympus', weekly: { daysOfWeek: [1], times: ['02:00'] } }, 'timezone'],
    ['a time of 25:00', { weekly: { daysOfWeek: [1], times: ['25:00'] } }, 'weekly.times'],
    ['an empty day list', { weekly: { daysOfWeek: [], times: ['02:00'] } }, 'weekly.daysOfWeek'],
    ['a weekday of 7', { weekly: { daysOfWeek: [7], times: ['02:00'] } }, 'weekly.daysOfWeek'],
    ['an empty name', { name: '  ', weekly: { daysOfWeek: [1], times: ['02:00'] } }, 'name'],
  ])('createSchedule with %s names the field', async (_name, extra, field) => {
    const { json } = await send({
      query: 'mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { __typename ... on ValidationError { code field message } } }',
      variables: { input: { providerId: 'hq', name: 'nightly', kind: 'BACKUP', ...(extra as object) } },
    });
    expect(json.data).toMatchObject({ createSchedule: { __typename: 'ValidationError', code: 'VALIDATION', field } });
  });

  it('is still healthy after all of it', async () => {
    expect((await fetch(gw.url.replace('/graphql', '/healthz'))).status).toBe(200);
    const { json } = await send({ query: '{ providers { name } }' });
    expect(json.errors).toBeUndefined();
  });
});
