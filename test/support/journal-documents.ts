/** GraphQL documents of the journal's end-to-end tests (typed by codegen, like documents.ts). */
import { graphql } from '../gql/index.js';

export const OperationHistoryQuery = graphql(`
  query OperationHistory($first: Int, $after: String, $filter: OperationHistoryFilter) {
    operationHistory(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          nativeId
          kind
          status
          source
          startedBy
          startedAt
          finishedAt
          durationSeconds
          provider {
            name
          }
          target {
            id
            name
          }
        }
      }
    }
  }
`);

export const BackupHistoryQuery = graphql(`
  query BackupHistory($days: Int, $timezone: String, $filter: HistoryFilter) {
    backupHistory(days: $days, timezone: $timezone, filter: $filter) {
      from
      to
      timezone
      resources {
        resource {
          __typename
          id
          name
          provider {
            name
          }
        }
        lastSuccessAt
        days {
          date
          status
          succeeded
          failed
          missed
        }
      }
    }
  }
`);

export const MissedRunsQuery = graphql(`
  query MissedRuns($from: DateTime!, $to: DateTime!, $filter: HistoryFilter) {
    missedRuns(from: $from, to: $to, filter: $filter) {
      resource {
        id
        name
      }
      schedule {
        name
      }
      dueAt
      detectedAt
    }
  }
`);

export const OperationNodeQuery = graphql(`
  query OperationNode($id: ID!) {
    node(id: $id) {
      id
      ... on Operation {
        status
        source
        durationSeconds
      }
    }
  }
`);
