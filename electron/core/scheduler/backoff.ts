/** Longest wait between retries of a failing source. */
export const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter around the doubling, so many failing sources (or many
 * Earshots behind one NAT) do not retry in lock-step.
 */
export function backoffDelay(intervalMs: number, consecutiveFailures: number, random: () => number = Math.random): number {
  const exponent = Math.min(consecutiveFailures - 1, 16);
  const base = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, exponent));
  return Math.round(base * (0.5 + random()));
}
