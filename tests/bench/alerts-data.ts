/**
 * Real timelines for the alert benchmark and tests: the airline tweets per airline, the 2013
 * train-crash timeline, and the demo source's scripted episodes in simulated time. Each becomes a
 * minute series and is replayed through the default rules with `replay` (the backtest's path).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { AlertRuleInput, BacktestFiring } from '@shared/domain/alert-rule';
import type { Mention, MentionInput } from '@shared/domain/mention';
import { mentionSignals, rateSignals, replay } from '@shared/logic/alerts/backtest';
import { DEFAULT_RULES } from '@shared/logic/alerts/defaults';
import { MinuteSeries, type MinuteCounts } from '@shared/logic/alerts/series';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { scoreSentiment } from '../../electron/core/analysis/sentiment';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';

export const RATE_RULES: AlertRuleInput[] = DEFAULT_RULES.filter((r) => r.params.kind === 'volume-spike' || r.params.kind === 'negative-surge');

function toSeries(events: Array<{ at: number; negative: boolean }>, historyStart: number, to: number): MinuteSeries {
  const byMinute = new Map<number, MinuteCounts>();
  for (const e of events) {
    const minute = floorToMinute(e.at);
    const c = byMinute.get(minute) ?? { minute, total: 0, negative: 0 };
    c.total++;
    if (e.negative) c.negative++;
    byMinute.set(minute, c);
  }
  return new MinuteSeries([...byMinute.values()], historyStart, to, historyStart);
}

export function replayRules(series: MinuteSeries, from: number, to: number): Array<BacktestFiring & { rule: string }> {
  const out: Array<BacktestFiring & { rule: string }> = [];
  for (const rule of RATE_RULES) {
    for (const f of replay(rule, from, to, rateSignals(rule, series)!, { utcOffsetMinutes: () => 0 }).firings) out.push({ ...f, rule: rule.name });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Per airline: its tweets (deduplicated by id) with the data set's own sentiment label. */
export function airlineSeries(path: string): Map<string, { series: MinuteSeries; from: number; to: number }> {
  const rows = parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const seen = new Set<string>();
  const byAirline = new Map<string, Array<{ at: number; negative: boolean }>>();
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    const id = r.tweet_id ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const at = Date.parse((r.tweet_created ?? '').replace(' ', 'T').replace(' ', ''));
    if (!Number.isFinite(at)) continue;
    min = Math.min(min, at);
    max = Math.max(max, at);
    const list = byAirline.get(r.airline ?? '?') ?? [];
    list.push({ at, negative: r.airline_sentiment === 'negative' });
    byAirline.set(r.airline ?? '?', list);
  }
  // Collection ran for every airline over the whole period: quiet minutes are history, not gaps.
  const from = floorToMinute(min);
  const to = floorToMinute(max);
  return new Map([...byAirline].map(([airline, events]) => [airline, { series: toSeries(events, from, to), from, to }]));
}

/** The train crash: tweet times (and, where labelled, the text's sentiment). Listening began an hour before. */
export function trainCrashSeries(idsPath: string, labelledPath: string): { series: MinuteSeries; first: number; to: number } {
  const labelled = parse(readFileSync(labelledPath), { columns: true, bom: true, skip_empty_lines: true, relax_quotes: true, trim: true }) as Array<
    Record<string, string>
  >;
  const text = new Map(labelled.map((r) => [r['Tweet ID'] ?? '', r['Tweet Text'] ?? '']));
  const rows = parse(readFileSync(idsPath), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  const events = rows
    .map((r) => {
      const at = Date.parse(r.Timestamp ?? '');
      const t = text.get(r['Tweet-ID'] ?? '');
      return { at, negative: t !== undefined && scoreSentiment(t).label === 'negative' };
    })
    .filter((e) => Number.isFinite(e.at));
  const first = Math.min(...events.map((e) => e.at));
  const to = Math.max(...events.map((e) => e.at));
  return { series: toSeries(events, floorToMinute(first) - 60 * MINUTE_MS, to), first, to };
}

export interface DemoRun {
  series: MinuteSeries;
  /** Mentions from authors with 100k+ followers (what the influencer alarm looks at), scored. */
  loud: Mention[];
  from: number;
  to: number;
  episodes: Array<{ kind: string; startsAt: number; endsAt: number }>;
}

/** The demo source with a fixed seed in simulated time, scored by the real sentiment analysis. */
export async function demoSeries(hours: number, seed = 20150222): Promise<DemoRun> {
  const from = Date.UTC(2025, 2, 3, 0, 0, 0);
  const to = from + hours * 60 * MINUTE_MS;
  const demo = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: 20, seed });
  const events: Array<{ at: number; negative: boolean }> = [];
  const episodes = new Map<string, { kind: string; startsAt: number; endsAt: number }>();
  const loud: Mention[] = [];
  let cursor: string | null = null;
  for (let now = from + 2_000; now <= to; now += 2_000) {
    const result = await demo.poll({ cursor, now } as Parameters<DemoSource['poll']>[0]);
    cursor = result.cursor;
    for (const item of result.items as MentionInput[]) {
      const sentiment = scoreSentiment(item.text);
      events.push({ at: item.publishedAt, negative: sentiment.label === 'negative' });
      if ((item.authorFollowers ?? 0) >= 100_000) {
        loud.push({
          id: loud.length + 1,
          sourceId: 'demo',
          externalId: item.externalId,
          platform: item.platform,
          text: item.text,
          url: item.url ?? null,
          lang: item.lang ?? null,
          publishedAt: item.publishedAt,
          ingestedAt: item.publishedAt,
          authorHandle: item.authorHandle,
          authorName: item.authorName ?? null,
          authorFollowers: item.authorFollowers ?? null,
          authorVerified: item.authorVerified ?? false,
          likes: null,
          reposts: null,
          replies: null,
          replyTo: null,
          sentiment: sentiment.label,
          sentimentScore: sentiment.score,
          sentimentConfidence: Math.abs(sentiment.score),
          intents: [],
          clout: 0,
          urgency: 0,
          topicIds: [],
          episode: item.episode ?? null,
          heardAt: item.publishedAt,
          drillRunId: null,
        });
      }
      if (item.episode && !episodes.has(item.episode)) {
        const [kind, start] = [item.episode.replace(/-\d+$/, ''), Number(/-(\d+)$/.exec(item.episode)?.[1])];
        episodes.set(item.episode, { kind, startsAt: start, endsAt: start + (kind === 'outage' ? 8 : 6) * MINUTE_MS });
      }
    }
  }
  return { series: toSeries(events, from, to), loud, from, to, episodes: [...episodes.values()].sort((a, b) => a.startsAt - b.startsAt) };
}

/** The default influencer rule replayed over the loud mentions of a demo run. */
export function replayInfluencer(run: DemoRun): BacktestFiring[] {
  const rule = DEFAULT_RULES.find((r) => r.params.kind === 'influencer')!;
  return replay(rule, run.from, run.to, mentionSignals(rule, run.loud, null)!, { utcOffsetMinutes: () => 0 }).firings;
}
