/**
 * The heart of replay: what a wall got from the live calls at time T is exactly what the
 * `review.*` calls answer for `at = T` later, after more mentions, acknowledgements, resolutions,
 * assignments and late-arriving mentions (published before T, heard after it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '@shared/domain/alert';
import { DemoSource } from '../../../../electron/core/sources/demo/demo-source';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';
import { openReviewHarness, type ReviewHarness } from './review-harness';

const tempDir = useTempDirs();
const START = Date.UTC(2026, 2, 3, 8, 0, 0);
let h: ReviewHarness | null = null;

afterEach(() => {
  h?.close();
  h = null;
});

describe('replay equals live', () => {
  it('answers at T exactly what the live calls answered at T', { timeout: 240_000 }, async () => {
    h = openReviewHarness(tempDir(), START);
    const { services, store, clock } = h;
    createSource(store, 'late');
    const brand = services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel* OR @KestrelMobile' });
    services.topics.create({ name: 'Outage', kind: 'other', query: 'outage OR "no signal" OR #KestrelDown' });
    const wall = h.window();

    const demo = new DemoSource('demo', { ratePerMinute: 30, episodeEveryMinutes: null, seed: 7 });
    await h.runDemo(demo, 22);
    demo.trigger('outage', clock.now + 1);
    await h.runDemo(demo, 4);
    const opened = await wall.call('alerts.open', {});
    expect(opened.alerts.length).toBeGreaterThan(0);
    const first = opened.alerts[0]!;
    await wall.call('alerts.acknowledge', { id: first.id, by: 'Dana' });
    await h.runDemo(demo, 1);

    // ---- T: what a wall sees now
    const T = clock.now;
    const live = {
      volume: await wall.call('volume.recent', { minutes: 60 }),
      topicsVolume: await wall.call('topics.volume', { minutes: 60 }),
      mentions: await wall.call('mentions.recent', { limit: 100 }),
      authors: await wall.call('authors.top', { windowMinutes: 60, limit: 10 }),
      alerts: await wall.call('alerts.open', {}),
      trends: await wall.call('trends.terms', { topicId: null, windowMinutes: 15, limit: 20 }),
      brandTrends: await wall.call('trends.terms', { topicId: brand.id, windowMinutes: 15, limit: 20 }),
      care: await wall.call('care.kpis', { from: T - 24 * 3_600_000, to: T }),
    };
    expect(live.volume.buckets.some((b) => b.total > 0)).toBe(true);
    expect(live.topicsVolume.buckets.length).toBeGreaterThan(0);
    expect(live.alerts.alerts.find((a) => a.id === first.id)?.state).toBe('acknowledged');
    expect(live.trends.terms.length).toBeGreaterThan(0);

    // ---- time moves on: more mentions, alert changes, late arrivals published before T
    await h.runDemo(demo, 3);
    const second = live.alerts.alerts.find((a) => a.id !== first.id);
    expect(second).toBeDefined();
    await wall.call('alerts.assign', { id: second!.id, assignee: 'Lee', by: 'Dana' });
    await wall.call('alerts.acknowledge', { id: second!.id, by: 'Lee' });
    await wall.call('alerts.resolve', { id: first.id, by: 'Dana' });
    clock.now += 5_000;
    services.pipeline.ingest(
      'late',
      [
        mentionInput('late-1', { publishedAt: T - 90_000, text: 'Kestrel outage here too, no signal since the morning', authorFollowers: 900_000 }),
        mentionInput('late-2', { publishedAt: T - 30 * 60_000, text: 'kestrel signal dropped #KestrelDown', authorFollowers: 5 }),
      ],
      null,
    );
    await h.runDemo(demo, 2);

    // Live has moved on (otherwise this test would prove nothing) …
    const liveNow = {
      volume: await wall.call('volume.recent', { minutes: 60 }),
      alerts: await wall.call('alerts.open', {}),
      mentions: await wall.call('mentions.recent', { limit: 100 }),
    };
    expect(liveNow.volume.buckets).not.toEqual(live.volume.buckets);
    expect(liveNow.alerts.alerts).not.toEqual(live.alerts.alerts);
    expect(liveNow.mentions.mentions).not.toEqual(live.mentions.mentions);
    // … and the late mentions are stored with minutes at or before T.
    expect(store.db.prepare("SELECT COUNT(*) FROM mentions WHERE source_id = 'late' AND published_at <= ? AND heard_at > ?").pluck().get(T, T)).toBe(2);

    // ---- replay at T answers what live answered at T
    const review = h.window();
    expect(await review.call('review.volume', { at: T, minutes: 60 })).toEqual(live.volume);
    expect(await review.call('review.topicsVolume', { at: T, minutes: 60 })).toEqual(live.topicsVolume);
    expect(await review.call('review.mentions', { at: T, limit: 100 })).toEqual(live.mentions);
    expect(await review.call('review.authorsTop', { at: T, windowMinutes: 60, limit: 10 })).toEqual(live.authors);
    expect(await review.call('review.alertsOpen', { at: T })).toEqual(live.alerts);
    expect(await review.call('review.trends', { at: T, topicId: null, windowMinutes: 15, limit: 20 })).toEqual(live.trends);
    expect(await review.call('review.trends', { at: T, topicId: brand.id, windowMinutes: 15, limit: 20 })).toEqual(live.brandTrends);
    expect(await review.call('review.careKpis', { at: T, hours: 24 })).toEqual(live.care);

    // A topic's own volume at T is that topic's buckets of the live per-topic answer.
    const brandAtT = await review.call('review.volume', { at: T, minutes: 60, topicId: brand.id });
    const fromLive = live.topicsVolume.buckets.filter((b) => b.topicId === brand.id);
    expect(brandAtT.buckets.filter((b) => b.total > 0).map(({ minute, total, negative }) => ({ minute, total, negative }))).toEqual(
      fromLive.map(({ minute, total, negative }) => ({ minute, total, negative })),
    );

    // A record without rollups (an incident bundle's workspace) gives the same answers from its mentions.
    const timeline = await review.call('review.timeline', { from: T - 3_600_000, to: clock.now });
    expect(timeline.markers.filter((m) => m.kind === 'alert').map((m) => m.id)).toEqual(expect.arrayContaining([first.id, second!.id]));
    store.db.exec('DELETE FROM term_minute; DELETE FROM volume_minute;');
    expect(await review.call('review.trends', { at: T, topicId: null, windowMinutes: 15, limit: 20 })).toEqual(live.trends);
    expect(await review.call('review.trends', { at: T, topicId: brand.id, windowMinutes: 15, limit: 20 })).toEqual(live.brandTrends);
    expect(await review.call('review.timeline', { from: T - 3_600_000, to: clock.now })).toEqual(timeline);

    // Without recorded versions (a bundle, an older record) the alert's state is rolled back from
    // its append-only history: which were open, acknowledged by whom, assigned to whom.
    store.db.exec('DELETE FROM alert_versions');
    const stateOf = (alerts: readonly Alert[]) =>
      alerts.map(({ id, state, acknowledgedBy, assignee, resolvedAt }) => ({ id, state, acknowledgedBy, assignee, resolvedAt }));
    expect(stateOf((await review.call('review.alertsOpen', { at: T })).alerts)).toEqual(stateOf(live.alerts.alerts));
    expect(stateOf((await review.call('review.alertsOpen', { at: clock.now })).alerts)).toEqual(stateOf(liveNow.alerts.alerts));

    // Replay "now" sees what live sees now.
    expect((await review.call('review.volume', { at: clock.now, minutes: 60 })).buckets).toEqual(liveNow.volume.buckets);
    expect((await review.call('review.alertsOpen', { at: clock.now })).alerts).toEqual(liveNow.alerts.alerts);
  });
});
