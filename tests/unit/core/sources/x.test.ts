import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../../../electron/core/sources/adapter';
import { snowflakeTime, XSource, X_MAX_PAGES, X_PAGE_SIZE } from '../../../../electron/core/sources/x/x-source';
import type { XTweet, XUser } from '../../../../electron/core/sources/x/map-tweet';
import type { MentionInput } from '@shared/domain/mention';
import { useTempDirs } from '../../../support/core-helpers';
import { describeHttpFailures } from './support/failure-suite';
import { fixtureJson, pollContext as basePollContext, startFixtureServer, type RecordedRequest, type Reply } from './support/fixture-server';
import { pipelineRig } from './support/pipeline';

const tempDir = useTempDirs();
const SEARCH = fixtureJson<{ data: XTweet[]; includes: { users: XUser[] } }>('x', 'recent-search.json');
const TEMPLATE = fixtureJson<{ tweet: XTweet; user: XUser }>('x', 'post-template.json');
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F';
const ids = (items: unknown[]) => items.map((m) => (m as MentionInput).externalId);
/** The fixtures' ids were minted on 2025-03-14; polls happen that afternoon. */
const X_NOW = Date.UTC(2025, 2, 14, 16, 0, 0);
const pollContext = (cursor: string | null, patch: Parameters<typeof basePollContext>[1] = {}) => basePollContext(cursor, { now: X_NOW, ...patch });

/** GET /2/tweets/search/recent as documented: newest first, since_id exclusive, max_results, an opaque next_token. */
function xApi(tweets: XTweet[], users: XUser[]): (req: RecordedRequest) => Reply {
  return (req) => {
    if (req.path !== '/2/tweets/search/recent') return { status: 404, json: { title: 'Not Found Error', status: 404 } };
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return { status: 401, json: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    const max = Number(req.query.get('max_results') ?? 10);
    const sinceId = req.query.get('since_id');
    const token = req.query.get('next_token');
    let matching = [...tweets].sort((a, b) => (BigInt(b.id!) > BigInt(a.id!) ? 1 : -1));
    if (sinceId) matching = matching.filter((t) => BigInt(t.id!) > BigInt(sinceId));
    if (token) matching = matching.filter((t) => BigInt(t.id!) < BigInt(Buffer.from(token, 'base64url').toString()));
    const page = matching.slice(0, max);
    if (page.length === 0)
      return {
        json: { meta: { result_count: 0 } },
        headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': '1741961600' },
      };
    const authorIds = new Set(page.map((t) => t.author_id));
    const meta: Record<string, unknown> = { newest_id: page[0]!.id, oldest_id: page.at(-1)!.id, result_count: page.length };
    if (matching.length > max) meta.next_token = Buffer.from(page.at(-1)!.id!).toString('base64url');
    return {
      json: { data: page, includes: { users: users.filter((u) => authorIds.has(u.id)) }, meta },
      headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '449', 'x-rate-limit-reset': '1741961600' },
    };
  };
}

function makeTweets(count: number, firstId: bigint): XTweet[] {
  return Array.from({ length: count }, (_, i) => ({
    ...TEMPLATE.tweet,
    id: String(firstId + BigInt(i)),
    text: `post ${i}`,
    created_at: new Date(Date.UTC(2025, 2, 14, 10, 0, i)).toISOString(),
  }));
}

const source = (baseUrl: string, token = TOKEN) =>
  XSource.fromJson('x1', JSON.stringify({ baseUrl, query: '(@KestrelMobile OR "kestrel mobile") -is:retweet', bearerToken: token }));

describe('X recent search', () => {
  it('first poll: joins authors from includes.users, maps metrics, skips posts whose author is gone', async () => {
    const server = await startFixtureServer(() => ({ json: fixtureJson('x', 'recent-search.json') }));
    const result = await source(server.url).poll(pollContext(null));
    const request = server.requests[0]!;
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.fromEntries(request.query)).toEqual({
      query: '(@KestrelMobile OR "kestrel mobile") -is:retweet',
      max_results: '100',
      'tweet.fields': 'created_at,lang,public_metrics,referenced_tweets,author_id,withheld',
      expansions: 'author_id',
      'user.fields': 'username,name,verified,public_metrics',
    });
    expect(ids(result.items)).toEqual(['1900561234567890123', '1900561000000000456']);
    expect(result.items[0]).toEqual({
      externalId: '1900561234567890123',
      platform: 'x',
      text: '@KestrelMobile no signal in Leeds since 9am and your status page says all fine. #KestrelDown',
      publishedAt: Date.parse('2025-03-14T13:58:01.000Z'),
      url: 'https://x.com/janecommutes/status/1900561234567890123',
      lang: 'en',
      authorHandle: '@janecommutes',
      authorName: 'Jane Commuter',
      authorFollowers: 5120,
      authorVerified: false,
      likes: 30,
      reposts: 5,
      replies: 2,
      replyTo: '1900560000000000000',
    });
    expect(result.items[1]).toMatchObject({ authorHandle: '@telecomwatch', authorFollowers: 1_250_000, authorVerified: true, lang: null });
    // The mark covers the skipped post too: it is never asked for again.
    expect(JSON.parse(result.cursor!).high.key).toBe('1900561234567890123');
  });

  it('second poll sends since_id and pages with next_token; nothing is delivered twice', async () => {
    const tweets = makeTweets(3, 1900000000000000000n);
    const users = [TEMPLATE.user];
    const server = await startFixtureServer(xApi(tweets, users));
    const x = source(server.url);
    const first = await x.poll(pollContext(null));
    expect(first.items).toHaveLength(3);
    tweets.push(...makeTweets(150, 1900000000000001000n));
    const second = await x.poll(pollContext(first.cursor));
    expect(server.requests[1]!.query.get('since_id')).toBe('1900000000000000002');
    expect(server.requests[2]!.query.get('since_id')).toBe('1900000000000000002');
    expect(server.requests[2]!.query.get('next_token')).toBe(Buffer.from('1900000000000001050').toString('base64url'));
    expect(second.items).toHaveLength(150);
    const third = await x.poll(pollContext(second.cursor));
    expect(server.requests.at(-1)!.query.get('since_id')).toBe('1900000000000001149');
    expect(third.items).toEqual([]);
  });

  it('a burst beyond one poll resumes with the stored next_token, no gap and no repeat', async () => {
    const tweets = makeTweets(1, 1900000000000000000n);
    const server = await startFixtureServer(xApi(tweets, [TEMPLATE.user]));
    const x = source(server.url);
    const first = await x.poll(pollContext(null));
    const burst = makeTweets(X_PAGE_SIZE * X_MAX_PAGES + 20, 1900000000000100000n);
    tweets.push(...burst);
    const second = await x.poll(pollContext(first.cursor));
    expect(second.moreAvailable).toBe(true);
    const third = await x.poll(pollContext(second.cursor));
    expect(third.moreAvailable).toBeUndefined();
    const delivered = ids([...second.items, ...third.items]);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.sort()).toEqual(burst.map((t) => t.id!).sort());
  });

  it('after a pause longer than the 7-day window, since_id is left out instead of being refused', async () => {
    expect(new Date(snowflakeTime('1900561234567890123')).toISOString()).toBe('2025-03-14T14:54:43.698Z');
    const tweets = makeTweets(3, 1900000000000000000n);
    const server = await startFixtureServer(xApi(tweets, [TEMPLATE.user]));
    const first = await source(server.url).poll(pollContext(null));
    await source(server.url).poll(pollContext(first.cursor, { now: X_NOW + 8 * 24 * 3_600_000 }));
    expect(server.requests[1]!.query.has('since_id')).toBe(false);
    // The mark (minted 2025-03-13T01:44Z) is still inside the window five days on.
    await source(server.url).poll(pollContext(first.cursor, { now: X_NOW + 5 * 24 * 3_600_000 }));
    expect(server.requests[2]!.query.get('since_id')).toBe('1900000000000000002');
  });

  it('an empty result ({"meta":{"result_count":0}}) is an empty poll', async () => {
    const server = await startFixtureServer(() => ({ json: fixtureJson('x', 'recent-search-empty.json') }));
    const result = await source(server.url).poll(pollContext(null));
    expect(result.items).toEqual([]);
  });

  it('429 → waits until x-rate-limit-reset (epoch seconds)', async () => {
    const now = Date.UTC(2025, 2, 14, 14, 0, 0);
    const server = await startFixtureServer(() => ({
      status: 429,
      headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(now / 1000 + 300) },
      json: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    }));
    const error = await source(server.url)
      .poll(pollContext(null, { now }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(300_000);
  });

  it('a refused token says so, and the token never appears in the error', async () => {
    const server = await startFixtureServer(xApi([], []));
    const wrong = 'wrong-token-that-must-stay-secret';
    const error = (await source(server.url, wrong)
      .poll(pollContext(null))
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(`X refused the request (HTTP 401: it asks for valid credentials) at ${server.url}/2/tweets/search/recent: "Unauthorized"`);
    expect(error.message).not.toContain(wrong);
  });

  it('the bearer token is required by the settings', () => {
    expect(() => XSource.fromJson('x2', JSON.stringify({ query: 'kestrel' }))).toThrow(/source x2: bearerToken:/);
  });
});

describe('X through the pipeline', () => {
  it('stores author, followers, verified, engagement, URL, language and reply-to', async () => {
    const server = await startFixtureServer(xApi(SEARCH.data, SEARCH.includes.users));
    const rig = pipelineRig(tempDir(), 'x-1', 'x', { baseUrl: server.url, query: 'kestrel', bearerToken: TOKEN });
    try {
      expect((await rig.pollOnce()).stored).toHaveLength(2);
      const byId = new Map(rig.stored().map((m) => [m.externalId, m]));
      expect(byId.get('1900561234567890123')).toMatchObject({
        sourceId: 'x-1',
        platform: 'x',
        authorHandle: '@janecommutes',
        authorName: 'Jane Commuter',
        authorFollowers: 5120,
        likes: 30,
        reposts: 5,
        replies: 2,
        lang: 'en',
        replyTo: '1900560000000000000',
        url: 'https://x.com/janecommutes/status/1900561234567890123',
      });
      expect(byId.get('1900561000000000456')).toMatchObject({ authorVerified: true, authorFollowers: 1_250_000 });
      // Polled with today's clock, the 2025 mark is outside the 7-day window: X is asked without
      // since_id and the cursor alone keeps what was delivered from coming again.
      expect((await rig.pollOnce()).stored).toHaveLength(0);
      expect(server.requests[1]!.query.has('since_id')).toBe(false);
    } finally {
      rig.close();
    }
  });
});

describeHttpFailures('X', 'X', (baseUrl) => source(baseUrl));
