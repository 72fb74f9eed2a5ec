/** The config of a BILLmanager provider (`kind: billmanager`, e.g. Zomro Cloud VPS). */
import { z } from 'zod';
import { httpUrl, providerId, timeZone, upstreamSettings } from '../config-fields.js';

export const billmanagerConfigSchema = z
  .object({
    id: providerId,
    kind: z.literal('billmanager'),
    baseUrl: httpUrl,
    username: z.string().min(1),
    password: z.string(),
    /** The zone rotation_time is expressed in. */
    timezone: timeZone.default('Europe/Kyiv'),
    /** Bounded waits after which an unconfirmed restore or backup ends as a final UNKNOWN. */
    waits: z
      .object({
        restoreStartMs: z.number().int().positive().optional(),
        backupListedMs: z.number().int().positive().optional(),
        backupDoneMs: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    ...upstreamSettings,
  })
  .strict();

export type BillmanagerConfig = z.infer<typeof billmanagerConfigSchema>;
