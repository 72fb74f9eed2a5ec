/**
 * Simulator profiles. Where a contract marks a detail inferred [I] or unknown [?], a simulator
 * can answer in each plausible form (its "variants", listed in its README). A profile picks
 * one form for every point at once:
 *
 * - `default`: the most plausible form, the one the simulator always had;
 * - `strict`: the least helpful plausible form everywhere, so a client that passes it depends
 *   on nothing the contract does not confirm.
 *
 * A test may still override single points with `variants`, on top of either profile.
 */
export type SimProfile = 'default' | 'strict';

export const SIM_PROFILES: readonly SimProfile[] = ['default', 'strict'];

/** `SIM_PROFILE` from the environment (npm run simulators, demo mode); a typo stops the start. */
export function profileFromEnv(env: NodeJS.ProcessEnv = process.env): SimProfile {
  const raw = env.SIM_PROFILE?.trim();
  if (!raw) return 'default';
  if ((SIM_PROFILES as readonly string[]).includes(raw)) return raw as SimProfile;
  throw new Error(`SIM_PROFILE must be one of ${SIM_PROFILES.join(', ')}, got ${JSON.stringify(raw)}`);
}

/** A profile's table of forms with a test's own choices on top. */
export function resolveVariants<V extends object>(tables: Record<SimProfile, V>, profile: SimProfile = 'default', overrides: Partial<V> = {}): V {
  return { ...tables[profile], ...overrides };
}
