/** The `alerts:` config section: defaults, and one clear line per mistake, never echoing a secret. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { retryAfter } from '../../src/alerts/delivery.js';

const providers = `
providers:
  - id: hq
    kind: altaro
    baseUrl: http://localhost:36013/api/rest
    username: Administrator
    password: x
`;
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

function withAlerts(alerts: string): string {
  return `alerts:\n${alerts}\n${providers}`;
}

function problem(text: string, env: Record<string, string> = {}): string {
  try {
    parseConfig(text, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('alerts config', () => {
  it('fills the documented defaults and substitutes the secret from the environment', () => {
    const config = parseConfig(withAlerts(`  webhooks:\n    - { url: "https://hooks.example.com/backups", secret: "\${WEBHOOK_SECRET}", kinds: [BACKUP_FAILED, RUN_MISSED] }`), { WEBHOOK_SECRET: SECRET });
    expect(config.alerts).toMatchObject({ rpoHours: 24, stuckAfterMinutes: 240, providerDownAfterSeconds: 300, delivery: { timeoutMs: 15000, retryScheduleMs: [0, 5000, 300000, 1800000, 7200000, 18000000, 36000000] } });
    expect(config.alerts!.webhooks[0]).toEqual({ url: 'https://hooks.example.com/backups', secret: SECRET, kinds: ['BACKUP_FAILED', 'RUN_MISSED'] });
  });

  it('accepts several secrets during a rotation', () => {
    const config = parseConfig(withAlerts(`  webhooks:\n    - { url: "http://127.0.0.1:9/x", secrets: ["${SECRET}", "whsec_${Buffer.alloc(24, 1).toString('base64')}"] }`));
    expect(config.alerts!.webhooks[0].secrets).toHaveLength(2);
  });

  it.each([
    ['a URL that is not http(s)', `  webhooks:\n    - { url: "ftp://hooks.example.com/x", secret: "${SECRET}" }`, /^alerts\.webhooks\[0\]\.url: must be an http:\/\/ or https:\/\/ URL$/],
    ['a secret without whsec_', `  webhooks:\n    - { url: "https://h.example.com/x", secret: "plain-secret-of-enough-length-123" }`, /^alerts\.webhooks\[0\]\.secret: a webhook secret must start with "whsec_"/],
    ['a secret shorter than 24 bytes', `  webhooks:\n    - { url: "https://h.example.com/x", secret: "whsec_${Buffer.alloc(16, 2).toString('base64')}" }`, /^alerts\.webhooks\[0\]\.secret: a webhook secret must hold at least 24 bytes after "whsec_" \(this one holds 16\)$/],
    ['an unknown kind', `  webhooks:\n    - { url: "https://h.example.com/x", secret: "${SECRET}", kinds: [BACKUP_FAILED, DISK_FULL] }`, /^alerts\.webhooks\[0\]\.kinds\[1\]: unknown alert kind \(expected BACKUP_FAILED, RUN_MISSED, BACKUP_STALE, OPERATION_STUCK, PROVIDER_DOWN\)$/],
    ['an empty retry schedule', `  delivery: { retryScheduleMs: [] }`, /^alerts\.delivery\.retryScheduleMs: the retry schedule is empty/],
    ['no secret at all', `  webhooks:\n    - { url: "https://h.example.com/x" }`, /^alerts\.webhooks\[0\]: give exactly one of secret or secrets$/],
  ])('rejects %s in one line', (_name, alerts, message) => {
    expect(problem(withAlerts(alerts))).toMatch(message);
  });

  it('never repeats a rejected secret in the message', () => {
    const short = `whsec_${Buffer.alloc(10, 9).toString('base64')}`;
    expect(problem(withAlerts(`  webhooks:\n    - { url: "https://h.example.com/x", secret: "${short}" }`))).not.toContain(short.slice(6));
    expect(problem(withAlerts(`  webhooks:\n    - { url: "https://h.example.com/x", secret: "not-a-whsec-secret-value" }`))).not.toContain('not-a-whsec-secret-value');
  });
});

describe('the README', () => {
  it("shows an alerts config the gateway accepts as it stands", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /## Alerts and signed webhooks[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeTruthy();
    const config = parseConfig(`${example}${providers}`, { WEBHOOK_SECRET: SECRET });
    expect(config.alerts!.webhooks[0]).toMatchObject({ url: 'https://hooks.example.com/backups', kinds: ['BACKUP_FAILED', 'RUN_MISSED'] });
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates; ignores what is neither', () => {
    expect(retryAfter('3')).toBe(3000);
    expect(retryAfter(new Date(Date.parse('2030-01-01T00:00:10Z')).toUTCString(), Date.parse('2030-01-01T00:00:00Z'))).toBe(10_000);
    expect(retryAfter('soon')).toBeUndefined();
    expect(retryAfter(null)).toBeUndefined();
  });
});
