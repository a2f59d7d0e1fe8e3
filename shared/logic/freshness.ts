import type { SourceHealth } from '../domain/source';

export type Freshness = 'live' | 'stale' | 'failing' | 'paused' | 'finished' | 'starting';

/** A source is stale once it has not succeeded for this many of its own intervals. */
export const STALE_AFTER_INTERVALS = 3;
/** ...and never sooner than this, so a 1-second source does not flicker stale on a slow poll. */
export const STALE_MIN_MS = 30_000;

export function staleAfterMs(intervalMs: number): number {
  return Math.max(STALE_MIN_MS, intervalMs * STALE_AFTER_INTERVALS);
}

/**
 * What a wall should say about a source now. Failing wins over stale: an error in plain words
 * tells the room more than an age.
 */
export function sourceFreshness(source: SourceHealth, now: number): Freshness {
  if (!source.enabled || source.state === 'paused') return 'paused';
  if (source.state === 'done') return 'finished';
  const lastGood = source.lastSuccessAt;
  // A retry after a failure (state 'polling', failures not yet reset) is still failing until it
  // succeeds: otherwise every retry read as "starting"/"live" and closed the source-down alert.
  const retrying = source.state === 'polling' && source.consecutiveFailures > 0;
  if ((source.state === 'error' || retrying) && (source.lastErrorAt ?? 0) >= (lastGood ?? 0)) return 'failing';
  if (lastGood === null) return now - (source.lastPollAt ?? now) > staleAfterMs(source.intervalMs) ? 'stale' : 'starting';
  return now - lastGood > staleAfterMs(source.intervalMs) ? 'stale' : 'live';
}
