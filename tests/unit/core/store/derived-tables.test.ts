/**
 * The registry of tables derived from mentions (electron/core/store/queries/derived.ts).
 * - Complete: read from a real, migrated SQLite file, every table with a foreign key to mentions,
 *   every per-minute or per-hour rollup, the full-text index and every table a trigger on mentions
 *   writes is registered, the way the schema says it follows the mentions.
 * - Right: removing posts through it leaves every rollup exactly as ingesting only the remaining
 *   posts builds it, and a full rebuild agrees with both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import type { Store } from '../../../../electron/core/store/store';
import { extractTerms } from '../../../../electron/core/understanding/terms';
import { openHarness, T0, type Harness } from '../care/care-harness';
import { mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const harnesses: Harness[] = [];
afterEach(() => {
  for (const h of harnesses.splice(0)) h.close();
});
const CONTEXT = { termsOf: extractTerms };

/** Columns that point at a mention without a foreign key, kept on purpose, with why. */
const SOFT_REFERENCES: Record<string, string> = {
  'care_conversations.waiting_mention_id': 'care history: the post a conversation waited on stays named after retention removes it',
  'care_replies.reply_to_mention_id': 'care history: what a sent reply answered',
  'stories.first_mention_id': "a story's first post; the story is recounted from mention_stories, which has the foreign key",
};

interface Column {
  name: string;
}
interface ForeignKey {
  table: string;
  from: string;
  on_delete: string;
}

function schemaOf(store: Store) {
  const db = store.db;
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
    name: string;
    sql: string;
  }>;
  const shadow = (name: string) => /^mentions_fts_/.test(name);
  return {
    tables: tables.filter((t) => !shadow(t.name)),
    columns: (table: string) => db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Column[],
    foreignKeys: (table: string) => db.prepare('SELECT "table", "from", on_delete FROM pragma_foreign_key_list(?)').all(table) as ForeignKey[],
    triggersOnMentions: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'mentions'").all() as Array<{
      name: string;
      sql: string;
    }>,
  };
}

describe('the derived-tables registry is complete', () => {
  it('registers every table the schema derives from mentions, the way the schema says it follows them', () => {
    const h = openHarness(tempDir());
    harnesses.push(h);
    const store = h.services.store;
    const schema = schemaOf(store);
    const registry = new Map(store.derived.tables().map((t) => [t.table, t]));
    const names = new Set(schema.tables.map((t) => t.name));
    const missing: string[] = [];
    const expectFollows = (table: string, follows: string, why: string) => {
      const entry = registry.get(table);
      if (!entry) missing.push(`${table} (${why})`);
      else expect(entry.follows, `${table}: ${why}`).toBe(follows);
    };

    for (const { name, sql } of schema.tables) {
      if (name === 'mentions') continue;
      for (const fk of schema.foreignKeys(name).filter((k) => k.table === 'mentions')) {
        expectFollows(name, 'cascade', `foreign key ${fk.from} → mentions`);
        expect(fk.on_delete, `${name}.${fk.from} must go with its mention`).toBe('CASCADE');
      }
      const columns = schema.columns(name).map((c) => c.name);
      if (columns.includes('minute')) expectFollows(name, 'minute-rollup', 'a per-minute rollup');
      if (/USING fts5\(.*content='mentions'/s.test(sql)) expectFollows(name, 'full-text', 'a full-text index of mentions');
      for (const column of columns.filter((c) => /(^|_)mention_id$/.test(c))) {
        const key = `${name}.${column}`;
        const hasKey = schema.foreignKeys(name).some((k) => k.from === column && k.table === 'mentions');
        if (!hasKey && !registry.has(name)) expect(SOFT_REFERENCES[key], `${key} points at a mention: register ${name} or say why it is kept`).toBeDefined();
      }
    }
    for (const trigger of schema.triggersOnMentions) {
      const body = trigger.sql.slice(trigger.sql.search(/\bBEGIN\b/));
      for (const [, table] of body.matchAll(/\b(?:INSERT INTO|DELETE FROM|UPDATE)\s+(\w+)/g)) {
        if (table === 'mentions') continue;
        if (!registry.has(table!)) missing.push(`${table} (written by trigger ${trigger.name})`);
      }
    }
    expect(missing).toEqual([]);
    // The schema was read, not skipped: the known foreign keys, rollups and the index were found.
    const checked = schema.tables.filter((t) => schema.foreignKeys(t.name).some((k) => k.table === 'mentions')).map((t) => t.name);
    expect(checked).toEqual(
      expect.arrayContaining(['mention_topics', 'mention_stories', 'care_conversation_mentions', 'sentiment_corrections', 'mention_flags']),
    );
    expect(schema.tables.filter((t) => schema.columns(t.name).some((c) => c.name === 'minute')).length).toBeGreaterThanOrEqual(4);

    // Every entry names a real table, and a 'trigger' entry has the trigger it relies on.
    for (const entry of registry.values()) {
      expect(names.has(entry.table), `${entry.table} is in the schema`).toBe(true);
      if (entry.follows === 'trigger')
        expect(
          schema.triggersOnMentions.some((t) => new RegExp(`\\b${entry.table}\\b`).test(t.sql)),
          `a trigger on mentions keeps ${entry.table}`,
        ).toBe(true);
    }
    for (const key of Object.keys(SOFT_REFERENCES)) {
      const [table, column] = key.split('.');
      expect(
        schema.columns(table!).map((c) => c.name),
        `${key} still exists`,
      ).toContain(column);
    }
  });
});

// ---- behaviour -------------------------------------------------------------------------------

const MIN = 60_000;
const TEXTS = [
  'terrible outage again, the app is down #kestreldown',
  'love the new kestrel update, so fast and smooth',
  'support was helpful, thank you kestrel team',
  'RT @kestrel: we are investigating an outage affecting the app',
  'why is billing double charging me? angry and sad',
  'kestrel outage is over, great recovery by the team',
  'the app keeps crashing on login, terrible',
  'hopeful the next release fixes the battery drain',
];

/** 96 posts over 8 minutes by 9 authors, some repeated word for word (stories), under two topics. */
function posts(): MentionInput[] {
  return Array.from({ length: 96 }, (_, i) =>
    mentionInput(`p${i}`, {
      publishedAt: T0 - 10 * MIN + Math.floor((i * 8 * MIN) / 96) + (i % 7) * 1_000,
      text: TEXTS[i % TEXTS.length]!,
      authorHandle: `author_${i % 9}`,
      authorFollowers: 100 * (i % 9),
      likes: i % 4,
      reposts: i % 3,
      replies: i % 2,
    }),
  );
}

async function filled(items: MentionInput[]): Promise<Harness> {
  const h = openHarness(tempDir());
  harnesses.push(h);
  h.services.topics.create({ name: 'Outage', kind: 'brand', query: 'outage OR down OR crashing' });
  h.services.topics.create({ name: 'Billing', kind: 'brand', query: 'billing OR charging' });
  h.ingest(items);
  await h.services.topics.idle();
  return h;
}

function rollups(store: Store) {
  const all = (sql: string) => store.db.prepare(sql).all();
  return {
    volume: all('SELECT * FROM volume_minute ORDER BY minute, source_id'),
    topics: all('SELECT * FROM volume_topic_minute ORDER BY minute, topic_id'),
    emotions: all('SELECT * FROM emotion_minute ORDER BY topic_id, minute'),
    terms: all('SELECT * FROM term_minute ORDER BY topic_id, minute, term'),
    authorHours: all('SELECT * FROM author_hour ORDER BY hour, platform, handle'),
    mentions: store.mentions.count(),
  };
}

const authorCounts = (store: Store) =>
  store.db
    .prepare(
      'SELECT platform, handle, mentions, positive, neutral, negative, likes, reposts, replies, engagement, first_seen, last_seen FROM authors ORDER BY platform, handle',
    )
    .all();

const idsOf = (store: Store, externalIds: readonly string[]) =>
  store.db
    .prepare('SELECT id FROM mentions WHERE external_id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .pluck()
    .all(JSON.stringify(externalIds)) as number[];

describe('removing mentions through the registry', () => {
  it('leaves every rollup as ingesting only the remaining posts builds it, and a full rebuild agrees', async () => {
    const all = posts();
    const gone = all.filter((_, i) => i % 3 === 0 || (i >= 40 && i < 52));
    const kept = all.filter((p) => !gone.includes(p));
    const a = await filled(all);
    const b = await filled(kept);
    const store = a.services.store;
    const before = rollups(store);
    expect(before.emotions.length, 'the fixture has emotions to remove').toBeGreaterThan(0);
    expect(before.topics.length).toBeGreaterThan(0);

    const result = store.transaction(() =>
      store.derived.removeMentions(
        idsOf(
          store,
          gone.map((p) => p.externalId),
        ),
        'drill',
        CONTEXT,
      ),
    );
    expect(result.mentions).toBe(gone.length);
    expect(result.minutes.length).toBeGreaterThan(1);

    const after = rollups(store);
    expect(after).toEqual(rollups(b.services.store));
    expect(after).not.toEqual(before);
    expect(authorCounts(store)).toEqual(authorCounts(b.services.store));
    // Full text forgets exactly the removed posts.
    expect(() => store.db.prepare("INSERT INTO mentions_fts(mentions_fts) VALUES ('integrity-check')").run()).not.toThrow();
    expect(store.db.prepare('SELECT COUNT(*) FROM mentions_fts_docsize').pluck().get()).toBe(kept.length);
    // No story is left empty, and each counts the posts it still holds.
    const stories = store.db
      .prepare('SELECT s.size, (SELECT COUNT(*) FROM mention_stories ms WHERE ms.story_id = s.id) AS held FROM stories s')
      .all() as Array<{ size: number; held: number }>;
    expect(stories.length).toBeGreaterThan(0);
    for (const s of stories) expect(s.size).toBe(s.held);
    expect(stories.every((s) => s.held > 0)).toBe(true);

    store.transaction(() => store.derived.rebuildAll(CONTEXT));
    expect(rollups(store)).toEqual(after);
  });

  it('retention keeps author profiles (people, not posts) and drops rollups of minutes no post is left in', async () => {
    const h = await filled(posts());
    const store = h.services.store;
    const profiles = authorCounts(store);
    const cut = T0 - 6 * MIN;
    const expired = store.record.expiredMentions(cut, 10_000);
    expect(expired.length).toBeGreaterThan(10);
    store.transaction(() => store.derived.removeMentions(expired, 'retention', CONTEXT));
    expect(authorCounts(store)).toEqual(profiles);
    for (const table of ['volume_minute', 'volume_topic_minute', 'emotion_minute', 'term_minute']) {
      expect(store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE minute < ?`).pluck().get(cut), table).toBe(0);
      expect(store.db.prepare(`SELECT COUNT(*) FROM ${table} WHERE minute >= ?`).pluck().get(cut), table).toBeGreaterThan(0);
    }
    expect(store.derived.pruneBefore(cut)).toBe(0);
  });
});
