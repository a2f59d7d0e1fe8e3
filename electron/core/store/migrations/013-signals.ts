import type { Migration } from './migration';

/**
 * Signals that carry over.
 *
 * What an alert showed when it opened, kept beside what it shows now: a refresh overwrites the
 * detail, numbers and evidence, so "opened at 10 in 15 min" became "421 in 60 min" and the first
 * evidence was lost. Alerts stored before this get their opening from their first recorded
 * version where one exists (the versions began with migration 008).
 *
 * Stories: posts grouped at ingest with their reposts, quotes and near-copies (see
 * shared/logic/stories). A story keeps running totals; the window figures (what drives a spike)
 * are counted from mention_stories at query time.
 *
 * Flags: posts the coordination detector judged spam or coordinated, with the reason, and a
 * person's override; alert counts leave flagged posts out where the topic says so.
 */
export const migration013: Migration = {
  version: 13,
  name: 'alert opening state; stories',
  up: `
    ALTER TABLE alerts ADD COLUMN opening TEXT;
    UPDATE alerts SET opening = (
      SELECT json_object(
        'at', alerts.opened_at,
        'severity', json_extract(v.row, '$.severity'),
        'detail', json_extract(v.row, '$.detail'),
        'measure', json_extract(json_extract(v.row, '$.explanation'), '$.measure'),
        'observed', json_extract(json_extract(v.row, '$.explanation'), '$.observed'),
        'expected', json_extract(json_extract(v.row, '$.explanation'), '$.expected'),
        'bandHigh', json_extract(json_extract(v.row, '$.explanation'), '$.bandHigh'),
        'windowMinutes', json_extract(json_extract(v.row, '$.explanation'), '$.windowMinutes'),
        'evidence', json(COALESCE(json_extract(v.row, '$.evidence'), '[]')))
      FROM alert_versions v WHERE v.alert_id = alerts.id ORDER BY v.at, v.id LIMIT 1);

    CREATE TABLE stories (
      id INTEGER PRIMARY KEY,
      first_mention_id INTEGER NOT NULL,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      size INTEGER NOT NULL,
      -- Posts that are reposts or quotes of another ("RT @…", "“@…").
      reposts INTEGER NOT NULL,
      reach INTEGER NOT NULL,
      positive INTEGER NOT NULL,
      neutral INTEGER NOT NULL,
      negative INTEGER NOT NULL,
      -- The first post's normalised text and MinHash signature, to rebuild the index after a restart.
      normalised TEXT NOT NULL,
      signature BLOB
    ) STRICT;
    CREATE INDEX stories_by_last ON stories(last_at);
    CREATE TABLE mention_stories (
      mention_id INTEGER PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
      story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX mention_stories_by_story ON mention_stories(story_id);

    -- Spam and coordinated posting: the detector's reason, and a person's word over it.
    CREATE TABLE mention_flags (
      mention_id INTEGER PRIMARY KEY REFERENCES mentions(id) ON DELETE CASCADE,
      -- Why the detector flagged it; NULL when only a person did.
      reason TEXT,
      flagged_at INTEGER NOT NULL,
      -- A person's word: 1 spam, 0 not spam, NULL none (the detector's reason stands).
      override INTEGER,
      override_by TEXT,
      override_at INTEGER
    ) STRICT;
  `,
};
