import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships CJS and ESM builds; Pothos loads one, our code the other unless both
    // resolve to the same file ("Cannot use GraphQLObjectType from another module or realm").
    alias: { graphql: createRequire(import.meta.url).resolve('graphql') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Simulators and gateways bind loopback ports. Most e2e time is spent waiting on simulated
    // operations and timeouts, not on the CPU, so four files at a time on 2 cores (vitest's
    // default would be one: cores - 1). Measured on this machine: 3 workers 281 s, 4 workers 242 s.
    pool: 'forks',
    maxWorkers: 4,
  },
});
