import type { MinuteBucket } from '../domain/volume';
import { floorToMinute, MINUTE_MS } from './time';

export function emptyBucket(minute: number): MinuteBucket {
  return { minute, total: 0, positive: 0, neutral: 0, negative: 0, reach: 0 };
}

/**
 * The `minutes` buckets ending with the minute that holds `now`, oldest first, with zeros where
 * nothing was stored: a chart must show a quiet minute as zero, not skip it.
 */
export function fillMinuteWindow(buckets: Iterable<MinuteBucket>, now: number, minutes: number): MinuteBucket[] {
  const byMinute = new Map<number, MinuteBucket>();
  for (const bucket of buckets) byMinute.set(bucket.minute, bucket);
  const last = floorToMinute(now);
  const out: MinuteBucket[] = [];
  for (let minute = last - (minutes - 1) * MINUTE_MS; minute <= last; minute += MINUTE_MS) {
    out.push(byMinute.get(minute) ?? emptyBucket(minute));
  }
  return out;
}

/** Replaces buckets by minute key and keeps only those inside the window ending at `now`. */
export function mergeBuckets(current: readonly MinuteBucket[], delta: readonly MinuteBucket[], now: number, minutes: number): MinuteBucket[] {
  return fillMinuteWindow([...current, ...delta], now, minutes);
}

export interface SentimentSplit {
  total: number;
  positive: number;
  neutral: number;
  negative: number;
  /**
   * Net sentiment from -100 to +100: (positive - negative) / (positive + negative) × 100, the
   * industry's usual definition; null when there is no opinionated mention to base it on.
   */
  net: number | null;
}

export function sentimentSplit(buckets: readonly MinuteBucket[]): SentimentSplit {
  let positive = 0;
  let neutral = 0;
  let negative = 0;
  for (const b of buckets) {
    positive += b.positive;
    neutral += b.neutral;
    negative += b.negative;
  }
  const opinionated = positive + negative;
  return {
    total: positive + neutral + negative,
    positive,
    neutral,
    negative,
    net: opinionated === 0 ? null : Math.round(((positive - negative) / opinionated) * 100),
  };
}
