/**
 * Plain words for a source's health figures beyond its freshness: how much it delivers, how far
 * behind it is, and whether a platform asked us to wait. Shared by the Sources table and the
 * wall's source-health chips.
 */
import type { SourceHealth } from '../domain/source';
import { formatDuration, formatIn } from './format';

/** "12/min", "0.4/min", "—" before anything arrived in this run. */
export function rateText(itemsPerMinute: number): string {
  if (!Number.isFinite(itemsPerMinute) || itemsPerMinute <= 0) return '0/min';
  return itemsPerMinute >= 10 ? `${Math.round(itemsPerMinute)}/min` : `${Math.round(itemsPerMinute * 10) / 10}/min`;
}

/**
 * How far behind the newest stored mention is, as of `now`: "lag 4 s", "lag 2 h 5 min";
 * null before the source delivered anything.
 */
export function lagText(source: Pick<SourceHealth, 'newestPublishedAt'>, now: number): string | null {
  if (source.newestPublishedAt === null) return null;
  return `lag ${formatDuration(Math.max(0, now - source.newestPublishedAt))}`;
}

/** "RATE-LIMITED · next try in 3 min" while the platform's wait runs; null otherwise. */
export function rateLimitText(source: Pick<SourceHealth, 'rateLimitedUntil'>, now: number): string | null {
  if (source.rateLimitedUntil === null || source.rateLimitedUntil <= now) return null;
  return `RATE-LIMITED · next try ${formatIn(source.rateLimitedUntil, now)}`;
}
