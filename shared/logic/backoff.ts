/**
 * Exponential backoff with jitter, the one implementation behind a failing source's retries (core)
 * and a wall's reconnects (renderer). Jitter keeps many sources, or many walls after a core
 * restart, from retrying in lock-step.
 */
export interface BackoffPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** No delay is ever longer than this, jitter included. */
  maxMs: number;
  /** Each delay is scaled by a random factor in [1 - jitter, 1 + jitter]. */
  jitter: number;
}

/** Delay before retry number `attempt` (0 for the first retry). `random` returns [0, 1). */
export function backoffMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt, 30));
  const base = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const factor = 1 - policy.jitter + 2 * policy.jitter * random();
  return Math.round(Math.min(policy.maxMs, base * factor));
}

/** A wall that lost the core: quick first retries so a restart is barely noticed, capped low. */
export const RECONNECT_POLICY: BackoffPolicy = { baseMs: 500, maxMs: 10_000, jitter: 0.2 };
export const RECONNECT_MAX_MS = RECONNECT_POLICY.maxMs;

export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  return backoffMs(attempt, RECONNECT_POLICY, random);
}
