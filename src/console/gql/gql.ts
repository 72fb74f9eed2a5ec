/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleViewer {\n    viewer { name scopes }\n  }\n": typeof types.ConsoleViewerDocument,
    "\n  query ConsoleCoverage {\n    protection {\n      byProvider { provider { id name kind } counts { status count } }\n      resources { status reason resource { id name provider { name } } }\n    }\n  }\n": typeof types.ConsoleCoverageDocument,
    "\n  query ConsoleHistory($days: Int!, $timezone: String!) {\n    backupHistory(days: $days, timezone: $timezone) {\n      from\n      to\n      resources { resource { id name provider { name } } days { date status succeeded failed missed } }\n    }\n  }\n": typeof types.ConsoleHistoryDocument,
    "\n  query ConsoleCalendar($from: DateTime!, $to: DateTime!) {\n    backupCalendar(from: $from, to: $to) {\n      runs { at provider { name } schedule { id name } targets { id name } }\n      conflicts { reason host resource { name } runs { at schedule { id name } } }\n    }\n  }\n": typeof types.ConsoleCalendarDocument,
    "\n  fragment ConsoleOperation on Operation {\n    id kind status progress phase message final startedAt finishedAt\n    provider { name }\n    target { id name }\n  }\n": typeof types.ConsoleOperationFragmentDoc,
    "\n  query ConsoleOperations {\n    operations { ...ConsoleOperation }\n  }\n": typeof types.ConsoleOperationsDocument,
    "\n  subscription ConsoleOperationsUpdated {\n    operationsUpdated { ...ConsoleOperation }\n  }\n": typeof types.ConsoleOperationsUpdatedDocument,
    "\n  mutation ConsoleStartBackup($targetId: ID!) {\n    startBackup(input: { targetId: $targetId }) {\n      __typename\n      ... on StartOperationSuccess { operation { ...ConsoleOperation } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleStartBackupDocument,
    "\n  fragment ConsoleAlert on Alert {\n    id kind severity state message openedAt acknowledgedAt acknowledgedBy resourceName\n    provider { name }\n  }\n": typeof types.ConsoleAlertFragmentDoc,
    "\n  query ConsoleAlerts {\n    alerts(first: 100, filter: { states: [OPEN, ACKNOWLEDGED] }) { totalCount edges { node { ...ConsoleAlert } } }\n  }\n": typeof types.ConsoleAlertsDocument,
    "\n  subscription ConsoleAlertsUpdated {\n    alertsUpdated { ...ConsoleAlert }\n  }\n": typeof types.ConsoleAlertsUpdatedDocument,
    "\n  mutation ConsoleAcknowledgeAlert($alertId: ID!) {\n    acknowledgeAlert(input: { alertId: $alertId }) {\n      __typename\n      ... on AcknowledgeAlertSuccess { alert { ...ConsoleAlert } }\n      ... on Error { message }\n    }\n  }\n": typeof types.ConsoleAcknowledgeAlertDocument,
};
const documents: Documents = {
    "\n  query ConsoleViewer {\n    viewer { name scopes }\n  }\n": types.ConsoleViewerDocument,
    "\n  query ConsoleCoverage {\n    protection {\n      byProvider { provider { id name kind } counts { status count } }\n      resources { status reason resource { id name provider { name } } }\n    }\n  }\n": types.ConsoleCoverageDocument,
    "\n  query ConsoleHistory($days: Int!, $timezone: String!) {\n    backupHistory(days: $days, timezone: $timezone) {\n      from\n      to\n      resources { resource { id name provider { name } } days { date status succeeded failed missed } }\n    }\n  }\n": types.ConsoleHistoryDocument,
    "\n  query ConsoleCalendar($from: DateTime!, $to: DateTime!) {\n    backupCalendar(from: $from, to: $to) {\n      runs { at provider { name } schedule { id name } targets { id name } }\n      conflicts { reason host resource { name } runs { at schedule { id name } } }\n    }\n  }\n": types.ConsoleCalendarDocument,
    "\n  fragment ConsoleOperation on Operation {\n    id kind status progress phase message final startedAt finishedAt\n    provider { name }\n    target { id name }\n  }\n": types.ConsoleOperationFragmentDoc,
    "\n  query ConsoleOperations {\n    operations { ...ConsoleOperation }\n  }\n": types.ConsoleOperationsDocument,
    "\n  subscription ConsoleOperationsUpdated {\n    operationsUpdated { ...ConsoleOperation }\n  }\n": types.ConsoleOperationsUpdatedDocument,
    "\n  mutation ConsoleStartBackup($targetId: ID!) {\n    startBackup(input: { targetId: $targetId }) {\n      __typename\n      ... on StartOperationSuccess { operation { ...ConsoleOperation } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleStartBackupDocument,
    "\n  fragment ConsoleAlert on Alert {\n    id kind severity state message openedAt acknowledgedAt acknowledgedBy resourceName\n    provider { name }\n  }\n": types.ConsoleAlertFragmentDoc,
    "\n  query ConsoleAlerts {\n    alerts(first: 100, filter: { states: [OPEN, ACKNOWLEDGED] }) { totalCount edges { node { ...ConsoleAlert } } }\n  }\n": types.ConsoleAlertsDocument,
    "\n  subscription ConsoleAlertsUpdated {\n    alertsUpdated { ...ConsoleAlert }\n  }\n": types.ConsoleAlertsUpdatedDocument,
    "\n  mutation ConsoleAcknowledgeAlert($alertId: ID!) {\n    acknowledgeAlert(input: { alertId: $alertId }) {\n      __typename\n      ... on AcknowledgeAlertSuccess { alert { ...ConsoleAlert } }\n      ... on Error { message }\n    }\n  }\n": types.ConsoleAcknowledgeAlertDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer { name scopes }\n  }\n"): typeof import('./graphql.js').ConsoleViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCoverage {\n    protection {\n      byProvider { provider { id name kind } counts { status count } }\n      resources { status reason resource { id name provider { name } } }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleCoverageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleHistory($days: Int!, $timezone: String!) {\n    backupHistory(days: $days, timezone: $timezone) {\n      from\n      to\n      resources { resource { id name provider { name } } days { date status succeeded failed missed } }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCalendar($from: DateTime!, $to: DateTime!) {\n    backupCalendar(from: $from, to: $to) {\n      runs { at provider { name } schedule { id name } targets { id name } }\n      conflicts { reason host resource { name } runs { at schedule { id name } } }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleCalendarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleOperation on Operation {\n    id kind status progress phase message final startedAt finishedAt\n    provider { name }\n    target { id name }\n  }\n"): typeof import('./graphql.js').ConsoleOperationFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOperations {\n    operations { ...ConsoleOperation }\n  }\n"): typeof import('./graphql.js').ConsoleOperationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleOperationsUpdated {\n    operationsUpdated { ...ConsoleOperation }\n  }\n"): typeof import('./graphql.js').ConsoleOperationsUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartBackup($targetId: ID!) {\n    startBackup(input: { targetId: $targetId }) {\n      __typename\n      ... on StartOperationSuccess { operation { ...ConsoleOperation } }\n      ... on Error { message }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleStartBackupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleAlert on Alert {\n    id kind severity state message openedAt acknowledgedAt acknowledgedBy resourceName\n    provider { name }\n  }\n"): typeof import('./graphql.js').ConsoleAlertFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleAlerts {\n    alerts(first: 100, filter: { states: [OPEN, ACKNOWLEDGED] }) { totalCount edges { node { ...ConsoleAlert } } }\n  }\n"): typeof import('./graphql.js').ConsoleAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleAlertsUpdated {\n    alertsUpdated { ...ConsoleAlert }\n  }\n"): typeof import('./graphql.js').ConsoleAlertsUpdatedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleAcknowledgeAlert($alertId: ID!) {\n    acknowledgeAlert(input: { alertId: $alertId }) {\n      __typename\n      ... on AcknowledgeAlertSuccess { alert { ...ConsoleAlert } }\n      ... on Error { message }\n    }\n  }\n"): typeof import('./graphql.js').ConsoleAcknowledgeAlertDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
