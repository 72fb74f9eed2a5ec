/**
 * Writes are never retried blindly. When a write's outcome is unknown (timeout, connection
 * lost after sending), ask the provider what actually happened: `verify` reads the state and
 * returns the write's result if it took effect. A few checks, spaced out, because a request
 * that timed out here may still be processed upstream a moment later.
 */
import { UpstreamUnavailableError } from '../domain/errors.js';

export interface VerifyOptions {
  attempts?: number;
  spacingMs?: number;
  /** What to call the write in messages, e.g. "take-backup of VM SQL01". */
  what: string;
}

export async function writeWithVerification<T>(
  write: () => Promise<T>,
  verify: () => Promise<T | undefined>,
  options: VerifyOptions,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof UpstreamUnavailableError)) throw error;
    const attempts = options.attempts ?? 3;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, options.spacingMs ?? 700));
      let found: T | undefined;
      try {
        found = await verify();
      } catch {
        // The provider cannot be asked either: the outcome stays unknown.
        throw error;
      }
      if (found !== undefined) return found;
    }
    throw new UpstreamUnavailableError(
      error.providerId,
      `${error.message}; checked ${attempts} times afterwards and the provider shows no sign of the ${options.what}, so it most likely did not happen (verify before repeating it)`,
    );
  }
}
