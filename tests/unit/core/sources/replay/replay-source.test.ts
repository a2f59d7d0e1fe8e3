import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../../electron/core/pipeline/ingest';
import { SourceConfigError } from '../../../../../electron/core/sources/adapter';
import { readReplayCsv } from '../../../../../electron/core/sources/replay/replay-rows';
import { REPLAY_BATCH, ReplaySource, type ReplayConfig } from '../../../../../electron/core/sources/replay/replay-source';
import { openStore } from '../../../../../electron/core/store/store';
import { countRows, createSource, useTempDirs } from '../../../../support/core-helpers';
import { sharedDataFile } from '../../../../support/shared-data';
import { offlineOutbound } from '../../../../support/outbound';

const airline = sharedDataFile('airline-tweets.csv');
const AIRLINE_CSV = airline.path;
const SAMPLE_CSV = join(__dirname, '../../../../fixtures/airline-layout-sample.csv');
const AIRLINE_UNIQUE = 14_485;
const AIRLINE_DUPLICATES = 14_640 - AIRLINE_UNIQUE;
const signal = new AbortController().signal;
const tempDir = useTempDirs();

function replay(file: string, patch: Partial<ReplayConfig> = {}): ReplaySource {
  return new ReplaySource('replay', { file, speed: 'max', timestamps: 'shifted', ...patch });
}

function writeCsv(name: string, lines: string[]): string {
  const file = join(tempDir(), name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('readReplayCsv', () => {
  it('reads the airline layout: quoted multi-line text, -0800 times, duplicates and bad rows', () => {
    const data = readReplayCsv(SAMPLE_CSV);
    expect(data.rows.map((r) => r.id)).toEqual(['900000000000000001', '900000000000000002', '900000000000000003', '900000000000000004']);
    expect(data.duplicates).toBe(1);
    expect(data.rejected.map((r) => r.reason)).toEqual(['empty id', 'unreadable time "not a date"']);
    expect(data.rows[0]).toMatchObject({ author: 'happy_hugo', at: Date.parse('2015-02-22T16:01:12Z'), reposts: 0 });
    expect(data.rows[1]?.text).toBe('@SkylarkAir is the 6pm flight to Boston on time?\nAsking for a friend');
    expect(data.rows[3]?.text).toContain('"customer service"');
    expect(data.rows[3]?.reposts).toBe(5);
  });

  it.skipIf(!airline.available)('reads the airline data set: 14,485 unique rows sorted by time, 155 duplicates', () => {
    const data = readReplayCsv(AIRLINE_CSV);
    expect(data.rows).toHaveLength(AIRLINE_UNIQUE);
    expect(data.duplicates).toBe(AIRLINE_DUPLICATES);
    expect(data.rejected).toEqual([]);
    expect(new Set(data.rows.map((r) => r.id)).size).toBe(AIRLINE_UNIQUE);
    for (let i = 1; i < data.rows.length; i++) expect(data.rows[i]!.at).toBeGreaterThanOrEqual(data.rows[i - 1]!.at);
    // 2015-02-16 to 2015-02-24 in the data set's own (US) time zones.
    expect(data.rows[0]!.at).toBeGreaterThanOrEqual(Date.UTC(2015, 1, 16, 8));
    expect(data.rows.at(-1)!.at).toBeLessThan(Date.UTC(2015, 1, 25, 8));
    // The first row of the file, with its quoting and time zone read correctly.
    const first = data.rows.find((r) => r.id === '570306133677760513');
    expect(first).toEqual({
      id: '570306133677760513',
      text: '@VirginAmerica What @dhepburn said.',
      at: Date.parse('2015-02-24T19:35:52Z'),
      author: 'cairdin',
      reposts: 0,
    });
    expect(data.rows.some((r) => r.text.includes('\n'))).toBe(true); // multi-line quoted texts survive
  });

  it('names the missing column and the header when a CSV has no text column', () => {
    const file = writeCsv('no-text.csv', ['id,body_text,created_at', '1,hello,2024-05-01T10:00:00Z']);
    let error: unknown;
    try {
      readReplayCsv(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SourceConfigError);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toContain('a text column (text,');
    expect(message).toContain('its header is: id, body_text, created_at');
    expect(message).not.toContain('an id column');
    expect(message).not.toContain('a time column');
  });

  it('rejects bad rows with their row numbers and keeps the good ones', () => {
    const file = writeCsv('bad-rows.csv', [
      'id,text,created_at,author,reposts',
      'a,first,2024-05-01T10:00:00Z,amy,3',
      ',no id here,2024-05-01T10:00:01Z,ben,0',
      'c,bad time,yesterday-ish,cat,0',
      'd,fine,2024-05-01T10:00:03Z,,-2',
      'a,duplicate of a,2024-05-01T10:00:04Z,amy,0',
    ]);
    const data = readReplayCsv(file);
    expect(data.rows.map((r) => r.id)).toEqual(['a', 'd']);
    expect(data.rejected).toEqual([
      { row: 3, reason: 'empty id' },
      { row: 4, reason: expect.stringContaining('yesterday-ish') as string },
    ]);
    expect(data.duplicates).toBe(1);
    expect(data.rows[0]).toMatchObject({ author: 'amy', reposts: 3 });
    expect(data.rows[1]).toMatchObject({ author: 'unknown', reposts: null });
  });

  it('reports an unreadable file as a SourceConfigError with the file and the reason', () => {
    const missing = join(tempDir(), 'missing.csv');
    expect(() => readReplayCsv(missing)).toThrow(SourceConfigError);
    expect(() => readReplayCsv(missing)).toThrow(new RegExp(`${missing}.*ENOENT`));
  });
});

describe('ReplaySource', () => {
  it.skipIf(!airline.available)('replays the airline data set through the pipeline exactly once', async () => {
    const store = openStore(tempDir());
    try {
      createSource(store, 'replay', { kind: 'replay' });
      const pipeline = new IngestPipeline(store, createMemoryLogger());

      const source = replay(AIRLINE_CSV);
      let cursor: string | null = null;
      let polls = 0;
      for (;;) {
        const result = await source.poll({ cursor, now: Date.now(), signal, ...offlineOutbound() });
        expect(result.items.length).toBeLessThanOrEqual(REPLAY_BATCH);
        const ingested = pipeline.ingest('replay', result.items, result.cursor);
        expect(ingested.skipped).toEqual([]);
        cursor = result.cursor;
        polls++;
        if (result.done) break;
        expect(polls).toBeLessThan(20);
      }
      expect(polls).toBe(Math.ceil(AIRLINE_UNIQUE / REPLAY_BATCH));
      expect(countRows(store, 'mentions', 'source_id = ?', 'replay')).toBe(AIRLINE_UNIQUE);
      expect(store.sources.get('replay')?.itemsTotal).toBe(AIRLINE_UNIQUE);
      expect(store.mentions.count()).toBe(AIRLINE_UNIQUE);
      // The data set is 63% negative; the interim scorer should at least see plenty of it.
      expect(countRows(store, 'mentions', "sentiment = 'negative'")).toBeGreaterThan(AIRLINE_UNIQUE * 0.3);

      // A finished replay stays finished.
      const after = await source.poll({ cursor, now: Date.now(), signal, ...offlineOutbound() });
      expect(after).toMatchObject({ items: [], done: true });

      // A second pass from the start (cursor reset) adds nothing.
      const again = replay(AIRLINE_CSV);
      let secondCursor: string | null = null;
      let stored = 0;
      let duplicates = 0;
      for (;;) {
        const result = await again.poll({ cursor: secondCursor, now: Date.now(), signal, ...offlineOutbound() });
        const ingested = pipeline.ingest('replay', result.items, result.cursor);
        stored += ingested.stored.length;
        duplicates += ingested.duplicates;
        secondCursor = result.cursor;
        if (result.done) break;
      }
      expect(stored).toBe(0);
      expect(duplicates).toBe(AIRLINE_UNIQUE);
      expect(countRows(store, 'mentions')).toBe(AIRLINE_UNIQUE);
    } finally {
      store.close();
    }
  });

  it.skipIf(!airline.available)("keeps the data set's own 2015 times with timestamps: 'original'", async () => {
    const rows = readReplayCsv(AIRLINE_CSV).rows;
    const result = await replay(AIRLINE_CSV, { timestamps: 'original' }).poll({ cursor: null, now: Date.now(), signal, ...offlineOutbound() });
    const items = result.items as MentionInput[];
    expect(items).toHaveLength(REPLAY_BATCH);
    expect(items.map((i) => i.publishedAt)).toEqual(rows.slice(0, REPLAY_BATCH).map((r) => r.at));
    expect(items.every((i) => new Date(i.publishedAt).getUTCFullYear() === 2015)).toBe(true);
    expect(result.moreAvailable).toBe(true);
    expect(result.done).toBe(false);
  });

  it("places a 'max' shifted replay so that its last post is now", async () => {
    const file = writeCsv('small.csv', ['id,text,created_at', 'a,one,2024-05-01T10:00:00Z', 'b,two,2024-05-01T10:05:00Z']);
    const now = Date.UTC(2025, 0, 1);
    const result = await replay(file).poll({ cursor: null, now, signal, ...offlineOutbound() });
    expect((result.items as MentionInput[]).map((i) => i.publishedAt)).toEqual([now - 5 * 60_000, now]);
    expect(result.done).toBe(true);
  });

  it('paced by a speed factor, releases only the rows whose scaled time has come', async () => {
    const file = writeCsv('paced.csv', [
      'id,text,created_at,author',
      'a,first post,2024-05-01T10:00:00Z,amy',
      'b,second post,2024-05-01T10:00:10Z,ben',
      'c,third post,2024-05-01T10:00:20Z,cat',
      'd,fourth post,2024-05-01T10:01:00Z,dan',
    ]);
    const source = replay(file, { speed: 10 });
    const start = Date.UTC(2025, 0, 1, 9, 0, 0);
    const steps: Array<[number, string[]]> = [
      [0, ['a']],
      [999, []],
      [1_000, ['b']],
      [1_500, []],
      [5_999, ['c']],
      [6_000, ['d']],
    ];
    let cursor: string | null = null;
    let done: boolean | undefined;
    for (const [offset, expected] of steps) {
      const result = await source.poll({ cursor, now: start + offset, signal, ...offlineOutbound() });
      const items = result.items as MentionInput[];
      expect(
        items.map((i) => i.externalId),
        `at +${offset} ms`,
      ).toEqual(expected);
      // Shifted: each post lands on its own scaled schedule, starting at the first poll.
      const expectedAt: Record<string, number> = { a: 0, b: 1_000, c: 2_000, d: 6_000 };
      for (const item of items) expect(item.publishedAt).toBe(start + expectedAt[item.externalId]!);
      cursor = result.cursor;
      done = result.done;
    }
    expect(done).toBe(true);

    // A restarted process continues the same schedule from the stored cursor.
    const resumed = replay(file, { speed: 10 });
    const mid = await resumed.poll({ cursor: JSON.stringify({ next: 2, startedAt: start }), now: start + 2_500, signal, ...offlineOutbound() });
    expect((mid.items as MentionInput[]).map((i) => [i.externalId, i.publishedAt])).toEqual([['c', start + 2_000]]);
  });

  it('fails its poll with a SourceConfigError when the file is missing, and refuses bad settings', async () => {
    const missing = join(tempDir(), 'gone.csv');
    await expect(replay(missing).poll({ cursor: null, now: Date.now(), signal, ...offlineOutbound() })).rejects.toThrow(/gone\.csv cannot be read: ENOENT/);
    expect(() => ReplaySource.fromJson('r1', JSON.stringify({ file: 'x.csv', speed: 0, timestamps: 'shifted' }))).toThrow(/source r1: speed/);
    expect(() => ReplaySource.fromJson('r1', JSON.stringify({ file: 'x.csv', speed: 'max', timestamps: 'local' }))).toThrow(/source r1: timestamps/);
    expect(() => ReplaySource.fromJson('r1', JSON.stringify({ file: '', speed: 'max', timestamps: 'shifted' }))).toThrow(SourceConfigError);
  });
});
