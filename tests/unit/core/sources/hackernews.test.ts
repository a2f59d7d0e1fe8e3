import { describe, expect, it } from 'vitest';
import { HackerNewsSource, HN_MAX_PAGES, HN_PAGE_SIZE } from '../../../../electron/core/sources/hackernews/hackernews-source';
import type { HnHit } from '../../../../electron/core/sources/hackernews/map-hit';
import type { MentionInput } from '@shared/domain/mention';
import { useTempDirs } from '../../../support/core-helpers';
import { describeHttpFailures } from './support/failure-suite';
import { fixtureJson, pollContext, startFixtureServer, type RecordedRequest, type Reply } from './support/fixture-server';
import { pipelineRig } from './support/pipeline';

const tempDir = useTempDirs();
const RESULT = fixtureJson<{ hits: HnHit[] }>('hackernews', 'search-by-date.json');
const TEMPLATE = fixtureJson<HnHit>('hackernews', 'comment-template.json');
const ids = (items: unknown[]) => items.map((m) => (m as MentionInput).externalId);

/** Algolia's search_by_date as documented: newest first, numericFilters on created_at_i, page numbers from 0. */
function algolia(hits: HnHit[]): (req: RecordedRequest) => Reply {
  return (req) => {
    if (req.path !== '/api/v1/search_by_date') return { status: 404, json: { message: 'Not Found', status: 404 } };
    const perPage = Number(req.query.get('hitsPerPage') ?? 20);
    const page = Number(req.query.get('page') ?? 0);
    let matching = [...hits].sort((a, b) => b.created_at_i! - a.created_at_i!);
    for (const filter of (req.query.get('numericFilters') ?? '').split(',').filter(Boolean)) {
      const m = /^created_at_i(>=|<=|>|<)(\d+)$/.exec(filter);
      if (!m) return { status: 400, json: { message: `invalid numericFilters ${filter}`, status: 400 } };
      const v = Number(m[2]);
      matching = matching.filter((h) =>
        m[1] === '>=' ? h.created_at_i! >= v : m[1] === '<=' ? h.created_at_i! <= v : m[1] === '>' ? h.created_at_i! > v : h.created_at_i! < v,
      );
    }
    const nbPages = Math.ceil(matching.length / perPage);
    return {
      json: {
        hits: matching.slice(page * perPage, (page + 1) * perPage),
        hitsPerPage: perPage,
        nbHits: matching.length,
        nbPages,
        page,
        query: req.query.get('query'),
      },
    };
  };
}

function makeHits(count: number, startSec: number, firstId: number): HnHit[] {
  return Array.from({ length: count }, (_, i) => ({
    ...TEMPLATE,
    objectID: String(firstId + i),
    created_at_i: startSec + i,
    created_at: new Date((startSec + i) * 1000).toISOString(),
    comment_text: `comment ${i}`,
  }));
}

const source = (server: string, extra: object = {}) =>
  HackerNewsSource.fromJson('hn1', JSON.stringify({ baseUrl: `${server}/api/v1`, query: 'kestrel', ...extra }));

describe('Hacker News search', () => {
  it('first poll: stories and comments, HTML stripped, deleted comments skipped', async () => {
    const server = await startFixtureServer(algolia(RESULT.hits));
    const result = await source(server.url).poll(pollContext(null));
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual({ query: 'kestrel', tags: '(story,comment)', hitsPerPage: '100', page: '0' });
    expect(ids(result.items)).toEqual(['43361234', '43360000', '43359000']);
    expect(result.items[0]).toEqual({
      externalId: '43361234',
      platform: 'hackernews',
      text: 'The Kestrel outage is DNS again. Their status page "all green" is hosted on the same network.\nSource: https://status.example.com',
      publishedAt: 1741960682000,
      url: 'https://news.ycombinator.com/item?id=43361234',
      lang: null,
      authorHandle: 'jdoe',
      authorName: null,
      authorFollowers: null,
      authorVerified: false,
      likes: null,
      reposts: null,
      replies: null,
      replyTo: '43361000',
    });
    expect(result.items[1]).toMatchObject({ text: 'Kestrel Mobile outage hits UK', likes: 88, replies: 41, replyTo: null });
    expect(result.items[2]).toMatchObject({
      text: 'Ask HN: Alternatives to Kestrel Mobile for IoT?\nHas anyone moved a fleet of SIMs off Kestrel? Asking for a friend.',
    });
  });

  it('second poll filters created_at_i from the last mark and delivers only new items', async () => {
    const hits = makeHits(3, 1741950000, 500);
    const server = await startFixtureServer(algolia(hits));
    const hn = source(server.url, { items: 'comment' });
    const first = await hn.poll(pollContext(null));
    expect(first.items).toHaveLength(3);
    hits.push(...makeHits(2, 1741950100, 600));
    const second = await hn.poll(pollContext(first.cursor));
    expect(server.requests[1]!.query.get('numericFilters')).toBe('created_at_i>=1741950002');
    expect(server.requests[1]!.query.get('tags')).toBe('comment');
    expect(ids(second.items)).toEqual(['601', '600']);
    const third = await hn.poll(pollContext(second.cursor));
    expect(third.items).toEqual([]);
  });

  it('a burst is read page by page over several polls with its result set frozen, no gap, no repeat', async () => {
    const hits = makeHits(1, 1741940000, 1);
    const server = await startFixtureServer(algolia(hits));
    const hn = source(server.url);
    const first = await hn.poll(pollContext(null));
    const burst = makeHits(HN_PAGE_SIZE * HN_MAX_PAGES + 7, 1741950000, 10_000);
    hits.push(...burst);
    const second = await hn.poll(pollContext(first.cursor));
    expect(second.moreAvailable).toBe(true);
    hits.push(...makeHits(5, 1741960000, 90_000));
    const third = await hn.poll(pollContext(second.cursor));
    // The continued run keeps its upper bound, so new arrivals do not shift its pages.
    expect(server.requests.at(-1)!.query.get('numericFilters')).toBe(`created_at_i>=1741940000,created_at_i<=${1741950000 + burst.length - 1}`);
    expect(server.requests.at(-1)!.query.get('page')).toBe(String(HN_MAX_PAGES));
    const fourth = await hn.poll(pollContext(third.cursor));
    const delivered = ids([...second.items, ...third.items, ...fourth.items]);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toHaveLength(burst.length + 5);
  });

  it('an empty result is an empty poll', async () => {
    const server = await startFixtureServer(algolia([]));
    expect((await source(server.url).poll(pollContext(null))).items).toEqual([]);
  });
});

describe('Hacker News through the pipeline', () => {
  it('stores author, points, comment counts, URL and reply-to', async () => {
    const server = await startFixtureServer(algolia(RESULT.hits));
    const rig = pipelineRig(tempDir(), 'hn-1', 'hackernews', { baseUrl: `${server.url}/api/v1`, query: 'kestrel' });
    try {
      expect((await rig.pollOnce()).stored).toHaveLength(3);
      const byId = new Map(rig.stored().map((m) => [m.externalId, m]));
      expect(byId.get('43361234')).toMatchObject({
        platform: 'hackernews',
        authorHandle: 'jdoe',
        replyTo: '43361000',
        url: 'https://news.ycombinator.com/item?id=43361234',
      });
      expect(byId.get('43360000')).toMatchObject({ authorHandle: 'netwatcher', likes: 88, replies: 41 });
      expect((await rig.pollOnce()).stored).toHaveLength(0);
    } finally {
      rig.close();
    }
  });
});

describeHttpFailures('Hacker News', 'Hacker News search', (baseUrl) => source(baseUrl));
