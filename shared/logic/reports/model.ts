/** Pure parts of the incident report: bucket size, timeline, authors, response figures. */
import { firstResponseMinutes, durationStats, responseBreaches, type KpiConversation } from '../care/kpis';
import type { ReportAuthor, ReportBucket, ReportResponse, ReportTotals } from './types';

const MINUTE = 60_000;
/** Bucket sizes the timeline may use; the smallest that keeps the chart at most MAX_BUCKETS wide. */
export const BUCKET_MINUTES = [1, 5, 15, 30, 60, 180, 360, 720, 1440] as const;
export const MAX_BUCKETS = 240;

/** Per minute for spans up to 4 hours, then coarser so the chart stays readable (≤ 240 buckets). */
export function bucketMinutesFor(from: number, to: number): number {
  const minutes = Math.max(1, Math.ceil((to - from) / MINUTE));
  return BUCKET_MINUTES.find((b) => minutes / b <= MAX_BUCKETS) ?? 1440;
}

/** Start of the bucket holding `at`, with buckets aligned on `from`. */
export function bucketStart(at: number, from: number, bucketMinutes: number): number {
  const size = bucketMinutes * MINUTE;
  return from + Math.floor((at - from) / size) * size;
}

export interface SentimentCount {
  /** Any time inside the bucket (it is floored), e.g. the minute of a rollup row. */
  at: number;
  sentiment: string;
  count: number;
}

/** Every bucket from `from` to `to` (empty ones included, so the chart's x axis is even). */
export function buildTimeline(counts: readonly SentimentCount[], from: number, to: number, bucketMinutes: number): ReportBucket[] {
  const size = bucketMinutes * MINUTE;
  const buckets: ReportBucket[] = [];
  for (let at = bucketStart(from, from, bucketMinutes); at < to; at += size) buckets.push({ at, total: 0, positive: 0, neutral: 0, negative: 0, net: null });
  for (const c of counts) {
    if (c.at < from || c.at >= to) continue;
    const b = buckets[Math.floor((c.at - from) / size)];
    if (!b) continue;
    b.total += c.count;
    if (c.sentiment === 'positive' || c.sentiment === 'neutral' || c.sentiment === 'negative') b[c.sentiment] += c.count;
  }
  for (const b of buckets) {
    const scored = b.positive + b.neutral + b.negative;
    b.net = scored === 0 ? null : Math.round(((b.positive - b.negative) / scored) * 1000) / 10;
  }
  return buckets;
}

export function totalsOf(timeline: readonly ReportBucket[], authors: number): ReportTotals {
  let peak = 0;
  let peakAt: number | null = null;
  const t = { mentions: 0, positive: 0, neutral: 0, negative: 0 };
  for (const b of timeline) {
    t.mentions += b.total;
    t.positive += b.positive;
    t.neutral += b.neutral;
    t.negative += b.negative;
    if (b.total > peak) {
      peak = b.total;
      peakAt = b.at;
    }
  }
  return { ...t, authors, peak, peakAt };
}

export interface AuthorAggregate {
  platform: ReportAuthor['platform'];
  handle: string;
  name: string | null;
  clout: number;
  followers: number | null;
  mentions: number;
  negative: number;
}

/** Most influential first: clout, then followers, then more mentions; ties by handle. */
export function rankAuthors(rows: readonly AuthorAggregate[], limit: number): ReportAuthor[] {
  return [...rows]
    .sort((a, b) => b.clout - a.clout || (b.followers ?? 0) - (a.followers ?? 0) || b.mentions - a.mentions || a.handle.localeCompare(b.handle))
    .slice(0, limit)
    .map((r) => ({ ...r, negativeShare: r.mentions === 0 ? 0 : Math.round((r.negative / r.mentions) * 1000) / 1000 }));
}

/** The team's response over the period's conversations, with care's own KPI formulas. */
export function responseFigures(conversations: readonly KpiConversation[], asOf: number, targetMinutes: number): ReportResponse {
  const answered = conversations.filter((c) => c.firstResponseAt !== null).length;
  return {
    conversations: conversations.length,
    answered,
    answeredShare: conversations.length === 0 ? null : Math.round((answered / conversations.length) * 1000) / 1000,
    firstResponse: durationStats(firstResponseMinutes(conversations)),
    breaches: responseBreaches(conversations, asOf, targetMinutes),
  };
}
