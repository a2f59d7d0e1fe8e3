import { describe, expect, it } from 'vitest';
import { MastodonSource, MASTODON_MAX_PAGES, MASTODON_PAGE_SIZE } from '../../../../electron/core/sources/mastodon/mastodon-source';
import type { MastodonStatus } from '../../../../electron/core/sources/mastodon/map-status';
import { useTempDirs } from '../../../support/core-helpers';
import { describeHttpFailures } from './support/failure-suite';
import { fixtureJson, pollContext, startFixtureServer, type RecordedRequest, type Reply } from './support/fixture-server';
import { pipelineRig } from './support/pipeline';

const tempDir = useTempDirs();
const TIMELINE = fixtureJson<MastodonStatus[]>('mastodon', 'tag-timeline.json');
const TEMPLATE = fixtureJson<MastodonStatus>('mastodon', 'status-template.json');

const hashtagSource = (instanceUrl: string, extra: object = {}) =>
  MastodonSource.fromJson('m1', JSON.stringify({ instanceUrl, mode: 'hashtag', hashtag: '#KestrelDown', ...extra }));

/**
 * An instance's tag timeline as documented: newest first, `limit` per page, `min_id` returns the
 * statuses immediately newer than that id.
 */
function instance(statuses: MastodonStatus[]): (req: RecordedRequest) => Reply {
  return (req) => {
    if (req.path !== '/api/v1/timelines/tag/KestrelDown') return { status: 404, json: { error: 'Record not found' } };
    const limit = Number(req.query.get('limit') ?? 20);
    const minId = req.query.get('min_id');
    const sorted = [...statuses].sort((a, b) => (BigInt(a.id!) < BigInt(b.id!) ? -1 : 1));
    const page = minId === null ? sorted.slice(-limit) : sorted.filter((s) => BigInt(s.id!) > BigInt(minId)).slice(0, limit);
    return { json: page.reverse(), headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '2025-03-14T14:00:00.000Z' } };
  };
}

function makeStatuses(count: number, firstId: bigint): MastodonStatus[] {
  return Array.from({ length: count }, (_, i) => ({
    ...TEMPLATE,
    id: String(firstId + BigInt(i)),
    created_at: new Date(Date.UTC(2025, 2, 14, 12, 0, i)).toISOString(),
    content: `<p>post number ${i}</p>`,
    in_reply_to_id: null,
  }));
}

describe('Mastodon hashtag timeline', () => {
  it('first poll: reads the newest page, maps every field, skips boosts, and stores the newest id', async () => {
    const server = await startFixtureServer(instance(TIMELINE));
    const result = await hashtagSource(server.url).poll(pollContext(null));

    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.query.get('limit')).toBe('40');
    expect(server.requests[0]!.query.has('min_id')).toBe(false);
    expect(result.items.map((m) => (m as { externalId: string }).externalId)).toEqual(['113500000000000104', '113500000000000103', '113500000000000101']);
    expect(result.items[0]).toMatchObject({
      platform: 'mastodon',
      text: '@KestrelMobile no signal in Leeds since 9am & your status page says "all fine" #KestrelDown\nSecond paragraph <script>alert(1)</script>',
      publishedAt: Date.parse('2025-03-14T13:58:12.345Z'),
      url: 'https://mastodon.social/@jane/113500000000000104',
      lang: 'en',
      authorHandle: 'jane@social.example',
      authorName: 'Jane Commuter',
      authorFollowers: 48210,
      likes: 31,
      reposts: 14,
      replies: 2,
      replyTo: '113500000000000090',
    });
    // A local account gets the instance's host; a content warning leads the text.
    expect(result.items[1]).toMatchObject({
      authorHandle: `kestrelwatch@${new URL(server.url).host}`,
      authorName: 'kestrelwatch',
      text: 'Netzausfall\nDie ganze Stadt ohne Netz.',
      lang: 'de',
    });
    expect(JSON.parse(result.cursor!)).toEqual({ minId: '113500000000000104' });
    expect(result.moreAvailable).toBeUndefined();
  });

  it('second poll asks only for what is newer (min_id) and delivers nothing twice', async () => {
    const statuses = makeStatuses(3, 200n);
    const server = await startFixtureServer(instance(statuses));
    const source = hashtagSource(server.url);
    const first = await source.poll(pollContext(null));
    expect(first.items).toHaveLength(3);

    statuses.push(...makeStatuses(2, 300n));
    const second = await source.poll(pollContext(first.cursor));
    expect(server.requests[1]!.query.get('min_id')).toBe('202');
    expect(second.items.map((m) => (m as { externalId: string }).externalId).sort()).toEqual(['300', '301']);

    const third = await source.poll(pollContext(second.cursor));
    expect(server.requests[2]!.query.get('min_id')).toBe('301');
    expect(third.items).toEqual([]);
    expect(third.cursor).toBe(second.cursor);
  });

  it('pages forward through a burst, bounded per poll, and resumes from the cursor without gaps', async () => {
    const statuses = makeStatuses(1, 1000n);
    const server = await startFixtureServer(instance(statuses));
    const source = hashtagSource(server.url);
    const first = await source.poll(pollContext(null));
    const burst = MASTODON_PAGE_SIZE * MASTODON_MAX_PAGES + 15;
    statuses.push(...makeStatuses(burst, 5000n));

    const second = await source.poll(pollContext(first.cursor));
    expect(second.items).toHaveLength(MASTODON_PAGE_SIZE * MASTODON_MAX_PAGES);
    expect(second.moreAvailable).toBe(true);
    const third = await source.poll(pollContext(second.cursor));
    expect(third.items).toHaveLength(15);
    expect(third.moreAvailable).toBeUndefined();

    const delivered = [...second.items, ...third.items].map((m) => (m as { externalId: string }).externalId);
    expect(new Set(delivered).size).toBe(burst);
    expect(delivered.sort()).toEqual(
      statuses
        .slice(1)
        .map((s) => s.id!)
        .sort(),
    );
    // Each request continued from the newest id of the page before.
    const minIds = server.requests.slice(1).map((r) => r.query.get('min_id'));
    expect(minIds.slice(0, 3)).toEqual(['1000', '5039', '5079']);
  });

  it('an empty timeline is an empty poll', async () => {
    const server = await startFixtureServer(instance([]));
    const result = await hashtagSource(server.url).poll(pollContext(null));
    expect(result.items).toEqual([]);
    expect(JSON.parse(result.cursor!)).toEqual({ minId: null });
  });

  it('sends the access token as a bearer header, and never shows it in an error', async () => {
    const token = 'mastodon-secret-token-123';
    const server = await startFixtureServer((req) => ({ status: 401, json: { error: `The access token ${String(req.headers.authorization)} is invalid` } }));
    const error = await hashtagSource(server.url, { accessToken: token })
      .poll(pollContext(null))
      .catch((e: Error) => e);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${token}`);
    expect((error as Error).message).toContain('Mastodon refused the request (HTTP 401: it asks for valid credentials)');
    expect((error as Error).message).not.toContain(token);
  });
});

describe('Mastodon-compatible servers', () => {
  it('Pleroma / Akkoma base62 flake ids work as cursors', async () => {
    const flake = (n: number) => `AfK${n.toString(36).padStart(15, '0')}`;
    const statuses = [1, 2, 3].map((n) => ({ ...TEMPLATE, id: flake(n), in_reply_to_id: null }));
    const server = await startFixtureServer((req) => {
      const minId = req.query.get('min_id');
      const newer = statuses.filter((s) => minId === null || s.id! > minId).reverse();
      return { json: newer };
    });
    const source = hashtagSource(server.url);
    const first = await source.poll(pollContext(null));
    expect(JSON.parse(first.cursor!)).toEqual({ minId: flake(3) });
    statuses.push({ ...TEMPLATE, id: flake(40), in_reply_to_id: null });
    const second = await source.poll(pollContext(first.cursor));
    expect(server.requests[1]!.query.get('min_id')).toBe(flake(3));
    expect(second.items.map((m) => (m as { externalId: string }).externalId)).toEqual([flake(40)]);
  });
});

describe('Mastodon search', () => {
  it('asks /api/v2/search for statuses and reads the "statuses" list', async () => {
    const server = await startFixtureServer(() => ({ json: fixtureJson('mastodon', 'search.json') }));
    const source = MastodonSource.fromJson(
      'm2',
      JSON.stringify({ instanceUrl: `${server.url}/`, mode: 'search', query: 'kestrel outage', accessToken: 'abcdefgh1234' }),
    );
    const result = await source.poll(pollContext(null));
    const request = server.requests[0]!;
    expect(request.path).toBe('/api/v2/search');
    expect(Object.fromEntries(request.query)).toMatchObject({ q: 'kestrel outage', type: 'statuses', resolve: 'false', limit: '40' });
    expect(result.items).toHaveLength(2);

    await source.poll(pollContext(result.cursor));
    expect(server.requests[1]!.query.get('min_id')).toBe('113500000000000104');
  });

  it('settings are checked: a search needs a query, a hashtag mode needs a hashtag', () => {
    expect(() => MastodonSource.fromJson('m3', JSON.stringify({ mode: 'search' }))).toThrow('source m3: query: enter what to search for');
    expect(() => MastodonSource.fromJson('m4', JSON.stringify({ mode: 'hashtag', hashtag: 'no spaces please' }))).toThrow(
      /source m4: hashtag: a hashtag is letters, digits and _ only/,
    );
    expect(() => MastodonSource.fromJson('m5', JSON.stringify({ instanceUrl: 'ftp://x', hashtag: 'a' }))).toThrow(
      /instanceUrl: The instance address must be an http/,
    );
  });
});

describe('Mastodon through the pipeline', () => {
  it('stores author, followers, engagement, URL, language and reply-to; a second poll adds nothing', async () => {
    const server = await startFixtureServer(instance(TIMELINE));
    const rig = pipelineRig(tempDir(), 'mastodon-1', 'mastodon', { instanceUrl: server.url, mode: 'hashtag', hashtag: 'KestrelDown' });
    try {
      const first = await rig.pollOnce();
      expect(first.stored).toHaveLength(3);
      const byId = new Map(rig.stored().map((m) => [m.externalId, m]));
      expect(byId.get('113500000000000104')).toMatchObject({
        sourceId: 'mastodon-1',
        platform: 'mastodon',
        authorHandle: 'jane@social.example',
        authorName: 'Jane Commuter',
        authorFollowers: 48210,
        likes: 31,
        reposts: 14,
        replies: 2,
        url: 'https://mastodon.social/@jane/113500000000000104',
        lang: 'en',
        replyTo: '113500000000000090',
        publishedAt: Date.parse('2025-03-14T13:58:12.345Z'),
      });
      expect(JSON.parse(rig.cursor()!)).toEqual({ minId: '113500000000000104' });

      const second = await rig.pollOnce();
      expect(second.stored).toHaveLength(0);
      expect(server.requests[1]!.query.get('min_id')).toBe('113500000000000104');
      expect(rig.stored()).toHaveLength(3);
    } finally {
      rig.close();
    }
  });
});

describeHttpFailures('Mastodon', 'Mastodon', (baseUrl) => hashtagSource(baseUrl));
