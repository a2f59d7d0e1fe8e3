import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../../../electron/core/sources/adapter';
import { msUntilPacificMidnight, YouTubeSource, YOUTUBE_MAX_PAGES, YOUTUBE_PAGE_SIZE } from '../../../../electron/core/sources/youtube/youtube-source';
import type { YouTubeCommentThread } from '../../../../electron/core/sources/youtube/map-comment';
import type { MentionInput } from '@shared/domain/mention';
import { useTempDirs } from '../../../support/core-helpers';
import { describeHttpFailures } from './support/failure-suite';
import { fixtureJson, pollContext, startFixtureServer, type RecordedRequest, type Reply } from './support/fixture-server';
import { pipelineRig } from './support/pipeline';

const tempDir = useTempDirs();
const LIST = fixtureJson<{ items: YouTubeCommentThread[] }>('youtube', 'comment-threads.json');
const TEMPLATE = fixtureJson<YouTubeCommentThread>('youtube', 'thread-template.json');
const KEY = 'AIzaSyD-test-key-0123456789abcdefghij';
const ids = (items: unknown[]) => items.map((m) => (m as MentionInput).externalId);
const publishedAt = (t: YouTubeCommentThread) => Date.parse(t.snippet!.topLevelComment!.snippet!.publishedAt!);

/** commentThreads.list as documented: order=time newest first, maxResults, nextPageToken / pageToken. */
function youtube(threads: YouTubeCommentThread[]): (req: RecordedRequest) => Reply {
  return (req) => {
    if (req.path !== '/youtube/v3/commentThreads') return { status: 404, json: { error: { code: 404, message: 'Not Found' } } };
    if (req.query.get('key') !== KEY) return { status: 400, json: fixtureJson('youtube', 'bad-key.json') };
    const max = Number(req.query.get('maxResults') ?? 20);
    const token = req.query.get('pageToken');
    let sorted = [...threads].sort((a, b) => publishedAt(b) - publishedAt(a));
    if (token) {
      const at = sorted.findIndex((t) => t.id === Buffer.from(token, 'base64url').toString());
      if (at < 0)
        return {
          status: 400,
          json: {
            error: {
              code: 400,
              message: 'The API server failed to successfully process the request.',
              errors: [{ reason: 'processingFailure', domain: 'youtube.commentThread' }],
            },
          },
        };
      sorted = sorted.slice(at + 1);
    }
    const page = sorted.slice(0, max);
    const body: Record<string, unknown> = {
      kind: 'youtube#commentThreadListResponse',
      etag: 'e',
      pageInfo: { totalResults: page.length, resultsPerPage: max },
      items: page,
    };
    if (sorted.length > max) body.nextPageToken = Buffer.from(page.at(-1)!.id!).toString('base64url');
    return { json: body };
  };
}

function makeThreads(count: number, startMs: number, prefix: string): YouTubeCommentThread[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `Ugz${prefix}${String(i).padStart(5, '0')}`;
    const top = TEMPLATE.snippet!.topLevelComment!;
    return {
      ...TEMPLATE,
      id,
      snippet: {
        ...TEMPLATE.snippet,
        topLevelComment: { ...top, id, snippet: { ...top.snippet, textOriginal: `comment ${i}`, publishedAt: new Date(startMs + i * 1000).toISOString() } },
      },
    };
  });
}

const source = (server: string, extra: object = {}) =>
  YouTubeSource.fromJson('yt1', JSON.stringify({ baseUrl: `${server}/youtube/v3`, scope: 'video', videoId: 'dQw4w9WgXcQ', apiKey: KEY, ...extra }));

describe('YouTube comments', () => {
  it('first poll: newest threads of a video, comments held for review skipped', async () => {
    const server = await startFixtureServer(youtube(LIST.items));
    const result = await source(server.url, { searchTerms: 'network' }).poll(pollContext(null));
    expect(Object.fromEntries(server.requests[0]!.query)).toEqual({
      part: 'snippet',
      order: 'time',
      textFormat: 'plainText',
      maxResults: '100',
      videoId: 'dQw4w9WgXcQ',
      searchTerms: 'network',
      key: KEY,
    });
    expect(ids(result.items)).toEqual(['UgzKestrel1AaBbCcDd4AaABAg', 'UgzKestrel3AaBbCcDd4AaABAg']);
    expect(result.items[0]).toEqual({
      externalId: 'UgzKestrel1AaBbCcDd4AaABAg',
      platform: 'youtube',
      text: 'Great ad, shame the network has been down all morning in Leeds',
      publishedAt: Date.parse('2025-03-14T13:58:20Z'),
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzKestrel1AaBbCcDd4AaABAg',
      lang: null,
      authorHandle: '@LeedsCommuter',
      authorName: null,
      authorFollowers: null,
      authorVerified: false,
      likes: 41,
      reposts: null,
      replies: 3,
      replyTo: null,
    });
    expect(result.items[1]).toMatchObject({ authorHandle: 'Maria Lopes', authorName: 'Maria Lopes' });
  });

  it('a channel scope asks for allThreadsRelatedToChannelId', async () => {
    const server = await startFixtureServer(youtube(LIST.items));
    await source(server.url, { scope: 'channel', videoId: '', channelId: 'UCabcdefghijklmnopqrstuv' }).poll(pollContext(null));
    expect(server.requests[0]!.query.get('allThreadsRelatedToChannelId')).toBe('UCabcdefghijklmnopqrstuv');
    expect(server.requests[0]!.query.has('videoId')).toBe(false);
  });

  it('later polls page back only to the last delivered comment, across polls when there are many', async () => {
    const threads = makeThreads(2, Date.UTC(2025, 2, 14, 9, 0, 0), 'old');
    const server = await startFixtureServer(youtube(threads));
    const yt = source(server.url);
    const first = await yt.poll(pollContext(null));
    expect(first.items).toHaveLength(2);
    const burst = makeThreads(YOUTUBE_PAGE_SIZE * YOUTUBE_MAX_PAGES + 3, Date.UTC(2025, 2, 14, 10, 0, 0), 'new');
    threads.push(...burst);
    const second = await yt.poll(pollContext(first.cursor));
    expect(second.moreAvailable).toBe(true);
    expect(server.requests.slice(1).map((r) => r.query.has('pageToken'))).toEqual([false, true, true]);
    const third = await yt.poll(pollContext(second.cursor));
    const fourth = await yt.poll(pollContext(third.cursor));
    expect(fourth.items).toEqual([]);
    expect(server.requests.at(-1)!.query.has('pageToken')).toBe(false);
    const delivered = ids([...second.items, ...third.items]);
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered.sort()).toEqual(burst.map((t) => t.id!).sort());
  });

  it('a stored page token YouTube no longer accepts starts the run again instead of failing forever', async () => {
    const threads = makeThreads(2, Date.UTC(2025, 2, 14, 9, 0, 0), 'old');
    const server = await startFixtureServer(youtube(threads));
    const yt = source(server.url);
    const first = await yt.poll(pollContext(null));
    const burst = makeThreads(YOUTUBE_PAGE_SIZE * YOUTUBE_MAX_PAGES + 3, Date.UTC(2025, 2, 14, 10, 0, 0), 'new');
    threads.push(...burst);
    const second = await yt.poll(pollContext(first.cursor));
    // The comment the token points after is deleted before the next poll.
    const anchor = Buffer.from((JSON.parse(second.cursor!) as { run: { page: string } }).run.page, 'base64url').toString();
    threads.splice(
      threads.findIndex((t) => t.id === anchor),
      1,
    );
    const third = await yt.poll(pollContext(second.cursor));
    expect(server.requests.slice(-YOUTUBE_MAX_PAGES - 1).map((r) => r.query.has('pageToken'))).toEqual([true, false, true, true]);
    let cursor = third.cursor;
    const later: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const next = await yt.poll(pollContext(cursor));
      later.push(...next.items);
      cursor = next.cursor;
    }
    const delivered = new Set(ids([...second.items, ...third.items, ...later]));
    // Nothing missing (what was re-read is deduplicated by the store).
    expect([...burst.map((t) => t.id!).filter((id) => id !== anchor)].every((id) => delivered.has(id))).toBe(true);
  });

  it('an empty list is an empty poll', async () => {
    const server = await startFixtureServer(youtube([]));
    expect((await source(server.url).poll(pollContext(null))).items).toEqual([]);
  });

  it('403 quotaExceeded → RateLimitError until midnight Pacific time', async () => {
    const now = Date.parse('2025-03-14T15:00:00Z'); // 08:00 PDT: 16 hours to midnight
    const server = await startFixtureServer(() => ({ status: 403, json: fixtureJson('youtube', 'quota-exceeded.json') }));
    const error = await source(server.url)
      .poll(pollContext(null, { now }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(16 * 3_600_000);
    expect(msUntilPacificMidnight(Date.parse('2025-01-15T07:30:00Z'))).toBe(30 * 60_000); // 23:30 PST
  });

  it('a bad key is reported in plain words, and the key never appears in the error', async () => {
    const server = await startFixtureServer(youtube([]));
    const error = (await source(server.url, { apiKey: 'AIzaWrongKey-secret-123' })
      .poll(pollContext(null))
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      `YouTube refused the request (HTTP 400: it did not accept the request) at ${server.url}/youtube/v3/commentThreads: "API key not valid. Please pass a valid API key."`,
    );
    expect(error.message).not.toContain('AIzaWrongKey-secret-123');
  });

  it('settings name what is missing', () => {
    expect(() => YouTubeSource.fromJson('yt2', JSON.stringify({ scope: 'video', apiKey: KEY }))).toThrow('source yt2: videoId: enter the video id');
    expect(() => YouTubeSource.fromJson('yt3', JSON.stringify({ scope: 'video', videoId: 'dQw4w9WgXcQ' }))).toThrow(/source yt3: apiKey:/);
  });
});

describe('YouTube through the pipeline', () => {
  it('stores author, likes, reply counts and the comment URL', async () => {
    const server = await startFixtureServer(youtube(LIST.items));
    const rig = pipelineRig(tempDir(), 'yt-1', 'youtube', { baseUrl: `${server.url}/youtube/v3`, scope: 'video', videoId: 'dQw4w9WgXcQ', apiKey: KEY });
    try {
      expect((await rig.pollOnce()).stored).toHaveLength(2);
      const [older, newer] = rig.stored();
      expect(newer).toMatchObject({
        sourceId: 'yt-1',
        platform: 'youtube',
        authorHandle: '@LeedsCommuter',
        likes: 41,
        replies: 3,
        url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzKestrel1AaBbCcDd4AaABAg',
      });
      expect(older).toMatchObject({ authorHandle: 'Maria Lopes', text: 'O roaming funcionou perfeitamente em Lisboa!' });
      expect((await rig.pollOnce()).stored).toHaveLength(0);
    } finally {
      rig.close();
    }
  });
});

describeHttpFailures('YouTube', 'YouTube', (baseUrl) => source(baseUrl));
