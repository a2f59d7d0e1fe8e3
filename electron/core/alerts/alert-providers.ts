/** What the alerting layer is handed by the composition root and by other areas. */
import type { Mention } from '@shared/domain/mention';
import type { TrendingTerm } from '@shared/domain/trends';
import type { WaitingItem } from '@shared/domain/waiting';
import type { WatchlistCheck } from '@shared/logic/alerts/detectors';
import type { StepOptions } from '@shared/logic/alerts/engine';
import type { Logger } from '../base/logger';
import type { Store } from '../store/store';

/** The actor named in an alert's history when the core, not an operator, changed it. */
export const CORE_ACTOR = 'earshot';

export interface TrendsQuery {
  topicId: number | null;
  windowMinutes: number;
  baselineMinutes: number;
  now: number;
  limit: number;
}

/** What other areas supply; each defaults to "not available". */
export interface AlertProviders {
  /** Customers waiting for an answer (the care area). */
  waiting?: () => WaitingItem[];
  /** Trending terms (the understanding area's `trendingTerms`). */
  trends?: ((query: TrendsQuery) => TrendingTerm[]) | null;
  /** The name of a watchlist the mention's author is on, or null (the understanding area). */
  watchlist?: WatchlistCheck | null;
  /**
   * Compiles a query in the topic language into a matcher, or returns the parse error as text
   * (the listening-topics area's query language). Without it keyword rules report "unavailable".
   */
  compileQuery?: ((query: string) => ((mention: Mention) => boolean) | string) | null;
}

/** What every part of the alerting layer shares: the store, the log, the clock and the providers. */
export interface AlertDeps {
  store: Store;
  logger: Logger;
  now: () => number;
  providers: AlertProviders;
  stepOptions: StepOptions;
}
