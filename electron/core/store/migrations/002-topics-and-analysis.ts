import type { Migration } from './migration';

/**
 * What several areas read and write, fixed before they were built side by side: topics and the
 * mentions they tag (with per-topic minute rollups for share of voice), the per-mention analysis
 * fields, and the topic an alert is about.
 */
export const migration002: Migration = {
  version: 2,
  name: 'topics, mention tags, per-topic rollups, mention analysis fields, alert topic',
  up: `
    ALTER TABLE mentions ADD COLUMN sentiment_confidence REAL NOT NULL DEFAULT 0;
    -- JSON array of intent tags, e.g. ["complaint","question"].
    ALTER TABLE mentions ADD COLUMN intents TEXT NOT NULL DEFAULT '[]';
    -- The author's clout (0-100) when the mention arrived, and how urgent the mention is (0-100).
    ALTER TABLE mentions ADD COLUMN clout REAL NOT NULL DEFAULT 0;
    ALTER TABLE mentions ADD COLUMN urgency REAL NOT NULL DEFAULT 0;

    CREATE TABLE topics (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      query TEXT NOT NULL,
      color TEXT,
      enabled INTEGER NOT NULL DEFAULT 1,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE mention_topics (
      mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
      topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
      PRIMARY KEY (mention_id, topic_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX mention_topics_by_topic ON mention_topics(topic_id, mention_id);

    CREATE TABLE volume_topic_minute (
      minute INTEGER NOT NULL,
      topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
      total INTEGER NOT NULL,
      positive INTEGER NOT NULL,
      neutral INTEGER NOT NULL,
      negative INTEGER NOT NULL,
      reach INTEGER NOT NULL,
      PRIMARY KEY (minute, topic_id)
    ) STRICT, WITHOUT ROWID;

    ALTER TABLE alerts ADD COLUMN topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL;
  `,
};
