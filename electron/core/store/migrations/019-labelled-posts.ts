import type { Migration } from './migration';

/**
 * A workspace's own labelled posts (a trade's tweets with negative / neutral / positive), loaded in
 * sets: the sentiment adaptation learns the trade's words from them, beside the corrections made
 * one by one in the app. Kept apart from `mentions`: they are examples, not things heard.
 */
export const migration019: Migration = {
  version: 19,
  name: 'labelled posts for the workspace sentiment adaptation',
  up: `
    CREATE TABLE labelled_posts (
      id INTEGER PRIMARY KEY,
      set_name TEXT NOT NULL,
      text TEXT NOT NULL,
      label TEXT NOT NULL CHECK (label IN ('negative', 'neutral', 'positive')),
      added_by TEXT NOT NULL,
      added_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX labelled_posts_by_set ON labelled_posts (set_name);
  `,
};
