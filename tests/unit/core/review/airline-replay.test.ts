/**
 * Replay on real data: the airline tweets imported into one data folder, opened from another
 * Earshot as a read-only workspace, and replayed on 2015-02-22, the day of the US Airways surge
 * (cancelled flights). Counts are checked against an independent SQL count on the source file.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices } from '../../../../electron/core/app/services';
import { alertsOpenAt, authorsTopAt, mentionsAt, topicsVolumeAt, trendsAt, volumeAt } from '../../../../electron/core/review/as-of';
import { importAirlineTweets } from '../../../support/airline-import';
import { openStore } from '../../../../electron/core/store/store';
import { sharedDataFile } from '../../../support/shared-data';
import { useTempDirs } from '../../../support/core-helpers';
import { openReviewHarness } from './review-harness';

const airline = sharedDataFile('airline-tweets.csv');
const tempDir = useTempDirs();
const HOUR = 3_600_000;
const DAY = Date.UTC(2015, 1, 22);

describe('replay of the airline data set', () => {
  it.skipIf(!airline.available)(
    'shows the US Airways surge of 2015-02-22 with exact counts, from a read-only copy',
    async () => {
      // Another team's data folder: the airline tweets imported, with a US Airways topic.
      const theirs = tempDir();
      const imported = await importAirlineTweets(airline.path, theirs);
      expect(imported.code, imported.output).toBe(0);
      const theirStore = openStore(theirs);
      const theirServices = buildServices(theirStore, createMemoryLogger(), () => Date.UTC(2015, 1, 25));
      const usAirways = theirServices.topics.create({ name: 'US Airways', kind: 'brand', query: '@USAirways' });
      await theirServices.topics.idle();
      theirServices.topics.stop();
      theirServices.alertDelivery.stop();
      theirStore.close();

      // Our Earshot opens it read-only.
      const h = openReviewHarness(tempDir(), Date.UTC(2026, 0, 1));
      try {
        const w = h.window();
        const { workspace } = await w.call('review.workspaces.openFolder', { path: theirs, name: 'Airline tweets' });
        expect(workspace).toMatchObject({ kind: 'folder', readOnly: true, name: 'Airline tweets', mentions: 14_485 });
        expect(workspace.earliest).toBeLessThan(DAY);

        // The independent count: straight SQL on their file.
        const raw = new Database(join(theirs, 'earshot.db'), { readonly: true });
        const count = (from: number, to: number, topic: boolean): number =>
          raw
            .prepare(
              topic
                ? 'SELECT COUNT(*) FROM mentions m JOIN mention_topics t ON t.mention_id = m.id AND t.topic_id = ? WHERE published_at >= ? AND published_at < ?'
                : 'SELECT COUNT(*) FROM mentions WHERE ? IS NOT NULL AND published_at >= ? AND published_at < ?',
            )
            .pluck()
            .get(usAirways.id, from, to) as number;
        const byText = raw.prepare("SELECT COUNT(*) FROM mentions WHERE text LIKE '%@usairways%' AND published_at >= ? AND published_at < ?").pluck();

        const at = DAY + 14 * HOUR - 1; // 13:59:59.999: the last instant of the 12:00–14:00 window
        const sum = (buckets: Array<{ total: number }>) => buckets.reduce((s, b) => s + b.total, 0);
        const surge = await w.call('review.volume', { workspace: workspace.id, at, minutes: 120, topicId: usAirways.id });
        const before = await w.call('review.volume', { workspace: workspace.id, at: at - 2 * HOUR, minutes: 120, topicId: usAirways.id });
        expect(surge.buckets[0]!.minute).toBe(DAY + 12 * HOUR);
        expect(sum(surge.buckets)).toBe(count(DAY + 12 * HOUR, DAY + 14 * HOUR, true));
        expect(sum(before.buckets)).toBe(count(DAY + 10 * HOUR, DAY + 12 * HOUR, true));
        // The topic finds what a plain text search finds.
        expect(sum(surge.buckets)).toBe(byText.get(DAY + 12 * HOUR, DAY + 14 * HOUR));
        console.log(`US Airways on 2015-02-22: ${sum(before.buckets)} mentions 10:00–12:00 UTC, ${sum(surge.buckets)} 12:00–14:00 UTC`);
        expect(sum(surge.buckets)).toBeGreaterThan(2 * sum(before.buckets));
        const all = await w.call('review.volume', { workspace: workspace.id, at, minutes: 120 });
        expect(sum(all.buckets)).toBe(count(DAY + 12 * HOUR, DAY + 14 * HOUR, false));

        // What the war room saw at that instant: nothing published later.
        const mentions = await w.call('review.mentions', { workspace: workspace.id, at, limit: 50 });
        expect(mentions.mentions).toHaveLength(50);
        expect(mentions.mentions.every((m) => m.publishedAt <= at)).toBe(true);
        expect(mentions.mentions[0]!.publishedAt).toBe(raw.prepare('SELECT MAX(published_at) FROM mentions WHERE published_at <= ?').pluck().get(at));
        const timeline = await w.call('review.timeline', { workspace: workspace.id, from: DAY, to: DAY + 24 * HOUR - 1 });
        expect(timeline.buckets).toHaveLength(24 * 60);
        expect(sum(timeline.buckets)).toBe(count(DAY, DAY + 24 * HOUR, false));
        raw.close();

        // Read-only: annotations are refused with a clear message; the live one is untouched.
        await expect(w.call('annotations.add', { workspace: workspace.id, at, kind: 'note', text: 'hello', by: 'Dana' })).rejects.toThrow(
          /"Airline tweets" is a read-only workspace/,
        );
        expect(h.store.mentions.count()).toBe(0);

        // Speed of the scrubber's reads, called directly (a session's test window polls its answers every 20 ms).
        const store = h.services.workspaces.storeFor(workspace.id);
        const timings: string[] = [];
        for (const [name, run] of [
          ['volume 60 min', () => volumeAt(store, at, 60)],
          ['US Airways volume 60 min', () => volumeAt(store, at, 60, usAirways.id)],
          ['topics volume 60 min', () => topicsVolumeAt(store, at, 60)],
          ['mentions 100', () => mentionsAt(store, at, 100)],
          ['authors top 60 min', () => authorsTopAt(store, at, 60, 10)],
          ['alerts open', () => alertsOpenAt(store, at)],
          ['trends 60 min', () => trendsAt(store, at, null, 60, 20)],
        ] as const) {
          run();
          const t0 = performance.now();
          for (let i = 0; i < 20; i++) run();
          timings.push(`${name}: ${((performance.now() - t0) / 20).toFixed(2)} ms`);
        }
        console.log(`as-of reads on the airline copy (mean of 20): ${timings.join(', ')}`);
      } finally {
        h.close();
      }
    },
    180_000,
  );
});
