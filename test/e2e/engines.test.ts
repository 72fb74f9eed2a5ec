/**
 * No engine warnings on this Node: what `npm ci` prints, for the real package.json and lock
 * file, checked in a scratch folder (a dry run: nothing installed, nothing fetched), plus a
 * control run with one Node-22-only package to show the check would catch one coming back.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

/** `npm ci`'s output (stdout and stderr) for a lock file, without touching node_modules. */
function npmCiOutput(lock: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bgw-engines-'));
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  writeFileSync(join(dir, 'package-lock.json'), lock);
  // 2>&1: npm prints its warnings on stderr.
  return execFileSync('sh', ['-c', 'npm ci --dry-run --ignore-scripts --offline --no-audit --no-fund 2>&1'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
}

describe('npm ci on this Node', () => {
  const lock = readFileSync(join(root, 'package-lock.json'), 'utf8');

  it(`prints no EBADENGINE on Node ${process.version}`, () => {
    const output = npmCiOutput(lock);
    expect(output).toMatch(/added \d+ packages/);
    expect(output).not.toMatch(/EBADENGINE/);
  });

  it('would print EBADENGINE if a Node-22-only package came back (control)', () => {
    const parsed = JSON.parse(lock) as { packages: Record<string, { engines?: Record<string, string> }> };
    parsed.packages['node_modules/graphql-yoga'].engines = { node: '>=22.15' };
    expect(npmCiOutput(JSON.stringify(parsed))).toMatch(/EBADENGINE.*graphql-yoga/s);
  });
});
