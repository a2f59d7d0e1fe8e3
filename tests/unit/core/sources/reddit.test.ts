import { describe, expect, it } from 'vitest';
import { RedditSource, REDDIT_MAX_PAGES, REDDIT_PAGE_SIZE } from '../../../../electron/core/sources/reddit/reddit-source';
import type { RedditThing } from '../../../../electron/core/sources/reddit/map-post';
import type { MentionInput } from '@shared/domain/mention';
import { useTempDirs } from '../../../support/core-helpers';
import { describeHttpFailures } from './support/failure-suite';
import { fixtureJson, pollContext, startFixtureServer, type RecordedRequest, type Reply } from './support/fixture-server';
import { pipelineRig } from './support/pipeline';

const tempDir = useTempDirs();
const LISTING = fixtureJson<{ kind: string; data: { children: RedditThing[] } }>('reddit', 'search.json');
const TEMPLATE = fixtureJson<RedditThing>('reddit', 'post-template.json');
const ids = (items: unknown[]) => items.map((m) => (m as MentionInput).externalId);

/** /search.json with sort=new as documented: a Listing, newest first, `after` = the fullname to continue after. */
function reddit(things: RedditThing[], headers: Record<string, string> = {}): (req: RecordedRequest) => Reply {
  return (req) => {
    if (!req.path.endsWith('/search.json')) return { status: 404, json: { message: 'Not Found', error: 404 } };
    const limit = Number(req.query.get('limit') ?? 25);
    const after = req.query.get('after');
    const sorted = [...things].sort((a, b) => b.data!.created_utc! - a.data!.created_utc!);
    const start = after === null ? 0 : sorted.findIndex((t) => t.data!.name === after) + 1;
    const page = sorted.slice(start, start + limit);
    const more = start + limit < sorted.length;
    return {
      json: { kind: 'Listing', data: { after: more ? page.at(-1)!.data!.name : null, dist: page.length, modhash: '', children: page, before: null } },
      headers: { 'x-ratelimit-used': '4', 'x-ratelimit-remaining': '96.0', 'x-ratelimit-reset': '420', ...headers },
    };
  };
}

function makePosts(count: number, startSec: number, prefix: string): RedditThing[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${i.toString(36)}`;
    return {
      kind: 't3',
      data: { ...TEMPLATE.data, id, name: `t3_${id}`, title: `post ${id}`, created_utc: startSec + i, permalink: `/r/KestrelMobile/comments/${id}/post/` },
    };
  });
}

const source = (baseUrl: string, extra: object = {}) => RedditSource.fromJson('r1', JSON.stringify({ baseUrl, query: 'kestrel mobile', ...extra }));

describe('Reddit search', () => {
  it('first poll: sort=new, maps title + body, skips deleted and removed posts, identifies itself', async () => {
    const server = await startFixtureServer(reddit(LISTING.data.children));
    const result = await source(server.url, { subreddit: 'r/KestrelMobile' }).poll(pollContext(null));
    const request = server.requests[0]!;
    expect(request.path).toBe('/r/KestrelMobile/search.json');
    expect(Object.fromEntries(request.query)).toEqual({
      q: 'kestrel mobile',
      sort: 'new',
      t: 'all',
      type: 'link',
      limit: '100',
      raw_json: '1',
      restrict_sr: '1',
    });
    expect(request.headers['user-agent']).toMatch(/^desktop:earshot:/);
    expect(request.headers.authorization).toBeUndefined();
    expect(ids(result.items)).toEqual(['t3_1jb2x9q', 't3_1jb2u3c']);
    expect(result.items[0]).toEqual({
      externalId: 't3_1jb2x9q',
      platform: 'reddit',
      text: 'Kestrel Mobile down in Leeds?\nNo signal since 9am & support chat is a bot loop. Anyone else?',
      publishedAt: 1741960690000,
      url: 'https://www.reddit.com/r/KestrelMobile/comments/1jb2x9q/kestrel_mobile_down_in_leeds/',
      lang: null,
      authorHandle: 'u/leeds_commuter',
      authorName: null,
      authorFollowers: null,
      authorVerified: false,
      likes: 57,
      reposts: 1,
      replies: 23,
      replyTo: null,
    });
    expect(result.items[1]).toMatchObject({ text: 'Switched to Kestrel, roaming in Portugal was flawless', likes: 12, replies: 4 });
  });

  it('second poll pages back only until the last delivered post', async () => {
    const things = makePosts(3, 1741950000, 'a');
    const server = await startFixtureServer(reddit(things));
    const reddit1 = source(server.url);
    const first = await reddit1.poll(pollContext(null));
    expect(first.items).toHaveLength(3);
    things.push(...makePosts(2, 1741951000, 'b'));
    const second = await reddit1.poll(pollContext(first.cursor));
    expect(ids(second.items)).toEqual(['t3_b1', 't3_b0']);
    expect(server.requests[1]!.query.has('after')).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('a burst bigger than a poll continues from `after` in the next poll, with no gap and no repeat', async () => {
    const things = makePosts(1, 1741940000, 'old');
    const server = await startFixtureServer(reddit(things));
    const r = source(server.url);
    const first = await r.poll(pollContext(null));
    const burst = makePosts(REDDIT_PAGE_SIZE * REDDIT_MAX_PAGES + 40, 1741950000, 'n');
    things.push(...burst);
    const second = await r.poll(pollContext(first.cursor));
    expect(second.items).toHaveLength(REDDIT_PAGE_SIZE * REDDIT_MAX_PAGES);
    expect(second.moreAvailable).toBe(true);
    const third = await r.poll(pollContext(second.cursor));
    expect(server.requests[REDDIT_MAX_PAGES + 1]!.query.get('after')).toBe((JSON.parse(second.cursor!) as { run: { page: string } }).run.page);
    expect(third.moreAvailable).toBeUndefined();
    const delivered = ids([...second.items, ...third.items]);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.sort()).toEqual(burst.map((t) => t.data!.name!).sort());
  });

  it('stops paging for this poll when Reddit says no calls are left', async () => {
    const things = makePosts(1, 1741940000, 'old');
    const server = await startFixtureServer(reddit(things));
    const r = source(server.url);
    const first = await r.poll(pollContext(null));
    things.push(...makePosts(REDDIT_PAGE_SIZE * 2, 1741950000, 'n'));
    server.handle(reddit(things, { 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '30' }));
    const second = await r.poll(pollContext(first.cursor));
    expect(server.requests).toHaveLength(2);
    expect(second.items).toHaveLength(REDDIT_PAGE_SIZE);
    // The run is kept for the next poll; no immediate re-poll while the window is spent.
    expect(second.moreAvailable).toBe(false);
    expect(JSON.parse(second.cursor!).run).not.toBeNull();
  });

  it('an empty listing is an empty poll', async () => {
    const server = await startFixtureServer(reddit([]));
    const result = await source(server.url).poll(pollContext(null));
    expect(result.items).toEqual([]);
  });

  it('429 with x-ratelimit-reset seconds and no Retry-After → waits for the reset', async () => {
    const server = await startFixtureServer(() => ({
      status: 429,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '37' },
      json: { message: 'Too Many Requests', error: 429 },
    }));
    const error = await source(server.url)
      .poll(pollContext(null))
      .catch((e: unknown) => e);
    expect((error as { retryAfterMs: number }).retryAfterMs).toBe(37_000);
  });
});

describe('Reddit as an app (app-only OAuth)', () => {
  const CLIENT = { clientId: 'p-jcoLKBynTLew', clientSecret: 'gko_LXELoV07ZBNUXrvWZfzE3aI' };
  /** www.reddit.com's token endpoint and oauth.reddit.com's search, on one test server. */
  function redditWithOAuth(things: RedditThing[]) {
    const state = { issued: 0, valid: new Set<string>() };
    const search = reddit(things);
    const handler = (req: RecordedRequest): Reply => {
      if (req.path === '/api/v1/access_token') {
        const expected = `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`;
        if (req.method !== 'POST' || req.headers.authorization !== expected) return { status: 401, json: { message: 'Unauthorized', error: 401 } };
        if (req.headers['content-type'] !== 'application/x-www-form-urlencoded' || req.body !== 'grant_type=client_credentials')
          return { json: { error: 'unsupported_grant_type' } };
        const token = `app-token-${++state.issued}`;
        state.valid.add(token);
        return { json: { access_token: token, token_type: 'bearer', expires_in: 86400, scope: '*' } };
      }
      const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!state.valid.has(bearer)) return { status: 401, json: { message: 'Unauthorized', error: 401 } };
      return search(req);
    };
    return { state, handler };
  }

  it('buys a token with the client credentials once, and searches the OAuth API with it', async () => {
    const api = redditWithOAuth(LISTING.data.children);
    const server = await startFixtureServer(api.handler);
    const r = source(server.url, { oauthUrl: server.url, ...CLIENT });
    const first = await r.poll(pollContext(null));
    await r.poll(pollContext(first.cursor));
    expect(first.items).toHaveLength(2);
    expect(server.requests.map((q) => `${q.method} ${q.path}`)).toEqual(['POST /api/v1/access_token', 'GET /search.json', 'GET /search.json']);
    expect(server.requests[1]!.headers.authorization).toBe('Bearer app-token-1');
    expect(server.requests[1]!.headers['user-agent']).toMatch(/^desktop:earshot:/);
  });

  it('a token Reddit stops accepting is replaced once, and the search retried', async () => {
    const api = redditWithOAuth(LISTING.data.children);
    const server = await startFixtureServer(api.handler);
    const r = source(server.url, { oauthUrl: server.url, ...CLIENT });
    await r.poll(pollContext(null));
    api.state.valid.clear();
    expect((await r.poll(pollContext(null))).items).toHaveLength(2);
    expect(server.requests.slice(2).map((q) => q.path)).toEqual(['/search.json', '/api/v1/access_token', '/search.json']);
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer app-token-2');
  });

  it('wrong credentials fail with a plain message that never contains the secret', async () => {
    const api = redditWithOAuth([]);
    const server = await startFixtureServer(api.handler);
    const error = (await source(server.url, { oauthUrl: server.url, clientId: CLIENT.clientId, clientSecret: 'wrong-secret-value' })
      .poll(pollContext(null))
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `Reddit app sign-in failed: Reddit refused the request (HTTP 401: it asks for valid credentials) at ${server.url}/api/v1/access_token: "Unauthorized". Check the app's client id and secret.`,
    );
    expect(error.message).not.toContain('wrong-secret-value');
    expect(server.requests).toHaveLength(1);
  });

  it('settings: an id needs its secret', () => {
    expect(() => RedditSource.fromJson('r9', JSON.stringify({ query: 'k', clientId: 'abc' }))).toThrow("source r9: clientSecret: enter the app's secret");
  });
});

describe('Reddit through the pipeline', () => {
  it('stores author, engagement and URL', async () => {
    const server = await startFixtureServer(reddit(LISTING.data.children));
    const rig = pipelineRig(tempDir(), 'reddit-1', 'reddit', { baseUrl: server.url, query: 'kestrel' });
    try {
      expect((await rig.pollOnce()).stored).toHaveLength(2);
      const stored = rig.stored();
      expect(stored[1]).toMatchObject({
        sourceId: 'reddit-1',
        platform: 'reddit',
        authorHandle: 'u/leeds_commuter',
        likes: 57,
        reposts: 1,
        replies: 23,
        url: 'https://www.reddit.com/r/KestrelMobile/comments/1jb2x9q/kestrel_mobile_down_in_leeds/',
        publishedAt: 1741960690000,
      });
      expect((await rig.pollOnce()).stored).toHaveLength(0);
    } finally {
      rig.close();
    }
  });
});

describeHttpFailures('Reddit', 'Reddit', (baseUrl) => source(baseUrl));
