import { describe, expect, it } from 'vitest';
import { BlueskySource, BLUESKY_MAX_PAGES, BLUESKY_PAGE_SIZE } from '../../../../electron/core/sources/bluesky/bluesky-source';
import type { BlueskyPostView } from '../../../../electron/core/sources/bluesky/map-post';
import type { MentionInput } from '@shared/domain/mention';
import { useTempDirs } from '../../../support/core-helpers';
import { describeHttpFailures } from './support/failure-suite';
import { fixtureJson, pollContext, startFixtureServer, type RecordedRequest, type Reply } from './support/fixture-server';
import { pipelineRig } from './support/pipeline';

const tempDir = useTempDirs();
const PAGE = fixtureJson<{ posts: BlueskyPostView[] }>('bluesky', 'search-page.json');
const TEMPLATE = fixtureJson<BlueskyPostView>('bluesky', 'post-template.json');

const ids = (items: unknown[]) => items.map((m) => (m as MentionInput).externalId);
const searches = (requests: RecordedRequest[]) => requests.filter((r) => r.path === '/xrpc/app.bsky.feed.searchPosts');
const sortAt = (p: BlueskyPostView) => Math.min(Date.parse(p.record!.createdAt!), Date.parse(p.indexedAt!));

/** Follower counts the AppView knows, by DID (profiles it does not know get 100). */
const FOLLOWERS = new Map([
  ['did:plc:7iza6de2dwap2sbkpav7c6c6', 48_210],
  ['did:plc:clockskew000000000000000', 1_250_000],
]);

/**
 * searchPosts as documented: sort=latest (by sortAt), `since` inclusive, `limit`, an opaque cursor
 * to older posts; and getProfiles (up to 25 `actors`), whose detailed views carry followersCount.
 */
function appView(posts: BlueskyPostView[]): (req: RecordedRequest) => Reply {
  return (req) => {
    if (req.path === '/xrpc/app.bsky.actor.getProfiles') {
      const actors = req.query.getAll('actors');
      if (actors.length === 0 || actors.length > 25)
        return { status: 400, json: { error: 'InvalidRequest', message: 'Error: actors must not have more than 25 elements' } };
      return {
        json: {
          profiles: actors.map((did) => ({
            did,
            handle: `${did.slice(8, 16)}.bsky.social`,
            followersCount: FOLLOWERS.get(did) ?? 100,
            followsCount: 10,
            postsCount: 5,
          })),
        },
      };
    }
    if (req.path !== '/xrpc/app.bsky.feed.searchPosts') return { status: 404, json: { error: 'MethodNotImplemented', message: 'Method Not Implemented' } };
    if (!req.query.get('q')) return { status: 400, json: { error: 'InvalidRequest', message: 'Error: Params must have the property "q"' } };
    const since = req.query.get('since');
    const limit = Number(req.query.get('limit') ?? 25);
    const offset = Number(req.query.get('cursor') ?? 0);
    const matching = [...posts].sort((a, b) => sortAt(b) - sortAt(a)).filter((p) => since === null || sortAt(p) >= Date.parse(since));
    const page = matching.slice(offset, offset + limit);
    const body: Record<string, unknown> = { posts: page, hitsTotal: matching.length };
    if (offset + limit < matching.length) body.cursor = String(offset + limit);
    return { json: body };
  };
}

function makePosts(count: number, startMs: number, prefix: string): BlueskyPostView[] {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(startMs + i * 1000).toISOString();
    return {
      ...TEMPLATE,
      uri: `at://did:plc:gen/app.bsky.feed.post/${prefix}${String(i).padStart(5, '0')}`,
      indexedAt: at,
      record: { ...TEMPLATE.record, createdAt: at, text: `post ${prefix}${i}` },
    };
  });
}

const source = (serviceUrl: string, extra: object = {}) => BlueskySource.fromJson('b1', JSON.stringify({ serviceUrl, query: 'kestrel', ...extra }));

describe('Bluesky search', () => {
  it('first poll: newest page only, every field mapped, taken-down posts and invalid handles skipped', async () => {
    const server = await startFixtureServer(appView(PAGE.posts));
    const result = await source(server.url, { lang: 'en' }).poll(pollContext(null));
    const request = server.requests[0]!;
    expect(Object.fromEntries(request.query)).toEqual({ q: 'kestrel', sort: 'latest', limit: '100', lang: 'en' });
    expect(ids(result.items)).toEqual([
      'at://did:plc:7iza6de2dwap2sbkpav7c6c6/app.bsky.feed.post/3lkjq2xyzab2c',
      'at://did:plc:clockskew000000000000000/app.bsky.feed.post/3lkjq2skew000',
    ]);
    expect(result.items[0]).toEqual({
      externalId: 'at://did:plc:7iza6de2dwap2sbkpav7c6c6/app.bsky.feed.post/3lkjq2xyzab2c',
      platform: 'bluesky',
      text: '@kestrelmobile.com still no signal in Leeds. Day two. #KestrelDown',
      publishedAt: Date.parse('2025-03-14T13:58:10.120Z'),
      url: 'https://bsky.app/profile/jane.bsky.social/post/3lkjq2xyzab2c',
      lang: 'en',
      authorHandle: 'jane.bsky.social',
      authorName: 'Jane Commuter',
      authorFollowers: 48_210,
      authorVerified: false,
      likes: 40,
      reposts: 12,
      replies: 3,
      replyTo: 'at://did:plc:kestrel/app.bsky.feed.post/3lkjparent000',
    });
    // The mark is the newest sort time and the post(s) at it.
    expect(JSON.parse(result.cursor!)).toEqual({ high: { key: String(Date.parse('2025-03-14T13:58:10.120Z')), ids: [ids(result.items)[0]] }, run: null });
  });

  it('second poll asks `since` the last mark and delivers only newer posts, ties included once', async () => {
    const posts = makePosts(3, Date.UTC(2025, 2, 14, 12, 0, 0), 'a');
    const server = await startFixtureServer(appView(posts));
    const bsky = source(server.url);
    const first = await bsky.poll(pollContext(null));
    expect(first.items).toHaveLength(3);

    // A new post, and one that shares the newest post's timestamp (indexed late).
    const tie = { ...makePosts(1, Date.UTC(2025, 2, 14, 12, 0, 2), 'tie')[0]! };
    posts.push(...makePosts(1, Date.UTC(2025, 2, 14, 12, 5, 0), 'b'), tie);
    const second = await bsky.poll(pollContext(first.cursor));
    expect(searches(server.requests)[1]!.query.get('since')).toBe('2025-03-14T12:00:02.000Z');
    expect(ids(second.items).sort()).toEqual([tie.uri, posts[3]!.uri].sort());

    const third = await bsky.poll(pollContext(second.cursor));
    expect(searches(server.requests)[2]!.query.get('since')).toBe('2025-03-14T12:05:00.000Z');
    expect(third.items).toEqual([]);
  });

  it('a burst larger than one poll is read over several polls (cursor pages), with no gap and no repeat', async () => {
    const posts = makePosts(2, Date.UTC(2025, 2, 14, 10, 0, 0), 'old');
    const server = await startFixtureServer(appView(posts));
    const bsky = source(server.url);
    const first = await bsky.poll(pollContext(null));
    const burst = makePosts(BLUESKY_PAGE_SIZE * BLUESKY_MAX_PAGES + 30, Date.UTC(2025, 2, 14, 11, 0, 0), 'new');
    posts.push(...burst);

    const second = await bsky.poll(pollContext(first.cursor));
    expect(second.items).toHaveLength(BLUESKY_PAGE_SIZE * BLUESKY_MAX_PAGES);
    expect(second.moreAvailable).toBe(true);
    const stopped = JSON.parse(second.cursor!) as { run: { page: string } };
    expect(stopped.run.page).toBe(String(BLUESKY_PAGE_SIZE * BLUESKY_MAX_PAGES));

    // Meanwhile more posts arrive; the run finishes first, then the next poll picks them up.
    const later = makePosts(4, Date.UTC(2025, 2, 14, 12, 0, 0), 'later');
    posts.push(...later);
    const third = await bsky.poll(pollContext(second.cursor));
    expect(searches(server.requests).at(-1)!.query.get('cursor')).toBe(stopped.run.page);
    const fourth = await bsky.poll(pollContext(third.cursor));
    const fifth = await bsky.poll(pollContext(fourth.cursor));

    const delivered = [...second.items, ...third.items, ...fourth.items, ...fifth.items].map((m) => (m as MentionInput).externalId);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.sort()).toEqual([...burst, ...later].map((p) => p.uri!).sort());
    expect(fifth.items).toEqual([]);
  });

  it('an empty result is an empty poll that keeps asking from the start', async () => {
    const server = await startFixtureServer(appView([]));
    const result = await source(server.url).poll(pollContext(null));
    expect(result.items).toEqual([]);
    expect(JSON.parse(result.cursor!)).toEqual({ high: null, run: null });
  });
});

/**
 * A PDS and AppView that, like Bluesky since 2025, answer searches only for a signed-in account:
 * createSession with an app password, access tokens that expire, refreshSession.
 */
function signedInAppView(posts: BlueskyPostView[]) {
  const state = { generation: 1, sessionsCreated: 0, refreshed: 0, staleAccess: '' };
  const access = () => `access-jwt-${state.generation}`;
  const refresh = () => `refresh-jwt-${state.generation}`;
  const search = appView(posts);
  const handler = (req: RecordedRequest): Reply => {
    if (req.path === '/xrpc/com.atproto.server.createSession') {
      if (req.method !== 'POST') return { status: 405, json: { error: 'InvalidRequest', message: 'Method Not Allowed' } };
      const body = JSON.parse(req.body || '{}') as { identifier?: string; password?: string };
      if (body.identifier !== 'kestrelwatch.bsky.social' || body.password !== 'abcd-efgh-ijkl-mnop')
        return { status: 401, json: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } };
      state.sessionsCreated++;
      return { json: { did: 'did:plc:kestrelwatch', handle: 'kestrelwatch.bsky.social', accessJwt: access(), refreshJwt: refresh(), active: true } };
    }
    if (req.path === '/xrpc/com.atproto.server.refreshSession') {
      if (req.headers.authorization !== `Bearer ${refresh()}`) return { status: 400, json: { error: 'ExpiredToken', message: 'Token has expired' } };
      state.generation++;
      state.refreshed++;
      return { json: { did: 'did:plc:kestrelwatch', handle: 'kestrelwatch.bsky.social', accessJwt: access(), refreshJwt: refresh() } };
    }
    if (req.headers.authorization === undefined)
      return { status: 403, body: '<html><title>403 Forbidden</title></html>', headers: { 'content-type': 'text/html' } };
    if (req.headers.authorization !== `Bearer ${access()}` || access() === state.staleAccess)
      return { status: 400, json: { error: 'ExpiredToken', message: 'Token has expired' } };
    return search(req);
  };
  return {
    state,
    handler,
    /** The access token and its refresh token are both stale. */
    expire: () => {
      state.generation++;
    },
    /** Only the access token has run out; refreshing works. */
    expireAccess: () => {
      state.staleAccess = access();
    },
  };
}

describe('Bluesky follower counts', () => {
  it('are looked up 25 authors a call, remembered, and a failed lookup does not cost the posts', async () => {
    const posts = Array.from({ length: 60 }, (_, i) => ({
      ...makePosts(1, Date.UTC(2025, 2, 14, 12, 0, i), `f${i}`)[0]!,
      author: { did: `did:plc:author${String(i % 30).padStart(2, '0')}`, handle: `a${i % 30}.bsky.social` },
    }));
    const server = await startFixtureServer(appView(posts));
    const bsky = source(server.url);
    const first = await bsky.poll(pollContext(null));
    const lookups = server.requests.filter((r) => r.path === '/xrpc/app.bsky.actor.getProfiles');
    expect(lookups.map((r) => r.query.getAll('actors').length)).toEqual([25, 5]);
    expect(new Set((first.items as MentionInput[]).map((m) => m.authorFollowers))).toEqual(new Set([100]));

    // New posts by known authors need no lookup; the AppView failing lookups loses nothing.
    posts.push(
      ...makePosts(2, Date.UTC(2025, 2, 14, 13, 0, 0), 'g').map((p, i) => ({
        ...p,
        author: { did: i === 0 ? 'did:plc:author01' : 'did:plc:stranger', handle: 'x.bsky.social' },
      })),
    );
    server.handle((req) => (req.path === '/xrpc/app.bsky.actor.getProfiles' ? { status: 502, body: 'Bad Gateway' } : appView(posts)(req)));
    const second = await bsky.poll(pollContext(first.cursor));
    expect((second.items as MentionInput[]).map((m) => [m.authorHandle, m.authorFollowers]).sort()).toEqual([
      ['x.bsky.social', null],
      ['x.bsky.social', 100],
    ]);
    expect(
      server.requests
        .filter((r) => r.path === '/xrpc/app.bsky.actor.getProfiles')
        .at(-1)!
        .query.getAll('actors'),
    ).toEqual(['did:plc:stranger']);
  });
});

describe('Bluesky sign-in', () => {
  const signedIn = (url: string, password = 'abcd-efgh-ijkl-mnop') =>
    source(url, { loginServiceUrl: url, identifier: 'kestrelwatch.bsky.social', appPassword: password });

  it('signs in once with the app password and searches with the session token', async () => {
    const bsky = signedInAppView(PAGE.posts);
    const server = await startFixtureServer(bsky.handler);
    const adapter = signedIn(server.url);
    const first = await adapter.poll(pollContext(null));
    await adapter.poll(pollContext(first.cursor));
    expect(first.items).toHaveLength(2);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /xrpc/com.atproto.server.createSession',
      'GET /xrpc/app.bsky.feed.searchPosts',
      'GET /xrpc/app.bsky.actor.getProfiles',
      'GET /xrpc/app.bsky.feed.searchPosts',
    ]);
    expect(server.requests[2]!.headers.authorization).toBe('Bearer access-jwt-1');
    expect(server.requests[1]!.headers.authorization).toBe('Bearer access-jwt-1');
    expect(bsky.state.sessionsCreated).toBe(1);
  });

  it('an expired access token is refreshed with the refresh token, and the search retried', async () => {
    const bsky = signedInAppView(PAGE.posts);
    const server = await startFixtureServer(bsky.handler);
    const adapter = signedIn(server.url);
    await adapter.poll(pollContext(null));
    bsky.expireAccess();
    expect((await adapter.poll(pollContext(null))).items).toHaveLength(2);
    // (Follower counts are remembered, so the second poll only searches.)
    expect(server.requests.slice(3).map((r) => r.path)).toEqual([
      '/xrpc/app.bsky.feed.searchPosts',
      '/xrpc/com.atproto.server.refreshSession',
      '/xrpc/app.bsky.feed.searchPosts',
    ]);
    expect(server.requests[4]!.headers.authorization).toBe('Bearer refresh-jwt-1');
    expect(server.requests[5]!.headers.authorization).toBe('Bearer access-jwt-2');
    expect(bsky.state).toMatchObject({ sessionsCreated: 1, refreshed: 1 });
  });

  it('when the refresh token is stale too, it signs in again, within the same poll', async () => {
    const bsky = signedInAppView(PAGE.posts);
    const server = await startFixtureServer(bsky.handler);
    const adapter = signedIn(server.url);
    await adapter.poll(pollContext(null));
    bsky.expire(); // the access token and its refresh token are now both stale
    const again = await adapter.poll(pollContext(null));
    expect(again.items).toHaveLength(2);
    // Refresh refused (stale) → a fresh sign-in → the search succeeds.
    expect(server.requests.slice(3).map((r) => r.path)).toEqual([
      '/xrpc/app.bsky.feed.searchPosts',
      '/xrpc/com.atproto.server.refreshSession',
      '/xrpc/com.atproto.server.createSession',
      '/xrpc/app.bsky.feed.searchPosts',
    ]);
    expect(bsky.state.sessionsCreated).toBe(2);
  });

  it('a wrong app password says which account failed to sign in, never the password', async () => {
    const bsky = signedInAppView(PAGE.posts);
    const server = await startFixtureServer(bsky.handler);
    const error = (await signedIn(server.url, 'wrong-pass-word-1234')
      .poll(pollContext(null))
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `Bluesky sign-in as kestrelwatch.bsky.social failed: Bluesky refused the request (HTTP 401: it asks for valid credentials) at ${server.url}/xrpc/com.atproto.server.createSession: "Invalid identifier or password". Check the handle and the app password.`,
    );
    expect(error.message).not.toContain('wrong-pass-word-1234');
  });

  it("without an account, Bluesky's refusal of anonymous search is reported plainly", async () => {
    const bsky = signedInAppView(PAGE.posts);
    const server = await startFixtureServer(bsky.handler);
    const error = (await source(server.url)
      .poll(pollContext(null))
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('Bluesky refused the request (HTTP 403: access is forbidden)');
  });

  it('settings: a handle needs an app password and the other way round', () => {
    expect(() => BlueskySource.fromJson('b9', JSON.stringify({ query: 'k', identifier: 'a.bsky.social' }))).toThrow(
      'source b9: appPassword: enter an app password for this handle',
    );
    expect(() => BlueskySource.fromJson('b9', JSON.stringify({ query: 'k', appPassword: 'abcd-efgh-ijkl-mnop' }))).toThrow(
      'source b9: identifier: enter the handle the app password belongs to',
    );
  });
});

describe('Bluesky through the pipeline', () => {
  it('stores the posts with author, engagement, URL, language and reply-to', async () => {
    const server = await startFixtureServer(appView(PAGE.posts));
    const rig = pipelineRig(tempDir(), 'bsky-1', 'bluesky', { serviceUrl: server.url, query: 'kestrel' });
    try {
      const result = await rig.pollOnce();
      expect(result.stored).toHaveLength(2);
      const [older, newer] = rig.stored();
      expect(newer).toMatchObject({
        sourceId: 'bsky-1',
        platform: 'bluesky',
        authorHandle: 'jane.bsky.social',
        authorName: 'Jane Commuter',
        authorFollowers: 48_210,
        likes: 40,
        reposts: 12,
        replies: 3,
        lang: 'en',
        url: 'https://bsky.app/profile/jane.bsky.social/post/3lkjq2xyzab2c',
        replyTo: 'at://did:plc:kestrel/app.bsky.feed.post/3lkjparent000',
      });
      // The post whose client clock ran ahead is stored at the time the network indexed it, not "from the future".
      expect(older).toMatchObject({
        authorHandle: 'fastclock.bsky.social',
        authorFollowers: 1_250_000,
        lang: 'pt',
        likes: 5,
        publishedAt: Date.parse('2025-03-14T13:55:00.000Z'),
      });
      expect(JSON.parse(rig.cursor()!).high.key).toBe(String(Date.parse('2025-03-14T13:58:10.120Z')));
      expect((await rig.pollOnce()).stored).toHaveLength(0);
    } finally {
      rig.close();
    }
  });
});

describeHttpFailures('Bluesky', 'Bluesky', (baseUrl) => source(baseUrl));
