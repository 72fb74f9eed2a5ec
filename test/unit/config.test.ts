/** The config file: env substitution, strict keys and one clear line per problem. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';

const valid = `
server: { port: 4100, host: 127.0.0.1 }
providers:
  - id: hq
    kind: altaro
    baseUrl: http://localhost:36013/api/rest
    username: Administrator
    password: "\${ALTARO_PASSWORD}"
`;

function problem(text: string, env: Record<string, string> = { ALTARO_PASSWORD: 'x' }): string {
  try {
    parseConfig(text, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('reads a valid file, substitutes ${ENV} and fills defaults', () => {
    const config = parseConfig(valid, { ALTARO_PASSWORD: 's3cret' });
    expect(config.server).toEqual({ port: 4100, host: '127.0.0.1', shutdownTimeoutMs: 10_000 });
    expect(config.providers[0]).toMatchObject({ id: 'hq', kind: 'altaro', password: 's3cret', domain: '.', serverPort: 36014, timezone: 'UTC' });
    expect(config.auth).toBeUndefined();
    expect(config.performance).toEqual({ shareReads: true });
    expect(config.redis).toBeUndefined();
  });

  it('reads the scale settings: Redis, connection limit, read cache, read sharing', () => {
    const text = `${valid}    maxConnections: 64\n    cacheTtlMs: 2000\nredis: { url: "redis://:pw@10.0.0.5:6379/0" }\nperformance: { shareReads: false }\n`;
    const config = parseConfig(text, { ALTARO_PASSWORD: 'x' });
    expect(config.providers[0]).toMatchObject({ maxConnections: 64, cacheTtlMs: 2000 });
    expect(config.redis).toEqual({ url: 'redis://:pw@10.0.0.5:6379/0' });
    expect(config.performance).toEqual({ shareReads: false });
  });

  it.each([
    ['an unknown key', valid.replace('username:', 'usernme: x\n    username:'), /providers\[0\]: unknown key "usernme"/],
    ['an unknown top-level key', `${valid}\nlogging: {}`, /config: unknown key "logging"|unknown key "logging"/],
    ['a missing variable', valid, /environment variable ALTARO_PASSWORD is not set \(used at providers\[0\]\.password\)/, {}],
    ['a bad URL', valid.replace('http://localhost:36013/api/rest', 'localhost:36013'), /providers\[0\]\.baseUrl: must be an http\(s\) URL/],
    ['a duplicate provider id', `${valid}  - { id: hq, kind: billmanager, baseUrl: "https://api.zomro.com/", username: u, password: p }\n`, /providers\[1\]\.id: duplicate provider id "hq"/],
    ['an unknown kind', valid.replace('kind: altaro', 'kind: veeam'), /providers\[0\]\.kind|unknown provider kind/],
    ['a bad time zone', `${valid}    timezone: Mars/Olympus\n`, /providers\[0\]\.timezone: must be an IANA time zone/],
    ['no providers', 'server: { port: 4000 }\nproviders: []\n', /providers: list at least one provider/],
    ['broken YAML', 'providers: [', /not valid YAML/],
    ['a Redis URL that is not redis://', `${valid}redis: { url: "http://127.0.0.1:6379" }\n`, /redis\.url: must be a redis:\/\/ URL/],
    ['a zero connection limit', `${valid}    maxConnections: 0\n`, /providers\[0\]\.maxConnections/],
    ['a negative cache lifetime', `${valid}    cacheTtlMs: -5\n`, /providers\[0\]\.cacheTtlMs/],
    ['a non-boolean shareReads', `${valid}performance: { shareReads: maybe }\n`, /performance\.shareReads/],
    ['a short API key', `${valid}auth: { apiKeys: [{ name: a, key: short, scopes: [read] }] }\n`, /auth\.apiKeys\[0\]\.key: must be at least 16 characters/],
  ])('rejects %s with one line naming it', (_name, text, message, env = { ALTARO_PASSWORD: 'x' }) => {
    const line = problem(text as string, env as Record<string, string>);
    expect(line).toMatch(message as RegExp);
    expect(line).not.toContain('\n');
  });
});

describe('the README', () => {
  it('shows a config file that the gateway accepts as it stands', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /## Configuration[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeTruthy();
    const env = { DASHBOARD_KEY: 'dashboard-key-0123456789', ALTARO_PASSWORD: 'a', CLOUDSIGMA_PASSWORD: 'c', ZOMRO_PASSWORD: 'z' };
    // The example's CA file exists on the operator's machine; here, a temporary one stands in.
    const caFile = join(mkdtempSync(join(tmpdir(), 'bgw-readme-')), 'altaro-ca.pem');
    writeFileSync(caFile, 'not parsed at load');
    const text = example!.replace('<hex SHA-256 of the key>', 'a'.repeat(64)).replace('/etc/backup-gateway/altaro-ca.pem', caFile);
    const config = parseConfig(text, env);
    expect(config.providers[0].tls).toEqual({ caFile, rejectUnauthorized: true });
    expect(config.providers.map((p) => p.kind)).toEqual(['altaro', 'cloudsigma', 'billmanager']);
    expect(config.redis?.url).toMatch(/^redis:\/\//);
  });
});
