/** The config of an Altaro / Hornetsecurity VM Backup provider (`kind: altaro`). */
import { z } from 'zod';
import { httpUrl, providerId, timeZone, upstreamSettings } from '../config-fields.js';

export const altaroConfigSchema = z
  .object({
    id: providerId,
    kind: z.literal('altaro'),
    baseUrl: httpUrl,
    username: z.string().min(1),
    password: z.string(),
    domain: z.string().default('.'),
    serverAddress: z.string().default('localhost'),
    /** The agent port sent at login (v9: 36014, v8: 35107), not the REST port. */
    serverPort: z.coerce.number().int().positive().default(36014),
    /** The zone the Altaro server writes its times in (they carry no offset). */
    timezone: timeZone.default('UTC'),
    /**
     * How long an operation that left operation-status may wait for its report before it ends
     * as a final UNKNOWN. 60 s for real installs (demo mode's simulator reports at once: 10 s).
     */
    outcomeWaitMs: z.number().int().positive().default(60_000),
    ...upstreamSettings,
  })
  .strict();

export type AltaroConfig = z.infer<typeof altaroConfigSchema>;
