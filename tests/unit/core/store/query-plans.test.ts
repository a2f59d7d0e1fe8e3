/**
 * The plans of the reads that must stay fast at 10 M mentions (SQLite's EXPLAIN QUERY PLAN over the
 * statements the query modules really prepare): each starts from its index, its rollup or the FTS
 * match and never scans `mentions`, `author_hour` or the conversations.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { openDatabase } from '../../../../electron/core/store/database';
import { createStore, DATABASE_FILE } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();

function storeWithPreparedSql() {
  const db = openDatabase(join(tempDir(), DATABASE_FILE));
  const sql: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((source: string) => {
    sql.push(source);
    return prepare(source);
  }) as typeof db.prepare;
  const store = createStore(db);
  db.prepare = prepare as typeof db.prepare;
  // Some real rows, so the plans are not those of empty tables.
  createSource(store, 'src');
  const now = Date.now();
  new IngestPipeline(store, createMemoryLogger(), () => now).ingest(
    'src',
    Array.from({ length: 60 }, (_, i) => mentionInput(`m${i}`, { publishedAt: now - i * 30_000, text: `outage ${i}` })),
    null,
  );
  return { store, sql };
}

describe('query plans of the reads at scale', () => {
  it('start from an index, a rollup or the FTS match; never a scan of mentions, author-hours or conversations', () => {
    const { store, sql } = storeWithPreparedSql();
    try {
      const find = (pattern: RegExp): string => {
        const matches = sql.filter((s) => pattern.test(s));
        expect(matches, `exactly one prepared statement matches ${pattern}`).toHaveLength(1);
        return matches[0]!;
      };
      const plan = (source: string, params: unknown): string[] => {
        const stmt = store.db.prepare(`EXPLAIN QUERY PLAN ${source}`);
        return (Array.isArray(params) ? stmt.all(...params) : stmt.all(params)).map((r) => (r as { detail: string }).detail);
      };
      const noScan = (lines: string[], what: string) =>
        expect(
          lines.filter((d) => /^SCAN (mentions|author_hour|care_conversations|m|a|c)\b(?! USING (COVERING )?INDEX)/.test(d)),
          what,
        ).toEqual([]);
      const P = { from: 1, to: 2, topic: null, limit: 10, bucket: 60_000 };

      // authors.top: the hour span from the primary key's ends.
      const span = plan(find(/SELECT \(SELECT MIN\(hour\) FROM author_hour\)/), {});
      expect(span.join(' | ')).toMatch(/SEARCH author_hour/);
      noScan(span, 'hour span');

      // Inbox search: FTS5's newest matches first, then each one's conversation by primary key.
      const search = plan(find(/LEFT JOIN care_conversation_mentions cm ON cm.mention_id = f.rowid/), ['outage', 10]);
      expect(search.join(' | ')).toMatch(/SCAN mentions_fts VIRTUAL TABLE/);
      expect(search.join(' | ')).toMatch(/SEARCH cm USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      noScan(search, 'inbox search');

      // Waiting now: counted from the partial index of waiting conversations, without their rows.
      const waiting = plan(find(/SELECT COUNT\(\*\) AS waiting/), { now: 1, lateBefore: 1 });
      expect(waiting.join(' | ')).toMatch(/SEARCH care_conversations USING COVERING INDEX care_conversations_waiting_reply/);

      // Care KPIs: the untouched open conversations counted and their backlog window read from
      // their partial index alone; the touched ones read from theirs (migration 020).
      const untouched = plan(find(/SELECT COUNT\(\*\) FROM care_conversations INDEXED BY care_conversations_untouched/), { from: 1, to: 2 });
      expect(untouched.join(' | ')).toMatch(/SEARCH care_conversations USING COVERING INDEX care_conversations_untouched \(opened_at>\? AND opened_at<\?\)/);
      const oldest = plan(find(/SELECT MIN\(opened_at\) FROM care_conversations INDEXED BY care_conversations_untouched/), { to: 2, asOf: 1 });
      expect(oldest.join(' | ')).toMatch(/SEARCH care_conversations USING COVERING INDEX care_conversations_untouched/);
      const untouchedWindow = plan(find(/SELECT opened_at FROM care_conversations INDEXED BY care_conversations_untouched/), {
        to: 2,
        asOf: 1,
        offset: 0,
        limit: 2,
      });
      expect(untouchedWindow.join(' | ')).toMatch(/SEARCH care_conversations USING COVERING INDEX care_conversations_untouched \(opened_at<\?\)/);
      expect(untouchedWindow.join(' | ')).not.toMatch(/TEMP B-TREE/);
      const touched = plan(find(/INDEXED BY care_conversations_touched\b/), { from: 1, to: 2 }).join(' | ');
      expect(touched).toMatch(/SEARCH care_conversations USING INDEX care_conversations_touched \(opened_at>\? AND opened_at<\?\)/);
      expect(touched).toMatch(/SEARCH care_conversations USING INDEX care_conversations_touched_open \(opened_at<\?\)/);
      for (const [name, lines] of Object.entries({ untouched, oldest, untouchedWindow })) noScan(lines, name);

      // Report over every mention: the minute rollup, drill posts through mentions_by_drill, authors by clout and by author.
      const minutes = plan(find(/FROM volume_minute WHERE minute >= @from AND minute < @to GROUP BY minute/), P);
      expect(minutes.join(' | ')).toMatch(/SEARCH volume_minute USING PRIMARY KEY \(minute>\? AND minute<\?\)/);
      const drills = plan(find(/WHERE drill_run_id IS NOT NULL AND published_at >= @from AND published_at < @to GROUP BY at, sentiment/), P);
      expect(drills.join(' | ')).toMatch(/USING INDEX mentions_by_(drill|published)/);
      const byClout = plan(find(/FROM authors a INDEXED BY authors_by_clout/), P);
      expect(byClout.join(' | ')).toMatch(/SCAN a USING INDEX authors_by_clout/);
      expect(byClout.join(' | ')).toMatch(
        /SEARCH m (EXISTS )?USING INDEX mentions_by_author \(platform=\? AND author_handle=\? AND published_at>\? AND published_at<\?\)/,
      );
      const figures = plan(find(/FROM json_each\(@authors\) j CROSS JOIN mentions m/), { authors: '[]', from: 1, to: 2 });
      expect(figures.join(' | ')).toMatch(/SEARCH m USING INDEX mentions_by_author/);
      const active = plan(find(/SELECT COUNT\(\*\) AS n FROM authors a\s+WHERE EXISTS/), P);
      expect(active.join(' | ')).toMatch(/SEARCH m (EXISTS )?USING COVERING INDEX mentions_by_author/);
      for (const [name, lines] of Object.entries({ minutes, drills, byClout, figures, active })) noScan(lines, name);

      // Replay's newest mentions: back from the moment by publication, and the posts dated ahead from their own index.
      const asOf = plan(find(/WHERE m.published_at <= @at AND m.heard_at <= @at ORDER BY m.published_at DESC/), { at: 1, limit: 50 });
      expect(asOf.join(' | ')).toMatch(/SCAN m USING INDEX mentions_by_published|SEARCH m USING INDEX mentions_by_published \(published_at<\?\)/);
      const aheadPlan = plan(find(/WHERE m.published_at > m.heard_at AND m.published_at > @at/), { at: 1, limit: 50 });
      expect(aheadPlan.join(' | ')).toMatch(/SEARCH m USING INDEX mentions_published_ahead \(published_at>\? AND published_at<\?\)/);

      // Conversations opened in a period: a range of care_conversations_by_opened (migration 018).
      const opened = plan(find(/FROM care_conversations c WHERE c.opened_at >= @from AND c.opened_at < @to AND c.drill_run_id IS NULL/), P);
      expect(opened.join(' | ')).toMatch(/SEARCH c USING INDEX care_conversations_by_opened \(opened_at>\? AND opened_at<\?\)/);
      noScan(opened, 'report conversations');
    } finally {
      store.close();
    }
  });
});
