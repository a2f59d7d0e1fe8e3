/** Replays stored history for an unsaved rule through the same detector and stateful layer. */
import type { AlertRuleInput, BacktestResult } from '@shared/domain/alert-rule';
import type { Mention } from '@shared/domain/mention';
import { chartSeries, mentionSignals, rateSignals, replay } from '@shared/logic/alerts/backtest';
import { MinuteSeries } from '@shared/logic/alerts/series';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import type { AlertDeps } from './alert-providers';

/** Mentions a backtest of a per-mention rule reads at most. */
const BACKTEST_MENTION_LIMIT = 200_000;

export function backtestRule(deps: Pick<AlertDeps, 'store' | 'providers' | 'stepOptions'>, rule: AlertRuleInput, from: number, to: number): BacktestResult {
  const { store, providers, stepOptions } = deps;
  const historyStart = store.alerting.historyStart(rule.topicId);
  const readFrom = floorToMinute(from - 8 * 24 * 60 * MINUTE_MS);
  const series = new MinuteSeries(historyStart === null ? [] : store.alerting.minuteCounts(rule.topicId, readFrom, to), readFrom, to, historyStart ?? to);
  const chart = chartSeries(series, from, to);
  const base = { from, to, series: chart.points, stepMinutes: chart.stepMinutes };
  let signalsAt = rateSignals(rule, series);
  if (!signalsAt && (rule.params.kind === 'influencer' || rule.params.kind === 'keyword')) {
    let matches: ((m: Mention) => boolean) | null = null;
    if (rule.params.kind === 'keyword') {
      if (!providers.compileQuery)
        return { ...base, firings: [], incidents: 0, unavailable: 'keyword rules need the topic query language, which this build does not have' };
      const compiled = providers.compileQuery(rule.params.query);
      if (typeof compiled === 'string') return { ...base, firings: [], incidents: 0, unavailable: `the query does not parse: ${compiled}` };
      matches = compiled;
    }
    const mentions = store.alerting
      .mentionsInRange(from, to + 1, BACKTEST_MENTION_LIMIT)
      .filter((m) => rule.topicId === null || m.topicIds.includes(rule.topicId));
    signalsAt = mentionSignals(rule, mentions, matches);
  }
  if (!signalsAt) {
    return {
      ...base,
      firings: [],
      incidents: 0,
      unavailable: `${rule.params.kind} rules depend on live state (source health, waiting customers, term counts) that is not stored per minute, so they cannot be replayed`,
    };
  }
  const result = replay(rule, from, to, signalsAt, stepOptions);
  return { ...base, ...result, unavailable: null };
}
