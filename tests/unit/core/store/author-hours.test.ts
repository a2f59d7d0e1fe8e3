/**
 * `authors.top` reads a per-author hourly rollup plus the partial hours at the window's edges. These
 * tests pin down that it answers exactly what grouping the window's mentions answers, for windows on
 * and off the hour, after several batches, a sentiment correction and pruning; and that the rollup
 * itself always equals a regrouping of the stored mentions. Real SQLite, the real pipeline.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { migrate } from '../../../../electron/core/store/database';
import { MIGRATIONS } from '../../../../electron/core/store/migrations';
import { DATABASE_FILE, openStore, type Store } from '../../../../electron/core/store/store';
import { extractTerms } from '../../../../electron/core/understanding/terms';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';
import { topAuthorsByGrouping } from '../../../support/top-authors-reference';

const tempDir = useTempDirs();
const HOUR = 3_600_000;
/** A fixed clock on an hour boundary plus 17 minutes, so windows straddle hours. */
const NOW = Date.UTC(2026, 11, 7, 12, 17, 0);
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

const reference = topAuthorsByGrouping;

function rollupRows(store: Store) {
  return store.db.prepare('SELECT * FROM author_hour ORDER BY hour, platform, handle').all();
}

function regrouped(store: Store) {
  return store.db
    .prepare(
      `
    SELECT published_at - published_at % 3600000 AS hour, platform, author_handle AS handle, COUNT(*) AS mentions,
      SUM(sentiment = 'negative') AS negative, MAX(COALESCE(author_followers, 0)) AS followers, MAX(author_verified) AS verified,
      MAX(author_name) AS name, MAX(published_at) AS last_at
    FROM mentions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    )
    .all();
}

/** 1,200 posts by 40 authors over the last 30 hours; followers and names change over time; some negative. */
function posts(): MentionInput[] {
  const out: MentionInput[] = [];
  for (let i = 0; i < 1_200; i++) {
    const author = (i * 7) % 40;
    out.push(
      mentionInput(`p${i}`, {
        platform: author % 3 === 0 ? 'reddit' : 'x',
        authorHandle: `user${author}`,
        authorName: i % 5 === 0 ? null : `User ${author} v${i % 4}`,
        authorFollowers: author % 4 === 0 ? null : 1_000 * (author % 9) + i,
        authorVerified: author % 11 === 0 && i % 2 === 0,
        text: i % 3 === 0 ? 'this outage is terrible and awful, I hate it' : `a plain note number ${i}`,
        publishedAt: NOW - 30 * HOUR + Math.floor((i * 30 * HOUR) / 1_200) + (i % 13) * 1_000,
      }),
    );
  }
  return out;
}

function filled(): Store {
  const store = openStore(tempDir());
  open.push(store);
  createSource(store, 'src');
  const pipeline = new IngestPipeline(store, createMemoryLogger(), () => NOW);
  const all = posts();
  // Uneven batches, out of time order, so an author-hour is added to across batches.
  const shuffled = [...all.filter((_, i) => i % 2 === 0), ...all.filter((_, i) => i % 2 === 1)];
  for (let i = 0; i < shuffled.length; i += 97) pipeline.ingest('src', shuffled.slice(i, i + 97), String(i));
  return store;
}

const WINDOWS: Array<[string, number, number]> = [
  ['24 h ending now', NOW - 24 * HOUR, NOW],
  ['on the hour at both ends', NOW - (NOW % HOUR) - 5 * HOUR, NOW - (NOW % HOUR) - 1],
  ['inside one hour', NOW - 10 * 60_000, NOW],
  ['straddling one hour boundary', NOW - 40 * 60_000, NOW],
  ['60 minutes', NOW - 60 * 60_000, NOW],
  ['everything', 0, NOW + HOUR],
];

describe('authors.top from the per-author hourly rollup', () => {
  it('answers exactly what grouping the window’s mentions answers', () => {
    const store = filled();
    for (const [name, from, to] of WINDOWS) {
      const expected = reference(store, from, to, 100);
      expect(expected.length, name).toBeGreaterThan(0);
      expect(store.mentions.topAuthors(from, to, 100), name).toEqual(expected);
      expect(store.mentions.topAuthors(from, to, 5), name).toEqual(expected.slice(0, 5));
    }
    expect(rollupRows(store)).toEqual(regrouped(store));
  });

  it('follows sentiment corrections and pruning', () => {
    const store = filled();
    const ids = store.db.prepare("SELECT id FROM mentions WHERE sentiment = 'negative' ORDER BY id LIMIT 3").pluck().all() as number[];
    expect(ids).toHaveLength(3);
    store.transaction(() => {
      for (const id of ids) store.understanding.recordCorrection(id, 'negative', 'positive', 'lead', NOW);
      const other = store.db.prepare("SELECT id FROM mentions WHERE sentiment <> 'negative' ORDER BY id DESC LIMIT 1").pluck().get() as number;
      store.understanding.recordCorrection(other, 'neutral', 'negative', 'lead', NOW);
    });
    expect(rollupRows(store)).toEqual(regrouped(store));

    // Pruning cuts through the middle of hours: the maxima of what remains are recomputed.
    const cut = NOW - 20 * HOUR + 25 * 60_000;
    store.transaction(() => store.derived.removeMentions(store.record.expiredMentions(cut, 100_000), 'retention', { termsOf: extractTerms }));
    expect(store.db.prepare('SELECT COUNT(*) FROM mentions WHERE published_at < ?').pluck().get(cut)).toBe(0);
    expect(rollupRows(store)).toEqual(regrouped(store));
    for (const [name, from, to] of WINDOWS) expect(store.mentions.topAuthors(from, to, 100), name).toEqual(reference(store, from, to, 100));
  });
});

describe('migration 014 on a database written before it', () => {
  it('fills the rollup from the stored mentions, so authors.top answers as before', () => {
    const folder = tempDir();
    const file = join(folder, DATABASE_FILE);
    const db = new Database(file);
    migrate(
      db,
      file,
      MIGRATIONS.filter((m) => m.version < 14),
    );
    db.prepare(`INSERT INTO sources (id, kind, name, config, interval_ms, created_at) VALUES ('a', 'demo', 'A', '{}', 1000, 0)`).run();
    const insert = db.prepare(`INSERT INTO mentions (source_id, external_id, platform, text, published_at, ingested_at, author_handle, author_name,
      author_followers, author_verified, sentiment, sentiment_score) VALUES ('a', ?, ?, 't', ?, 0, ?, ?, ?, ?, ?, 0)`);
    posts().forEach((p, i) =>
      insert.run(
        p.externalId,
        p.platform,
        p.publishedAt,
        p.authorHandle,
        p.authorName ?? null,
        p.authorFollowers ?? null,
        p.authorVerified ? 1 : 0,
        i % 3 === 0 ? 'negative' : 'neutral',
      ),
    );
    db.close();

    const store = openStore(folder);
    open.push(store);
    const rows = rollupRows(store);
    expect(rows.length).toBeGreaterThan(40);
    expect(rows).toEqual(regrouped(store));
    for (const [name, from, to] of WINDOWS) expect(store.mentions.topAuthors(from, to, 100), name).toEqual(reference(store, from, to, 100));
  });
});
