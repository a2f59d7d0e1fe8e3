/**
 * The app warms the analysis workers at start; a batch that arrives before they are loaded is
 * scored on the writer's thread instead of waiting for them, and later batches go to the workers.
 * Real SQLite, a real worker thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { AnalysisPool } from '../../../../electron/core/pipeline/analysis-pool';
import { IngestPipeline, POOL_MIN_BATCH } from '../../../../electron/core/pipeline/ingest';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 10, 18, 10, 0, 0);

const open: Array<{ store: Store; pool: AnalysisPool }> = [];
afterEach(async () => {
  for (const { store, pool } of open.splice(0)) {
    await pool.close();
    store.close();
  }
});

function setUp() {
  const store = openStore(tempDir());
  const pool = new AnalysisPool(1);
  open.push({ store, pool });
  createSource(store, 'src');
  const pipeline = new IngestPipeline(store, createMemoryLogger(), () => T0, { pool });
  const batch = (prefix: string) =>
    Array.from({ length: POOL_MIN_BATCH * 2 }, (_, i) => mentionInput(`${prefix}-${i}`, { publishedAt: T0 - 60_000 + i, text: `outage again, so angry ${i}` }));
  return { store, pool, pipeline, batch };
}

describe('warming the analysis pool', () => {
  it('scores a batch that arrives while the workers load on the writer thread, and later batches in the workers', async () => {
    const { store, pool, pipeline, batch } = setUp();
    const warm = pool.warmUp();
    expect(pool.warmingUp).toBe(true);
    // The same promise however often it is asked for.
    expect(pool.warmUp()).toBe(warm);

    const first = await pipeline.ingestAsync('src', batch('early'), 'c1');
    expect(first.stored).toHaveLength(POOL_MIN_BATCH * 2);
    expect(first.stored.every((m) => m.sentiment !== null)).toBe(true);
    expect(pool.mentionsScored).toBe(0);

    await warm;
    expect(pool.warmingUp).toBe(false);
    const second = await pipeline.ingestAsync('src', batch('later'), 'c2');
    expect(second.stored).toHaveLength(POOL_MIN_BATCH * 2);
    expect(pool.mentionsScored).toBe(POOL_MIN_BATCH * 2);
    // Scored on either side, the same text gets the same analysis.
    expect(second.stored.map((m) => [m.sentiment, m.sentimentScore, m.emotion])).toEqual(first.stored.map((m) => [m.sentiment, m.sentimentScore, m.emotion]));
    expect(store.sources.get('src')?.cursor).toBe('c2');
  });

  it('ends quietly when the pool is closed while its workers load', async () => {
    const { pool } = setUp();
    const warm = pool.warmUp();
    await pool.close();
    await expect(warm).resolves.toBeUndefined();
    expect(pool.warmingUp).toBe(false);
  });
});
