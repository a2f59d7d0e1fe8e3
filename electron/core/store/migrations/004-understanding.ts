import type { Migration } from './migration';

/**
 * Understanding: author profiles (updated in each batch's transaction), watchlists, sentiment
 * corrections (who and when), and per-minute term counts for trending terms.
 */
export const migration004: Migration = {
  version: 4,
  name: 'understanding: authors, watchlists, sentiment corrections, term rollups',
  up: `
    CREATE TABLE authors (
      id INTEGER PRIMARY KEY,
      platform TEXT NOT NULL,
      handle TEXT NOT NULL,
      name TEXT,
      followers INTEGER NOT NULL DEFAULT 0,
      verified INTEGER NOT NULL DEFAULT 0,
      first_seen INTEGER NOT NULL,
      last_seen INTEGER NOT NULL,
      mentions INTEGER NOT NULL DEFAULT 0,
      positive INTEGER NOT NULL DEFAULT 0,
      neutral INTEGER NOT NULL DEFAULT 0,
      negative INTEGER NOT NULL DEFAULT 0,
      likes INTEGER NOT NULL DEFAULT 0,
      reposts INTEGER NOT NULL DEFAULT 0,
      replies INTEGER NOT NULL DEFAULT 0,
      -- likes + 2 reposts + replies over all their mentions
      engagement INTEGER NOT NULL DEFAULT 0,
      clout REAL NOT NULL DEFAULT 0,
      segment TEXT NOT NULL DEFAULT 'passive',
      UNIQUE (platform, handle)
    ) STRICT;
    CREATE INDEX authors_by_clout ON authors(clout DESC);
    CREATE INDEX authors_by_last_seen ON authors(last_seen DESC);
    CREATE INDEX mentions_by_author ON mentions(platform, author_handle, published_at);

    CREATE TABLE watchlists (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE watchlist_members (
      watchlist_id INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
      author_id INTEGER NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
      added_at INTEGER NOT NULL,
      added_by TEXT NOT NULL,
      PRIMARY KEY (watchlist_id, author_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX watchlist_members_by_author ON watchlist_members(author_id);

    CREATE TABLE sentiment_corrections (
      id INTEGER PRIMARY KEY,
      mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
      previous_label TEXT NOT NULL,
      label TEXT NOT NULL,
      corrected_by TEXT NOT NULL,
      corrected_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sentiment_corrections_by_mention ON sentiment_corrections(mention_id, id);

    -- topic_id 0 counts every mention; other ids are topics. Minute first within a topic, so a
    -- window is one range scan.
    CREATE TABLE term_minute (
      topic_id INTEGER NOT NULL,
      minute INTEGER NOT NULL,
      term TEXT NOT NULL,
      count INTEGER NOT NULL,
      PRIMARY KEY (topic_id, minute, term)
    ) STRICT, WITHOUT ROWID;
  `,
};
