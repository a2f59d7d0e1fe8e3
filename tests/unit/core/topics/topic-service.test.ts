/**
 * Topic matching inside the real core wiring (buildServices) on a real SQLite file: live tagging
 * and rollups in the ingest transaction, topic ids on the pushed mentions, history re-tagging when
 * a topic is created, edited, re-enabled or deleted, preview over history, share of voice.
 */
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import type { EventPayloads } from '@shared/contract/events';
import type { MentionInput } from '@shared/domain/mention';
import { floorToMinute } from '@shared/logic/time';
import { ApiError } from '../../../../electron/core/api/api-error';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { wireLivePushes } from '../../../../electron/core/live/pushes';
import { openStore } from '../../../../electron/core/store/store';
import { TopicService } from '../../../../electron/core/topics/topic-service';
import { countRows, createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const NOW = Date.UTC(2025, 0, 15, 12, 0, 30);
const MINUTE = floorToMinute(NOW);

let services: CoreServices;
let pushes: Array<{ topic: string; payload: unknown }>;
let clock = NOW;

beforeEach(() => {
  const store = openStore(tempDir());
  createSource(store, 'src');
  clock = NOW;
  services = buildServices(store, createMemoryLogger(), () => clock);
  pushes = [];
  const listener = { send: (frame: string) => pushes.push(JSON.parse(frame) as { topic: string; payload: unknown }) };
  services.hub.subscribe('topics.changed', listener);
  services.hub.subscribe('topics.volume.delta', listener);
  services.hub.subscribe('mentions.new', listener);
});

afterEach(async () => {
  services.topics.stop();
  await services.topics.idle();
  services.store.close();
});

let nextId = 0;
const post = (text: string, patch: Partial<MentionInput> = {}): MentionInput => mentionInput(`m${++nextId}`, { text, publishedAt: NOW - 1_000, ...patch });
const ingest = (...items: MentionInput[]) => services.pipeline.ingest('src', items, null);
const tagsOf = (topicId: number): string[] =>
  services.store.db
    .prepare('SELECT m.text FROM mention_topics t JOIN mentions m ON m.id = t.mention_id WHERE t.topic_id = ? ORDER BY m.id')
    .pluck()
    .all(topicId) as string[];
const pushed = <T extends keyof EventPayloads>(topic: T): Array<EventPayloads[T]> =>
  pushes.filter((p) => p.topic === topic).map((p) => p.payload as EventPayloads[T]);

/** The rollup table must equal a GROUP BY over the tags. */
function expectRollupsMatchTags(): void {
  const fromTags = services.store.db
    .prepare(
      `
    SELECT (m.published_at / 60000) * 60000 AS minute, t.topic_id AS topicId, COUNT(*) AS total,
      SUM(m.sentiment = 'positive') AS positive, SUM(m.sentiment = 'neutral') AS neutral, SUM(m.sentiment = 'negative') AS negative,
      SUM(COALESCE(m.author_followers, 0)) AS reach
    FROM mention_topics t JOIN mentions m ON m.id = t.mention_id GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all();
  const rollup = services.store.db
    .prepare('SELECT minute, topic_id AS topicId, total, positive, neutral, negative, reach FROM volume_topic_minute ORDER BY 1, 2')
    .all();
  expect(rollup).toEqual(fromTags);
}

describe('live matching at ingest', () => {
  it('tags each new mention with every topic it matches, fills topicIds on the push, and rolls up per minute', async () => {
    const { hub, store, pipeline, scheduler, alerts } = services;
    const stopPushes = wireLivePushes({ hub, store, pipeline, scheduler, alerts, now: () => clock });
    onTestFinished(stopPushes);
    const brand = services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel* OR @KestrelMobile' });
    const outage = services.topics.create({ name: 'Outage', kind: 'other', query: '(outage OR "no signal" OR #KestrelDown) -test', color: '#FF0000' });
    const rival = services.topics.create({ name: 'Rival', kind: 'competitor', query: 'vodafone', enabled: false });
    await services.topics.idle();
    expect(outage.color).toBe('#ff0000');

    const result = ingest(
      post('@KestrelMobile no signal for 3 hours #KestrelDown', { authorFollowers: 500 }),
      post('Kestrel 5G is brilliant, thank you', { authorFollowers: 20 }),
      post('Vodafone outage in Leeds', { authorFollowers: 7, publishedAt: MINUTE - 30_000 }),
      post('outage test, ignore', { authorFollowers: 1 }),
      post('Nothing to see here'),
    );
    expect(result.stored.map((m) => m.topicIds)).toEqual([[brand.id, outage.id], [brand.id], [outage.id], [], []]);
    expect(tagsOf(rival.id)).toEqual([]);
    expect(countRows(services.store, 'mention_topics')).toBe(4);
    expectRollupsMatchTags();
    const brandNow = services.store.topics.range(MINUTE, MINUTE).find((b) => b.topicId === brand.id)!;
    expect(brandNow).toMatchObject({ total: 2, reach: 520 });

    // The pushes after the commit carry the ids and the changed minutes as they now stand.
    const newest = pushed('mentions.new').at(-1)!.mentions;
    expect(newest.find((m) => m.text.startsWith('@KestrelMobile'))!.topicIds).toEqual([brand.id, outage.id]);
    const delta = pushed('topics.volume.delta').at(-1)!.buckets;
    expect(delta.map((b) => [b.minute, b.topicId, b.total])).toEqual([
      [MINUTE - 60_000, outage.id, 1],
      [MINUTE, brand.id, 2],
      [MINUTE, outage.id, 1],
    ]);

    // A second batch in the same minute adds to the same buckets.
    ingest(post('kestrel outage again'));
    expect(services.store.topics.range(MINUTE, MINUTE).find((b) => b.topicId === outage.id)!.total).toBe(2);
    expectRollupsMatchTags();
    // Mentions read back from the store carry their tags too.
    expect(services.store.mentions.recent(1)[0]!.topicIds).toEqual([brand.id, outage.id]);
  });

  it('duplicates are not tagged or counted twice', async () => {
    const topic = services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel' });
    await services.topics.idle();
    const item = post('kestrel kestrel');
    ingest(item);
    ingest(item, post('kestrel once more'));
    expect(tagsOf(topic.id)).toEqual(['kestrel kestrel', 'kestrel once more']);
    expect(services.store.topics.range(MINUTE, MINUTE)[0]!.total).toBe(2);
  });

  it('follows changes at once: disabled topics stop matching, edited queries match the new way', async () => {
    const topic = services.topics.create({ name: 'T', kind: 'brand', query: 'alpha' });
    await services.topics.idle();
    services.topics.update(topic.id, { enabled: false });
    expect(ingest(post('alpha one')).stored[0]!.topicIds).toEqual([]);
    services.topics.update(topic.id, { enabled: true, query: 'beta' });
    expect(ingest(post('alpha two'), post('beta three')).stored.map((m) => m.topicIds)).toEqual([[], [topic.id]]);
  });
});

describe('history', () => {
  it('a new topic tags matching stored mentions and rebuilds its rollups, in chunks', async () => {
    // Small chunks so the loop really goes round several times.
    services.topics.stop();
    services.topics = new TopicService(services.store, services.pipeline, services.hub, createMemoryLogger(), () => clock, { backfillChunk: 7 });
    const items = Array.from({ length: 50 }, (_, i) =>
      post(i % 3 === 0 ? `refund request ${i}` : `hello ${i}`, { publishedAt: MINUTE - (i % 3) * 60_000 + 10, authorFollowers: i }),
    );
    ingest(...items);

    const topic = services.topics.create({ name: 'Refunds', kind: 'other', query: 'refund*' });
    expect(services.topics.backfilling).toBe(true);
    await services.topics.idle();
    expect(tagsOf(topic.id)).toHaveLength(17);
    expectRollupsMatchTags();
    expect(services.store.topics.range(MINUTE - 120_000, MINUTE).reduce((s, b) => s + b.total, 0)).toBe(17);
    // topics.changed on creation and again once history is tagged.
    expect(pushed('topics.changed').length).toBe(2);
  });

  it('editing the query re-tags history: old matches go, new ones come, live mentions stay tagged', async () => {
    ingest(post('refund please'), post('cancel my plan'), post('refund and cancel'));
    const topic = services.topics.create({ name: 'Care', kind: 'other', query: 'refund' });
    await services.topics.idle();
    expect(tagsOf(topic.id)).toEqual(['refund please', 'refund and cancel']);

    services.topics.update(topic.id, { query: 'cancel' });
    // Arrives after the edit, before the re-tagging has run: tagged live by the new query.
    ingest(post('cancel now'));
    await services.topics.idle();
    expect(tagsOf(topic.id)).toEqual(['cancel my plan', 'refund and cancel', 'cancel now']);
    expectRollupsMatchTags();
  });

  it('re-enabling fills the gap; renaming alone does not re-tag', async () => {
    const topic = services.topics.create({ name: 'A', kind: 'brand', query: 'alpha' });
    await services.topics.idle();
    services.topics.update(topic.id, { enabled: false });
    ingest(post('alpha while paused'));
    expect(tagsOf(topic.id)).toEqual([]);
    const changedBefore = pushed('topics.changed').length;
    services.topics.update(topic.id, { name: 'Alpha' });
    expect(services.topics.backfilling).toBe(false);
    expect(pushed('topics.changed').length).toBe(changedBefore + 1);
    services.topics.update(topic.id, { enabled: true });
    await services.topics.idle();
    expect(tagsOf(topic.id)).toEqual(['alpha while paused']);
  });

  it('deleting a topic drops its tags and rollups, keeps the mentions, and stops its re-tagging', async () => {
    ingest(...Array.from({ length: 30 }, (_, i) => post(`alpha ${i}`)));
    const keep = services.topics.create({ name: 'Keep', kind: 'brand', query: 'alpha' });
    await services.topics.idle();
    const gone = services.topics.create({ name: 'Gone', kind: 'brand', query: 'alpha' });
    services.topics.remove(gone.id); // before its re-tagging ran
    await services.topics.idle();
    expect(tagsOf(gone.id)).toEqual([]);
    expect(countRows(services.store, 'volume_topic_minute', 'topic_id = ?', gone.id)).toBe(0);
    expect(tagsOf(keep.id)).toHaveLength(30);
    services.topics.remove(keep.id);
    expect(countRows(services.store, 'mention_topics')).toBe(0);
    expect(countRows(services.store, 'volume_topic_minute')).toBe(0);
    expect(countRows(services.store, 'mentions')).toBe(30);
    expect(() => services.topics.remove(keep.id)).toThrow(ApiError);
    expect(pushed('topics.changed').at(-1)!.topics).toEqual([]);
  });
});

describe('validation', () => {
  it('refuses duplicate names (any case), bad queries with the position, unknown ids', () => {
    services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel' });
    expect(() => services.topics.create({ name: ' kestrel ', kind: 'brand', query: 'x1x' })).toThrow(/already exists/);
    let error: unknown;
    try {
      services.topics.create({ name: 'Bad', kind: 'brand', query: 'kestrel AND (outage' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('bad-params');
    expect((error as ApiError).message).toBe("query: this '(' is never closed: add ')' (at character 13)");
    expect(() => services.topics.update(999, { name: 'x' })).toThrow(/no topic 999/);
    expect(services.topics.list().map((t) => t.name)).toEqual(['Kestrel']);
  });
});

describe('preview over stored history', () => {
  beforeEach(() => {
    ingest(
      post('@KestrelMobile no signal for 3 hours #KestrelDown', { platform: 'x' }),
      post('Kestrel outage in Leeds', { platform: 'reddit' }),
      post('Kestrel outage again', { platform: 'x', authorHandle: 'KestrelMobile' }),
      post('我的手机坏了', { platform: 'x' }),
      post('totally unrelated'),
    );
  });

  it('runs wholly in the index when it can (exact count)', async () => {
    const p = await services.topics.preview('kestrel AND (outage OR "no signal")', 10);
    expect(p).toMatchObject({ ok: true, count: 2, partial: false, method: 'index' });
    if (p.ok) expect(p.sample.map((m) => m.text)).toEqual(['Kestrel outage again', 'Kestrel outage in Leeds']);
  });

  it('filters index candidates with the exact matcher for fields, handles and hashtags', async () => {
    expect(await services.topics.preview('outage platform:x', 10)).toMatchObject({ ok: true, count: 1, method: 'index+filter', examined: 2 });
    expect(await services.topics.preview('outage -author:kestrelmobile', 10)).toMatchObject({ ok: true, count: 1, method: 'index+filter' });
    expect(await services.topics.preview('#KestrelDown', 10)).toMatchObject({ ok: true, count: 1, method: 'index+filter' });
  });

  it('scans the newest mentions when nothing fits the index, and says when the count is partial', async () => {
    expect(await services.topics.preview('@KestrelMobile', 5)).toMatchObject({ ok: true, count: 2, method: 'scan', partial: false, examined: 5 });
    expect(await services.topics.preview('手机', 5)).toMatchObject({ ok: true, count: 1, method: 'scan' });
    const bounded = new TopicService(services.store, services.pipeline, services.hub, createMemoryLogger(), () => clock, { previewExamineLimit: 2 });
    onTestFinished(() => bounded.stop());
    expect(await bounded.preview('@KestrelMobile', 5)).toMatchObject({ ok: true, count: 0, method: 'scan', partial: true, examined: 2 });
    expect(await bounded.preview('platform:x outage', 5)).toMatchObject({ ok: true, count: 1, partial: false, examined: 2 });
  });

  it('walks history in pages, newest first, up to the bound', async () => {
    ingest(...Array.from({ length: 23 }, (_, i) => post(i % 2 === 0 ? `@KestrelMobile page test ${i}` : `other ${i}`)));
    const paged = new TopicService(services.store, services.pipeline, services.hub, createMemoryLogger(), () => clock, { previewPage: 4 });
    onTestFinished(() => paged.stop());
    // 28 stored: the 5 above (1 by the handle's author, 1 mentioning it) and 23 here (12 mentioning it).
    const all = await paged.preview('@KestrelMobile', 3);
    expect(all).toMatchObject({ ok: true, count: 14, partial: false, examined: 28, method: 'scan' });
    if (all.ok) expect(all.sample.map((m) => m.text)).toEqual(['@KestrelMobile page test 22', '@KestrelMobile page test 20', '@KestrelMobile page test 18']);
    const bounded = new TopicService(services.store, services.pipeline, services.hub, createMemoryLogger(), () => clock, {
      previewPage: 4,
      previewExamineLimit: 10,
    });
    onTestFinished(() => bounded.stop());
    // The newest 10: ids 19..28, i.e. items 13..22 of the batch above, 5 of them mentioning it.
    expect(await bounded.preview('@KestrelMobile', 0)).toMatchObject({ ok: true, count: 5, partial: true, examined: 10 });
    // Candidates from the index are paged the same way.
    expect(await paged.preview('page platform:x', 0)).toMatchObject({ ok: true, count: 12, partial: false, examined: 12, method: 'index+filter' });
  });

  it('answers a bad query with the message and position, and limits the sample', async () => {
    expect(await services.topics.preview('kestrel NEAR outage', 5)).toEqual({
      ok: false,
      error: { message: expect.stringMatching(/NEAR needs a distance/), position: 8, length: 4 },
    });
    const p = await services.topics.preview('kestrel*', 1);
    expect(p).toMatchObject({ ok: true, count: 3 });
    if (p.ok) expect(p.sample).toHaveLength(1);
  });
});

describe('share of voice', () => {
  it('sums each topic over the window and divides by all topics together', async () => {
    const brand = services.topics.create({ name: 'Kestrel', kind: 'brand', query: 'kestrel' });
    const rival = services.topics.create({ name: 'Falcon', kind: 'competitor', query: 'falcon' });
    const idle = services.topics.create({ name: 'Idle', kind: 'campaign', query: 'nothingmatches' });
    await services.topics.idle();
    ingest(
      post('kestrel one'),
      post('kestrel two'),
      post('kestrel three'),
      post('falcon one'),
      post('kestrel and falcon'),
      post('kestrel long ago', { publishedAt: NOW - 3 * 3_600_000 }),
    );
    const sov = services.topics.shareOfVoice(60);
    expect(sov.total).toBe(6);
    const byId = new Map(sov.topics.map((t) => [t.topicId, t]));
    expect(byId.get(brand.id)).toMatchObject({ total: 4, share: 4 / 6, kind: 'brand' });
    expect(byId.get(rival.id)).toMatchObject({ total: 2, share: 2 / 6, kind: 'competitor' });
    expect(byId.get(idle.id)).toMatchObject({ total: 0, share: 0 });
    expect(services.topics.shareOfVoice(24 * 60).topics.find((t) => t.topicId === brand.id)!.total).toBe(5);
  });
});
