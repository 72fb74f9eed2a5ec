/** The committed SDL and the generated document types (tests' and console's) must match the code. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../src/schema/index.js';

const root = new URL('..', import.meta.url).pathname;

describe('generated files are fresh', () => {
  it('schema/schema.graphql is the printed Pothos schema (run `npm run schema`)', () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(`${printedSchema()}\n`);
  });

  it('test/gql and src/console/gql are what codegen makes of the documents (run `npm run codegen`)', () => {
    try {
      // --check exits non-zero when any generated file of either target (codegen.ts) would change.
      execFileSync(process.execPath, ['node_modules/@graphql-codegen/cli/cjs/bin.js', '--config', 'codegen.ts', '--check'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      throw new Error(`codegen output is stale:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
    }
  });
});
