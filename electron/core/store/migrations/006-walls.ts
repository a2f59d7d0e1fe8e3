import type { Migration } from './migration';

/** Walls: saved layouts (built-in ones live in code), playlists, displays, and watchdog reloads. */
export const migration006: Migration = {
  version: 6,
  name: 'walls: layouts, playlists, displays, watchdog events',
  up: `
    CREATE TABLE wall_layouts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      -- The whole layout document as JSON, checked against its schema on every write and read.
      doc TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE wall_playlists (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      doc TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE wall_displays (
      id TEXT PRIMARY KEY,
      config TEXT NOT NULL,
      -- What an operator changed from the control view (pushed layout, paused, blanked).
      override TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE wall_watchdog_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      display_id TEXT,
      view TEXT NOT NULL,
      heap_used_mb REAL NOT NULL,
      limit_mb REAL NOT NULL,
      uptime_minutes REAL NOT NULL
    ) STRICT;
  `,
};
