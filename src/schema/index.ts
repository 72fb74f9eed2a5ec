/** Imports every type file (each registers itself with the builder) and builds the schema. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './errors.js';
import './provider.js';
import './resource.js';
import './virtual-machine.js';
import './disk.js';
import './schedule.js';
import './backup-location.js';
import './backup.js';
import './operation.js';
import './subscriptions.js';
import './calendar.js';
import './protection.js';
import './mutations/assign-schedule.js';
import './mutations/assign-backup-location.js';
import './mutations/start-operation.js';
import './mutations/schedules.js';
import './retention.js';
import './journal.js';
import './alerts.js';
import './viewer.js';

export const schema = builder.toSchema();

/** The SDL committed as schema/schema.graphql. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema));
}
