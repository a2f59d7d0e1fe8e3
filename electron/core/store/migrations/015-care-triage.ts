import type { Migration } from './migration';

/**
 * Triage: whether a conversation needs a reply and why (decided at ingest, changed by agents),
 * what agents taught per author, and saved inbox views (per person and shared). Conversations opened before this step keep needing a reply
 * ('unclassified'), as they did. The breach alert and the KPI tile read waiting customers who
 * need a reply through the partial index.
 */
export const migration015: Migration = {
  version: 15,
  name: 'care-triage',
  up: `
    ALTER TABLE care_conversations ADD COLUMN needs_reply INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE care_conversations ADD COLUMN triage_reason TEXT NOT NULL DEFAULT 'unclassified';
    -- When it came to need a reply (the heard time of the post that made it so), for replay as of a past moment.
    ALTER TABLE care_conversations ADD COLUMN needs_reply_since INTEGER;
    UPDATE care_conversations SET needs_reply_since = opened_at;
    CREATE INDEX care_conversations_waiting_reply ON care_conversations(waiting_since) WHERE waiting_since IS NOT NULL AND needs_reply = 1;

    -- One lesson per author: the newest correction an agent made on one of their conversations.
    CREATE TABLE care_triage_lessons (
      author_key TEXT PRIMARY KEY,
      needs_reply INTEGER NOT NULL,
      taught_by TEXT NOT NULL,
      taught_at INTEGER NOT NULL,
      conversation_id INTEGER REFERENCES care_conversations(id) ON DELETE SET NULL
    ) STRICT, WITHOUT ROWID;

    -- Saved inbox views: a filter and a sort, one person's (owner) or the team's (owner NULL).
    CREATE TABLE care_saved_views (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      owner TEXT,
      filter TEXT NOT NULL,
      sort TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX care_saved_views_name ON care_saved_views(COALESCE(owner, ''), name);
  `,
};
