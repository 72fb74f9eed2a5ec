/**
 * The config file (YAML, DESIGN.md): `${ENV}` substituted from the environment, validated
 * with zod, unknown keys rejected. Every problem becomes one ConfigError line naming the path.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PROVIDER_CONFIG_SCHEMAS, PROVIDER_MODULES } from './providers/registry.js';
import { alertsConfigSchema } from './alerts/config.js';

/** Where the journal lives when the config does not say. */
export const DEFAULT_JOURNAL_URL = 'sqlite:./data/journal.db';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const scope = z.enum(['read', 'operate', 'admin']);

const apiKey = z
  .object({
    name: z.string().min(1),
    key: z.string().min(16, 'must be at least 16 characters').optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'must be a hex SHA-256 digest').optional(),
    scopes: z.array(scope).min(1),
  })
  .strict()
  .refine((k) => !!k.key !== !!k.sha256, 'give exactly one of key or sha256');

export const configSchema = z
  .object({
    server: z
      .object({
        port: z.number().int().min(0).max(65535).default(4000),
        host: z.string().default('127.0.0.1'),
        /** SIGTERM/SIGINT: how long in-flight work may take before it is cut short (exit 1). */
        shutdownTimeoutMs: z.number().int().min(0).max(600_000).default(10_000),
        /** Serve /metrics on its own listener (no key needed there), e.g. for a scraper on a private interface. */
        metricsPort: z.number().int().min(0).max(65535).optional(),
      })
      .strict()
      .default({ port: 4000, host: '127.0.0.1', shutdownTimeoutMs: 10_000 }),
    auth: z.object({ apiKeys: z.array(apiKey).min(1) }).strict().optional(),
    redis: z.object({ url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL') }).strict().optional(),
    /** Durable history (src/journal). Absent: SQLite at ./data/journal.db. */
    journal: z
      .object({
        url: z
          .string()
          .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must be sqlite:<path> or a postgres:// URL')
          .default(DEFAULT_JOURNAL_URL),
        retentionDays: z.number().int().min(1).max(3650).default(400),
        /** How often the watcher reads the providers' lists (0 turns it off). */
        watchIntervalSeconds: z.number().min(0).max(3600).default(60),
        /** A due run with no backup started this long after it is missed. */
        missedGraceMinutes: z.number().int().min(1).max(1440).default(60),
      })
      .strict()
      .default({ url: DEFAULT_JOURNAL_URL, retentionDays: 400, watchIntervalSeconds: 60, missedGraceMinutes: 60 }),
    /** Alert rules and signed webhooks (src/alerts); the rules run without webhooks too. */
    alerts: alertsConfigSchema.optional(),
    limits: z
      .object({
        maxDepth: z.number().int().positive().optional(),
        maxCost: z.number().int().positive().optional(),
        maxAliases: z.number().int().min(0).optional(),
        maxTokens: z.number().int().positive().optional(),
        maxDirectives: z.number().int().min(0).optional(),
        maxBatch: z.number().int().min(1).optional(),
      })
      .strict()
      .default({}),
    introspection: z.boolean().default(true),
    operations: z
      .object({
        pollIntervalMs: z.number().int().min(50).default(1000),
        dashboardPollIntervalMs: z.number().int().min(100).default(3000),
        /** An operation a provider reports UNKNOWN this long ends as a final UNKNOWN (subscriptions complete). */
        unknownTimeoutMs: z.number().int().min(1_000).default(600_000),
      })
      .strict()
      .default({ pollIntervalMs: 1000, dashboardPollIntervalMs: 3000, unknownTimeoutMs: 600_000 }),
    performance: z
      .object({
        /** Share identical upstream reads within a request and between concurrent ones (default on). */
        shareReads: z.boolean().default(true),
      })
      .strict()
      .default({ shareReads: true }),
    providers: z.array(z.discriminatedUnion('kind', PROVIDER_CONFIG_SCHEMAS)).min(1, 'list at least one provider'),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.providers.forEach((provider, index) => {
      if (seen.has(provider.id)) ctx.addIssue({ code: 'custom', path: ['providers', index, 'id'], message: `duplicate provider id "${provider.id}"` });
      seen.add(provider.id);
    });
  });

export type GatewayConfig = z.infer<typeof configSchema>;
export type ProviderConfig = GatewayConfig['providers'][number];
export type ApiKeyConfig = NonNullable<GatewayConfig['auth']>['apiKeys'][number];

/** Replace `${NAME}` in every string; a missing variable is an error naming it and where it is used. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) throw new ConfigError(`environment variable ${name} is not set (used at ${path || 'the top level'})`);
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => substituteEnv(item, env, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env, path ? `${path}.${key}` : key)]));
  }
  return value;
}

export function parseConfig(text: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!raw || typeof raw !== 'object') throw new ConfigError('the config file is empty or not a mapping');
  const result = configSchema.safeParse(substituteEnv(raw, env));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${formatPath(issue.path)}: ${describeIssue(issue)}`);
  }
  return result.data;
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return parseConfig(text, env);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${file}: ${error.message}`);
    throw error;
  }
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '') || 'config';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue) return `unknown provider kind (expected ${PROVIDER_MODULES.map((m) => m.configKind).join(', ')})`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}
