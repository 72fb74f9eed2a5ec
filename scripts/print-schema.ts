/** Writes schema/schema.graphql from the Pothos schema (sorted). `npm run schema`. */
import { writeFileSync } from 'node:fs';
import { printedSchema } from '../src/schema/index.js';

writeFileSync(new URL('../schema/schema.graphql', import.meta.url), `${printedSchema()}\n`);
console.log('wrote schema/schema.graphql');
