/** Every GraphQL document the console sends, typed by codegen into src/console/gql/. */
import { graphql } from '../gql/index.js';

export const ViewerQuery = graphql(`
  query ConsoleViewer {
    viewer { name scopes }
  }
`);

export const CoverageQuery = graphql(`
  query ConsoleCoverage {
    protection {
      byProvider { provider { id name kind } counts { status count } }
      resources { status reason resource { id name provider { name } } }
    }
  }
`);

export const HistoryQuery = graphql(`
  query ConsoleHistory($days: Int!, $timezone: String!) {
    backupHistory(days: $days, timezone: $timezone) {
      from
      to
      resources { resource { id name provider { name } } days { date status succeeded failed missed } }
    }
  }
`);

export const CalendarQuery = graphql(`
  query ConsoleCalendar($from: DateTime!, $to: DateTime!) {
    backupCalendar(from: $from, to: $to) {
      runs { at provider { name } schedule { id name } targets { id name } }
      conflicts { reason host resource { name } runs { at schedule { id name } } }
    }
  }
`);

export const OperationFields = graphql(`
  fragment ConsoleOperation on Operation {
    id kind status progress phase message final startedAt finishedAt
    provider { name }
    target { id name }
  }
`);

export const OperationsQuery = graphql(`
  query ConsoleOperations {
    operations { ...ConsoleOperation }
  }
`);

export const OperationsSubscription = graphql(`
  subscription ConsoleOperationsUpdated {
    operationsUpdated { ...ConsoleOperation }
  }
`);

export const StartBackupMutation = graphql(`
  mutation ConsoleStartBackup($targetId: ID!) {
    startBackup(input: { targetId: $targetId }) {
      __typename
      ... on StartOperationSuccess { operation { ...ConsoleOperation } }
      ... on Error { message }
    }
  }
`);

export const AlertFields = graphql(`
  fragment ConsoleAlert on Alert {
    id kind severity state message openedAt acknowledgedAt acknowledgedBy resourceName
    provider { name }
  }
`);

export const AlertsQuery = graphql(`
  query ConsoleAlerts {
    alerts(first: 100, filter: { states: [OPEN, ACKNOWLEDGED] }) { totalCount edges { node { ...ConsoleAlert } } }
  }
`);

export const AlertsSubscription = graphql(`
  subscription ConsoleAlertsUpdated {
    alertsUpdated { ...ConsoleAlert }
  }
`);

export const AcknowledgeAlertMutation = graphql(`
  mutation ConsoleAcknowledgeAlert($alertId: ID!) {
    acknowledgeAlert(input: { alertId: $alertId }) {
      __typename
      ... on AcknowledgeAlertSuccess { alert { ...ConsoleAlert } }
      ... on Error { message }
    }
  }
`);
