/**
 * Alert rules: what a user tunes. Each rule watches one topic (or all), has a kind with its own
 * parameters, and the settings every rule shares: severity, cooldown, must-persist-for, quiet hours.
 * The zod schema that checks them at the boundary is `shared/contract/alert-rule-schema.ts`.
 */
import type { AlertKind, AlertSeverity } from './alert';

export const RULE_KINDS = ['volume-spike', 'negative-surge', 'influencer', 'keyword', 'trending-term', 'response-time', 'source-down'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Rate rules compare a count in a recent window with the scope's own baseline. */
export interface RateParams {
  /** How far outside the band (in standard deviations) the count must be; lower fires sooner. */
  sensitivity: number;
  /** Never fire on fewer mentions than this in the window, however quiet the baseline. */
  minCount: number;
  /** The count must also reach this multiple of the expectation. */
  minRatio: number;
  /** Minutes of trailing history that form the baseline. */
  baselineMinutes: number;
  /** Also compare with the same time of day on the previous 7 days (and the same weekday). */
  seasonal: boolean;
  /** From this multiple of the expectation the alert is critical; null never escalates. */
  criticalRatio: number | null;
}

export interface VolumeSpikeParams extends RateParams {
  kind: 'volume-spike';
}

export interface NegativeSurgeParams extends RateParams {
  kind: 'negative-surge';
  /**
   * Share of negatives that counts as a surge on its own (with at least `minCount` negatives),
   * when it also exceeds the baseline's share by 0.2: what fires before any history exists.
   */
  minShare: number;
}

export interface InfluencerParams {
  kind: 'influencer';
  /** Authors with at least this many followers count; null ignores followers. */
  minFollowers: number | null;
  /** Authors with at least this clout (0–100) count; null ignores clout. */
  minClout: number | null;
  /** Authors on a watchlist count whatever their reach (where watchlists exist). */
  useWatchlists: boolean;
  /** Only negative mentions (the default); false alerts on any mention. */
  negativeOnly: boolean;
  /** From this many followers the alert is critical; null never escalates. */
  criticalFollowers: number | null;
}

export interface KeywordParams {
  kind: 'keyword';
  /** A query in the topic language (see the query language in docs/topics.md). */
  query: string;
  /** Matches needed within `windowMinutes`. */
  minCount: number;
  windowMinutes: number;
}

export interface TrendingTermParams {
  kind: 'trending-term';
  /** Mentions of the new term needed in the window. */
  minCount: number;
  windowMinutes: number;
  /** The period the term must have been absent from. */
  baselineMinutes: number;
}

export interface ResponseTimeParams {
  kind: 'response-time';
  /** A customer waiting longer than this is a breach. */
  targetMinutes: number;
}

export interface SourceDownParams {
  kind: 'source-down';
  /** One source, or null for every source. */
  sourceId: string | null;
}

export type RuleParams =
  VolumeSpikeParams | NegativeSurgeParams | InfluencerParams | KeywordParams | TrendingTermParams | ResponseTimeParams | SourceDownParams;

/** Local wall-clock hours ("22:00"–"07:00") in which only critical alerts open. */
export interface QuietHours {
  from: string;
  to: string;
}

/** What the user edits: everything but the id and timestamps. */
export interface AlertRuleInput {
  name: string;
  /** The topic watched; null for all mentions. */
  topicId: number | null;
  enabled: boolean;
  severity: AlertSeverity;
  /** After an alert opens, the same rule and key opens no new one for this long. */
  cooldownMinutes: number;
  /** The condition must hold continuously this long before an alert opens (0: at once). */
  persistMinutes: number;
  quietHours: QuietHours | null;
  params: RuleParams;
}

export interface AlertRule extends AlertRuleInput {
  id: number;
  createdAt: number;
  updatedAt: number;
}

/** The alert kind each rule kind raises (kept from the foundation so walls and tests still match). */
export const ALERT_KIND_OF_RULE: Record<RuleKind, AlertKind> = {
  'volume-spike': 'volume-spike',
  'negative-surge': 'negative-surge',
  influencer: 'influencer-complaint',
  keyword: 'keyword',
  'trending-term': 'trending-term',
  'response-time': 'response-time',
  'source-down': 'source-down',
};

/** One firing of a backtest (an alert opening, or an open one escalating), on the editor's timeline. */
export interface BacktestFiring {
  at: number;
  key: string;
  severity: AlertSeverity;
  title: string;
  detail: string;
  observed: number;
  expected: number | null;
  bandHigh: number | null;
  /** Fired, but quiet hours held it back (non-critical). */
  suppressed: boolean;
}

export interface BacktestPoint {
  minute: number;
  total: number;
  negative: number;
}

export interface BacktestResult {
  from: number;
  to: number;
  firings: BacktestFiring[];
  /** Incidents the firings would have been grouped into. */
  incidents: number;
  /** Per-minute counts of the rule's scope, at most ~600 points (summed into wider steps for long ranges). */
  series: BacktestPoint[];
  stepMinutes: number;
  /** Set when the rule cannot be replayed (e.g. a keyword rule without the query language). */
  unavailable: string | null;
}

export const WEBHOOK_FORMATS = ['slack', 'teams', 'json'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** An outbound webhook. Its secret never leaves the core: the renderer only sees `hasSecret`. */
export interface WebhookDestination {
  id: number;
  name: string;
  url: string;
  format: WebhookFormat;
  minSeverity: AlertSeverity;
  enabled: boolean;
  hasSecret: boolean;
  createdAt: number;
}

export interface WebhookDelivery {
  id: number;
  destinationId: number;
  alertId: number | null;
  at: number;
  attempts: number;
  status: 'delivered' | 'failed';
  /** Last HTTP status, or null for a network error or timeout. */
  httpStatus: number | null;
  error: string | null;
}
