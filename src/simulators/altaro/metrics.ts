/**
 * Deterministic numbers for backups: transfer sizes and seeded durations derive from a hash of
 * the VM and the operation's start time, never from Math.random.
 */
import { hash32 } from './ids.js';

export interface TransferSizes {
  compressed: number;
  uncompressed: number;
}

/** An incremental backup transfers 1–5 % of the disk, compressed 2–3.5 : 1. */
export function backupTransfer(diskBytes: number, label: string): TransferSizes {
  const h = hash32(`transfer:${label}`);
  const uncompressed = Math.round(diskBytes * (0.01 + (h % 400) / 10_000));
  const ratio = 2 + ((h >>> 9) % 16) / 10;
  return { uncompressed, compressed: Math.round(uncompressed / ratio) };
}

/** A seeded backup's duration: a minute or two plus a little per GiB of disk. */
export function seededBackupSeconds(diskBytes: number, label: string): number {
  const h = hash32(`duration:${label}`);
  return 60 + (h % 120) + Math.round(diskBytes / 2 ** 30 / 4);
}

/** A seeded offsite copy's duration from the bytes moved (~8 MiB/s over the WAN). */
export function seededOffsiteSeconds(compressedBytes: number, label: string): number {
  const h = hash32(`offsite:${label}`);
  return 30 + (h % 60) + Math.round(compressedBytes / (8 * 2 ** 20));
}
