import { backoffMs } from '@shared/logic/backoff';

/** Longest wait between retries of a failing source. */
export const MAX_BACKOFF_MS = 5 * 60_000;

/** A failing source waits its own interval, doubling per failure in a row, 0.5–1.5× jittered. */
export function backoffDelay(intervalMs: number, consecutiveFailures: number, random: () => number = Math.random): number {
  return backoffMs(consecutiveFailures - 1, { baseMs: intervalMs, maxMs: MAX_BACKOFF_MS, jitter: 0.5 }, random);
}
