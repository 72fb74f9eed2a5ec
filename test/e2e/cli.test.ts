/**
 * What `npm start` runs (`node dist/main.js`, built first when stale): a bad config stops start-up
 * with one line and exit code 1; the README's service command is that same command.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/spawned-gateway.js';

function start(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['dist/main.js', ...args], {
    cwd: root,
    env: { ...process.env, ...env, PORT: '0' },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('start-up with a bad config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bgw-'));

  it.each([
    ['an unknown key', 'providers:\n  - { id: hq, kind: altaro, baseUrl: "http://localhost:1/api", username: a, password: b, colour: red }\n', /unknown key "colour"/],
    ['a missing variable', 'providers:\n  - { id: hq, kind: altaro, baseUrl: "http://localhost:1/api", username: a, password: "${NOPE_NOT_SET}" }\n', /NOPE_NOT_SET is not set/],
    ['a bad URL', 'providers:\n  - { id: hq, kind: altaro, baseUrl: "ftp://x", username: a, password: b }\n', /baseUrl: must be an http\(s\) URL/],
    ['a duplicate id', 'providers:\n  - { id: hq, kind: altaro, baseUrl: "http://localhost:1/api", username: a, password: b }\n  - { id: hq, kind: altaro, baseUrl: "http://localhost:2/api", username: a, password: b }\n', /duplicate provider id "hq"/],
  ])('%s: one line, exit 1, no stack trace', (name, yaml, message) => {
    const file = join(dir, `${String(name).replace(/\W/g, '-')}.yaml`);
    writeFileSync(file, yaml as string);
    const result = start(['--config', file]);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^backup-gateway: config error: /);
    expect(lines[0]).toMatch(message as RegExp);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with one line naming the journal, without its password, when the journal cannot be opened', () => {
    const file = join(dir, 'journal.yaml');
    writeFileSync(file, 'journal: { url: "postgres://gw:journal-secret@127.0.0.1:1/journal" }\nproviders:\n  - { id: hq, kind: altaro, baseUrl: "http://localhost:1/api", username: a, password: b }\n');
    const result = start(['--config', file]);
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.trim() && !l.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^backup-gateway: journal error: cannot open the journal at postgres:\/\/gw@127\.0\.0\.1:1\/journal: /);
    expect(result.stderr).not.toContain('journal-secret');
  });

  it('reads the config path from BACKUP_GATEWAY_CONFIG too', () => {
    const result = start([], { BACKUP_GATEWAY_CONFIG: join(dir, 'does-not-exist.yaml') });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/config error: cannot read .*does-not-exist\.yaml: ENOENT/);
  });
});

describe('start-up with a good config and no auth section', () => {
  it('warns that the API is open and that a certificate is not checked, serves, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bgw-'));
    const file = join(dir, 'open.yaml');
    writeFileSync(file, `server: { port: 0 }\njournal: { url: "sqlite:${join(dir, 'journal.db')}" }\nproviders:\n  - { id: hq, kind: altaro, baseUrl: "http://127.0.0.1:1/api/rest", username: a, password: "\${ALTARO_PW}", tls: { rejectUnauthorized: false } }\n`);
    const child = spawn(process.execPath, ['dist/main.js', '--config', file], {
      cwd: root,
      env: { ...process.env, ALTARO_PW: 'not-logged-anywhere', PORT: '0', LOG_LEVEL: 'info' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const until = Date.now() + 20_000;
    // The log is written asynchronously: its lines may follow the ready line.
    const warned = /tls.rejectUnauthorized is false/;
    while (!(/backup-gateway ready: GraphiQL at (http:\/\/\S+)/.test(output) && warned.test(output)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const url = /backup-gateway ready: GraphiQL at (http:\/\/\S+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toMatch(/the API is open to anyone who can reach it/);
    expect(output).toMatch(/provider \\"hq\\": tls.rejectUnauthorized is false, so its certificate is not checked/);
    const health = await fetch(url!.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output).not.toContain('not-logged-anywhere');
  });
});

describe("the README's service command", () => {
  it('is what `npm start` runs, with the same Node flags, in the shell example and the systemd unit', () => {
    const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const command = /\bnode\s.*dist\/main\.js/.exec(start)?.[0];
    expect(command).toMatch(/^node --max-semi-space-size=\d+ dist\/main\.js$/);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`\n${command} --config /etc/backup-gateway/gateway.yaml\n`);
    expect(readme).toContain(`ExecStart=/usr/bin/${command} --config /etc/backup-gateway/gateway.yaml`);
  });
});
