/** The config of a CloudSigma API 2.0 provider (`kind: cloudsigma`): Basic auth or a Bearer token. */
import { z } from 'zod';
import { httpUrl, providerId, upstreamSettings } from '../config-fields.js';

export const cloudsigmaConfigSchema = z
  .object({
    id: providerId,
    kind: z.literal('cloudsigma'),
    baseUrl: httpUrl,
    username: z.string().optional(),
    password: z.string().optional(),
    token: z.string().optional(),
    /** How long a snapshot or restore may stay in progress before it ends as a final UNKNOWN (default an hour). */
    pendingWaitMs: z.number().int().positive().optional(),
    ...upstreamSettings,
  })
  .strict()
  .refine((p) => !!p.token || (!!p.username && p.password !== undefined), 'needs either token, or username and password');

export type CloudSigmaConfig = z.infer<typeof cloudsigmaConfigSchema>;
