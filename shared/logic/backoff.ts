/**
 * Reconnect delays for a window that lost the core: quick first retries so a restart is barely
 * noticed, capped so a wall that lost the network does not hammer it, and jittered so several
 * walls do not reconnect in lockstep after the core comes back.
 */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_MAX_MS = 10_000;
/** Each delay is scaled by a random factor in [1 - JITTER, 1 + JITTER]. */
export const RECONNECT_JITTER = 0.2;

/** Delay before retry number `attempt` (0 for the first retry). `random` returns [0, 1). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt, 30));
  const base = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** exponent);
  const factor = 1 - RECONNECT_JITTER + 2 * RECONNECT_JITTER * random();
  return Math.round(Math.min(RECONNECT_MAX_MS, base * factor));
}
