/**
 * Replays stored history through the same detectors and the same stateful layer as the live
 * service, one evaluation at the end of every minute, and reports each alert that would have opened.
 */
import type { AlertRuleInput, BacktestFiring, BacktestPoint } from '../../domain/alert-rule';
import type { Mention } from '../../domain/mention';
import { floorToMinute, MINUTE_MS } from '../time';
import { detectInfluencer, detectKeyword, detectNegativeSurge, detectVolumeSpike } from './detectors';
import { INCIDENT_WINDOW_MS, step, type EngineState, type StepOptions } from './engine';
import type { MinuteSeries } from './series';
import type { Signal } from './signal';

export interface ReplayResult {
  firings: BacktestFiring[];
  incidents: number;
}

/** Signals of a rule at `now`, for the rule kinds a backtest can replay. */
export type SignalsAt = (now: number) => Signal[];

export function replay(rule: AlertRuleInput, from: number, to: number, signalsAt: SignalsAt, options: StepOptions = {}): ReplayResult {
  const state: EngineState = new Map();
  const firings: BacktestFiring[] = [];
  let incidents = 0;
  let lastFiring = -Infinity;
  for (let minute = floorToMinute(from); minute <= to; minute += MINUTE_MS) {
    const now = minute + MINUTE_MS - 1;
    for (const d of step({ ...rule, kind: rule.params.kind }, signalsAt(now), now, state, options)) {
      // Openings, quiet-hours suppressions, and escalations of an open alert to a higher severity.
      if (d.type === 'resolve' || (d.type === 'update' && !d.escalated)) continue;
      const e = d.signal.explanation;
      firings.push({
        at: now,
        key: d.key,
        severity: d.signal.severity,
        title: d.signal.title,
        detail: d.signal.detail,
        observed: e.observed,
        expected: e.expected,
        bandHigh: e.bandHigh,
        suppressed: d.type === 'suppressed',
      });
      if (d.type !== 'suppressed') {
        if (now - lastFiring > INCIDENT_WINDOW_MS) incidents++;
        lastFiring = now;
      }
    }
  }
  return { firings, incidents };
}

/** The signals function of a rate rule over a minute series. */
export function rateSignals(rule: AlertRuleInput, series: MinuteSeries): SignalsAt | null {
  const p = rule.params;
  if (p.kind === 'volume-spike') return (now) => detectVolumeSpike(p, rule.severity, series, now);
  if (p.kind === 'negative-surge') return (now) => detectNegativeSurge(p, rule.severity, series, now);
  return null;
}

/** The signals function of a per-mention rule over stored mentions (sorted by time). */
export function mentionSignals(rule: AlertRuleInput, mentions: readonly Mention[], matches: ((m: Mention) => boolean) | null): SignalsAt | null {
  const p = rule.params;
  const byMinute = new Map<number, Mention[]>();
  for (const m of mentions) {
    const key = floorToMinute(m.publishedAt);
    const list = byMinute.get(key);
    if (list) list.push(m);
    else byMinute.set(key, [m]);
  }
  if (p.kind === 'influencer') return (now) => detectInfluencer(p, rule.severity, byMinute.get(floorToMinute(now)) ?? []);
  if (p.kind === 'keyword' && matches) {
    const matched = mentions.filter(matches);
    let start = 0;
    return (now) => {
      while (start < matched.length && matched[start]!.publishedAt <= now - p.windowMinutes * MINUTE_MS) start++;
      let end = start;
      while (end < matched.length && matched[end]!.publishedAt <= now) end++;
      return detectKeyword(p, rule.severity, matched.slice(start, end), now);
    };
  }
  return null;
}

/** Per-minute counts for the editor's chart, summed into steps so there are at most `maxPoints`. */
export function chartSeries(series: MinuteSeries, from: number, to: number, maxPoints = 600): { points: BacktestPoint[]; stepMinutes: number } {
  const first = floorToMinute(from);
  const minutes = Math.floor((floorToMinute(to) - first) / MINUTE_MS) + 1;
  const stepMinutes = Math.max(1, Math.ceil(minutes / maxPoints));
  const points: BacktestPoint[] = [];
  for (let m = first; m <= to; m += stepMinutes * MINUTE_MS) {
    const end = m + stepMinutes * MINUTE_MS;
    points.push({ minute: m, total: series.sum('total', m, end), negative: series.sum('negative', m, end) });
  }
  return { points, stepMinutes };
}
