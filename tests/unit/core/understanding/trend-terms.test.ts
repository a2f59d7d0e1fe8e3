/**
 * Trending terms a wall can use: a crisis about the Kestrel app reads as "#kestreldown" and
 * "app crash", not as the brand's own name and filler words. Real SQLite store, real ingest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MentionInput } from '@shared/domain/mention';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { openStore } from '../../../../electron/core/store/store';
import { trendsAt } from '../../../../electron/core/review/as-of';
import { queryWords, refineTrends } from '../../../../electron/core/understanding/trend-terms';
import { trendingTerms } from '../../../../electron/core/understanding/trends';
import { createSource, mentionInput, useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const NOW = Date.UTC(2025, 0, 15, 12, 0, 30);
let services: CoreServices;
let nextId = 0;

const post = (text: string, publishedAt: number): MentionInput => mentionInput(`t${++nextId}`, { text, publishedAt, lang: 'en' });

beforeEach(() => {
  const dir = tempDir();
  const store = openStore(dir);
  createSource(store, 'src');
  store.close();
  services = buildServices(openStore(dir), createMemoryLogger(), () => NOW, { webhook: { host: '127.0.0.1', port: 0 } });
});

afterEach(async () => {
  services.topics.stop();
  await services.topics.idle();
  services.store.close();
});

describe('trending terms for a wall', () => {
  it('leave out the topic’s own query words and filler, fold words into their phrase and put hashtags and phrases first', async () => {
    const topic = services.topics.create({ name: 'Kestrel Mobile', kind: 'brand', query: 'kestrel OR "kestrel mobile" OR @kestrelmobile' });
    await services.topics.idle();
    const calm = ['Kestrel Mobile works fine at home', 'new Kestrel plan is good', 'Kestrel mobile signal ok at work today'];
    for (let i = 0; i < 40; i++) services.pipeline.ingest('src', [post(calm[i % 3]!, NOW - (50 - i) * 60_000)], null);
    const crisis = [
      'Kestrel mobile app crash again, whole new level #KestrelDown',
      'the Kestrel app crash wiped my settings at home #KestrelDown',
      'app crash every time I open it, Kestrel mobile sort it out',
      'Kestrel app crash on login, cannot work #KestrelDown',
    ];
    for (let i = 0; i < 24; i++) services.pipeline.ingest('src', [post(crisis[i % 4]!, NOW - (i % 8) * 60_000 - 500)], null);

    for (const topicId of [null, topic.id]) {
      const terms = trendingTerms(services.store, { topicId, windowMinutes: 10, baselineMinutes: 40, now: NOW, limit: 10 }).map((t) => t.term);
      expect(terms.slice(0, 2).sort(), `topic ${topicId}`).toEqual(['#kestreldown', 'app crash']);
      for (const noise of ['kestrel', 'mobile', 'kestrelmobile', 'new', 'whole', 'home', 'work', 'app', 'crash'])
        expect(terms, `topic ${topicId}`).not.toContain(noise);
    }
    // A replay at the same moment reads the same list (the wall shows what the room saw).
    const live = trendingTerms(services.store, { topicId: null, windowMinutes: 10, baselineMinutes: 40, now: NOW, limit: 10 });
    expect(
      trendsAt(services.store, NOW, null, 10, 10)
        .map((t) => t.term)
        .slice(0, 2)
        .sort(),
    ).toEqual(
      live
        .map((t) => t.term)
        .slice(0, 2)
        .sort(),
    );
  });

  it('a query’s words, hashtags, handles and wildcard prefixes are excluded; negated words are not', () => {
    const words = queryWords(['("kestrel mobile" OR #KestrelDown OR @KestrelCare OR kest*) -outage']);
    expect([...words.words].sort()).toEqual(['#kestrel', '#kestrelcare', '#kestreldown', '#mobile', 'kestrel', 'kestrelcare', 'kestreldown', 'mobile']);
    expect(words.prefixes).toEqual(['kest']);
  });

  it('words that mostly stand apart stay single words; a hashtag wins over the same bare word', () => {
    const scored = [
      { term: 'refund', count: 10, expected: 1, score: 6.4, isNew: false },
      { term: 'delay', count: 9, expected: 1, score: 5.7, isNew: false },
      { term: 'kestreldown', count: 5, expected: 0, score: 5, isNew: true },
      { term: '#kestreldown', count: 4, expected: 0, score: 4, isNew: true },
    ];
    const texts = ['refund please', 'delay again', 'refund delay', 'no refund yet', 'another delay'];
    expect(refineTrends(scored, texts, 10).map((t) => t.term)).toEqual(['#kestreldown', 'refund', 'delay']);
  });
});
