/**
 * The flagged-post counts that alert series and explanations leave out can be read two ways: from
 * the window's posts (short windows) or from every flag (long windows, where the other way probed
 * the flags for millions of posts at 10 M and blocked the core's first alert tick for seconds).
 * Both must give the same answer as counting by hand, and each must start where it says.
 * Real SQLite, rows stored through the real pipeline.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { openDatabase } from '../../../../electron/core/store/database';
import { createStore, DATABASE_FILE, type Store } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 18, 0, 0, 0);
const POSTS = 240;

interface Fixture {
  store: Store;
  sql: string[];
  topicId: number;
  /** Per post: its minute, whether it is negative, on the topic, and flagged in force (with its reason). */
  posts: Array<{ minute: number; negative: boolean; onTopic: boolean; inForce: string | null }>;
}

function fixture(): Fixture {
  const db = openDatabase(join(tempDir(), DATABASE_FILE));
  const sql: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    sql.push(source);
    return prepare(source);
  }) as typeof db.prepare;
  const store = createStore(db);
  db.prepare = prepare as typeof db.prepare;
  createSource(store, 'src');
  const stored = new IngestPipeline(store, createMemoryLogger(), () => T0 + POSTS * MIN).ingest(
    'src',
    Array.from({ length: POSTS }, (_, i) =>
      mentionInput(`m${i}`, {
        publishedAt: T0 + i * MIN + (i % 7) * 1_000,
        text: i % 3 === 0 ? 'terrible awful service, I hate this, worst ever' : 'love it, great service, thanks',
      }),
    ),
    null,
  ).stored;
  const topic = store.topics.create({ name: 'Tagged', kind: 'brand', query: 'service', color: null, enabled: true }, T0);
  const posts: Fixture['posts'] = [];
  for (const [i, m] of stored.entries()) {
    const onTopic = i % 2 === 0;
    if (onTopic) store.topics.tag(m.id, topic.id);
    let inForce: string | null = null;
    // The detector's flags, some overruled by a person; and a few posts only a person flagged.
    if (i % 5 === 0) {
      store.flags.flag(m.id, i % 10 === 0 ? 'burst' : 'copypasta', T0);
      if (i % 15 === 0) store.flags.override(m.id, false, 'lead', T0);
      else inForce = i % 10 === 0 ? 'burst' : 'copypasta';
    } else if (i % 11 === 0) {
      store.flags.override(m.id, true, 'lead', T0);
      inForce = 'marked as spam by a person';
    }
    posts.push({ minute: Math.floor(m.publishedAt / MIN) * MIN, negative: m.sentiment === 'negative', onTopic, inForce });
  }
  return { store, sql, topicId: topic.id, posts };
}

/** The answer counted by hand over minutes [from, to] (inclusive, like the rollups). */
function expectedMinutes(f: Fixture, topicId: number | null, from: number, to: number) {
  const byMinute = new Map<number, { minute: number; total: number; negative: number }>();
  for (const p of f.posts) {
    if (p.inForce === null || p.minute < from || p.minute > to || (topicId !== null && !p.onTopic)) continue;
    const c = byMinute.get(p.minute) ?? { minute: p.minute, total: 0, negative: 0 };
    c.total++;
    if (p.negative) c.negative++;
    byMinute.set(p.minute, c);
  }
  return [...byMinute.values()].sort((a, b) => a.minute - b.minute);
}

function expectedReasons(f: Fixture, topicId: number | null, from: number, to: number) {
  const counts = new Map<string, number>();
  for (const p of f.posts) {
    if (p.inForce === null || p.minute < from || p.minute >= to || (topicId !== null && !p.onTopic)) continue;
    counts.set(p.inForce, (counts.get(p.inForce) ?? 0) + 1);
  }
  return [...counts.entries()].map(([reason, posts]) => ({ reason, posts })).sort((a, b) => b.posts - a.posts || a.reason.localeCompare(b.reason));
}

const byMinute = <T extends { minute: number }>(rows: T[]): T[] => [...rows].sort((a, b) => a.minute - b.minute);
const byPosts = (rows: Array<{ reason: string; posts: number }>) => [...rows].sort((a, b) => b.posts - a.posts || a.reason.localeCompare(b.reason));

describe('flagged-post counts', () => {
  it('give the hand-counted answer from the flags over a long window and from the posts over a short one', () => {
    const f = fixture();
    try {
      const flagged = f.posts.filter((p) => p.inForce !== null).length;
      expect(flagged).toBeGreaterThan(20);
      expect(f.posts.some((p) => p.inForce !== null && p.negative)).toBe(true);
      const windows: Array<[string, number, number, boolean]> = [
        // Every post: more posts than flags, so the flags are the cheaper start.
        ['whole record', T0, T0 + POSTS * MIN, true],
        // Ten minutes: fewer posts than flags.
        ['ten minutes', T0 + 100 * MIN, T0 + 109 * MIN, false],
      ];
      for (const [label, from, to, fromFlags] of windows) {
        expect(f.store.flags.startsFromFlags(from, to + MIN), label).toBe(fromFlags);
        for (const topicId of [null, f.topicId]) {
          const minutes = f.store.flags.minuteCounts(topicId, from, to);
          expect(minutes.length, label).toBeGreaterThan(0);
          expect(byMinute(minutes), `${label}, topic ${topicId}`).toEqual(expectedMinutes(f, topicId, from, to));
          expect(byPosts(f.store.flags.reasons(topicId, from, to + MIN)), `${label}, topic ${topicId}`).toEqual(expectedReasons(f, topicId, from, to + MIN));
        }
      }
    } finally {
      f.store.close();
    }
  });

  it('read from the flags start with the flags table and look each post up by id, never scanning mentions', () => {
    const f = fixture();
    try {
      const fromFlags = f.sql.filter((s) => /FROM mention_flags f CROSS JOIN mentions m/.test(s));
      // Minutes and reasons, each for every post and for a topic.
      expect(fromFlags).toHaveLength(4);
      for (const source of fromFlags) {
        const plan = (f.store.db.prepare(`EXPLAIN QUERY PLAN ${source}`).all({ topic: f.topicId, from: T0, to: T0 + MIN }) as Array<{ detail: string }>).map(
          (r) => r.detail,
        );
        expect(plan[0], source).toMatch(/^SCAN f\b/);
        expect(plan.join(' | '), source).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/);
        expect(plan.filter((d) => /^SCAN (m|t)\b/.test(d))).toEqual([]);
      }
    } finally {
      f.store.close();
    }
  });
});
