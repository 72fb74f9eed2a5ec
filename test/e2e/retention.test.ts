/**
 * Retention simulation over HTTP through the real gateway: `Query.simulateRetention` (on the
 * demo install) and `Schedule.retention { semantics simulate }` on the providers' own schedules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    schedules(first: 200) {
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

const CreateRetentionSchedule = graphql(`
  mutation CreateRetentionSchedule($input: CreateScheduleInput!) {
    createSchedule(input: $input) {
      __typename
      ... on ScheduleSuccess {
        schedule {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

describe('RetentionPolicy.semantics and simulate on the providers', () => {
  it("resolves each provider's semantics and simulates the policy in the schedule's zone", async () => {
    // A CloudSigma schedule kept by a Monday anchor, evaluated in Europe/Zurich.
    const created = expectData(
      await gw.gql(CreateRetentionSchedule, {
        input: {
          providerId: 'zrh',
          name: 'zz retention probe',
          kind: 'LOCAL_SNAPSHOT',
          timezone: 'Europe/Zurich',
          weekly: { daysOfWeek: [1], times: ['00:30'] },
          retention: [{ unit: 'WEEKS', count: 4, anchor: 1 }],
          enabled: false,
        },
      }),
    );
    expect(created.createSchedule.__typename).toBe('ScheduleSuccess');
    // Sun 6 Apr 2025 22:30Z is Monday 00:30 in Zurich (UTC+2 from 30 March); 7 Apr 08:00Z is Monday everywhere.
    const variables = { backups: ['2025-04-06T22:30:00Z', '2025-04-07T08:00:00Z'], now: '2025-04-07T12:00:00Z' };
    const data = expectData(await gw.gql(ScheduleRetentionQuery, variables));
    const byName = Object.fromEntries(data.schedules.edges.map((e) => [e.node.name, e.node.retention]));
    expect(byName['zz retention probe']).toMatchObject({ semantics: 'ANY_RULE_KEEPS', rules: [{ unit: 'WEEKS', count: 4, anchor: 1 }] });
    expect(byName['zz retention probe']!.simulate.map((d) => d.kept)).toEqual([true, true]); // both Monday in Zurich
    // In UTC the first one is a Sunday: the same rules through simulateRetention keep only one.
    const utc = expectData(await gw.gql(SimulateRetentionQuery, { rules: [{ unit: 'WEEKS', count: 4, anchor: 1 }], timezone: 'UTC', ...variables }));
    expect(utc.simulateRetention.map((d) => d.kept)).toEqual([true, false]);
    // The seeded CloudSigma GFS policy (§4.11) says how it combines its rules.
    expect(byName['Son, Father, GrandFather Policy']).toMatchObject({ semantics: 'ANY_RULE_KEEPS' });
    // Altaro exposes no retention.
    expect(byName['Nightly 01:00']).toBeNull();
  });
});
