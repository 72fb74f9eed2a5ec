/**
 * A schedule create with a retention changes the instance's `backup_rotation` first (the panel
 * has no schedule-level retention). When the create then fails, the rotation is set back, and
 * the error says whether that worked, so the caller knows what state the instance is in.
 */
import { GatewayError } from '../../domain/errors.js';

export interface RotationChange {
  /** The rotation before our change (undefined: nothing was changed). */
  previous?: number;
  /** The rotation we set. */
  next?: number;
}

export async function withRotationRollback<T>(change: RotationChange, setRotation: (rotation: number) => Promise<void>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { previous, next } = change;
    if (previous !== undefined && previous !== next && error instanceof GatewayError) {
      const restored = await setRotation(previous).then(
        () => true,
        () => false,
      );
      error.message += restored
        ? `; the instance's backup_rotation was set back to ${previous}`
        : `; the instance's backup_rotation was changed to ${next} and could not be set back to ${previous}`;
    }
    throw error;
  }
}
