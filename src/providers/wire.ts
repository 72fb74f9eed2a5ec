/**
 * The small readers every provider's wire mapping needs. Lenient on purpose (DESIGN.md):
 * upstreams send numbers as strings, ids as numbers, and empty strings for "none".
 */

/** One decoded JSON object of an upstream answer, before mapping. */
export type Wire = Record<string, unknown>;

export function isRecord(value: unknown): value is Wire {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or a number as a string; anything else is undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** A finite number, from a number or a numeric string; "" and null are undefined. */
export function num(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
