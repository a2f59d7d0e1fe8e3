/**
 * The definition of "top authors" the fast reads are checked against: group the window's mentions
 * (what `authors.top` did before the per-author rollup), straight from the database.
 */
import type { Store } from '../../electron/core/store/store';

export function topAuthorsByGrouping(store: Store, from: number, to: number, limit: number) {
  return (
    store.db
      .prepare(
        `
    SELECT platform, author_handle AS handle, MAX(author_name) AS name, MAX(COALESCE(author_followers, 0)) AS followers,
      MAX(author_verified) AS verified, COUNT(*) AS mentions, SUM(sentiment = 'negative') AS negative, MAX(published_at) AS lastAt
    FROM mentions WHERE published_at >= ? AND published_at <= ?
    GROUP BY platform, author_handle ORDER BY followers DESC, mentions DESC, platform, author_handle LIMIT ?`,
      )
      .all(from, to, limit) as Array<{ verified: number }>
  ).map((a) => ({ ...a, verified: a.verified === 1 }));
}
