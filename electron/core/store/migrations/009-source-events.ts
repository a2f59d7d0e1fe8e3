import type { Migration } from './migration';

/**
 * The record of each source's condition (review): a source's poll times, errors and rate limits
 * lived only in memory, so a replay could not show that a platform was failing or asked us to wait
 * during an incident. Successful polls are not written (they are the normal case); failures, rate
 * limits, the first success after them, pause/resume and a finished source are.
 * Also an index for a replayed wall's "my display's commands up to T", and the score a sentiment
 * correction replaced.
 */
export const migration009: Migration = {
  version: 9,
  name: 'source events; wall events by display; what a sentiment correction replaced',
  up: `
    CREATE TABLE source_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      source_id TEXT NOT NULL,
      -- failed | rate-limited | recovered | paused | resumed | finished
      kind TEXT NOT NULL,
      -- Already redacted of the source's secrets, as the health view shows it.
      error TEXT,
      rate_limited_until INTEGER,
      consecutive_failures INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX source_events_by_source ON source_events(source_id, at, id);
    CREATE INDEX source_events_by_at ON source_events(at);

    -- A replayed wall folds its own display's commands up to a moment.
    CREATE INDEX wall_events_by_display ON wall_events(display_id, at);

    -- A correction keeps the score and confidence it replaced, so a replay before it shows the
    -- mention as the war room saw it (the label was already kept). Null for older corrections.
    ALTER TABLE sentiment_corrections ADD COLUMN previous_score REAL;
    ALTER TABLE sentiment_corrections ADD COLUMN previous_confidence REAL;
    CREATE INDEX sentiment_corrections_by_time ON sentiment_corrections(corrected_at);
  `,
};
