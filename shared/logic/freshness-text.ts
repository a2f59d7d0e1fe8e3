import type { SourceHealth } from '../domain/source';
import type { Freshness } from './freshness';
import { formatAgo, formatDuration } from './format';
import { rateLimitText } from './source-health-text';

/**
 * What a wall writes next to a source's name, in plain words. Stale and failing lead with a
 * capitalised word so they read differently even without colour.
 */
export function freshnessText(source: SourceHealth, freshness: Freshness, now: number): string {
  const text = baseText(source, freshness, now);
  // A platform's "slow down" explains silence; paused and finished sources have nothing to wait for.
  const limited = freshness === 'paused' || freshness === 'finished' ? null : rateLimitText(source, now);
  return limited ? `${text} · ${limited}` : text;
}

function baseText(source: SourceHealth, freshness: Freshness, now: number): string {
  switch (freshness) {
    case 'live':
      return source.lastSuccessAt === null ? 'live' : `live · ${formatAgo(source.lastSuccessAt, now)}`;
    case 'stale': {
      const since = source.lastSuccessAt ?? source.lastPollAt;
      return since === null ? 'STALE · no data yet' : `STALE · no data for ${formatDuration(now - since)}`;
    }
    case 'failing':
      return `FAILING: ${source.lastError?.trim() || 'unknown error'}`;
    case 'paused':
      return 'paused';
    case 'finished':
      return 'finished';
    case 'starting':
      return 'starting…';
  }
}
