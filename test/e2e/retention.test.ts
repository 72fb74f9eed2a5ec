/**
 * Retention simulation over HTTP through the real gateway: `Query.simulateRetention` (on the
 * demo install) and `Schedule.retention { semantics simulate }` (on a provider stub whose
 * schedules carry retention policies, since the demo's Altaro schedules have none).
 */
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaseProvider } from '../../src/domain/provider.js';
import type { ProviderHealth, Schedule } from '../../src/domain/model.js';
import { createLogger } from '../../src/logger.js';
import { ProviderRegistry } from '../../src/providers/registry.js';
import { startGatewayServer, type GatewayServer } from '../../src/server.js';
import type { ScheduleRetentionQuery as ScheduleRetentionResult } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { expectData, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

const SimulateRetentionQuery = graphql(`
  query SimulateRetention($rules: [RetentionRuleInput!]!, $semantics: RetentionSemantics, $timezone: String!, $backups: [DateTime!]!, $now: DateTime) {
    simulateRetention(rules: $rules, semantics: $semantics, timezone: $timezone, backups: $backups, now: $now) {
      at
      kept
      keptBy {
        unit
        count
        anchor
      }
    }
  }
`);

const ScheduleRetentionQuery = graphql(`
  query ScheduleRetention($backups: [DateTime!]!, $now: DateTime) {
    schedules {
      edges {
        node {
          name
          retention {
            name
            semantics
            rules {
              unit
              count
              anchor
            }
            simulate(backups: $backups, now: $now) {
              at
              kept
              keptBy {
                unit
              }
            }
          }
        }
      }
    }
  }
`);

const DAY_MS = 86_400_000;
const dailyIsos = (first: string, days: number, time = '01:00') =>
  Array.from({ length: days }, (_, i) => new Date(Date.parse(`${first}T${time}:00Z`) + i * DAY_MS).toISOString());

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

function validationError<R>(response: GraphQLResponse<R>) {
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(JSON.stringify(error)).not.toMatch(/\bat [\w.]+ \(/); // no stack traces
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
}

describe('Query.simulateRetention', () => {
  it('CloudSigma GFS (ANY_RULE_KEEPS, the default) over 400 daily backups', async () => {
    // As test/unit/retention.test.ts: now Wed 18 Jun 2025 12:00Z, backups 15 May 2024 .. 18 Jun
    // 2025 at 01:00Z; 7 days + 4 Mondays + 12 months on the 23rd keep 7 + 3 + 12 = 22.
    const backups = dailyIsos('2024-05-15', 400);
    const data = expectData(
      await gw.gql(SimulateRetentionQuery, {
        rules: [
          { unit: 'DAYS', count: 7 },
          { unit: 'WEEKS', count: 4, anchor: 1 },
          { unit: 'MONTHS', count: 12, anchor: 23 },
        ],
        timezone: 'UTC',
        backups,
        now: '2025-06-18T12:00:00Z',
      }),
    );
    expect(data.simulateRetention).toHaveLength(400);
    expect(data.simulateRetention[0].at).toBe('2025-06-18T01:00:00.000Z'); // newest first
    const kept = data.simulateRetention.filter((d) => d.kept);
    expect(kept).toHaveLength(22);
    expect(kept.slice(6, 11).map((d) => [d.at.slice(0, 10), d.keptBy.map((r) => `${r.unit}${r.anchor ?? ''}`)])).toEqual([
      ['2025-06-12', ['DAYS']],
      ['2025-06-09', ['WEEKS1']],
      ['2025-06-02', ['WEEKS1']],
      ['2025-05-26', ['WEEKS1']],
      ['2025-05-23', ['MONTHS23']],
    ]);
    expect(data.simulateRetention.find((d) => d.at.startsWith('2025-06-16'))!.keptBy.map((r) => r.unit)).toEqual(['DAYS', 'WEEKS']);
    expect(data.simulateRetention.filter((d) => !d.kept).every((d) => d.keptBy.length === 0)).toBe(true);
  });

  it('IN_ORDER: the §3.2 test vector keeps 4', async () => {
    const data = expectData(
      await gw.gql(SimulateRetentionQuery, {
        rules: [
          { unit: 'LAST', count: 2 },
          { unit: 'DAYS', count: 2 },
        ],
        semantics: 'IN_ORDER',
        timezone: 'Europe/Kyiv',
        backups: ['2025-05-07T01:00:00Z', '2025-05-08T01:00:00Z', '2025-05-09T01:00:00Z', '2025-05-10T01:00:00Z', '2025-05-10T15:00:00Z'],
      }),
    );
    expect(data.simulateRetention.map((d) => [d.at, d.keptBy.map((r) => r.unit)])).toEqual([
      ['2025-05-10T15:00:00.000Z', ['LAST']],
      ['2025-05-10T01:00:00.000Z', ['LAST']],
      ['2025-05-09T01:00:00.000Z', ['DAYS']],
      ['2025-05-08T01:00:00.000Z', ['DAYS']],
      ['2025-05-07T01:00:00.000Z', []],
    ]);
  });

  it('KEEP_LAST keeps the newest N; now defaults to the current time', async () => {
    const data = expectData(
      await gw.gql(SimulateRetentionQuery, {
        rules: [{ unit: 'LAST', count: 2 }],
        semantics: 'KEEP_LAST',
        timezone: 'UTC',
        backups: ['2025-05-01T02:00:00Z', '2025-05-03T02:00:00Z', '2025-05-02T02:00:00Z'],
      }),
    );
    expect(data.simulateRetention.map((d) => d.kept)).toEqual([true, true, false]);
  });

  it('a Monday anchor is judged on the zone\'s wall clock', async () => {
    // Sundays 21:30Z: in Europe/Kyiv (UTC+3 from 30 Mar) 30 Mar and 6 Apr are Monday 00:30 local.
    const variables = {
      rules: [{ unit: 'WEEKS' as const, count: 4, anchor: 1 }],
      backups: ['2025-03-16T21:30:00Z', '2025-03-23T21:30:00Z', '2025-03-30T21:30:00Z', '2025-04-06T21:30:00Z'],
      now: '2025-04-10T12:00:00Z',
    };
    const kyiv = expectData(await gw.gql(SimulateRetentionQuery, { ...variables, timezone: 'Europe/Kyiv' }));
    expect(kyiv.simulateRetention.filter((d) => d.kept).map((d) => d.at)).toEqual(['2025-04-06T21:30:00.000Z', '2025-03-30T21:30:00.000Z']);
    const utc = expectData(await gw.gql(SimulateRetentionQuery, { ...variables, timezone: 'UTC' }));
    expect(utc.simulateRetention.filter((d) => d.kept)).toEqual([]);
  });

  const ok = { rules: [{ unit: 'DAYS' as const, count: 7 }], timezone: 'UTC', backups: ['2025-05-01T00:00:00Z'] };
  it.each([
    ['an unknown time zone', { ...ok, timezone: 'Mars/Olympus' }, 'timezone', /IANA/],
    ['a count of 0', { ...ok, rules: [{ unit: 'DAYS' as const, count: 0 }] }, 'rules[0].count', /positive/],
    ['a WEEKS anchor of 9', { ...ok, rules: [{ unit: 'DAYS' as const, count: 7 }, { unit: 'WEEKS' as const, count: 4, anchor: 9 }] }, 'rules[1].anchor', /weekday/],
    ['too many backups', { ...ok, backups: Array.from({ length: 10_001 }, () => '2025-05-01T00:00:00Z') }, 'backups', /at most 10000/],
    ['no rules', { ...ok, rules: [] }, 'rules', /at least one/],
    ['an anchor under IN_ORDER', { ...ok, semantics: 'IN_ORDER' as const, rules: [{ unit: 'WEEKS' as const, count: 4, anchor: 1 }] }, 'rules[0].anchor', /IN_ORDER/],
    ['a DAYS rule under KEEP_LAST', { ...ok, semantics: 'KEEP_LAST' as const }, 'rules[0].unit', /KEEP_LAST/],
  ])('%s is a VALIDATION error naming the field', async (_name, variables, field, message) => {
    const error = validationError(await gw.gql(SimulateRetentionQuery, variables));
    expect(error).toMatchObject({ code: 'VALIDATION', field });
    expect(error.message).toMatch(message);
  });

  it('takes exactly 10,000 backups', async () => {
    const backups = Array.from({ length: 10_000 }, (_, i) => new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString());
    const data = expectData(await gw.gql(SimulateRetentionQuery, { rules: [{ unit: 'LAST', count: 5 }], timezone: 'UTC', backups }));
    expect(data.simulateRetention).toHaveLength(10_000);
    expect(data.simulateRetention.filter((d) => d.kept)).toHaveLength(5);
  });
});

/** A provider whose schedules carry retention policies (the CloudSigma and BILLmanager shapes). */
class RetentionStub extends BaseProvider {
  readonly id = 'stub';
  readonly kind = 'CLOUDSIGMA' as const;
  readonly baseUrl = 'http://127.0.0.1:9';
  readonly capabilities = ['RETENTION_POLICY'] as const;
  private readonly base = { providerId: this.id, kind: 'LOCAL_SNAPSHOT' as const, enabled: true };
  private readonly schedules: Schedule[] = [
    {
      ...this.base,
      nativeId: 'gfs',
      name: 'a GFS in Kyiv',
      recurrence: { timezone: 'Europe/Kyiv', description: 'daily at 01:00', native: {} },
      retention: { name: 'GFS', rules: [{ unit: 'WEEKS', count: 4, anchor: 1 }] },
    },
    { ...this.base, nativeId: 'rotation', name: 'b rotation', retention: { rules: [{ unit: 'LAST', count: 1 }] } },
    { ...this.base, nativeId: 'prune', name: 'c prune', retention: { rules: [{ unit: 'DAYS', count: 1 }], semantics: 'IN_ORDER' } },
    { ...this.base, nativeId: 'none', name: 'd none' },
    { ...this.base, nativeId: 'utc', name: 'e same rule, no recurrence', retention: { rules: [{ unit: 'WEEKS', count: 4, anchor: 1 }] } },
  ];
  health(): ProviderHealth {
    return { status: 'UP' };
  }
  async probe(): Promise<ProviderHealth> {
    return { status: 'UP' };
  }
  async listVirtualMachines() {
    return [];
  }
  async listSchedules() {
    return this.schedules;
  }
  async scheduleTargets() {
    return new Map();
  }
  async listBackups() {
    return [];
  }
  async getBackup() {
    return undefined;
  }
  async listOperations() {
    return [];
  }
  async getOperation() {
    return undefined;
  }
}

describe('RetentionPolicy.semantics and simulate', () => {
  let server: GatewayServer;
  beforeAll(async () => {
    server = await startGatewayServer({ registry: new ProviderRegistry([new RetentionStub()]), logger: createLogger({ level: 'silent' }), port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("resolves each policy's semantics and simulates it in the schedule's zone (UTC when unknown)", async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query: print(ScheduleRetentionQuery),
        // Sun 6 Apr 21:30Z is Monday 00:30 in Kyiv (UTC+3 in April); 7 Apr 08:00Z is Monday everywhere.
        variables: { backups: ['2025-04-06T21:30:00Z', '2025-04-07T08:00:00Z'], now: '2025-04-07T12:00:00Z' },
      }),
    });
    const data = expectData((await response.json()) as GraphQLResponse<ScheduleRetentionResult>);
    const byName = Object.fromEntries(data.schedules.edges.map((e) => [e.node.name, e.node.retention]));
    const keptOf = (name: string) => byName[name]!.simulate.map((d) => d.kept);
    expect(byName['a GFS in Kyiv']).toMatchObject({ name: 'GFS', semantics: 'ANY_RULE_KEEPS', rules: [{ unit: 'WEEKS', count: 4, anchor: 1 }] });
    expect(keptOf('a GFS in Kyiv')).toEqual([true, true]); // both Monday in Kyiv
    expect(keptOf('e same rule, no recurrence')).toEqual([true, false]); // UTC: 6 Apr 21:30 is a Sunday
    expect(byName['b rotation']).toMatchObject({ name: null, semantics: 'KEEP_LAST' }); // default for a lone LAST rule
    expect(keptOf('b rotation')).toEqual([true, false]);
    expect(byName['c prune']).toMatchObject({ semantics: 'IN_ORDER' }); // set by the provider
    expect(keptOf('c prune')).toEqual([true, false]); // both on 7 Apr in UTC: one day, its newest
    expect(byName['d none']).toBeNull();
  });
});
