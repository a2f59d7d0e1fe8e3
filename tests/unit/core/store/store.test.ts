import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { migrate, openDatabase, StoreVersionError, type Db } from '../../../../electron/core/store/database';
import { LATEST_VERSION, MIGRATIONS } from '../../../../electron/core/store/migrations';
import { createStore, DATABASE_FILE, openStore } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();

const TABLES = ['sources', 'mentions', 'volume_minute', 'alerts', 'settings', 'counters', 'topics', 'mention_topics', 'volume_topic_minute'];

function schemaSql(db: Db): Map<string, string> {
  const rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string; sql: string }>;
  return new Map(rows.map((r) => [r.name, r.sql]));
}

/** A database as a newer Earshot would leave it: WAL, a table of its own, a higher user_version. */
function writeNewerDatabase(file: string, journal: 'wal' | 'delete'): void {
  const db = new Database(file);
  if (journal === 'wal') db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE future_things (x INTEGER) STRICT; INSERT INTO future_things VALUES (42);');
  db.pragma(`user_version = ${LATEST_VERSION + 5}`);
  db.close();
}

describe('openDatabase and migrations', () => {
  it('migrates a fresh database to the latest user_version, with STRICT tables, WAL and foreign keys', () => {
    const db = openDatabase(join(tempDir(), 'nested', 'earshot.db'));
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(LATEST_VERSION).toBeGreaterThanOrEqual(1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const sql = schemaSql(db);
      for (const table of TABLES) {
        expect(sql.get(table), `table ${table}`).toMatch(/\)\s*STRICT\b/);
      }
      expect(sql.get('volume_minute')).toMatch(/WITHOUT ROWID/);
      expect(sql.get('mentions_fts')).toMatch(/fts5/i);
      expect(db.prepare("SELECT value FROM counters WHERE name = 'mentions'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('reopening keeps the data and runs no migration again', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.settings.set('probe', { kept: true });
    createSource(first, 'kept');
    const objectsBefore = first.db.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get();
    first.close();

    const second = openStore(dir);
    try {
      expect(second.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(second.settings.get('probe')).toEqual({ kept: true });
      expect(second.sources.get('kept')?.name).toBe('Test source kept');
      expect(second.db.prepare('SELECT COUNT(*) FROM sqlite_schema').pluck().get()).toBe(objectsBefore);
      // A migration list whose first step is not even SQL: an up-to-date database must not run it.
      const poisoned = MIGRATIONS.map((m) => ({ ...m, up: 'THIS IS NOT SQL' }));
      expect(migrate(second.db, 'reopened', poisoned)).toBe(LATEST_VERSION);
    } finally {
      second.close();
    }
  });

  it('applies only the pending migrations, all in one transaction', () => {
    const db = openDatabase(join(tempDir(), DATABASE_FILE));
    try {
      const good = { version: LATEST_VERSION + 1, name: 'extra table', up: 'CREATE TABLE extra (x INTEGER) STRICT;' };
      const bad = { version: LATEST_VERSION + 2, name: 'broken', up: 'CREATE TABLE other (x INTEGER) STRICT; NOT VALID SQL;' };
      expect(() => migrate(db, 'test.db', [...MIGRATIONS, good, bad])).toThrow();
      // The failed step took the good one with it: no half-migrated schema.
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(schemaSql(db).has('extra')).toBe(false);
      expect(schemaSql(db).has('other')).toBe(false);

      expect(migrate(db, 'test.db', [...MIGRATIONS, good])).toBe(LATEST_VERSION + 1);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
      expect(schemaSql(db).get('extra')).toMatch(/STRICT/);
    } finally {
      db.close();
    }
  });

  it('refuses a migration list whose versions do not go up', () => {
    const db = openDatabase(join(tempDir(), DATABASE_FILE));
    try {
      const again = { version: LATEST_VERSION, name: 'same number again', up: 'SELECT 1;' };
      expect(() => migrate(db, 'test.db', [...MIGRATIONS, again])).toThrow(new RegExp(`same number again.*expected more than ${LATEST_VERSION}`));
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer Earshot with StoreVersionError naming the file, and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir, DATABASE_FILE);
    writeNewerDatabase(file, 'wal');
    const before = readFileSync(file);

    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreVersionError);
    expect((error as StoreVersionError).message).toContain(file);
    expect((error as StoreVersionError).found).toBe(LATEST_VERSION + 5);
    expect((error as StoreVersionError).known).toBe(LATEST_VERSION);

    expect(readFileSync(file).equals(before)).toBe(true);
    // The refused connection must be closed again: SQLite removes -wal/-shm when the last
    // connection to a WAL database closes, so leftovers mean a leaked handle on the file.
    // (Checked before the read-only look below, which cannot remove them itself.)
    expect(readdirSync(dir).sort()).toEqual([DATABASE_FILE]);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    expect(check.prepare('SELECT x FROM future_things').pluck().get()).toBe(42);
    check.close();
  });

  it('does not convert a newer rollback-journal database to WAL before refusing it', () => {
    const file = join(tempDir(), DATABASE_FILE);
    writeNewerDatabase(file, 'delete');
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(StoreVersionError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('startCore on a newer database fails with StoreVersionError and releases the data-folder lock', async () => {
    const dir = tempDir();
    writeNewerDatabase(join(dir, DATABASE_FILE), 'wal');
    await expect(startCore({ dataDir: dir, version: 'test', logger: createMemoryLogger() })).rejects.toThrow(StoreVersionError);
    expect(existsSync(join(dir, 'earshot.lock'))).toBe(false);
  });
});

describe('query plans', () => {
  /** Opens a store and records the SQL each query module prepares, so the plans checked are the real ones. */
  function storeWithPreparedSql(dir: string): { store: ReturnType<typeof createStore>; sql: string[] } {
    const db = openDatabase(join(dir, DATABASE_FILE));
    const sql: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((source: string) => {
      sql.push(source);
      return prepare(source);
    }) as typeof db.prepare;
    const store = createStore(db);
    db.prepare = prepare as typeof db.prepare;
    return { store, sql };
  }

  function plan(db: Db, sql: string): string[] {
    const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1);
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
  }

  function find(sql: string[], pattern: RegExp): string {
    const matches = sql.filter((s) => pattern.test(s));
    expect(matches, `exactly one prepared statement matches ${pattern}`).toHaveLength(1);
    return matches[0]!;
  }

  it('reads volume ranges through the primary key, recent mentions through mentions_by_published, top authors through the hourly rollup', () => {
    const dir = tempDir();
    const { store, sql } = storeWithPreparedSql(dir);
    try {
      // Some real rows, so the plans are not those of empty tables.
      createSource(store, 'src');
      const now = Date.now();
      new IngestPipeline(store, createMemoryLogger(), () => now).ingest(
        'src',
        Array.from({ length: 50 }, (_, i) => mentionInput(`m${i}`, { publishedAt: now - i * 30_000 })),
        null,
      );

      const range = plan(store.db, find(sql, /FROM volume_minute WHERE minute >= \? AND minute <= \?/));
      expect(range.join(' | ')).toMatch(/SEARCH volume_minute USING PRIMARY KEY \(minute>\? AND minute<\?\)/);
      expect(range.some((d) => /SCAN volume_minute/.test(d))).toBe(false);

      const byMinutes = plan(store.db, find(sql, /FROM volume_minute WHERE minute IN/));
      expect(byMinutes.some((d) => /SCAN volume_minute/.test(d))).toBe(false);

      const recent = plan(store.db, find(sql, /FROM mentions m ORDER BY published_at DESC/));
      expect(recent.join(' | ')).toMatch(/SCAN m USING (COVERING )?INDEX mentions_by_published/);
      expect(recent.some((d) => /TEMP B-TREE/.test(d))).toBe(false);
      // Topic ids come from one primary-key lookup per returned row, never a scan of the tags.
      expect(recent.join(' | ')).toMatch(/SEARCH mention_topics USING PRIMARY KEY \(mention_id=\?\)/);

      // Candidates per hour through author_hour_by_followers; their figures by the rollup's primary key and mentions_by_author: never a scan.
      const explain = (source: string, params: Record<string, unknown>) =>
        (store.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all(params) as Array<{ detail: string }>).map((r) => r.detail);
      const perHour = explain(find(sql, /FROM author_hour\s+WHERE hour = @hour AND followers >=/), { hour: 1, k: 9 });
      expect(perHour.filter((d) => /SEARCH author_hour USING (COVERING )?INDEX author_hour_by_followers \(hour=\?/.test(d)).length).toBeGreaterThanOrEqual(2);
      const figures = explain(find(sql, /WITH c\(platform, handle\) AS/), {
        candidates: '[]',
        from: 1,
        to: 2,
        lo: 1,
        hi: 2,
        firstHour: 1,
        endHour: 2,
        limit: 10,
      });
      expect(figures.join(' | ')).toMatch(/SEARCH a USING PRIMARY KEY \(hour=\? AND platform=\? AND handle=\?\)/);
      expect(
        figures.filter((d) => /SEARCH m USING INDEX mentions_by_author \(platform=\? AND author_handle=\? AND published_at>\? AND published_at<\?\)/.test(d)),
      ).toHaveLength(2);
      for (const plan of [perHour, figures]) expect(plan.some((d) => /^SCAN (mentions|author_hour|m|a)\b/.test(d))).toBe(false);
    } finally {
      store.close();
    }
  });
});

describe('topics', () => {
  it('stores topics, tags mentions, rolls up per topic, and drops tags and rollups with the topic but keeps the mentions', () => {
    const store = openStore(tempDir());
    try {
      createSource(store, 'src');
      const brand = store.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel', color: null, enabled: true }, 1_000);
      const rival = store.topics.create({ name: 'Osprey', kind: 'competitor', query: 'osprey', color: '#f80', enabled: true }, 1_000);
      expect(store.topics.list().map((t) => t.name)).toEqual(['Kestrel', 'Osprey']);
      expect(() => store.topics.create({ name: 'Kestrel', kind: 'brand', query: 'x', color: null, enabled: true }, 2_000)).toThrow(/UNIQUE/);

      const [stored] = new IngestPipeline(store, createMemoryLogger()).ingest('src', [mentionInput('m1')], null).stored;
      store.transaction(() => {
        store.topics.tag(stored!.id, brand.id);
        store.topics.tag(stored!.id, rival.id);
        store.topics.tag(stored!.id, rival.id);
        store.topics.addMinutes([{ minute: 60_000, topicId: brand.id, total: 1, positive: 0, neutral: 1, negative: 0, reach: 5 }]);
        store.topics.addMinutes([{ minute: 60_000, topicId: brand.id, total: 2, positive: 1, neutral: 1, negative: 0, reach: 5 }]);
      });
      expect(store.mentions.byIds([stored!.id])[0]?.topicIds.sort()).toEqual([brand.id, rival.id].sort());
      expect(store.topics.range(0, 120_000)).toEqual([{ minute: 60_000, topicId: brand.id, total: 3, positive: 1, neutral: 2, negative: 0, reach: 10 }]);

      expect(store.topics.update(brand.id, { ...brand, query: 'kestrel OR @kestrel' }, 3_000)?.query).toBe('kestrel OR @kestrel');
      expect(store.topics.remove(brand.id)).toBe(true);
      expect(store.mentions.byIds([stored!.id])[0]?.topicIds).toEqual([rival.id]);
      expect(store.topics.range(0, 120_000)).toEqual([]);
      expect(store.mentions.count()).toBe(1);
    } finally {
      store.close();
    }
  });
});
