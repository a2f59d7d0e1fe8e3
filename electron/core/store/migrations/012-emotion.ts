import type { Migration } from './migration';

/**
 * Emotion per mention (anger, joy, optimism, sadness, or 'unknown' where the language is not
 * read), with the model's probability per class, and per-minute counts of each emotion for all
 * mentions (topic_id 0) and per topic, for walls and alert explanations. Mentions stored before
 * this migration stay 'unknown' (their text is kept; a re-analysis can fill them).
 */
export const migration012: Migration = {
  version: 12,
  name: 'mention emotion; per-minute emotion counts per topic',
  up: `
    ALTER TABLE mentions ADD COLUMN emotion TEXT NOT NULL DEFAULT 'unknown';
    -- JSON object {"anger":p,"joy":p,"optimism":p,"sadness":p}, or NULL where emotion is unknown.
    ALTER TABLE mentions ADD COLUMN emotion_scores TEXT;

    -- topic_id 0 counts every mention; other ids are topics (no foreign key: 0 is not a topic).
    CREATE TABLE emotion_minute (
      minute INTEGER NOT NULL,
      topic_id INTEGER NOT NULL,
      anger INTEGER NOT NULL,
      joy INTEGER NOT NULL,
      optimism INTEGER NOT NULL,
      sadness INTEGER NOT NULL,
      PRIMARY KEY (topic_id, minute)
    ) STRICT, WITHOUT ROWID;
  `,
};
