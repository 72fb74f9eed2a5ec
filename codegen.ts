/**
 * GraphQL Code Generator: types the tests' GraphQL documents (`graphql()` calls in test/)
 * against the committed SDL. `npm run codegen`; test/freshness.test.ts fails when stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['test/**/*.ts', '!test/gql/**/*'],
  ignoreNoDocuments: true,
  // ESM (NodeNext) needs explicit .js extensions in the generated imports.
  importExtension: '.js',
  generates: {
    'test/gql/': {
      preset: 'client',
      config: {
        scalars: { DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
