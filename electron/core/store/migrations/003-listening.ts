import type { Migration } from './migration';

/** Reserved for the listening area. Until it ships tables, it changes nothing. */
export const migration003: Migration = {
  version: 3,
  name: 'listening',
  up: `
    -- Source management and health (listening-ops).
    -- A deleted source keeps its row (its stored mentions still name it) but is no longer listed or run.
    ALTER TABLE sources ADD COLUMN deleted_at INTEGER;
    -- Until when the platform asked us to wait (429 / rate-limit reset), so a restart does not hammer it.
    ALTER TABLE sources ADD COLUMN rate_limited_until INTEGER;
    -- Publication time of the newest mention stored from the source (its lag), kept by the ingest transaction.
    ALTER TABLE sources ADD COLUMN newest_published_at INTEGER;
    UPDATE sources SET newest_published_at = (SELECT MAX(published_at) FROM mentions WHERE mentions.source_id = sources.id);
  `,
};
