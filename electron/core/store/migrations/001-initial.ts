import type { Migration } from './migration';

export const migration001: Migration = {
  version: 1,
  name: 'initial: sources, mentions with FTS, per-minute rollups, alerts, settings',
  up: `
    CREATE TABLE sources (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      name TEXT NOT NULL,
      config TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1,
      interval_ms INTEGER NOT NULL,
      -- Written in the same transaction as the mentions it covers: a crash never skips or repeats.
      cursor TEXT,
      last_success_at INTEGER,
      last_delivery_at INTEGER,
      last_error TEXT,
      last_error_at INTEGER,
      items_total INTEGER NOT NULL DEFAULT 0,
      items_skipped INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE mentions (
      id INTEGER PRIMARY KEY,
      source_id TEXT NOT NULL REFERENCES sources(id),
      external_id TEXT NOT NULL,
      platform TEXT NOT NULL,
      text TEXT NOT NULL,
      url TEXT,
      lang TEXT,
      published_at INTEGER NOT NULL,
      ingested_at INTEGER NOT NULL,
      author_handle TEXT NOT NULL,
      author_name TEXT,
      author_followers INTEGER,
      author_verified INTEGER NOT NULL DEFAULT 0,
      likes INTEGER,
      reposts INTEGER,
      replies INTEGER,
      reply_to TEXT,
      sentiment TEXT NOT NULL,
      sentiment_score REAL NOT NULL,
      episode TEXT,
      UNIQUE (source_id, external_id)
    ) STRICT;
    CREATE INDEX mentions_by_published ON mentions(published_at);

    -- External-content FTS: filled once per batch by the ingest code (a trigger is ~3x slower).
    CREATE VIRTUAL TABLE mentions_fts USING fts5(text, content='mentions', content_rowid='id', tokenize='unicode61 remove_diacritics 2');

    -- Minute first so "every source over the last hour" is one range scan.
    CREATE TABLE volume_minute (
      minute INTEGER NOT NULL,
      source_id TEXT NOT NULL,
      total INTEGER NOT NULL,
      positive INTEGER NOT NULL,
      neutral INTEGER NOT NULL,
      negative INTEGER NOT NULL,
      reach INTEGER NOT NULL,
      PRIMARY KEY (minute, source_id)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE alerts (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      severity TEXT NOT NULL,
      dedupe_key TEXT NOT NULL,
      title TEXT NOT NULL,
      detail TEXT NOT NULL,
      opened_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      acknowledged_at INTEGER,
      acknowledged_by TEXT,
      resolved_at INTEGER,
      evidence TEXT NOT NULL
    ) STRICT;
    CREATE INDEX alerts_open ON alerts(resolved_at, opened_at);
    CREATE INDEX alerts_by_key ON alerts(dedupe_key, opened_at);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- Running totals kept in the ingest transaction, so health never runs COUNT(*) over mentions.
    CREATE TABLE counters (
      name TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) STRICT;
    INSERT INTO counters(name, value) VALUES ('mentions', 0);
  `,
};
