// When `npm start` restarts a web or worker process that died, and when it stops trying.
// Pure, so the policy is table-tested apart from the processes it governs.

export interface RestartPolicy {
  /** Wait before the first restart; each further crash within the window doubles it. */
  baseDelayMs: number;
  /** The wait never grows beyond this, so a recovered service is not left waiting long. */
  maxDelayMs: number;
  /** This many crashes within `windowMs` means restarting does not help: give up. */
  maxCrashes: number;
  windowMs: number;
}

export const RESTART_POLICY: RestartPolicy = { baseDelayMs: 500, maxDelayMs: 8_000, maxCrashes: 5, windowMs: 60_000 };

export type RestartDecision =
  { action: "restart"; delayMs: number; crashesInWindow: number } | { action: "give-up"; crashesInWindow: number };

/**
 * `crashes` are the times (ms) at which the process died, the latest being `now`. Only
 * crashes within the window count, so a process that ran for a while starts again
 * from the shortest wait instead of carrying old backoff.
 */
export function decideRestart(crashes: readonly number[], now: number, policy: RestartPolicy = RESTART_POLICY): RestartDecision {
  const crashesInWindow = crashes.filter((t) => t <= now && now - t < policy.windowMs).length;
  if (crashesInWindow >= policy.maxCrashes) return { action: "give-up", crashesInWindow };
  const exponent = Math.max(0, crashesInWindow - 1);
  const delayMs = Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
  return { action: "restart", delayMs, crashesInWindow };
}

/** The crash times still worth remembering at `now` (older ones can never count again). */
export function recentCrashes(crashes: readonly number[], now: number, policy: RestartPolicy = RESTART_POLICY): number[] {
  return crashes.filter((t) => now - t < policy.windowMs);
}
