/** GraphQL documents the end-to-end tests send, typed by codegen (npm run codegen). */
import { graphql } from '../gql/index.js';

/** What every mutation test reads of a typed error: message, code, and the field of a validation error. */
export const ErrorFieldsFragment = graphql(`
  fragment ErrorFields on Error {
    message
    code
    ... on ValidationError {
      field
    }
  }
`);

export const ProvidersQuery = graphql(`
  query Providers {
    providers {
      id
      name
      kind
      baseUrl
      capabilities
      health {
        status
        message
      }
    }
  }
`);

export const VirtualMachinesQuery = graphql(`
  query VirtualMachines($first: Int, $after: String, $filter: VirtualMachineFilter) {
    virtualMachines(first: $first, after: $after, filter: $filter) {
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
          name
          host
          configured
          provider {
            name
          }
        }
      }
    }
  }
`);

export const VirtualMachinesDeepQuery = graphql(`
  query VirtualMachinesDeep {
    virtualMachines(first: 100) {
      totalCount
      edges {
        node {
          id
          name
          schedules {
            id
            name
            kind
          }
          backupLocations {
            id
            kind
            path
          }
          lastBackup {
            at
            outcome
          }
          nextBackupAt
        }
      }
    }
  }
`);

export const VirtualMachineQuery = graphql(`
  query VirtualMachine($id: ID!, $after: DateTime) {
    node(id: $id) {
      id
      __typename
      ... on VirtualMachine {
        name
        host
        status
        configured
        schedules {
          id
          name
          kind
          nextRuns(count: 3, after: $after)
          recurrence {
            rrule
            timezone
            description
            native
          }
          retention {
            rules {
              unit
              count
            }
          }
          targets {
            id
          }
        }
        backupLocations {
          id
          name
          kind
        }
        lastBackup {
          at
          outcome
          durationSeconds
        }
        nextBackupAt
        backups(first: 100) {
          totalCount
          edges {
            node {
              id
              nativeId
              kind
              status
              createdAt
              location
              protected
            }
          }
        }
        operations {
          id
          status
        }
      }
    }
  }
`);

export const NodesQuery = graphql(`
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      __typename
    }
  }
`);

export const SchedulesQuery = graphql(`
  query Schedules($filter: ScheduleFilter) {
    schedules(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id
          nativeId
          name
          kind
          enabled
          remoteLocation
          recurrence {
            rrule
            timezone
            description
            native
          }
          retention {
            name
            rules {
              unit
              count
              anchor
            }
          }
          targets {
            __typename
            id
            name
          }
          nextRuns(count: 3)
        }
      }
    }
  }
`);

export const BackupLocationsQuery = graphql(`
  query BackupLocations($filter: BackupLocationFilter) {
    backupLocations(filter: $filter) {
      id
      name
      kind
      path
      virtualMachines {
        id
        name
      }
    }
  }
`);

export const AssignScheduleMutation = graphql(`
  mutation AssignSchedule($input: AssignScheduleInput!) {
    assignSchedule(input: $input) {
      __typename
      ... on AssignScheduleSuccess {
        target {
          id
          schedules {
            id
          }
        }
        schedule {
          id
        }
      }
      ...ErrorFields
    }
  }
`);

export const UnassignScheduleMutation = graphql(`
  mutation UnassignSchedule($input: AssignScheduleInput!) {
    unassignSchedule(input: $input) {
      __typename
      ... on AssignScheduleSuccess {
        target {
          id
          schedules {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const AssignBackupLocationMutation = graphql(`
  mutation AssignBackupLocation($input: AssignBackupLocationInput!) {
    assignBackupLocation(input: $input) {
      __typename
      ... on AssignBackupLocationSuccess {
        virtualMachine {
          id
          backupLocations {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const UnassignBackupLocationMutation = graphql(`
  mutation UnassignBackupLocation($input: AssignBackupLocationInput!) {
    unassignBackupLocation(input: $input) {
      __typename
      ... on AssignBackupLocationSuccess {
        virtualMachine {
          id
          backupLocations {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const StartBackupMutation = graphql(`
  mutation StartBackup($input: StartBackupInput!) {
    startBackup(input: $input) {
      __typename
      ... on StartOperationSuccess {
        operation {
          id
          nativeId
          kind
          status
          target {
            id
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const StartOffsiteCopyMutation = graphql(`
  mutation StartOffsiteCopy($input: StartOffsiteCopyInput!) {
    startOffsiteCopy(input: $input) {
      __typename
      ... on StartOperationSuccess {
        operation {
          id
          kind
          status
        }
      }
      ...ErrorFields
    }
  }
`);

export const StartRestoreMutation = graphql(`
  mutation StartRestore($input: StartRestoreInput!) {
    startRestore(input: $input) {
      __typename
      ... on StartOperationSuccess {
        operation {
          id
          kind
          status
        }
      }
      ...ErrorFields
    }
  }
`);

export const AbortOperationMutation = graphql(`
  mutation AbortOperation($input: AbortOperationInput!) {
    abortOperation(input: $input) {
      __typename
      ... on StartOperationSuccess {
        operation {
          id
          status
        }
      }
      ...ErrorFields
    }
  }
`);

/** `after` only moves the start of `nextRuns` (default now). */
export const CreateScheduleMutation = graphql(`
  mutation CreateSchedule($input: CreateScheduleInput!, $after: DateTime) {
    createSchedule(input: $input) {
      __typename
      ... on ScheduleSuccess {
        schedule {
          id
          nativeId
          name
          kind
          enabled
          remoteLocation
          recurrence {
            timezone
            description
            native
          }
          nextRuns(count: 4, after: $after)
          retention {
            rules {
              unit
              count
              anchor
            }
          }
          targets {
            id
          }
        }
      }
      ...ErrorFields
      ... on UnsupportedByProviderError {
        capability
      }
    }
  }
`);

export const UpdateScheduleMutation = graphql(`
  mutation UpdateSchedule($input: UpdateScheduleInput!) {
    updateSchedule(input: $input) {
      __typename
      ... on ScheduleSuccess {
        schedule {
          id
          name
          enabled
          recurrence {
            timezone
            description
            native
          }
          retention {
            rules {
              unit
              count
            }
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const DeleteSchedulesMutation = graphql(`
  mutation DeleteSchedules($input: DeleteSchedulesInput!) {
    deleteSchedules(input: $input) {
      __typename
      ... on DeleteSchedulesSuccess {
        deletedIds
      }
      ...ErrorFields
    }
  }
`);

export const OperationUpdatedSubscription = graphql(`
  subscription OperationUpdated($id: ID!) {
    operationUpdated(id: $id) {
      id
      kind
      status
      progress
      phase
      message
      target {
        id
        name
      }
    }
  }
`);

export const OperationsUpdatedSubscription = graphql(`
  subscription OperationsUpdated($filter: OperationFilter) {
    operationsUpdated(filter: $filter) {
      id
      status
      progress
    }
  }
`);

/** What a dashboard shows for every VM and disk: schedules with next runs, locations, last backup. */
export const DashboardQuery = graphql(`
  query Dashboard {
    virtualMachines(first: 500) {
      totalCount
      edges {
        node {
          id
          name
          status
          provider {
            id
            kind
          }
          schedules {
            id
            name
            nextRuns(count: 1)
          }
          backupLocations {
            id
            name
          }
          lastBackup {
            at
            outcome
          }
          nextBackupAt
          disks {
            id
            name
            schedules {
              id
              name
              nextRuns(count: 1)
            }
            lastBackup {
              at
              outcome
            }
          }
        }
      }
    }
  }
`);
