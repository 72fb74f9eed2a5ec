/**
 * Identifiers: deterministic GUIDs for seeded objects (same seed, same ids, every run) and a
 * deterministic hash for seeded numbers, so the state never depends on Math.random.
 * Runtime ids (session tokens, operation GUIDs, refs of newly configured VMs) are random UUIDs.
 */
import { createHash, randomUUID } from 'node:crypto';

/** A lower-case 8-4-4-4-12 GUID derived from a label (version-4 shaped). */
export function seedGuid(label: string): string {
  const hex = createHash('sha1').update(`altaro-sim:${label}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function newGuid(): string {
  return randomUUID();
}

/** FNV-1a 32-bit hash: a stable pseudo-random number for a label. */
export function hash32(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path GUIDs are compared lower-case; braces (`{…}`) are tolerated. */
export function normaliseGuid(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().replace(/^\{|\}$/g, '').toLowerCase();
  return GUID_RE.test(t) ? t : undefined;
}
