/**
 * The understanding area inside the real core wiring (buildServices) on real SQLite files:
 * analysis at ingest, author profiles and history-aware clout in the batch transaction,
 * corrections moving the rollups and adapting the model (also after a restart), intent rules and
 * clout weights as stored settings, trending terms from the term rollup, hostile input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '@shared/contract/events';
import type { MentionInput } from '@shared/domain/mention';
import { floorToMinute } from '@shared/logic/time';
import { ApiError } from '../../../../electron/core/api/api-error';
import { createHandlers } from '../../../../electron/core/api/handlers';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openStore } from '../../../../electron/core/store/store';
import { trendingTerms } from '../../../../electron/core/understanding/trends';
import type { HealthReport } from '@shared/domain/health';
import { countRows, createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const NOW = Date.UTC(2025, 0, 15, 12, 0, 30);
const MINUTE = floorToMinute(NOW);

let dir: string;
let services: CoreServices;
let pushes: Array<{ topic: string; payload: unknown }>;
let clock = NOW;

function open(): CoreServices {
  const store = openStore(dir);
  const s = buildServices(store, createMemoryLogger(), () => clock, { webhook: { host: '127.0.0.1', port: 0 } });
  pushes = [];
  const listener = { send: (frame: string) => pushes.push(JSON.parse(frame) as { topic: string; payload: unknown }) };
  for (const topic of ['mentions.corrected', 'volume.delta', 'topics.volume.delta'] as const) s.hub.subscribe(topic, listener);
  return s;
}

async function close(s: CoreServices): Promise<void> {
  s.topics.stop();
  await s.topics.idle();
  s.store.close();
}

beforeEach(() => {
  dir = tempDir();
  clock = NOW;
  const store = openStore(dir);
  createSource(store, 'src');
  store.close();
  services = open();
});

afterEach(async () => {
  await close(services);
});

let nextId = 0;
const post = (text: string, patch: Partial<MentionInput> = {}): MentionInput =>
  mentionInput(`m${++nextId}`, { text, publishedAt: NOW - 1_000, lang: null, ...patch });
const ingest = (...items: MentionInput[]) => services.pipeline.ingest('src', items, null);
const handlers = () => createHandlers(services, () => ({}) as HealthReport);
const pushed = <T extends keyof EventPayloads>(topic: T): Array<EventPayloads[T]> =>
  pushes.filter((p) => p.topic === topic).map((p) => p.payload as EventPayloads[T]);
const rollup = () => services.store.db.prepare('SELECT total, positive, neutral, negative FROM volume_minute WHERE minute = ?').get(MINUTE);

describe('analysis at ingest', () => {
  it('stores sentiment, confidence, language, intents, clout and urgency', () => {
    const [complaint, spanish, emoji] = ingest(
      post('@kestrel my flight was cancelled and I have been on hold for 2 hours. unacceptable', { authorFollowers: 50_000, likes: 40, reposts: 10 }),
      post('el servicio es terrible y nadie contesta'),
      post('😡😡😡'),
    ).stored;
    expect(complaint).toMatchObject({ sentiment: 'negative', lang: 'en' });
    expect(complaint!.sentimentConfidence).toBeGreaterThan(0.5);
    expect(complaint!.intents).toContain('complaint');
    expect(complaint!.clout).toBeGreaterThan(0);
    expect(complaint!.urgency).toBeGreaterThan(0);
    expect(spanish).toMatchObject({ sentiment: 'unknown', lang: 'es' });
    expect(emoji).toMatchObject({ sentiment: 'negative', lang: 'und' });
    // What the batch returned is what was stored.
    const stored = services.store.mentions.byIds([complaint!.id])[0]!;
    expect(stored.clout).toBe(complaint!.clout);
    expect(stored.urgency).toBe(complaint!.urgency);
    expect(stored.intents).toEqual(complaint!.intents);
  });

  it('keeps author profiles in the batch transaction and refines clout with their history', () => {
    const first = ingest(post('love the new plan, thanks!', { authorHandle: 'fan', authorFollowers: 1_000, likes: 5 })).stored[0]!;
    ingest(post('great support again today', { authorHandle: 'fan', authorFollowers: 1_200, likes: 5 }));
    const third = ingest(post('best network, thank you', { authorHandle: 'fan', authorFollowers: 1_200, likes: 5, authorName: 'A Fan' })).stored[0]!;
    const author = services.store.authors.byHandle('x', 'fan')!;
    expect(author).toMatchObject({ mentions: 3, positive: 3, negative: 0, followers: 1_200, name: 'A Fan', likes: 15, segment: 'advocate' });
    expect(author.firstSeen).toBe(NOW - 1_000);
    // Same followers band and engagement, more history: more clout.
    expect(third.clout).toBeGreaterThan(first.clout);
    expect(services.store.mentions.byIds([third.id])[0]!.clout).toBe(third.clout);
  });

  it('survives hostile text without errors and stores every item', () => {
    const junk = [
      '',
      ' ',
      '\u0000\u0001\u0002binary',
      'a'.repeat(20_000),
      '\u202Eevil\u202C',
      'ｆｕｌｌ ｗｉｄｔｈ',
      '🔥'.repeat(3_000),
      'Flight 老虎 отмена ✈️ 😤 #fail',
      'השירות היה נורא',
    ];
    const result = ingest(...junk.map((text) => post(text)));
    expect(result.skipped).toEqual([]);
    expect(result.stored).toHaveLength(junk.length);
    for (const m of result.stored) {
      expect(['positive', 'neutral', 'negative', 'unknown']).toContain(m.sentiment);
      expect(Number.isFinite(m.urgency)).toBe(true);
    }
    expect(result.stored.find((m) => m.text === '')!.sentiment).toBe('neutral');
    expect(result.stored.find((m) => m.text.startsWith('השירות'))!).toMatchObject({ lang: 'he', sentiment: 'unknown' });
  });
});

describe('corrections', () => {
  it('store who and when, relabel the mention, move rollup counts, and push the change', async () => {
    const topic = services.topics.create({ name: 'Lounge', kind: 'product', query: 'lounge' });
    await services.topics.idle();
    const m = ingest(post('the new lounge is sick', { authorHandle: 'dee' })).stored[0]!;
    expect(m.topicIds).toEqual([topic.id]);
    const before = m.sentiment;
    const to = before === 'positive' ? 'negative' : 'positive';
    const topicRow = () =>
      services.store.db
        .prepare('SELECT total, positive, neutral, negative FROM volume_topic_minute WHERE minute = ? AND topic_id = ?')
        .get(MINUTE, topic.id) as Record<string, number>;
    const r0 = rollup() as Record<string, number>;
    const t0 = topicRow();

    clock = NOW + 5_000;
    const result = await handlers()['mentions.correctSentiment']({ id: m.id, label: to, by: 'agent.kim' });
    expect(result.mention.sentiment).toBe(to);
    expect(result.correction).toMatchObject({ mentionId: m.id, previousLabel: before, label: to, correctedBy: 'agent.kim', correctedAt: NOW + 5_000 });
    expect(result.explanation.correction).toMatchObject({ label: to, by: 'agent.kim' });

    const r1 = rollup() as Record<string, number>;
    const t1 = topicRow();
    expect(r1.total).toBe(r0.total);
    expect(r1[to]).toBe(r0[to]! + 1);
    expect(r1[before]).toBe(r0[before]! - 1);
    expect(t1.total).toBe(t0.total);
    expect(t1[to]).toBe(t0[to]! + 1);
    expect(t1[before]).toBe(t0[before]! - 1);
    const author = services.store.authors.byHandle('x', 'dee')!;
    expect(author[to]).toBe(1);
    expect(author[before as 'positive' | 'neutral' | 'negative']).toBe(0);

    expect(pushed('mentions.corrected')[0]!.mention.sentiment).toBe(to);
    expect(
      pushed('volume.delta')
        .at(-1)!
        .buckets.find((b) => b.minute === MINUTE)![to],
    ).toBe(r1[to]);
    expect(pushed('topics.volume.delta').at(-1)!.buckets[0]).toMatchObject({ topicId: topic.id, [to]: t1[to] });
    expect(countRows(services.store, 'sentiment_corrections')).toBe(1);
  });

  it('adapt the model for this workspace, and the adaptation survives a restart', async () => {
    // One "sick": with the AFINN lexicon as well as VADER's, a word said twice outweighs three corrections.
    const probe = 'that lounge is sick';
    const scoreOf = () => services.understanding.current.sentiment(probe, 'en');
    const before = scoreOf();
    expect(before.label).toBe('negative');
    const stored = ingest(
      post('the new lounge is sick', { lang: 'en' }),
      post('lounge is sick honestly', { lang: 'en' }),
      post('sick lounge, loved it', { lang: 'en' }),
    ).stored;
    for (const m of stored) await handlers()['mentions.correctSentiment']({ id: m.id, label: 'positive', by: 'agent.kim' });
    const after = scoreOf();
    expect(after.score).toBeGreaterThan(before.score + 0.3);
    expect(after.label).toBe('positive');
    // New mentions are scored with the adapted model.
    expect(ingest(post('so the lounge is sick', { lang: 'en' })).stored[0]!.sentiment).toBe('positive');
    // The explanation says which pushes came from corrections.
    const explained = services.understanding.explain(stored[0]!.id);
    expect(explained.pushes.some((p) => p.adjusted && p.feature === 'sick')).toBe(true);

    await close(services);
    services = open();
    expect(scoreOf().score).toBeCloseTo(after.score, 6);
  });

  it('refuse unknown mentions and bad labels', async () => {
    await expect(Promise.resolve().then(() => handlers()['mentions.correctSentiment']({ id: 999, label: 'positive', by: 'x' }))).rejects.toBeInstanceOf(
      ApiError,
    );
  });
});

describe('settings', () => {
  it('intent rules are stored, validated, applied at ingest and reset to defaults', async () => {
    const h = handlers();
    const custom = [{ id: 'roaming', intent: 'complaint' as const, enabled: true, phrases: ['roaming charge*'], sentiment: null, needsQuestionMark: false }];
    expect((await h['intents.rules.set']({ rules: custom })).isDefault).toBe(false);
    expect(ingest(post('roaming charges again')).stored[0]!.intents).toEqual(['complaint']);
    expect(ingest(post('thank you so much, love it')).stored[0]!.intents).toEqual([]);
    const got = await h['intents.rules.get']({});
    expect(got.rules).toEqual(custom);
    expect(got.defaults.length).toBeGreaterThan(5);
    expect((await h['intents.rules.set']({ rules: null })).isDefault).toBe(true);
    expect(ingest(post('thank you so much, love it')).stored[0]!.intents).toContain('praise');
  });

  it('clout weights are stored and change clout for later mentions', async () => {
    const h = handlers();
    const a = ingest(post('hello', { authorHandle: 'v', authorVerified: true, authorFollowers: 10 })).stored[0]!;
    await h['understanding.cloutWeights.set']({ weights: { followers: 0, engagement: 0, verified: 1, frequency: 0, travel: 0 } });
    const b = ingest(post('hello again', { authorHandle: 'v', authorVerified: true, authorFollowers: 10 })).stored[0]!;
    expect(b.clout).toBe(100);
    expect(a.clout).toBeLessThan(100);
    await close(services);
    services = open();
    expect((await handlers()['understanding.cloutWeights.get']({})).weights.verified).toBe(1);
  });
});

describe('trending terms', () => {
  it('counts terms per minute per topic and finds what rises against its baseline', async () => {
    const topic = services.topics.create({ name: 'Network', kind: 'brand', query: 'network' });
    await services.topics.idle();
    // Baseline: 40 minutes of calm chatter about coverage; window: an outage wave.
    for (let i = 0; i < 40; i++) ingest(post(`network coverage fine today ${i}`, { publishedAt: NOW - (50 - i) * 60_000 }));
    for (let i = 0; i < 12; i++) ingest(post(`network outage again #KestrelDown ${i}`, { publishedAt: NOW - (i % 5) * 60_000 - 500 }));
    const all = trendingTerms(services.store, { topicId: null, windowMinutes: 10, baselineMinutes: 40, now: NOW, limit: 5 });
    expect(
      all
        .map((t) => t.term)
        .slice(0, 2)
        .sort(),
    ).toEqual(['#kestreldown', 'outage']);
    expect(all.find((t) => t.term === 'outage')).toMatchObject({ count: 12, isNew: true });
    expect(all.some((t) => t.term === 'coverage')).toBe(false);
    const perTopic = await handlers()['trends.terms']({ topicId: topic.id, windowMinutes: 10, limit: 5 });
    expect(perTopic.terms.map((t) => t.term)).toContain('outage');
    expect(perTopic.windowMinutes).toBe(10);
    await expect(Promise.resolve().then(() => handlers()['trends.terms']({ topicId: 9_999, windowMinutes: 10, limit: 5 }))).rejects.toBeInstanceOf(ApiError);
  });
});

describe('authors and watchlists', () => {
  it('search, profile, and watchlists that alerting can read', async () => {
    const h = handlers();
    ingest(
      post('worst service ever', { authorHandle: 'loud', authorName: 'Loud Voice', authorFollowers: 2_000_000, authorVerified: true }),
      post('still no signal, terrible', { authorHandle: 'loud', authorFollowers: 2_000_000, authorVerified: true, publishedAt: NOW - 90_000_000 }),
      post('just a question', { authorHandle: 'quiet', authorFollowers: 10 }),
    );
    const found = await h['authors.search']({ query: 'loud', segment: null, limit: 10 });
    expect(found.authors.map((a) => a.handle)).toEqual(['loud']);
    const loud = found.authors[0]!;
    expect(loud.segment).toBe('detractor');
    const profile = await h['authors.profile']({ id: loud.id, mentionLimit: 10 });
    expect(profile.mentions).toHaveLength(2);
    expect(profile.sentimentByDay.length).toBe(2);
    expect(profile.cloutParts.verified).toBe(1);
    expect(profile.segmentRule).toMatch(/negative/);

    const list = (await h['authors.watchlists.create']({ name: 'Journalists', kind: 'journalist' })).watchlist;
    await expect(Promise.resolve().then(() => h['authors.watchlists.create']({ name: 'journalists', kind: 'vip' }))).rejects.toBeInstanceOf(ApiError);
    expect((await h['authors.watchlists.add']({ watchlistId: list.id, authorId: loud.id, by: 'kim' })).watchlists.map((w) => w.name)).toEqual(['Journalists']);
    expect(services.store.authors.watchlistsOfHandle('x', 'loud').map((w) => w.name)).toEqual(['Journalists']);
    expect((await h['authors.watchlists.members']({ id: list.id })).authors.map((a) => a.handle)).toEqual(['loud']);
    expect((await h['authors.profile']({ id: loud.id, mentionLimit: 10 })).watchlists.map((w) => w.kind)).toEqual(['journalist']);
    expect((await h['authors.watchlists.removeMember']({ watchlistId: list.id, authorId: loud.id })).watchlists).toEqual([]);
    expect((await h['authors.watchlists.remove']({ id: list.id })).removed).toBe(true);
    expect((await h['authors.watchlists.list']({})).watchlists).toEqual([]);
  });
});
