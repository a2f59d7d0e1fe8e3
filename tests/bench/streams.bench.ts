/**
 * `npm run bench:streams`: how fast the push sources keep up, each against a baseline measured in
 * the same run on the same machine.
 * - Jetstream: reading firehose frames (JSON, checks, keyword filter, handle cache) vs bare
 *   `JSON.parse` of the same frames. Target: 20,000 frames/s, far above the firehose's post rate
 *   (tens to a few hundred per second).
 * - Import: the airline data set (or a generated CSV of the same shape) through the importer
 *   (streaming parse, mapping, checks) vs a bare csv-parse of the file. Target: 2,000 rows/s.
 *   Then through the whole pipeline into SQLite (scoring, topics, rollups), for information: that
 *   part is the pipeline's, shared by every source.
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger } from '../../electron/core/base/logger';
import { buildServices } from '../../electron/core/app/services';
import { readJetstreamFrame } from '../../electron/core/sources/jetstream/jetstream-events';
import { ImportSource } from '../../electron/core/sources/import/import-source';
import { keywordMatcher } from '../../electron/core/sources/streams/keywords';
import { openStore } from '../../electron/core/store/store';
import { importConfigSchema } from '@shared/contract/source-config/import';
import { buildJetstreamEvents } from '../unit/core/sources/support/jetstream-server';
import { sharedDataFile } from '../support/shared-data';
import { offlineOutbound } from '../support/outbound';

const FRAMES = Number(process.env.BENCH_FRAMES ?? 200_000);
const FRAME_TARGET = 20_000;
const IMPORT_TARGET = 2_000;

function rate(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

function benchJetstream(): void {
  const frames = buildJetstreamEvents(Math.round(FRAMES / 1.2), { keywordEvery: 20 }).map((e) => e.frame);
  let t = performance.now();
  let parsed = 0;
  for (const frame of frames) if (JSON.parse(frame)) parsed++;
  const baselineMs = performance.now() - t;

  const context = { matches: keywordMatcher(['kestrel', 'no signal', 'refund*', '#KestrelDown']), languages: [], handles: new Map<string, string>() };
  t = performance.now();
  let posts = 0;
  for (const frame of frames) if (readJetstreamFrame(frame, context).kind === 'post') posts++;
  const readMs = performance.now() - t;
  const readRate = rate(frames.length, readMs);
  console.log(`Jetstream frames: ${frames.length} (${posts} kept by the keyword filter)`);
  console.log(`  baseline JSON.parse      ${rate(parsed, baselineMs).toLocaleString('en')} frames/s`);
  console.log(`  readJetstreamFrame       ${readRate.toLocaleString('en')} frames/s (ratio ${(baselineMs / readMs).toFixed(2)})`);
  console.log(`  target ${FRAME_TARGET.toLocaleString('en')} frames/s: ${readRate >= FRAME_TARGET ? 'met' : 'NOT MET'}`);
}

async function benchImport(): Promise<void> {
  const airline = sharedDataFile('airline-tweets.csv');
  const dir = mkdtempSync(join(tmpdir(), 'earshot-bench-'));
  try {
    let file = airline.path;
    if (!airline.available) {
      file = join(dir, 'generated.csv');
      const lines = ['tweet_id,name,text,tweet_created'];
      for (let i = 0; i < 15_000; i++)
        lines.push(`${1e17 + i},user${i % 500},"Flight ${i} was late, again. ""Great"" service",2015-02-2${i % 9} 1${i % 10}:00:00 -0800`);
      writeFileSync(file, lines.join('\n'));
    }
    let t = performance.now();
    const rows = (parse(readFileSync(file, 'utf8'), { bom: true, relax_column_count: true }) as string[][]).length - 1;
    const baselineMs = performance.now() - t;

    const store = openStore(dir);
    try {
      store.sources.create({ id: 'bench-import', kind: 'import', name: 'bench', config: '{}', enabled: false, intervalMs: 1_000, createdAt: Date.now() });
      const { pipeline } = buildServices(store, createMemoryLogger());
      const config = importConfigSchema.parse({
        file,
        format: 'csv',
        mapping: { text: 'text', id: 'tweet_id', author: 'name', time: 'tweet_created' },
        platform: 'x',
      });
      const reader = new ImportSource('bench-import', config);
      t = performance.now();
      let readCursor: string | null = null;
      for (;;) {
        const result = await reader.poll({ cursor: readCursor, now: Date.now(), signal: new AbortController().signal, ...offlineOutbound() });
        readCursor = result.cursor;
        if (result.done) break;
      }
      const readMs = performance.now() - t;

      const source = new ImportSource('bench-import', config);
      t = performance.now();
      let cursor: string | null = null;
      let stored = 0;
      for (;;) {
        const result = await source.poll({ cursor, now: Date.now(), signal: new AbortController().signal, ...offlineOutbound() });
        stored += pipeline.ingest('bench-import', result.items, result.cursor).stored.length;
        cursor = result.cursor;
        if (result.done) break;
      }
      const importMs = performance.now() - t;
      const readRate = rate(rows, readMs);
      console.log(`Import: ${rows} rows of ${airline.available ? 'airline-tweets.csv' : 'a generated CSV'} (${stored} stored)`);
      console.log(`  baseline csv-parse       ${rate(rows, baselineMs).toLocaleString('en')} rows/s`);
      console.log(`  importer (read + map)    ${readRate.toLocaleString('en')} rows/s (ratio ${(baselineMs / readMs).toFixed(2)})`);
      console.log(`  target ${IMPORT_TARGET.toLocaleString('en')} rows/s: ${readRate >= IMPORT_TARGET ? 'met' : 'NOT MET'}`);
      console.log(`  importer + pipeline      ${rate(rows, importMs).toLocaleString('en')} rows/s (scoring, topics and storage included)`);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  benchJetstream();
  await benchImport();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
