import type { Migration } from './migration';

/**
 * Per author and hour: how many mentions, how many negative, and the largest follower count, name,
 * verified flag and publication time seen. `authors.top` over 24 h reads 24 hours of these plus the
 * two partial hours at the window's edges from `mentions`, instead of grouping a day of mentions
 * (about a second at 10 million stored).
 *
 * The pipeline adds one aggregated row per (hour, author) per batch. Corrections and deletions
 * (sentiment corrections, pruning, drill clean-up) are rare and come from several places, so
 * triggers keep the rollup in step with them instead of each caller remembering to.
 */
export const migration014: Migration = {
  version: 14,
  name: 'per-author hourly rollup',
  up: `
    CREATE TABLE author_hour (
      hour INTEGER NOT NULL,
      platform TEXT NOT NULL,
      handle TEXT NOT NULL,
      mentions INTEGER NOT NULL,
      negative INTEGER NOT NULL,
      followers INTEGER NOT NULL,
      verified INTEGER NOT NULL,
      name TEXT,
      last_at INTEGER NOT NULL,
      PRIMARY KEY (hour, platform, handle)
    ) STRICT, WITHOUT ROWID;

    INSERT INTO author_hour (hour, platform, handle, mentions, negative, followers, verified, name, last_at)
    SELECT published_at - published_at % 3600000, platform, author_handle, COUNT(*), SUM(sentiment = 'negative'),
      MAX(COALESCE(author_followers, 0)), MAX(author_verified), MAX(author_name), MAX(published_at)
    FROM mentions GROUP BY 1, 2, 3;

    CREATE TRIGGER author_hour_on_sentiment AFTER UPDATE OF sentiment ON mentions
    WHEN (old.sentiment = 'negative') <> (new.sentiment = 'negative')
    BEGIN
      UPDATE author_hour SET negative = negative + (new.sentiment = 'negative') - (old.sentiment = 'negative')
      WHERE hour = old.published_at - old.published_at % 3600000 AND platform = old.platform AND handle = old.author_handle;
    END;

    -- The maxima cannot be taken back by subtraction: recompute the one author-hour from its
    -- remaining mentions (mentions_by_author makes that a short range read), or drop it when none remain.
    CREATE TRIGGER author_hour_on_delete AFTER DELETE ON mentions
    BEGIN
      DELETE FROM author_hour
      WHERE hour = old.published_at - old.published_at % 3600000 AND platform = old.platform AND handle = old.author_handle;
      INSERT INTO author_hour (hour, platform, handle, mentions, negative, followers, verified, name, last_at)
      SELECT old.published_at - old.published_at % 3600000, platform, author_handle, COUNT(*), SUM(sentiment = 'negative'),
        MAX(COALESCE(author_followers, 0)), MAX(author_verified), MAX(author_name), MAX(published_at)
      FROM mentions
      WHERE platform = old.platform AND author_handle = old.author_handle
        AND published_at >= old.published_at - old.published_at % 3600000
        AND published_at < old.published_at - old.published_at % 3600000 + 3600000
      GROUP BY platform, author_handle;
    END;
  `,
};
