/**
 * A replay's newest mentions (review.mentions) read the newest published by the moment plus the few
 * posts dated ahead of when they were heard (their own partial index), instead of walking back a
 * day of publication times. Pinned against the definition over the stored rows, with late-heard
 * and future-dated posts around the moments asked. Real SQLite, the real pipeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { IngestPipeline } from '../../../../electron/core/pipeline/ingest';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

describe('replay: the newest mentions heard by a moment', () => {
  it('equal the definition, with posts heard late and posts dated ahead of their hearing', () => {
    const store = openStore(tempDir());
    open.push(store);
    createSource(store, 'src');
    let clock = T0;
    const pipeline = new IngestPipeline(store, createMemoryLogger(), () => clock);
    // Each minute for three hours: posts published in the last minute, heard now; every 10th minute
    // a batch published 40 minutes earlier (heard late) and one dated 2 hours ahead of the clock.
    for (let i = 0; i < 180; i++) {
      clock = T0 + i * MINUTE;
      const batch = Array.from({ length: 5 }, (_, j) => mentionInput(`n${i}-${j}`, { publishedAt: clock - 30_000 - j * 1_000 }));
      if (i % 10 === 0) {
        batch.push(mentionInput(`late${i}`, { publishedAt: clock - 40 * MINUTE }));
        batch.push(mentionInput(`ahead${i}`, { publishedAt: clock + 2 * 60 * MINUTE }));
      }
      pipeline.ingest('src', batch, String(i));
    }
    const ahead = store.db.prepare('SELECT COUNT(*) FROM mentions WHERE published_at > heard_at').pluck().get() as number;
    expect(ahead).toBe(18);
    const definition = store.db
      .prepare('SELECT id FROM mentions m WHERE m.published_at <= ? + 86400000 AND m.heard_at <= ? ORDER BY m.published_at DESC, m.id DESC LIMIT ?')
      .pluck();
    for (const at of [T0 - MINUTE, T0 + 5 * MINUTE, T0 + 61 * MINUTE + 7_000, T0 + 179 * MINUTE, T0 + 10 * 60 * MINUTE]) {
      for (const limit of [1, 7, 50, 500]) {
        const expected = definition.all(at, at, limit) as number[];
        expect(
          store.record.mentionsAsOf(at, limit).map((m) => m.id),
          `at +${(at - T0) / MINUTE} min, ${limit}`,
        ).toEqual(expected);
      }
    }
    // The future-dated posts lead the list when they were heard by the moment.
    expect(store.record.mentionsAsOf(T0 + 100 * MINUTE, 3).map((m) => m.externalId)).toEqual(['ahead100', 'ahead90', 'ahead80']);
  });
});
