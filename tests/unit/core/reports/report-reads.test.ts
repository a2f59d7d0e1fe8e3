/**
 * A report over every mention reads its timeline from the minute rollup, its authors in profile
 * clout order and its author count by index probes (store/queries/reports.ts). These pin down that
 * it answers what grouping the period's mentions answers, drill posts left out, after a sentiment
 * correction, for periods on and off the minute. Real SQLite, the real pipeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { reportTargetSchema } from '@shared/contract/areas/reports';
import { buildTimeline, rankAuthors } from '@shared/logic/reports/model';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openStore, type Store } from '../../../../electron/core/store/store';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 7, 6, 0, 0);
let opened: { store: Store; services: CoreServices } | null = null;
afterEach(() => {
  opened?.services.alertDelivery.stop();
  opened?.services.workspaces.closeAll();
  opened?.store.close();
  opened = null;
});

const TEXTS = [
  'Total outage again, no signal, furious #KestrelDown',
  'Love the new plan, great coverage, thank you!',
  'Kestrel shop opens on Friday',
  'refund please, billed twice',
];

function posts(): MentionInput[] {
  return Array.from({ length: 900 }, (_, i) =>
    mentionInput(`r${i}`, {
      platform: i % 3 === 0 ? 'reddit' : 'x',
      authorHandle: `a${(i * 7) % 60}`,
      authorFollowers: 100 * ((i * 7) % 60) + (i % 5),
      text: `${TEXTS[i % TEXTS.length]} ${i % 11}`,
      publishedAt: T0 + Math.floor((i * 6 * 60 * MINUTE) / 900) + (i % 7) * 1_000,
    }),
  );
}

function filled() {
  const store = openStore(tempDir());
  const services = buildServices(store, createMemoryLogger(), () => T0 + 7 * 60 * MINUTE);
  opened = { store, services };
  createSource(store, 'feed');
  const all = posts();
  for (let i = 0; i < all.length; i += 100) services.pipeline.ingest('feed', all.slice(i, i + 100), String(i));
  // Drill posts are stored (and counted by the rollups) like any other; a report leaves them out.
  // a59 posts only in drills, so it must not count as an author.
  store.db.prepare(`UPDATE mentions SET drill_run_id = 1 WHERE id % 13 = 0 OR author_handle = 'a59'`).run();
  const corrected = store.db.prepare("SELECT id, sentiment FROM mentions WHERE sentiment <> 'positive' AND drill_run_id IS NULL ORDER BY id LIMIT 1").get() as {
    id: number;
    sentiment: string;
  };
  services.understanding.correct(corrected.id, 'positive', 'lead');
  return { store, services };
}

describe('report over every mention, from rollups and indexes', () => {
  it('answers what grouping the period’s real mentions answers', () => {
    const { store, services } = filled();
    expect(store.db.prepare('SELECT COUNT(*) FROM mentions WHERE drill_run_id IS NOT NULL').pluck().get()).toBeGreaterThan(60);
    const q = store.reports;
    for (const [name, from, to] of [
      ['on the minute', T0 + 30 * MINUTE, T0 + 5 * 60 * MINUTE],
      ['everything', T0 - 60 * MINUTE, T0 + 8 * 60 * MINUTE],
      ['off the minute', T0 + 30 * MINUTE + 17_000, T0 + 4 * 60 * MINUTE + 41_000],
    ] as Array<[string, number, number]>) {
      const report = services.reports.build(reportTargetSchema.parse({ from, to }));
      // The period on whole minutes; the reference reads the mentions themselves over it.
      expect(report.from % MINUTE, name).toBe(0);
      expect(report.to % MINUTE, name).toBe(0);
      expect(report.from).toBeLessThanOrEqual(from);
      expect(report.to).toBeGreaterThanOrEqual(to);
      const bucket = report.bucketMinutes * MINUTE;
      const expectedTimeline = buildTimeline(q.sentimentCounts(report.from, report.to, null, bucket), report.from, report.to, report.bucketMinutes);
      expect(report.timeline, name).toEqual(expectedTimeline);
      expect(
        report.timeline.reduce((n, b) => n + b.total, 0),
        name,
      ).toBeGreaterThan(100);
      expect(report.totals.authors, name).toBe(q.authorCount(report.from, report.to, null));
      expect(report.totals.authors, name).toBeGreaterThan(10);
      expect(report.authors, name).toEqual(rankAuthors(q.authors(report.from, report.to, null, 50), 10));
      expect(report.authors.map((a) => a.handle)).not.toContain('a59');
      // A period this small groups its mentions; a large one goes through the author profiles, which must agree.
      expect(q.authorCountAll(report.from, report.to), name).toBe(q.authorCount(report.from, report.to, null));
      for (const limit of [5, 50])
        expect(rankAuthors(q.authorsAll(report.from, report.to, limit * 5), limit), name).toEqual(
          rankAuthors(q.authors(report.from, report.to, null, limit * 5), limit),
        );
    }
  });
});
