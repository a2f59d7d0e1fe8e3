import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { floorToMinute } from '@shared/logic/time';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { scoreSentiment } from '../../../../electron/core/analysis/sentiment';
import { IngestPipeline, rollUp, type IngestResult } from '../../../../electron/core/pipeline/ingest';
import { checkMentionInput, MAX_TEXT_CHARS } from '../../../../electron/core/pipeline/mention-input';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { countRows, createSource, mentionInput as baseInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();

/** Half past noon, so a minute boundary sits 30 s either side. */
const NOW = Date.UTC(2025, 0, 15, 12, 0, 30);
const MINUTE_A = floorToMinute(NOW - 60_000);
const MINUTE_B = floorToMinute(NOW);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A mention input published a second before the pipeline's fixed clock unless told otherwise. */
const mentionInput = (id: string, patch: Partial<MentionInput> = {}): MentionInput => baseInput(id, { publishedAt: NOW - 1_000, ...patch });

let store: Store;
let logger: ReturnType<typeof createMemoryLogger>;
let pipeline: IngestPipeline;

beforeEach(() => {
  store = openStore(tempDir());
  createSource(store, 'src');
  logger = createMemoryLogger();
  pipeline = new IngestPipeline(store, logger, () => NOW);
});

afterEach(() => {
  store.close();
});

/** Six posts over two minutes, with all three sentiment labels among them. */
function firstBatch(): MentionInput[] {
  return [
    mentionInput('1', { publishedAt: MINUTE_A + 1_000, text: 'Brilliant support, thank you so much', authorFollowers: 10 }),
    mentionInput('2', { publishedAt: MINUTE_A + 20_000, text: 'Terrible outage again, worst provider', authorFollowers: 2_000 }),
    mentionInput('3', { publishedAt: MINUTE_A + 59_999, text: 'Just got my SIM in the post', authorFollowers: null }),
    mentionInput('4', { publishedAt: MINUTE_B, text: 'Awful service, still no signal. Unacceptable', authorFollowers: 300 }),
    mentionInput('5', { publishedAt: MINUTE_B + 5_000, text: 'Great coverage at the café in Leeds', authorFollowers: 45 }),
    mentionInput('6', { publishedAt: MINUTE_B + 29_000, text: 'Comparing three providers for fibre', authorFollowers: 7 }),
  ];
}

/** The rollup table must equal what a GROUP BY over the stored rows says. */
function expectRollupMatchesRows(): void {
  const fromRows = store.db
    .prepare(
      `
    SELECT (published_at / 60000) * 60000 AS minute, COUNT(*) AS total,
      SUM(sentiment = 'positive') AS positive, SUM(sentiment = 'neutral') AS neutral,
      SUM(sentiment = 'negative') AS negative, SUM(COALESCE(author_followers, 0)) AS reach
    FROM mentions GROUP BY minute ORDER BY minute`,
    )
    .all();
  const rollup = store.db.prepare('SELECT minute, total, positive, neutral, negative, reach FROM volume_minute ORDER BY minute').all();
  expect(rollup).toEqual(fromRows);
}

function expectFtsIntact(): void {
  // FTS5's own check that the external-content index matches the mentions table exactly.
  expect(() => store.db.exec("INSERT INTO mentions_fts(mentions_fts) VALUES ('integrity-check')")).not.toThrow();
}

function ftsIds(query: string): number[] {
  return store.db.prepare('SELECT rowid FROM mentions_fts WHERE mentions_fts MATCH ? ORDER BY rowid').pluck().all(query) as number[];
}

describe('IngestPipeline.ingest', () => {
  it('stores a batch with ids, fills FTS, rolls up per minute, moves the cursor and bumps the counter', () => {
    const seen: IngestResult[] = [];
    pipeline.onBatch((sourceId, result) => {
      expect(sourceId).toBe('src');
      // Listeners run after the commit, never inside the transaction.
      expect(store.db.inTransaction).toBe(false);
      expect(store.mentions.count()).toBe(result.stored.length);
      seen.push(result);
    });

    const result = pipeline.ingest('src', firstBatch(), 'cursor-1');

    expect(result.stored).toHaveLength(6);
    expect(result.duplicates).toBe(0);
    expect(result.skipped).toEqual([]);
    expect(result.minutes).toEqual([MINUTE_A, MINUTE_B]);
    expect(seen).toEqual([result]);
    const ids = result.stored.map((m) => m.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids.every((id) => Number.isInteger(id) && id > 0)).toBe(true);
    expect(result.stored.map((m) => m.externalId).sort()).toEqual(['1', '2', '3', '4', '5', '6']);
    for (const m of result.stored) {
      expect(m.sourceId).toBe('src');
      expect(m.ingestedAt).toBe(NOW);
      expect(m.sentiment).toBe(scoreSentiment(m.text).label);
    }
    expect(new Set(result.stored.map((m) => m.sentiment))).toEqual(new Set(['positive', 'neutral', 'negative']));

    const byExternal = new Map(result.stored.map((m) => [m.externalId, m.id]));
    expect(ftsIds('brilliant')).toEqual([byExternal.get('1')]);
    expect(ftsIds('signal')).toEqual([byExternal.get('4')]);
    expect(ftsIds('cafe')).toEqual([byExternal.get('5')]); // remove_diacritics
    expect(store.mentions.countMatching('outage OR unacceptable')).toBe(2);
    expectFtsIntact();

    expectRollupMatchesRows();
    const buckets = store.volume.range(MINUTE_A, MINUTE_B);
    expect(buckets.map((b) => [b.minute, b.total, b.reach])).toEqual([
      [MINUTE_A, 3, 10 + 2_000],
      [MINUTE_B, 3, 300 + 45 + 7],
    ]);
    expect(buckets.reduce((n, b) => n + b.positive + b.neutral + b.negative, 0)).toBe(6);

    const source = store.sources.get('src')!;
    expect(source.cursor).toBe('cursor-1');
    expect(source.itemsTotal).toBe(6);
    expect(source.itemsSkipped).toBe(0);
    expect(source.lastSuccessAt).toBe(NOW);
    expect(source.lastDeliveryAt).toBe(NOW);
    expect(store.mentions.count()).toBe(6);
  });

  it('stores only the new mentions of an overlapping batch and counts the duplicates', () => {
    pipeline.ingest('src', firstBatch(), 'cursor-1');
    const overlapping = [
      ...firstBatch().slice(3), // 4, 5, 6 again
      mentionInput('7', { publishedAt: MINUTE_B + 1_000, text: 'Useless app, keeps crashing', authorFollowers: 1_000 }),
      mentionInput('8', { publishedAt: MINUTE_B + 2_000, text: 'Signal is back, thanks', authorFollowers: 20 }),
      mentionInput('8', { publishedAt: MINUTE_B + 3_000, text: 'same id twice in one batch' }),
    ];
    const result = pipeline.ingest('src', overlapping, 'cursor-2');

    expect(result.stored.map((m) => m.externalId).sort()).toEqual(['7', '8']);
    expect(result.stored.find((m) => m.externalId === '8')?.text).toBe('Signal is back, thanks');
    expect(result.duplicates).toBe(4);
    expect(result.minutes).toEqual([MINUTE_B]);
    expect(store.mentions.count()).toBe(8);
    expect(countRows(store, 'mentions')).toBe(8);
    expect(store.sources.get('src')?.itemsTotal).toBe(8);
    expect(store.sources.get('src')?.cursor).toBe('cursor-2');
    expect(ftsIds('signal')).toHaveLength(2);
    expectFtsIntact();
    expectRollupMatchesRows();

    // A batch of nothing but duplicates still moves the cursor and changes no minute.
    const again = pipeline.ingest('src', firstBatch(), 'cursor-3');
    expect(again).toMatchObject({ stored: [], duplicates: 6, minutes: [] });
    expect(store.sources.get('src')?.cursor).toBe('cursor-3');
    expect(store.mentions.count()).toBe(8);
    expectRollupMatchesRows();
  });

  it('skips exactly the malformed items, with reasons naming the field, and stores the rest', () => {
    const items: unknown[] = [
      mentionInput('ok-1', { publishedAt: NOW - 5_000 }),
      { ...mentionInput('no-text'), text: undefined },
      mentionInput('neg-followers', { authorFollowers: -5 }),
      mentionInput('nan-time', { publishedAt: Number.NaN }),
      mentionInput('1970', { publishedAt: Date.UTC(1970, 0, 2) }),
      { hello: 'world' },
      'just a string',
      null,
      mentionInput('future', { publishedAt: NOW + 2 * 24 * 60 * 60_000 }),
      mentionInput('near-future', { publishedAt: NOW + 60 * 60_000 }), // clock drift: accepted
      mentionInput('ok-2', { publishedAt: NOW - 1_000 }),
    ];
    const result = pipeline.ingest('src', items, 'after-bad');

    expect(result.stored.map((m) => m.externalId).sort()).toEqual(['near-future', 'ok-1', 'ok-2']);
    expect(result.skipped.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const reason = (index: number) => result.skipped.find((s) => s.index === index)?.reason ?? '';
    expect(reason(1)).toMatch(/^text: /);
    expect(reason(2)).toMatch(/^authorFollowers: /);
    expect(reason(3)).toMatch(/^publishedAt: /);
    expect(reason(4)).toMatch(/^publishedAt: .*plausible/);
    expect(reason(5)).toMatch(/^externalId: /);
    expect(reason(6)).toMatch(/^item: .*object/);
    expect(reason(7)).toMatch(/^item: .*object/);
    expect(reason(8)).toMatch(/^publishedAt: .*plausible/);

    const source = store.sources.get('src')!;
    expect(source.itemsTotal).toBe(3);
    expect(source.itemsSkipped).toBe(8);
    expect(source.cursor).toBe('after-bad');
    // A broken feed must not flood the log: five reasons, then one summary line.
    const warnings = logger.lines.filter((l) => l.includes(' WARN '));
    expect(warnings.filter((l) => l.includes('skipped a malformed item'))).toHaveLength(5);
    expect(warnings.filter((l) => l.includes('skipped more malformed items') && l.includes('count=3'))).toHaveLength(1);
  });

  it('cleans hostile text and URLs and stores odd but valid text without error', () => {
    const megabyte = `${'a'.repeat(1_000_000)} tail`;
    const items = [
      mentionInput('huge', { text: megabyte }),
      mentionInput('nul', { text: 'nul\u0000byte\u0000s' }),
      mentionInput('surrogates', { text: 'lone \uD800 high, lone \uDC00 low, pair 😀' }),
      mentionInput('js-url', { url: 'javascript:alert(document.cookie)' }),
      mentionInput('file-url', { url: 'file:///etc/passwd' }),
      mentionInput('data-url', { url: 'data:text/html,<script>alert(1)</script>' }),
      mentionInput('junk-url', { url: 'not a url at all' }),
      mentionInput('https-url', { url: 'https://social.example/x/post/123?ref=feed' }),
      mentionInput('emoji', { text: '😡😡😡🤬' }),
      mentionInput('rtl', { text: 'الخدمة سيئة جدا اليوم ‏@KestrelMobile' }),
      mentionInput('hebrew', { text: 'שירות גרוע מאוד' }),
      mentionInput('empty', { text: '' }),
    ];
    const result = pipeline.ingest('src', items, null);
    expect(result.skipped).toEqual([]);
    expect(result.stored).toHaveLength(items.length);

    // Read back from the database, not from what the pipeline handed over.
    const stored = new Map(store.mentions.recent(100).map((m) => [m.externalId, m]));
    expect(stored.get('huge')?.text).toHaveLength(MAX_TEXT_CHARS);
    expect(stored.get('huge')?.text).toBe('a'.repeat(MAX_TEXT_CHARS));
    expect(stored.get('nul')?.text).toBe('nulbytes');
    expect(stored.get('surrogates')?.text).toBe('lone \uFFFD high, lone \uFFFD low, pair 😀');
    expect(stored.get('js-url')?.url).toBeNull();
    expect(stored.get('file-url')?.url).toBeNull();
    expect(stored.get('data-url')?.url).toBeNull();
    expect(stored.get('junk-url')?.url).toBeNull();
    expect(stored.get('https-url')?.url).toBe('https://social.example/x/post/123?ref=feed');
    expect(stored.get('emoji')?.text).toBe('😡😡😡🤬');
    expect(stored.get('rtl')?.text).toBe('الخدمة سيئة جدا اليوم ‏@KestrelMobile');
    expect(stored.get('hebrew')?.text).toBe('שירות גרוע מאוד');
    expect(stored.get('empty')?.text).toBe('');
    expect(stored.get('empty')?.sentiment).toBe('neutral');
    expect(ftsIds('tail')).toEqual([]); // cut off with the rest of the megabyte
    expectFtsIntact();
    expectRollupMatchesRows();
  });

  it('never leaves half a surrogate pair where a long text is cut', () => {
    // 'a' then emoji: the cut at MAX_TEXT_CHARS falls between the two halves of a pair.
    const checked = checkMentionInput(mentionInput('cut', { text: `a${'😀'.repeat(MAX_TEXT_CHARS)}` }), NOW);
    expect(checked.ok).toBe(true);
    const text = checked.ok ? checked.mention.text : '';
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(text.startsWith('a😀😀')).toBe(true);
    expect(LONE_SURROGATE.test(text)).toBe(false);
  });

  it('stores nothing of a batch whose transaction fails: unknown source (foreign key)', () => {
    let notified = 0;
    pipeline.onBatch(() => notified++);
    expect(() => pipeline.ingest('ghost', firstBatch(), 'ghost-cursor')).toThrow(/FOREIGN KEY/);
    expect(countRows(store, 'mentions')).toBe(0);
    expect(countRows(store, 'volume_minute')).toBe(0);
    expect(store.mentions.count()).toBe(0);
    expect(store.mentions.countMatching('brilliant')).toBe(0);
    expect(store.sources.get('ghost')).toBeNull();
    expect(notified).toBe(0);
    expectFtsIntact();
  });

  it('stores nothing and keeps the cursor when the last write of the transaction fails', () => {
    pipeline.ingest('src', firstBatch().slice(0, 2), 'before');
    const mentionsBefore = countRows(store, 'mentions');
    const rollupBefore = store.db.prepare('SELECT * FROM volume_minute ORDER BY minute').all();

    // The cursor update is the transaction's last statement: make SQLite refuse it.
    store.db.exec("CREATE TEMP TRIGGER refuse_cursor BEFORE UPDATE ON main.sources BEGIN SELECT RAISE(ABORT, 'cursor write refused'); END;");
    expect(() => pipeline.ingest('src', firstBatch(), 'after')).toThrow(/cursor write refused/);

    expect(countRows(store, 'mentions')).toBe(mentionsBefore);
    expect(store.mentions.count()).toBe(mentionsBefore);
    expect(store.db.prepare('SELECT * FROM volume_minute ORDER BY minute').all()).toEqual(rollupBefore);
    expect(store.sources.get('src')?.cursor).toBe('before');
    expect(store.sources.get('src')?.itemsTotal).toBe(2);
    expect(store.mentions.countMatching('signal')).toBe(0);
    expectFtsIntact();

    // Nothing half-stored: the same batch retried stores all that was new.
    store.db.exec('DROP TRIGGER temp.refuse_cursor');
    const retry = pipeline.ingest('src', firstBatch(), 'after');
    expect(retry.stored).toHaveLength(4);
    expect(retry.duplicates).toBe(2);
    expect(store.sources.get('src')?.cursor).toBe('after');
    expectRollupMatchesRows();
  });

  it('runs stored hooks inside the batch transaction with only the new mentions, and a throwing hook rolls everything back', () => {
    const seen: string[][] = [];
    let refuse = false;
    pipeline.addStoredHook((sourceId, stored) => {
      if (refuse) throw new Error('hook refused');
      seen.push(stored.map((m) => `${sourceId}:${m.externalId}`));
    });
    pipeline.ingest('src', firstBatch().slice(0, 2), 'before');
    expect(seen).toEqual([['src:1', 'src:2']]);

    refuse = true;
    expect(() => pipeline.ingest('src', firstBatch(), 'after')).toThrow(/hook refused/);
    expect(countRows(store, 'mentions')).toBe(2);
    expect(store.sources.get('src')?.cursor).toBe('before');

    refuse = false;
    pipeline.ingest('src', firstBatch(), 'after');
    expect(seen[1]).toHaveLength(4);
    // A batch of duplicates stores nothing new, so the hooks are not called at all.
    pipeline.ingest('src', firstBatch(), 'again');
    expect(seen).toHaveLength(2);
  });
});

describe('rollUp', () => {
  it('sums a batch per minute with sentiment counts and reach', () => {
    const result = pipeline.ingest('src', firstBatch(), null);
    const increments = rollUp('src', result.stored);
    expect(increments.map((i) => i.minute).sort()).toEqual([MINUTE_A, MINUTE_B]);
    for (const inc of increments) {
      const inMinute = result.stored.filter((m) => floorToMinute(m.publishedAt) === inc.minute);
      expect(inc.sourceId).toBe('src');
      expect(inc.total).toBe(inMinute.length);
      expect(inc.positive + inc.neutral + inc.negative).toBe(inc.total);
      expect(inc.negative).toBe(inMinute.filter((m) => m.sentiment === 'negative').length);
      expect(inc.reach).toBe(inMinute.reduce((n, m) => n + (m.authorFollowers ?? 0), 0));
    }
    expect(rollUp('src', [])).toEqual([]);
  });
});
