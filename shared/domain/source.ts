export const SOURCE_KINDS = ['demo', 'replay'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** What the scheduler last did with a source. 'stale' is derived, see `sourceFreshness`. */
export type SourceRunState = 'idle' | 'polling' | 'ok' | 'error' | 'paused' | 'done';

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
}
