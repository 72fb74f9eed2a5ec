/**
 * The gateway's DST policy for wall-clock schedules (README "Time zones and DST"):
 * - a run whose wall time falls in the spring-forward gap runs at the same wall time shifted
 *   forward by the gap (02:30 in a 02:00->03:00 gap runs at 03:30), as cron and most backup
 *   products do;
 * - a run whose wall time occurs twice in the autumn runs once, at the first occurrence.
 */
import { instantOf, instantsOf, type WallTime } from '../time.js';

export function runInstant(wall: WallTime, timeZone: string): Date {
  const found = instantsOf(wall, timeZone);
  if (found.length > 0) return found[0];
  return instantOf(wall, timeZone); // in a gap: instantOf reads it with the pre-gap offset, i.e. shifted forward
}
