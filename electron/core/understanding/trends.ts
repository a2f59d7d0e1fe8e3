/**
 * Trending terms: per-minute term counts per topic (`term_minute`, filled in each batch's
 * transaction; topic 0 = all mentions) and a pure scoring function.
 *
 * Score: for a term counted `c` times in the window and `b` times in the baseline period just
 * before it, the expected count over a window of the same length is e = b × window / baseline,
 * and the score is (c − e) / √(e + 1): how many "Poisson standard deviations" above its own
 * baseline the term is (the +1 keeps a term that appears from nothing from dominating on a count of 2).
 * A term trends when c ≥ MIN_COUNT and c > e; a term absent from the baseline is `isNew`.
 */
import type { TrendingTerm } from '@shared/domain/trends';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import type { Store } from '../store/store';
import { PHRASE_SAMPLE, queryWords, refineTrends, withoutExcluded, type ExcludedWords } from './trend-terms';

export const MIN_TREND_COUNT = 3;
/** Topic id under which every mention's terms are counted. */
export const ALL_TOPICS = 0;

export interface TrendOptions {
  topicId: number | null;
  windowMinutes: number;
  baselineMinutes: number;
  now: number;
  limit: number;
}

export function scoreTrends(
  window: ReadonlyMap<string, number>,
  baseline: ReadonlyMap<string, number>,
  windowMinutes: number,
  baselineMinutes: number,
  limit: number,
  minCount: number = MIN_TREND_COUNT,
): TrendingTerm[] {
  const ratio = baselineMinutes > 0 ? windowMinutes / baselineMinutes : 0;
  const out: TrendingTerm[] = [];
  for (const [term, count] of window) {
    if (count < minCount) continue;
    const before = baseline.get(term) ?? 0;
    const expected = before * ratio;
    if (count <= expected) continue;
    const score = (count - expected) / Math.sqrt(expected + 1);
    out.push({ term, count, expected: Math.round(expected * 100) / 100, score: Math.round(score * 100) / 100, isNew: before === 0 });
  }
  out.sort((a, b) => b.score - a.score || b.count - a.count || a.term.localeCompare(b.term));
  return out.slice(0, Math.max(0, limit));
}

/** Terms rising in the last `windowMinutes` (up to `now`) against the `baselineMinutes` before. */
export function trendingTerms(store: Store, options: TrendOptions): TrendingTerm[] {
  const topic = options.topicId ?? ALL_TOPICS;
  const end = floorToMinute(options.now) + MINUTE_MS;
  const windowStart = end - options.windowMinutes * MINUTE_MS;
  const baselineStart = windowStart - options.baselineMinutes * MINUTE_MS;
  const window = store.understanding.termCounts(topic, windowStart, end);
  const baseline = store.understanding.termCounts(topic, baselineStart, windowStart);
  return readableTrends(store, options.topicId, window, baseline, { ...options, windowStart, end, heardBy: Number.MAX_SAFE_INTEGER });
}

/** The words a topic is defined by (all enabled topics' for "everything"): never news about it. */
export function topicWords(store: Store, topicId: number | null): ExcludedWords {
  const topics = topicId === null ? store.topics.list().filter((t) => t.enabled) : [store.topics.get(topicId)].filter((t) => t !== null);
  return queryWords(topics.map((t) => t.query));
}

/**
 * Scores window against baseline without the topic's own words and filler, then folds words into
 * the phrases they trend as (see trend-terms.ts). Live and replay both end here, so a replay
 * shows what the wall showed.
 */
export function readableTrends(
  store: Store,
  topicId: number | null,
  window: ReadonlyMap<string, number>,
  baseline: ReadonlyMap<string, number>,
  o: { windowMinutes: number; baselineMinutes: number; limit: number; windowStart: number; end: number; heardBy: number },
): TrendingTerm[] {
  const excluded = topicWords(store, topicId);
  const scored = scoreTrends(
    withoutExcluded(window, excluded),
    withoutExcluded(baseline, excluded),
    o.windowMinutes,
    o.baselineMinutes,
    Number.MAX_SAFE_INTEGER,
  );
  if (scored.length === 0) return [];
  const sample = store.understanding.windowTexts(topicId, o.windowStart, o.end, o.heardBy, PHRASE_SAMPLE);
  return refineTrends(scored, sample, o.limit);
}
