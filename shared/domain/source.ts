export const SOURCE_KINDS = [
  'demo',
  'replay',
  'jetstream',
  'mastodon-stream',
  'webhook',
  'import',
  'feed',
  'mastodon',
  'bluesky',
  'reddit',
  'hackernews',
  'x',
  'youtube',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * What the scheduler last did with a source. 'stale' is derived, see `sourceFreshness`.
 * 'rate-limited': the platform said "slow down"; no poll before `rateLimitedUntil`.
 */
export type SourceRunState = 'idle' | 'polling' | 'ok' | 'error' | 'paused' | 'done' | 'rate-limited';

export interface SourceHealth {
  id: string;
  name: string;
  kind: SourceKind;
  enabled: boolean;
  state: SourceRunState;
  /** How often the source is polled; it is stale when nothing arrived for several of these. */
  intervalMs: number;
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  /** Last time a poll delivered at least one new mention. */
  lastDeliveryAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  nextPollAt: number | null;
  itemsTotal: number;
  itemsSkipped: number;
  /** Mentions stored per minute over the last few minutes of this run (see `RATE_WINDOW_MS` in the scheduler). */
  itemsPerMinute: number;
  /** Publication time of the newest mention stored from this source, ever. */
  newestPublishedAt: number | null;
  /** How far behind the source is: health time minus `newestPublishedAt` (null before its first mention). */
  lagMs: number | null;
  /** Set while the platform has asked us to wait (HTTP 429 / rate-limit headers); null otherwise. */
  rateLimitedUntil: number | null;
}

/** What the record keeps of a source's condition (review): see migration 009. */
export const SOURCE_EVENT_KINDS = ['failed', 'rate-limited', 'recovered', 'paused', 'resumed', 'finished'] as const;
export type SourceEventKind = (typeof SOURCE_EVENT_KINDS)[number];

export interface SourceEvent {
  id: number;
  at: number;
  sourceId: string;
  kind: SourceEventKind;
  error: string | null;
  rateLimitedUntil: number | null;
  consecutiveFailures: number;
}
