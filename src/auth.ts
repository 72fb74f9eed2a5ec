/**
 * API keys and scopes (DESIGN.md): `read` for queries and subscriptions, `operate` to start,
 * abort, assign and unassign, `admin` to create, update and delete schedules.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyConfig } from './config.js';

export type Scope = 'read' | 'operate' | 'admin';

export interface Principal {
  name: string;
  scopes: ReadonlySet<Scope>;
}

/** Everything allowed: demo mode and configs without `auth`. */
export const OPEN_ACCESS: Principal = { name: 'anonymous', scopes: new Set<Scope>(['read', 'operate', 'admin']) };

export class ApiKeys {
  private readonly keys: Array<{ name: string; digest: Buffer; scopes: ReadonlySet<Scope> }>;

  constructor(configs: ApiKeyConfig[]) {
    this.keys = configs.map((config) => ({
      name: config.name,
      digest: config.sha256 ? Buffer.from(config.sha256, 'hex') : sha256(config.key!),
      scopes: new Set(config.scopes),
    }));
  }

  /** The principal for a presented key, comparing SHA-256 digests in constant time. */
  authenticate(presented: string | undefined | null): Principal | undefined {
    if (!presented) return undefined;
    const digest = sha256(presented);
    let found: Principal | undefined;
    for (const key of this.keys) {
      if (timingSafeEqual(digest, key.digest)) found ??= { name: key.name, scopes: key.scopes };
    }
    return found;
  }
}

/** "Bearer abc" -> "abc"; also accepts a bare key. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : header.trim() || undefined;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
