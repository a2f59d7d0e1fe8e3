/**
 * The detector of each alert rule kind, beside the kind's registry entry in
 * `shared/contract/alert-rule-kinds.ts`: when it is judged (on each stored batch, on the evaluation
 * timer, or both) and which detector of `shared/logic/alerts/detectors.ts` it runs on which inputs.
 * The evaluator supplies the inputs and keeps the state several evaluations share.
 */
import type { AlertRule, RuleKind, RuleParams, TrendingTermParams, KeywordParams } from '@shared/domain/alert-rule';
import type { Mention } from '@shared/domain/mention';
import type { SourceHealth } from '@shared/domain/source';
import type { TrendingTerm } from '@shared/domain/trends';
import type { WaitingItem } from '@shared/domain/waiting';
import {
  detectInfluencer,
  detectKeyword,
  detectNegativeSurge,
  detectResponseTime,
  detectSourceDown,
  detectTrendingTerm,
  detectVolumeSpike,
  type WatchlistCheck,
} from '@shared/logic/alerts/detectors';
import type { MinuteSeries } from '@shared/logic/alerts/series';
import type { Signal } from '@shared/logic/alerts/signal';

/** What a detector may ask for; the evaluator answers, caching what several rules share. */
export interface DetectInputs {
  at: number;
  /** The per-minute series of a scope (a topic, or null for every mention); null when there is none. */
  series(topicId: number | null): MinuteSeries | null;
  sources: readonly SourceHealth[];
  waiting(): WaitingItem[];
  /** The rule's trending terms, or null when this build has none. */
  trendingTerms(rule: AlertRule, params: TrendingTermParams): TrendingTerm[] | null;
  watchlist: WatchlistCheck | null;
  /**
   * The rule's matches within its window, with `fresh` posts that match its query added; null
   * when its query cannot be compiled (the rule is skipped).
   */
  keywordMatches(rule: AlertRule, params: KeywordParams, fresh: readonly Mention[]): readonly Mention[] | null;
}

export interface RuleKindDetector<P extends RuleParams> {
  /** Judged on each stored batch, with the posts of the rule's topic (per-post rules). */
  onMentions?(params: P, rule: AlertRule, mentions: readonly Mention[], inputs: DetectInputs): Signal[];
  /** Judged on the evaluation timer; an empty answer tells the engine time has passed. */
  onTick(params: P, rule: AlertRule, inputs: DetectInputs): Signal[];
  /** Asked on the timer at most this often (what it reads changes slower than the tick). */
  tickEveryMs?: number;
}

const NONE: readonly Mention[] = [];

/** Complete by type: a kind without a detector does not compile. */
export const RULE_KIND_DETECTORS: { readonly [K in RuleKind]: RuleKindDetector<Extract<RuleParams, { kind: K }>> } = {
  'volume-spike': {
    onTick: (p, rule, inputs) => {
      const series = inputs.series(rule.topicId);
      return series ? detectVolumeSpike(p, rule.severity, series, inputs.at) : [];
    },
  },
  'negative-surge': {
    onTick: (p, rule, inputs) => {
      const series = inputs.series(rule.topicId);
      return series ? detectNegativeSurge(p, rule.severity, series, inputs.at) : [];
    },
  },
  influencer: {
    onMentions: (p, rule, mentions, inputs) => detectInfluencer(p, rule.severity, mentions, inputs.watchlist),
    // Posts arrive through onMentions; the timer only tells the engine that time has passed.
    onTick: () => [],
  },
  keyword: {
    onMentions: (p, rule, mentions, inputs) => {
      const kept = inputs.keywordMatches(rule, p, mentions);
      return kept ? detectKeyword(p, rule.severity, kept, inputs.at) : [];
    },
    onTick: (p, rule, inputs) => detectKeyword(p, rule.severity, inputs.keywordMatches(rule, p, NONE) ?? NONE, inputs.at),
  },
  'trending-term': {
    onTick: (p, rule, inputs) => {
      const terms = inputs.trendingTerms(rule, p);
      return terms ? detectTrendingTerm(p, rule.severity, terms) : [];
    },
  },
  'response-time': {
    onTick: (p, rule, inputs) => detectResponseTime(p, rule.severity, inputs.waiting(), rule.topicId, inputs.at),
    // Waiting customers change by the minute; asking the care inbox every tick would be waste.
    tickEveryMs: 15_000,
  },
  'source-down': {
    onTick: (p, rule, inputs) => detectSourceDown(p, rule.severity, inputs.sources, inputs.at),
  },
};

/** The detector of a rule's kind, for parameters of that kind (the rule holds a union). */
export function detectorFor(params: RuleParams): RuleKindDetector<RuleParams> {
  return RULE_KIND_DETECTORS[params.kind] as unknown as RuleKindDetector<RuleParams>;
}
