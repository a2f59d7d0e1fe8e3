import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../../electron/core/app/data-dir-lock';
import { SourceConfigError } from '../../../../electron/core/sources/adapter';
import { readCount, readTime } from '../../../../electron/core/sources/import/field-values';
import { runImportCommand } from '../../../../electron/cli/commands/import-command';
import { ImportSource } from '../../../../electron/core/sources/import/import-source';
import { openStore } from '../../../../electron/core/store/store';
import { importConfigSchema, parseMappingText, type ImportConfig } from '@shared/contract/source-config/import';
import { sharedDataFile } from '../../../support/shared-data';
import { useTempDirs, waitFor } from '../../../support/core-helpers';
import { buildServices } from '../../../../electron/core/app/services';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { openRig, type Rig } from '../../core/sources/support/drive';
import { offlineOutbound } from '../../../support/outbound';

const FIXTURES = join(__dirname, '../../../fixtures/listening-streams');
const CSV = join(FIXTURES, 'mentions.csv');
const JSONL = join(FIXTURES, 'mentions.jsonl');
const CSV_MAP = { text: 'body', id: 'post_id', author: 'handle', time: 'created_at', followers: 'followers', url: 'link', lang: 'language' };
const JSONL_MAP = { text: 'text', id: 'id', author: 'user.screen_name', followers: 'user.followers_count', time: 'created_at', lang: 'lang' };
const airline = sharedDataFile('airline-tweets.csv');

const tempDir = useTempDirs();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function config(patch: Partial<ImportConfig> & { mapping: ImportConfig['mapping'] }): ImportConfig {
  return importConfigSchema.parse({ file: CSV, format: 'csv', ...patch });
}

function rig(): Rig {
  const r = openRig(tempDir(), 'imp', 'import');
  cleanups.push(() => r.store.close());
  return r;
}

async function runToEnd(r: Rig, source: ImportSource): Promise<void> {
  for (let i = 0; i < 1000; i++) if ((await r.step(source)).done) return;
  throw new Error('the import never finished');
}

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return runImportCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env }).then((code) => ({ code, out, err }));
}

describe('field values', () => {
  it('reads times in the forms exports use, and counts with thousands separators', () => {
    expect(readTime('2025-11-20T09:00:00Z')).toBe(Date.UTC(2025, 10, 20, 9));
    expect(readTime('2015-02-24 11:35:52 -0800')).toBe(Date.UTC(2015, 1, 24, 19, 35, 52));
    expect(readTime(1_763_629_800)).toBe(1_763_629_800_000); // seconds
    expect(readTime('1763629800000')).toBe(1_763_629_800_000); // milliseconds as text
    expect(readTime('')).toBeNull();
    expect(() => readTime('next week')).toThrow(/not a readable time/);
    expect(readCount('5,000')).toBe(5000);
    expect(readCount(12)).toBe(12);
    expect(readCount(undefined)).toBeNull();
    expect(() => readCount('1.5')).toThrow(/whole number/);
  });
});

describe('parseMappingText', () => {
  it('reads field=column pairs and names the bad one', () => {
    expect(parseMappingText('text=body, id=post_id,author=user.name')).toEqual({ ok: true, mapping: { text: 'body', id: 'post_id', author: 'user.name' } });
    expect(parseMappingText('id=post_id')).toEqual({ ok: false, error: 'map the text column (text=<column>)' });
    expect(parseMappingText('text=body,colour=red')).toMatchObject({ ok: false, error: expect.stringContaining('"colour" is not a field') });
    expect(parseMappingText('text=body,text=other')).toEqual({ ok: false, error: '"text" is mapped twice' });
    expect(parseMappingText('text')).toEqual({ ok: false, error: '"text" is not field=column' });
  });
});

describe('ImportSource', () => {
  it('imports a CSV with a BOM, CRLF header, quoted newlines and quotes, reporting bad rows by row and column', async () => {
    const r = rig();
    const source = new ImportSource('imp', config({ mapping: CSV_MAP }));
    await runToEnd(r, source);
    expect([...r.externalIds()].sort()).toEqual(['p1', 'p2', 'p6', 'p7']);
    const p2 = r.store.db.prepare('SELECT * FROM mentions WHERE external_id = ?').get('p2') as Record<string, unknown>;
    expect(p2).toMatchObject({
      text: 'Is the outage\nstill going on? "No signal" since 8am',
      author_handle: 'worried_wendy',
      published_at: Date.UTC(2025, 10, 20, 17, 5),
      author_followers: 85,
      url: null,
      lang: 'en',
      platform: 'other',
    });
    const p6 = r.store.db.prepare('SELECT url, published_at FROM mentions WHERE external_id = ?').get('p6') as { url: string | null; published_at: number };
    expect(p6).toEqual({ url: null, published_at: 1_763_629_800_000 }); // javascript: link dropped, unix seconds read
    expect(r.store.db.prepare('SELECT author_followers FROM mentions WHERE external_id = ?').pluck().get('p7')).toBe(5000);
    const report = source.report();
    expect(report).toMatchObject({ rowsRead: 8, rowErrors: 3, done: true });
    expect(report.errors).toEqual([
      { row: 3, line: 5, column: 'body', reason: 'is empty' },
      { row: 4, line: 6, column: 'created_at', reason: expect.stringContaining('"not a date" is not a readable time') },
      { row: 5, line: 7, column: 'followers', reason: expect.stringContaining('"lots" is not a whole number') },
    ]);
    expect(r.cursor()).toBe('8');
  });

  it('imports JSON Lines with dotted keys, reporting a broken line, a non-object and a missing text', async () => {
    const r = rig();
    const source = new ImportSource('imp', config({ file: JSONL, format: 'jsonl', mapping: JSONL_MAP, platform: 'x' }));
    await runToEnd(r, source);
    expect([...r.externalIds()].sort()).toEqual(['j1', 'j2', 'j5']);
    const j1 = r.store.db.prepare('SELECT author_handle, author_followers, platform FROM mentions WHERE external_id = ?').get('j1');
    expect(j1).toEqual({ author_handle: 'app_andy', author_followers: 340, platform: 'x' });
    expect(source.report().errors).toEqual([
      { row: 4, line: 4, column: null, reason: expect.stringContaining('not valid JSON') },
      { row: 5, line: 5, column: null, reason: 'a line must be a JSON object' },
      { row: 6, line: 6, column: 'text', reason: 'is empty' },
    ]);
  });

  it('reads JSON Lines with a byte-order mark and Windows line ends', async () => {
    const file = join(tempDir(), 'bom.jsonl');
    writeFileSync(file, '\uFEFF{"id": "b1", "text": "first"}\r\n{"id": "b2", "text": "second"}\r\n');
    const r = rig();
    const source = new ImportSource('imp', config({ file, format: 'jsonl', mapping: { text: 'text', id: 'id' } }));
    await runToEnd(r, source);
    expect(r.externalIds()).toEqual(['b1', 'b2']);
    expect(source.report()).toMatchObject({ rowsRead: 2, rowErrors: 0 });
  });

  it('reads progressively: the cursor is the row offset, and a new adapter resumes after it', async () => {
    const r = rig();
    const first = new ImportSource('imp', config({ mapping: CSV_MAP }), 2);
    const one = await r.step(first);
    expect(one).toMatchObject({ cursor: '2', done: false, moreAvailable: true });
    await r.step(first);
    expect(r.cursor()).toBe('4');
    first.close();
    const second = new ImportSource('imp', config({ mapping: CSV_MAP }), 2);
    await runToEnd(r, second);
    // Rows 1–4 were not read again: the second adapter saw only rows 5 onwards.
    expect(second.report().errors.map((e) => e.row)).toEqual([5]);
    expect([...r.externalIds()].sort()).toEqual(['p1', 'p2', 'p6', 'p7']);
  });

  it('reports an unreadable CSV record in its place and carries on', async () => {
    const file = join(tempDir(), 'quotes.csv');
    writeFileSync(file, 'id,text\n1,first\n2,a "quoted" word outside quotes\n3,"third"\n');
    const r = rig();
    const source = new ImportSource('imp', config({ file, mapping: { text: 'text', id: 'id' } }));
    await runToEnd(r, source);
    expect([...r.externalIds()].sort()).toEqual(['1', '3']);
    expect(source.report().errors).toEqual([{ row: 2, line: 3, column: null, reason: expect.stringContaining('not readable as CSV: Invalid Opening Quote') }]);
  });

  it('names the mapped columns the header lacks, and an unreadable file', async () => {
    const missing = new ImportSource('imp', config({ mapping: { text: 'message', author: 'handle', time: 'when' } }));
    await expect(missing.poll({ cursor: null, now: Date.now(), signal: new AbortController().signal, ...offlineOutbound() })).rejects.toThrow(
      /mapping names columns the header does not have \(text=message, time=when\); the header is: post_id, body, handle/,
    );
    const gone = new ImportSource('imp', config({ file: '/nonexistent/file.csv', mapping: { text: 'body' } }));
    await expect(gone.poll({ cursor: null, now: Date.now(), signal: new AbortController().signal, ...offlineOutbound() })).rejects.toThrow(SourceConfigError);
    await expect(gone.poll({ cursor: null, now: Date.now(), signal: new AbortController().signal, ...offlineOutbound() })).rejects.toThrow(
      /cannot be read: ENOENT/,
    );
  });

  it('can be added from the settings screen with the mapping written as text, and runs there', async () => {
    const store = openStore(tempDir());
    cleanups.push(() => store.close());
    const services = buildServices(store, createMemoryLogger());
    const bad = services.sources.create({ kind: 'import', name: 'Old reviews', settings: { file: CSV, format: 'csv', mapping: 'id=post_id' } });
    expect(JSON.stringify(bad)).toContain('map the text column (text=<column>)');
    const created = services.sources.create({
      kind: 'import',
      name: 'Old reviews',
      settings: { file: CSV, format: 'csv', mapping: 'text=body,id=post_id,author=handle,time=created_at' },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    services.scheduler.start();
    cleanups.push(() => services.scheduler.stop());
    await waitFor('the import to finish', () => services.scheduler.healthOfSource(created.source.id)?.state === 'done', 10_000);
    // followers is not mapped here, so p5 (whose followers column says "lots") is stored too.
    expect(store.db.prepare('SELECT external_id FROM mentions WHERE source_id = ? ORDER BY external_id').pluck().all(created.source.id)).toEqual([
      'p1',
      'p2',
      'p5',
      'p6',
      'p7',
    ]);
  });

  it('validates its settings at the boundary', () => {
    expect(() => ImportSource.fromJson('i', JSON.stringify({ file: 'a.csv', format: 'xml', mapping: { text: 't' } }))).toThrow(/source i: format/);
    expect(() => ImportSource.fromJson('i', JSON.stringify({ file: 'a.csv', format: 'csv', mapping: { id: 'x' } }))).toThrow(/source i: mapping.text/);
  });
});

describe('npm run import', () => {
  it('imports into a data folder, prints each bad row and the totals, and resumes instead of repeating', async () => {
    const dataDir = tempDir();
    const first = await run([
      CSV,
      '--map',
      'text=body,id=post_id,author=handle,time=created_at,followers=followers,url=link,lang=language',
      '--data-dir',
      dataDir,
      '--platform',
      'reviews',
    ]);
    expect(first.code).toBe(0);
    expect(first.err).toEqual([
      'row 3 (line 5), column "body": is empty',
      expect.stringMatching(/^row 4 \(line 6\), column "created_at": "not a date" is not a readable time/),
      expect.stringMatching(/^row 5 \(line 7\), column "followers": "lots" is not a whole number/),
    ]);
    expect(first.out.at(-1)).toMatch(/: 8 rows read, 4 stored, 1 already stored \(same id\), 3 rejected, in /);

    const again = await run([CSV, '--format', 'csv', '--map', 'text=body,id=post_id,author=handle,time=created_at', `--data-dir=${dataDir}`]);
    expect(again.code).toBe(0);
    expect(again.out[0]).toContain('Resuming');
    expect(again.out.at(-1)).toMatch(/0 rows read|8 rows read, 0 stored/);

    const store = openStore(dataDir);
    try {
      expect(store.db.prepare("SELECT COUNT(*) FROM mentions WHERE platform = 'reviews'").pluck().get()).toBe(4);
      const source = store.db.prepare("SELECT kind, enabled FROM sources WHERE kind = 'import'").get();
      expect(source).toEqual({ kind: 'import', enabled: 0 });
    } finally {
      store.close();
    }
  });

  it('refuses while Earshot holds the data folder, and explains bad usage', async () => {
    const dataDir = tempDir();
    const lock = lockDataDir(dataDir);
    try {
      const locked = await run([CSV, '--map', 'text=body', '--data-dir', dataDir]);
      expect(locked.code).toBe(2);
      expect(locked.err[0]).toMatch(/Earshot is running on the data folder .* \(process \d+\)\. Quit it first/);
    } finally {
      lock.release();
    }
    expect((await run(['--map', 'text=body'])).err[0]).toBe('import: name the file to import');
    expect((await run([join(FIXTURES, 'data.txt'), '--map', 'text=body'])).err[0]).toContain('say --format csv|jsonl');
    expect((await run([CSV])).err[0]).toContain('--map is required');
    expect((await run([CSV, '--map', 'body=text'])).err[0]).toContain('--map: "body" is not a field');
    expect((await run([CSV, '--map', 'text=body', '--colour', 'red'])).err[0]).toBe('import: unknown option --colour');
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toContain('Usage: npm run import');
  });

  it.skipIf(!airline.available)(
    'stores every unique tweet of the airline data set exactly once (14,485)',
    async () => {
      const dataDir = tempDir();
      const result = await run([
        airline.path,
        '--map',
        'text=text,id=tweet_id,author=name,time=tweet_created,reposts=retweet_count',
        '--platform',
        'x',
        '--data-dir',
        dataDir,
      ]);
      expect(result.err).toEqual([]);
      expect(result.code).toBe(0);
      expect(result.out.at(-1)).toMatch(/14640 rows read, 14485 stored, 155 already stored \(same id\), 0 rejected/);
      const store = openStore(dataDir);
      try {
        expect(store.db.prepare('SELECT COUNT(*), COUNT(DISTINCT external_id) FROM mentions').raw().get()).toEqual([14_485, 14_485]);
        const first = store.db.prepare('SELECT text, author_handle, published_at FROM mentions WHERE external_id = ?').get('570306133677760513');
        expect(first).toEqual({ text: '@VirginAmerica What @dhepburn said.', author_handle: 'cairdin', published_at: Date.parse('2015-02-24T19:35:52Z') });
      } finally {
        store.close();
      }
      // A second run stores nothing new.
      const again = await run([airline.path, '--map', 'text=text,id=tweet_id,author=name,time=tweet_created', '--data-dir', dataDir]);
      expect(again.out.at(-1)).toMatch(/ 0 stored/);
    },
    120_000,
  );
});
