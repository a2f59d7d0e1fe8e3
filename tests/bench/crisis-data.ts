/**
 * The shared crisis timelines (CrisisLexT26) and a calm background, for tuning and checking the
 * default rate rules: each crisis becomes the minute series of a topic whose query is the
 * collection's keywords, so every collected tweet belongs to the topic whether or not its text was
 * published. The split below was fixed before any setting was tried; the owners keep other crises
 * aside as the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AlertRuleInput } from '@shared/domain/alert-rule';
import type { MentionInput } from '@shared/domain/mention';
import { rateSignals, replay } from '@shared/logic/alerts/backtest';
import { MinuteSeries, type MinuteCounts } from '@shared/logic/alerts/series';
import { floorToMinute, MINUTE_MS } from '@shared/logic/time';
import { scoreSentiment } from '../../electron/core/analysis/sentiment';
import { DemoSource } from '../../electron/core/sources/demo/demo-source';
import { mulberry32 } from '../../electron/core/sources/demo/random';

/** Share of the peak rate at a time of day (UTC): 0.2 at 04:00, 1 at 16:00. */
export function dayCurve(at: number): number {
  const hour = (at % (24 * 60 * MINUTE_MS)) / (60 * MINUTE_MS);
  return 0.6 - 0.4 * Math.cos((2 * Math.PI * (hour - 4)) / 24);
}

export interface Crisis {
  /** The file prefix in crisis-timelines/. */
  event: string;
  /** Onset in UTC, from public records (../shared/data/README.md). */
  onset: number;
  /** A query a user would define for it. */
  query: string;
  split: 'train' | 'validation';
}

/** Chosen up front: four crises to tune on, three to validate on. */
export const CRISES: readonly Crisis[] = [
  { event: '2013_NY_train_crash', onset: Date.UTC(2013, 11, 1, 12, 20), query: 'train OR derailment OR metronorth OR "metro north"', split: 'train' },
  { event: '2013_Russia_meteor', onset: Date.UTC(2013, 1, 15, 3, 20), query: 'meteor OR meteorite OR chelyabinsk OR метеорит OR челябинск', split: 'train' },
  { event: '2013_West_Texas_explosion', onset: Date.UTC(2013, 3, 18, 0, 50), query: 'explosion OR "west texas" OR fertilizer', split: 'train' },
  { event: '2013_Brazil_nightclub_fire', onset: Date.UTC(2013, 0, 27, 4, 30), query: '"santa maria" OR boate OR nightclub OR kiss', split: 'train' },
  { event: '2013_Glasgow_helicopter_crash', onset: Date.UTC(2013, 10, 29, 22, 22), query: 'glasgow OR helicopter OR clutha', split: 'validation' },
  { event: '2012_Costa_Rica_earthquake', onset: Date.UTC(2012, 8, 5, 14, 42), query: 'earthquake OR terremoto OR sismo OR temblor', split: 'validation' },
  { event: '2012_Venezuela_refinery', onset: Date.UTC(2012, 7, 25, 5, 40), query: 'amuay OR refineria OR refinery OR explosion', split: 'validation' },
];

/** A topic's surge: the moment its 5th post within 5 minutes arrives. */
export const SURGE_POSTS = 5;
export const SURGE_MINUTES = 5;

export interface CrisisRow {
  id: string;
  at: number;
  /** null where the data set publishes only the tweet's id and time. */
  text: string | null;
}

/** Every collected tweet of an event with its time, and the text where the labelled subset has it. */
export function crisisRows(dir: string, event: string): CrisisRow[] {
  const opts = { columns: true, bom: true, skip_empty_lines: true, relax_quotes: true, trim: true } as const;
  const labelled = parse(readFileSync(join(dir, `${event}-tweets_labeled.csv`)), opts) as Array<Record<string, string>>;
  const text = new Map(labelled.map((r) => [(r['Tweet ID'] ?? '').replace(/'/g, ''), r['Tweet Text'] ?? '']));
  const ids = parse(readFileSync(join(dir, `${event}-tweetids_entire_period.csv`)), opts) as Array<Record<string, string>>;
  const seen = new Set<string>();
  const rows: CrisisRow[] = [];
  for (const r of ids) {
    const id = (r['Tweet-ID'] ?? '').replace(/'/g, '');
    const at = Date.parse(r.Timestamp ?? '');
    if (!id || seen.has(id) || !Number.isFinite(at)) continue;
    seen.add(id);
    rows.push({ id, at, text: text.get(id) || null });
  }
  return rows.sort((a, b) => a.at - b.at);
}

/** The moment of the first surge, or null when the timeline never has one. */
export function firstSurge(times: readonly number[]): number | null {
  for (let i = SURGE_POSTS - 1; i < times.length; i++) {
    if (times[i]! - times[i - SURGE_POSTS + 1]! < SURGE_MINUTES * MINUTE_MS) return times[i]!;
  }
  return null;
}

export function toSeries(events: ReadonlyArray<{ at: number; negative: boolean }>, historyStart: number, to: number): MinuteSeries {
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

/** Listening on the topic began this long before the timeline's first tweet. */
export const WARM_UP_MS = 120 * MINUTE_MS;

export interface CrisisRun {
  crisis: Crisis;
  series: MinuteSeries;
  from: number;
  to: number;
  surge: number | null;
}

export function crisisRun(dir: string, crisis: Crisis, hoursAfterOnset = 24): CrisisRun {
  const rows = crisisRows(dir, crisis.event);
  const from = floorToMinute(rows[0]!.at) - WARM_UP_MS;
  const to = Math.min(rows[rows.length - 1]!.at, crisis.onset + hoursAfterOnset * 60 * MINUTE_MS);
  const events = rows.filter((r) => r.at <= to).map((r) => ({ at: r.at, negative: r.text !== null && scoreSentiment(r.text).label === 'negative' }));
  return { crisis, series: toSeries(events, from, to), from, to, surge: firstSurge(rows.map((r) => r.at)) };
}

/** The first opening of any of the rules (earliest `at`), or null. */
export function firstFiring(rules: readonly AlertRuleInput[], series: MinuteSeries, from: number, to: number): { at: number; rule: string } | null {
  let best: { at: number; rule: string } | null = null;
  for (const rule of rules) {
    const signals = rateSignals(rule, series);
    if (!signals) continue;
    const f = replay(rule, from, to, signals, { utcOffsetMinutes: () => 0 }).firings.find((x) => !x.suppressed);
    if (f && (!best || f.at < best.at)) best = { at: f.at, rule: rule.name };
  }
  return best;
}

/** All openings of the rules over a series. */
export function openings(rules: readonly AlertRuleInput[], series: MinuteSeries, from: number, to: number): number[] {
  const out: number[] = [];
  for (const rule of rules) {
    const signals = rateSignals(rule, series);
    if (!signals) continue;
    for (const f of replay(rule, from, to, signals, { utcOffsetMinutes: () => 0 }).firings) if (!f.suppressed) out.push(f.at);
  }
  return out.sort((a, b) => a - b);
}

/**
 * A calm topic-week: the demo source with no scripted episodes, its posts scored by the real
 * sentiment analysis. `ratePerMinute` sets how busy the topic is at its daily peak; posts are
 * thinned by a day curve (a fifth of the peak at night) because real topics sleep, and the
 * morning rise is what a constant stream would never test.
 */
export async function calmWeek(ratePerMinute: number, seed: number, days = 7): Promise<{ series: MinuteSeries; from: number; to: number }> {
  const from = Date.UTC(2025, 4, 5);
  const to = from + days * 24 * 60 * MINUTE_MS;
  const demo = new DemoSource('calm', { ratePerMinute, episodeEveryMinutes: null, seed });
  const events: Array<{ at: number; negative: boolean }> = [];
  let cursor: string | null = null;
  const keep = mulberry32(seed * 7919);
  for (let now = from + MINUTE_MS; now <= to; now += MINUTE_MS) {
    const result = await demo.poll({ cursor, now } as Parameters<DemoSource['poll']>[0]);
    cursor = result.cursor;
    for (const item of result.items as MentionInput[]) {
      if (keep() > dayCurve(item.publishedAt)) continue;
      events.push({ at: item.publishedAt, negative: scoreSentiment(item.text).label === 'negative' });
    }
  }
  return { series: toSeries(events, from, to), from, to };
}
