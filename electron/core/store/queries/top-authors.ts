/**
 * `authors.top`: the authors of the mentions published in [from, to], the most followed first
 * (then the most mentions), without grouping every author active in the window.
 *
 * Grouping the window's author-hours (author_hour) is bounded by authors, not mentions, but at
 * 10 M mentions a day holds hundreds of thousands of author-hours (about a second). The ranking
 * is by each author's largest follower count in the window, so only a few authors per hour can
 * make the list: in an hour where k authors have more followers than author A, those k all rank
 * above A, so A cannot be in the top k. Per whole hour, the rows at or above the hour's k-th
 * follower count (ties kept) are read through `author_hour_by_followers` (migration 018). For an
 * hour only partly inside the window, the hour's rows give each author an upper bound; they are
 * read in that order and checked against the author's mentions in the window
 * (mentions_by_author), until k authors are known to reach the next bound. The candidates'
 * figures are then summed exactly (author-hours by primary key, edge mentions by author).
 */
import type { Platform } from '@shared/domain/mention';
import type { TopAuthor } from '@shared/domain/volume';
import type { Db } from '../database';

const HOUR_MS = 3_600_000;
/** Rows of a partial hour read per step of its walk. */
const EDGE_PAGE = 64;

interface Key {
  platform: string;
  handle: string;
}

export function topAuthorsQueries(db: Db) {
  const wholeHour = db.prepare<[{ hour: number; k: number }], Key>(`
    SELECT platform, handle FROM author_hour
    WHERE hour = @hour AND followers >= COALESCE((SELECT followers FROM author_hour WHERE hour = @hour ORDER BY followers DESC LIMIT 1 OFFSET @k), -1)
    ORDER BY followers DESC`);
  // An author-hour whose last mention is before the window's start has nothing in it: skipped here,
  // so the walk of the window's first hour reads about k rows, not the hour's every author.
  const hourPage = db.prepare<[number, number, number, number], Key & { followers: number }>(
    'SELECT platform, handle, followers FROM author_hour WHERE hour = ? AND last_at >= ? ORDER BY followers DESC LIMIT ? OFFSET ?',
  );
  // Two statements: SQLite answers MIN or MAX alone from the primary key's ends, both at once by a scan.
  const span = db.prepare<[], { first: number | null; last: number | null }>(
    'SELECT (SELECT MIN(hour) FROM author_hour) AS first, (SELECT MAX(hour) FROM author_hour) AS last',
  );
  const inRange = db.prepare<[string, string, number, number], { followers: number | null }>(
    'SELECT MAX(COALESCE(author_followers, 0)) AS followers FROM mentions WHERE platform = ? AND author_handle = ? AND published_at >= ? AND published_at <= ?',
  );
  // Whole hours by primary key (one look-up per candidate and hour), edges by author and time.
  const figures = db.prepare(`
    WITH c(platform, handle) AS (SELECT value ->> 0, value ->> 1 FROM json_each(@candidates)),
    hours(h) AS (SELECT @firstHour WHERE @firstHour < @endHour UNION ALL SELECT h + ${HOUR_MS} FROM hours WHERE h + ${HOUR_MS} < @endHour),
    parts AS (
      SELECT a.platform, a.handle, a.mentions, a.negative, a.followers, a.verified, a.name, a.last_at
      FROM c CROSS JOIN hours JOIN author_hour a ON a.hour = hours.h AND a.platform = c.platform AND a.handle = c.handle
      UNION ALL
      SELECT m.platform, m.author_handle, 1, m.sentiment = 'negative', COALESCE(m.author_followers, 0), m.author_verified, m.author_name, m.published_at
      FROM c CROSS JOIN mentions m ON m.platform = c.platform AND m.author_handle = c.handle AND m.published_at >= @from AND m.published_at < @lo
      UNION ALL
      SELECT m.platform, m.author_handle, 1, m.sentiment = 'negative', COALESCE(m.author_followers, 0), m.author_verified, m.author_name, m.published_at
      FROM c CROSS JOIN mentions m ON m.platform = c.platform AND m.author_handle = c.handle AND m.published_at >= @hi AND m.published_at <= @to
    )
    SELECT platform, handle, MAX(name) AS name, MAX(followers) AS followers, MAX(verified) AS verified,
      SUM(mentions) AS mentions, SUM(negative) AS negative, MAX(last_at) AS lastAt
    FROM parts
    GROUP BY platform, handle
    ORDER BY followers DESC, mentions DESC, platform, handle
    LIMIT @limit`);

  /** Candidates from an hour only partly inside the window, [start, end] (see the file comment). */
  function edgeCandidates(hour: number, start: number, end: number, k: number, into: Map<string, Key>): void {
    const best: number[] = []; // the largest exact follower counts found, descending, at most k
    for (let offset = 0; ; offset += EDGE_PAGE) {
      const page = hourPage.all(hour, start, EDGE_PAGE, offset);
      for (const row of page) {
        // Every later row's bound is at most this one: once k authors reach it, none can pass them.
        if (best.length >= k && row.followers < best[k - 1]!) return;
        const exact = inRange.get(row.platform, row.handle, start, end)?.followers;
        if (exact === null || exact === undefined) continue;
        into.set(`${row.platform}\u0000${row.handle}`, { platform: row.platform, handle: row.handle });
        best.push(exact);
        best.sort((a, b) => b - a);
        if (best.length > k) best.length = k;
      }
      if (page.length < EDGE_PAGE) return;
    }
  }

  return {
    /** Authors of the mentions published in [from, to], the most followed first. */
    topAuthors(from: number, to: number, limit: number): TopAuthor[] {
      const stored = span.get();
      if (to < from || !stored || stored.first === null || stored.last === null) return [];
      // Hours outside the stored ones are empty: a window from 0 must not walk half a million hours.
      const firstHour = Math.max(from - (from % HOUR_MS), stored.first);
      const lastHour = Math.min(to - (to % HOUR_MS), stored.last);
      const candidates = new Map<string, Key>();
      for (let hour = firstHour; hour <= lastHour; hour += HOUR_MS) {
        const start = Math.max(from, hour);
        const end = Math.min(to, hour + HOUR_MS - 1);
        if (start === hour && end === hour + HOUR_MS - 1) {
          for (const row of wholeHour.all({ hour, k: limit - 1 })) candidates.set(`${row.platform}\u0000${row.handle}`, row);
        } else {
          edgeCandidates(hour, start, end, limit, candidates);
        }
      }
      if (candidates.size === 0) return [];
      let lo = from + ((HOUR_MS - (from % HOUR_MS)) % HOUR_MS);
      let hi = to + 1 - ((to + 1) % HOUR_MS);
      // No whole hour inside: the mentions alone cover the window.
      if (lo >= hi) lo = hi = to + 1;
      const endHour = Math.min(hi, lastHour + HOUR_MS);
      const rows = figures.all({
        candidates: JSON.stringify([...candidates.values()].map((c) => [c.platform, c.handle])),
        from,
        to,
        lo,
        hi,
        firstHour: Math.max(lo, firstHour),
        endHour,
        limit,
      }) as Array<Omit<TopAuthor, 'verified' | 'platform'> & { platform: string; verified: number }>;
      return rows.map((a) => ({ ...a, platform: a.platform as Platform, verified: a.verified === 1 }));
    },
  };
}
