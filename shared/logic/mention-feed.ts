import type { Mention } from '../domain/mention';

/** How many mentions a live feed keeps: what a ticker can show, not an archive. */
export const MENTION_FEED_CAP = 50;

/**
 * Folds a snapshot or a `mentions.new` delta into a feed, newest first. Ids grow with storage
 * order, so sorting by id puts the latest arrivals on top whatever order snapshot and deltas
 * come in, and a mention seen twice is kept once (the later copy wins).
 */
export function mergeMentions(current: readonly Mention[], incoming: readonly Mention[], cap = MENTION_FEED_CAP): Mention[] {
  const byId = new Map<number, Mention>();
  for (const m of current) byId.set(m.id, m);
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, Math.max(0, cap));
}
