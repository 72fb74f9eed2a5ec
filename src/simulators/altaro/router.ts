/**
 * Path matching for the Altaro routes. Patterns are written relative to the base path, e.g.
 * `vms/list/:token/:configuredOnly?`: literal segments match case-insensitively (ASP.NET style),
 * `:name` is required, `:name?` optional (optional parameters are trailing, contract §1).
 */

export interface RoutePattern {
  literals: string[];
  params: Array<{ name: string; optional: boolean }>;
}

export function compilePattern(pattern: string): RoutePattern {
  const literals: string[] = [];
  const params: RoutePattern['params'] = [];
  for (const seg of pattern.split('/').filter(Boolean)) {
    if (seg.startsWith(':')) {
      const optional = seg.endsWith('?');
      params.push({ name: seg.slice(1, optional ? -1 : undefined), optional });
    } else {
      if (params.length > 0) throw new Error(`literal after a parameter in ${pattern}`);
      literals.push(seg.toLowerCase());
    }
  }
  return { literals, params };
}

/** The parameters when `segments` fit the pattern, else undefined. */
export function matchPattern(
  pattern: RoutePattern,
  segments: string[],
): Record<string, string | undefined> | undefined {
  const { literals, params } = pattern;
  if (segments.length < literals.length) return undefined;
  for (let i = 0; i < literals.length; i += 1) {
    if (segments[i].toLowerCase() !== literals[i]) return undefined;
  }
  const rest = segments.slice(literals.length);
  const required = params.filter((p) => !p.optional).length;
  if (rest.length < required || rest.length > params.length) return undefined;
  const out: Record<string, string | undefined> = {};
  params.forEach((p, i) => {
    out[p.name] = rest[i];
  });
  return out;
}

/**
 * The path's segments below the base path (URL-decoded, empty ones dropped), or undefined when
 * the path is outside the base path.
 */
export function segmentsBelow(basePath: string, path: string): string[] | undefined {
  const base = basePath.toLowerCase();
  const lower = path.toLowerCase();
  if (base !== '' && lower !== base && !lower.startsWith(`${base}/`)) return undefined;
  return path
    .slice(base.length)
    .split('/')
    .filter(Boolean)
    .map((seg) => {
      try {
        return decodeURIComponent(seg).trim();
      } catch {
        return seg;
      }
    })
    .filter(Boolean);
}

/** `/api/rest/` → `/api/rest`; `''` or `/` → `''`. */
export function normaliseBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Resources whose second path segment is already the token. */
const SINGLE_SEGMENT_RESOURCES = new Set(['schedules', 'backuplocations']);

/**
 * The route key for the request log and per-route faults: the first two segments below the base
 * path (`vms/list`, `sessions/start`, `instructions/take-backup`, `activity/operation-status`,
 * `vms/schedules`), except `schedules` and `backuplocations`, whose second segment is the token.
 */
export function routeKeyOf(segments: string[] | undefined): string {
  if (!segments || segments.length === 0) return segments ? '(root)' : '(outside-base-path)';
  const first = segments[0].toLowerCase();
  if (SINGLE_SEGMENT_RESOURCES.has(first) || segments.length === 1) return first;
  return `${first}/${segments[1].toLowerCase()}`;
}
