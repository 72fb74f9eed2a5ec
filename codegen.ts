/**
 * GraphQL Code Generator: types the tests' GraphQL documents (`graphql()` calls in test/) and
 * the console's (src/console/) against the committed SDL, so a schema change that breaks either
 * breaks `tsc --noEmit`. `npm run codegen`; test/freshness.test.ts fails when stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: true,
  // ESM (NodeNext) needs explicit .js extensions in the generated imports.
  importExtension: '.js',
  generates: {
    'test/gql/': {
      documents: ['test/**/*.ts', '!test/gql/**/*'],
      preset: 'client',
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
    'src/console/gql/': {
      documents: ['src/console/**/*.{ts,tsx}', '!src/console/gql/**/*'],
      preset: 'client',
      config: {
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
        // Documents as plain strings: the browser bundle needs no graphql-js to send them.
        documentMode: 'string',
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
