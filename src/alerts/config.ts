/**
 * The `alerts:` section of the config (DESIGN.md): thresholds of the rules, the webhooks and how
 * deliveries are retried. Validated here so every mistake is one ConfigError line at start; a
 * secret is never echoed back in a message.
 */
import { z } from 'zod';

export const ALERT_KINDS = ['BACKUP_FAILED', 'RUN_MISSED', 'BACKUP_STALE', 'OPERATION_STUCK', 'PROVIDER_DOWN'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Standard Webhooks: `whsec_` + base64 of at least 24 bytes (192 bits). */
const secret = z.string().superRefine((value, ctx) => {
  if (!value.startsWith('whsec_')) return void ctx.addIssue({ code: 'custom', message: 'a webhook secret must start with "whsec_" (whsec_ + base64 of 24 to 64 random bytes)' });
  const bytes = Buffer.from(value.slice('whsec_'.length), 'base64');
  if (bytes.length < 24) ctx.addIssue({ code: 'custom', message: `a webhook secret must hold at least 24 bytes after "whsec_" (this one holds ${bytes.length})` });
});

const webhook = z
  .object({
    url: z.string().refine((url) => /^https?:\/\/[^/\s]+/i.test(url) && URL.canParse(url), 'must be an http:// or https:// URL'),
    secret: secret.optional(),
    /** During rotation: every secret signs, receivers accept any of the signatures. */
    secrets: z.array(secret).min(1).optional(),
    kinds: z.array(z.enum(ALERT_KINDS, { message: `unknown alert kind (expected ${ALERT_KINDS.join(', ')})` })).min(1).optional(),
  })
  .strict()
  .refine((w) => !!w.secret !== !!w.secrets, 'give exactly one of secret or secrets');

export const alertsConfigSchema = z
  .object({
    rpoHours: z.number().positive().max(24 * 365).default(24),
    stuckAfterMinutes: z.number().positive().max(7 * 24 * 60).default(240),
    providerDownAfterSeconds: z.number().min(0).max(7 * 86_400).default(300),
    /** How often the rules run over the journal. */
    evaluateIntervalSeconds: z.number().positive().max(3600).default(30),
    webhooks: z.array(webhook).default([]),
    delivery: z
      .object({
        timeoutMs: z.number().int().min(100).max(300_000).default(15_000),
        retryScheduleMs: z
          .array(z.number().int().min(0).max(7 * 86_400_000))
          .min(1, 'the retry schedule is empty: give at least one delay (0 for the first attempt)')
          .default([0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000]),
        /** How often the worker looks for due deliveries (it also wakes on every new event). */
        pollIntervalMs: z.number().int().min(20).max(60_000).default(1_000),
      })
      .strict()
      .default({ timeoutMs: 15_000, retryScheduleMs: [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000], pollIntervalMs: 1_000 }),
  })
  .strict();

export type AlertsConfig = z.infer<typeof alertsConfigSchema>;
export type AlertsConfigInput = z.input<typeof alertsConfigSchema>;
export type WebhookConfig = AlertsConfig['webhooks'][number];

/** The secrets a webhook signs with, newest first. */
export function secretsOf(webhook: WebhookConfig): string[] {
  return webhook.secrets ?? (webhook.secret ? [webhook.secret] : []);
}
