/**
 * The journal's queries over HTTP: bad input gets a typed VALIDATION error naming the argument
 * (checked before the journal or any provider is read), and the server keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { expectData, startTestGateway, type GraphQLResponse, type TestGateway } from '../support/gateway.js';

const BackupHistoryQuery = graphql(`
  query JournalBackupHistory($days: Int, $timezone: String, $filter: HistoryFilter) {
    backupHistory(days: $days, timezone: $timezone, filter: $filter) {
      from
      to
      timezone
      resources {
        resource {
          __typename
          name
        }
        days {
          date
          status
          succeeded
          failed
          missed
        }
        lastSuccessAt
      }
    }
  }
`);

const MissedRunsQuery = graphql(`
  query JournalMissedRuns($from: DateTime!, $to: DateTime!, $filter: HistoryFilter) {
    missedRuns(from: $from, to: $to, filter: $filter) {
      dueAt
      detectedAt
      resource {
        name
      }
      schedule {
        name
      }
    }
  }
`);

const OperationHistoryQuery = graphql(`
  query JournalOperationHistory($first: Int, $after: String, $filter: OperationHistoryFilter) {
    operationHistory(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          nativeId
          status
          source
          startedBy
          durationSeconds
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const ProvidersQuery = graphql(`
  query JournalProviders {
    providers {
      id
    }
  }
`);

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

const encode = (text: string) => Buffer.from(text).toString('base64url');

function expectValidation(response: GraphQLResponse<unknown>, field: string, message: RegExp): void {
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  const [error] = response.errors!;
  expect(error.extensions?.code).toBe('VALIDATION');
  expect(error.extensions?.field).toBe(field);
  expect(error.message).toMatch(message);
  expect(response.data ?? null).toBeNull();
}

describe('journal queries: bad input is a typed error naming the argument', () => {
  it.each([
    ['days 0', { days: 0 }, 'days', /days must be a whole number from 1 to 90; got 0/],
    ['days 91', { days: 91 }, 'days', /from 1 to 90; got 91/],
    ['an unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone', /IANA time zone.*Mars\/Olympus/],
    ['a resource ID of a schedule', { filter: { resourceIds: [encode('Schedule:hq:x')] } }, 'filter.resourceIds', /VirtualMachine or Disk/],
  ])('backupHistory with %s', async (_name, variables, field, message) => {
    expectValidation(await gw.gql(BackupHistoryQuery, variables), field, message);
  });

  it.each([
    ['from after to', { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'from', /from must not be after to/],
    ['a 93-day window', { from: '2026-01-01T00:00:00Z', to: '2026-04-04T00:00:00Z' }, 'to', /93\.0 days; at most 92 days/],
    ['a resource ID that is no ID', { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', filter: { resourceIds: ['%%%'] } }, 'filter.resourceIds', /not a valid ID/],
  ])('missedRuns with %s', async (_name, variables, field, message) => {
    expectValidation(await gw.gql(MissedRunsQuery, variables), field, message);
  });

  it.each([
    ['a cursor it never gave', { after: 'not-a-cursor' }, 'after', /not a cursor of operationHistory/],
    ['a negative page size', { first: -1 }, 'first', /first must be zero or more/],
    ['from after to', { filter: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } }, 'filter.from', /must not be after/],
    ['a target ID of a backup location', { filter: { targetIds: [encode('BackupLocation:hq:x')] } }, 'filter.targetIds', /VirtualMachine or Disk/],
  ])('operationHistory with %s', async (_name, variables, field, message) => {
    expectValidation(await gw.gql(OperationHistoryQuery, variables), field, message);
  });

  it('still answers afterwards', async () => {
    expect(expectData(await gw.gql(ProvidersQuery)).providers.length).toBeGreaterThan(0);
  });
});
