/**
 * The small validators every provider's config schema uses (URLs, ids, time zones, the
 * upstream settings they all share). They live apart from the config loader so that a
 * provider folder never imports the loader: the loader imports the providers' schemas.
 */
import { accessSync, constants } from 'node:fs';
import { z } from 'zod';

export const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http(s) URL');

export const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Kyiv');

export const providerId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/i, 'must be 1-32 letters, digits, "-" or "_"');

const readableFile = z.string().min(1).refine((path) => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}, 'cannot read this file');

/** Settings of the HTTP layer in front of every provider (src/upstream). */
export const upstreamSettings = {
  timeoutMs: z.number().int().positive().optional(),
  connectTimeoutMs: z.number().int().positive().optional(),
  retries: z.number().int().min(0).max(10).optional(),
  breakerFailures: z.number().int().positive().optional(),
  breakerCooldownMs: z.number().int().positive().optional(),
  /** Most requests on the wire to this provider at once (the connection pool's size). */
  maxConnections: z.number().int().min(1).max(1024).optional(),
  /** Serve repeated reads from a cache for this long; 0 (default) turns the cache off. */
  cacheTtlMs: z.number().int().min(0).max(300_000).optional(),
  /** https upstreams: a CA file to trust (e.g. an Altaro install's self-signed certificate), or no verification. */
  tls: z
    .object({
      caFile: readableFile.optional(),
      rejectUnauthorized: z.boolean().default(true),
    })
    .strict()
    .optional(),
};

/** What every provider config has, whatever its kind. */
export interface CommonProviderConfig {
  id: string;
  kind: string;
  baseUrl: string;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  retries?: number;
  breakerFailures?: number;
  breakerCooldownMs?: number;
  maxConnections?: number;
  cacheTtlMs?: number;
  tls?: { caFile?: string; rejectUnauthorized: boolean };
}
