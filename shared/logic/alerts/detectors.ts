/**
 * The detectors: pure functions of (rule, window statistics or the items to judge, time). Each
 * returns the signals that hold now; the stateful layer (`engine.ts`) turns them into alerts.
 */
import type { AlertSeverity } from '../../domain/alert';
import type {
  InfluencerParams,
  KeywordParams,
  NegativeSurgeParams,
  ResponseTimeParams,
  SourceDownParams,
  TrendingTermParams,
  VolumeSpikeParams,
} from '../../domain/alert-rule';
import type { Mention } from '../../domain/mention';
import type { SourceHealth } from '../../domain/source';
import type { TrendingTerm } from '../../domain/trends';
import { lateWaiting, type WaitingItem } from '../../domain/waiting';
import { formatCompact } from '../format';
import { sourceFreshness } from '../freshness';
import { floorToMinute, MINUTE_MS } from '../time';
import { rateVerdicts, shareVerdict, type RateVerdict } from './rate';
import type { MinuteSeries } from './series';
import type { Signal } from './signal';

const round = (n: number): number => Math.round(n * 10) / 10;

function escalate(base: AlertSeverity, critical: boolean): AlertSeverity {
  return critical ? 'critical' : base;
}

function rateDetail(noun: string, v: RateVerdict): string {
  const expected = v.expected === null ? 'no baseline' : `expected ${round(v.expected)} (band up to ${round(v.bandHigh ?? 0)})`;
  return `${v.observed} ${noun} in the last ${v.windowMinutes} min; ${expected}, ${v.basis === 'seasonal' ? 'from the same time on previous days' : 'from the trailing baseline'}.`;
}

export function detectVolumeSpike(params: VolumeSpikeParams, severity: AlertSeverity, series: MinuteSeries, now: number): Signal[] {
  const best = rateVerdicts(params, series, 'total', now)[0];
  if (!best?.fired) return [];
  return [
    {
      key: 'all',
      severity: escalate(severity, best.critical),
      title: 'Volume spike',
      detail: rateDetail('mentions', best),
      explanation: {
        rule: `Volume spike: above a ${params.sensitivity}σ band, at least ${params.minCount} mentions and ${params.minRatio}× the expectation`,
        measure: `mentions in the last ${best.windowMinutes} min`,
        observed: best.observed,
        expected: best.expected,
        bandLow: best.bandLow,
        bandHigh: best.bandHigh,
        windowMinutes: best.windowMinutes,
      },
      evidence: [],
      window: { from: best.windowStart, to: floorToMinute(now) + MINUTE_MS },
    },
  ];
}

export function detectNegativeSurge(params: NegativeSurgeParams, severity: AlertSeverity, series: MinuteSeries, now: number): Signal[] {
  const rule = `Negative surge: negatives above a ${params.sensitivity}σ band (at least ${params.minCount}, ${params.minRatio}× expected), or over ${Math.round(params.minShare * 100)}% negative`;
  const best = rateVerdicts(params, series, 'negative', now)[0];
  if (best?.fired) {
    return [
      {
        key: 'all',
        severity: escalate(severity, best.critical),
        title: 'Negative surge',
        detail: rateDetail('negative mentions', best),
        explanation: {
          rule,
          measure: `negative mentions in the last ${best.windowMinutes} min`,
          observed: best.observed,
          expected: best.expected,
          bandLow: best.bandLow,
          bandHigh: best.bandHigh,
          windowMinutes: best.windowMinutes,
        },
        evidence: [],
        window: { from: best.windowStart, to: floorToMinute(now) + MINUTE_MS },
      },
    ];
  }
  const share = shareVerdict(params.minShare, params.minCount, params.baselineMinutes, series, now);
  if (!share.fired) return [];
  const against = share.baselineShare === null ? 'no baseline yet' : `baseline ${Math.round(share.baselineShare * 100)}% negative`;
  return [
    {
      key: 'all',
      severity,
      title: 'Negative surge',
      detail: `${share.negative} of ${share.total} mentions in the last ${share.windowMinutes} min are negative (${Math.round(share.share * 100)}%); ${against}.`,
      explanation: {
        rule,
        measure: `negative share of mentions in the last ${share.windowMinutes} min (%)`,
        observed: Math.round(share.share * 100),
        expected: share.baselineShare === null ? null : Math.round(share.baselineShare * 100),
        bandLow: null,
        bandHigh: Math.round(Math.max(params.minShare, (share.baselineShare ?? 0) + 0.2) * 100),
        windowMinutes: share.windowMinutes,
      },
      evidence: [],
      window: { from: share.windowStart, to: floorToMinute(now) + MINUTE_MS },
    },
  ];
}

/** A post shortened for an alert line: cut at a word boundary and marked as cut. */
export function quote(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

export type WatchlistCheck = (mention: Mention) => string | null;

/** One signal per qualifying author (the newest mention's words), newest mention first in evidence. */
export function detectInfluencer(
  params: InfluencerParams,
  severity: AlertSeverity,
  mentions: readonly Mention[],
  onWatchlist: WatchlistCheck | null = null,
): Signal[] {
  const byAuthor = new Map<string, Signal>();
  const sorted = [...mentions].sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id);
  for (const m of sorted) {
    if (params.negativeOnly && m.sentiment !== 'negative') continue;
    const followers = m.authorFollowers ?? 0;
    const byFollowers = params.minFollowers !== null && followers >= params.minFollowers;
    const byClout = params.minClout !== null && m.clout >= params.minClout;
    const list = params.useWatchlists && onWatchlist ? onWatchlist(m) : null;
    if (!byFollowers && !byClout && list === null) continue;
    const key = `author:${m.platform}:${m.authorHandle.toLowerCase()}`;
    const existing = byAuthor.get(key);
    if (existing) {
      existing.evidence.push(m.id);
      continue;
    }
    const critical = params.criticalFollowers !== null && followers >= params.criticalFollowers;
    const why = [
      byFollowers ? `${formatCompact(followers)} followers` : null,
      byClout ? `clout ${Math.round(m.clout)}` : null,
      list !== null ? `on watchlist "${list}"` : null,
    ]
      .filter(Boolean)
      .join(', ');
    byAuthor.set(key, {
      key,
      severity: escalate(severity, critical),
      title: `Influencer ${m.sentiment === 'negative' ? 'complaint' : 'mention'}: @${m.authorHandle}`,
      detail: `@${m.authorHandle} (${why} on ${m.platform}) posted a ${m.sentiment} mention: "${quote(m.text, 140)}"`,
      explanation: {
        rule: `Influencer alarm: ${params.negativeOnly ? 'a negative' : 'any'} mention from an author with ${[
          params.minFollowers !== null ? `≥ ${formatCompact(params.minFollowers)} followers` : null,
          params.minClout !== null ? `clout ≥ ${params.minClout}` : null,
          params.useWatchlists ? 'a watchlist entry' : null,
        ]
          .filter(Boolean)
          .join(' or ')}`,
        measure: params.minFollowers !== null ? 'author followers' : 'author clout',
        observed: params.minFollowers !== null ? followers : Math.round(m.clout),
        expected: null,
        bandLow: null,
        bandHigh: params.minFollowers ?? params.minClout,
        windowMinutes: 0,
      },
      evidence: [m.id],
      window: null,
    });
  }
  return [...byAuthor.values()];
}

/** Keyword watch: `matches` are the mentions of the scope matching the query within the window. */
export function detectKeyword(params: KeywordParams, severity: AlertSeverity, matches: readonly Mention[], now: number): Signal[] {
  const from = now - params.windowMinutes * MINUTE_MS;
  const inWindow = matches.filter((m) => m.publishedAt > from && m.publishedAt <= now).sort((a, b) => b.publishedAt - a.publishedAt || b.id - a.id);
  if (inWindow.length < params.minCount) return [];
  const newest = inWindow[0]!;
  return [
    {
      key: 'query',
      severity,
      title: `Keyword watch: ${quote(params.query, 60)}`,
      detail: `${inWindow.length} mention${inWindow.length === 1 ? '' : 's'} matching ${quote(params.query, 80)} in the last ${params.windowMinutes} min; newest by @${newest.authorHandle}: "${quote(newest.text, 120)}"`,
      explanation: {
        rule: `Keyword watch: at least ${params.minCount} mention${params.minCount === 1 ? '' : 's'} matching the query within ${params.windowMinutes} min`,
        measure: `matching mentions in the last ${params.windowMinutes} min`,
        observed: inWindow.length,
        expected: null,
        bandLow: null,
        bandHigh: params.minCount,
        windowMinutes: params.windowMinutes,
      },
      evidence: inWindow.slice(0, 20).map((m) => m.id),
      // The evidence is exactly the matches; the window's other mentions did not contribute.
      window: null,
    },
  ];
}

/** New trending term: a term absent from the baseline that now reaches `minCount`. */
export function detectTrendingTerm(params: TrendingTermParams, severity: AlertSeverity, terms: readonly TrendingTerm[]): Signal[] {
  return terms
    .filter((t) => t.isNew && t.count >= params.minCount)
    .map((t) => ({
      key: `term:${t.term}`,
      severity,
      title: `New trending term: ${t.term}`,
      detail: `"${t.term}" appears in ${t.count} mentions in the last ${params.windowMinutes} min and was absent from the previous ${Math.round(params.baselineMinutes / 60)} h.`,
      explanation: {
        rule: `New trending term: absent from the last ${Math.round(params.baselineMinutes / 60)} h, now in at least ${params.minCount} mentions within ${params.windowMinutes} min`,
        measure: `mentions containing "${t.term}" in the last ${params.windowMinutes} min`,
        observed: t.count,
        expected: t.expected,
        bandLow: null,
        bandHigh: params.minCount,
        windowMinutes: params.windowMinutes,
      },
      evidence: [],
      window: null,
    }));
}

/** Response-time breach: one signal per rule summarising every customer waiting past the target. */
export function detectResponseTime(
  params: ResponseTimeParams,
  severity: AlertSeverity,
  waiting: readonly WaitingItem[],
  topicId: number | null,
  now: number,
): Signal[] {
  const { late, longestMinutes } = lateWaiting(waiting, params.targetMinutes, now, topicId);
  if (late.length === 0 || longestMinutes === null) return [];
  const longest = longestMinutes;
  return [
    {
      key: 'breach',
      severity,
      title: 'Response-time breach',
      detail: `${late.length} customer${late.length === 1 ? ' has' : 's have'} waited more than ${params.targetMinutes} min for an answer; the longest, @${late[0]!.authorHandle}, for ${longest} min.`,
      explanation: {
        rule: `Response-time breach: a customer who needs an answer has waited longer than ${params.targetMinutes} min`,
        measure: 'longest wait (min)',
        observed: longest,
        expected: null,
        bandLow: null,
        bandHigh: params.targetMinutes,
        windowMinutes: 0,
      },
      evidence: late.slice(0, 20).map((w) => w.firstMentionId),
      window: null,
    },
  ];
}

/** Source down or stale, from the scheduler's health (the freshness the walls show). */
export function detectSourceDown(params: SourceDownParams, severity: AlertSeverity, sources: readonly SourceHealth[], now: number): Signal[] {
  const out: Signal[] = [];
  for (const source of sources) {
    if (params.sourceId !== null && source.id !== params.sourceId) continue;
    const freshness = sourceFreshness(source, now);
    if (freshness !== 'failing' && freshness !== 'stale') continue;
    const silentFor = source.lastSuccessAt === null ? null : Math.floor((now - source.lastSuccessAt) / MINUTE_MS);
    out.push({
      key: `source:${source.id}`,
      severity,
      title: `Source ${freshness === 'failing' ? 'failing' : 'stale'}: ${source.name}`,
      detail:
        freshness === 'failing'
          ? `${source.name} fails: ${source.lastError ?? 'unknown error'}`
          : `${source.name} has delivered nothing since ${source.lastSuccessAt === null ? 'it started' : new Date(source.lastSuccessAt).toISOString()}.`,
      explanation: {
        rule: 'Source down or stale: a source fails, or delivers nothing for 3 of its intervals (at least 30 s)',
        measure: 'minutes since the last successful poll',
        observed: silentFor ?? 0,
        expected: null,
        bandLow: null,
        bandHigh: Math.max(0.5, (source.intervalMs * 3) / MINUTE_MS),
        windowMinutes: 0,
      },
      evidence: [],
      window: null,
    });
  }
  return out;
}
