import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../../../electron/core/sources/adapter';
import { FeedSource } from '../../../../electron/core/sources/feed/feed-source';
import { parseFeedDate } from '../../../../electron/core/sources/feed/parse-feed';
import type { MentionInput } from '@shared/domain/mention';
import { useTempDirs } from '../../../support/core-helpers';
import { FIXTURES_DIR, fixtureText, pollContext, startFixtureServer, type RecordedRequest, type Reply } from './support/fixture-server';
import { pipelineRig } from './support/pipeline';

const tempDir = useTempDirs();
const ids = (items: unknown[]) => items.map((m) => (m as MentionInput).externalId);
const NOW = Date.UTC(2025, 2, 14, 14, 0, 0);

/** A web server that answers conditional requests as HTTP says: 304 when the ETag or date still matches. */
function feedServer(state: { body: string | Buffer; type: string; etag: string; lastModified: string }): (req: RecordedRequest) => Reply {
  return (req): Reply => {
    if (
      req.headers['if-none-match'] === state.etag ||
      (req.headers['if-none-match'] === undefined && req.headers['if-modified-since'] === state.lastModified)
    ) {
      return { status: 304, headers: { etag: state.etag, 'last-modified': state.lastModified } };
    }
    return { body: state.body, headers: { 'content-type': state.type, etag: state.etag, 'last-modified': state.lastModified } };
  };
}

const feedAt = (url: string, platform = 'news') => FeedSource.fromJson('f1', JSON.stringify({ url, platform }));
const pollFeed = (url: string, cursor: string | null = null) => feedAt(url).poll(pollContext(cursor, { now: NOW }));
async function serve(name: string, type: string) {
  return startFixtureServer(
    feedServer({ body: readFileSync(join(FIXTURES_DIR, 'feed', name)), type, etag: '"v1"', lastModified: 'Fri, 14 Mar 2025 13:59:00 GMT' }),
  );
}

describe('RSS 2.0', () => {
  it('maps every entry: ids from guid, link or a hash; relative links resolved; HTML stripped; dates read or defaulted', async () => {
    const server = await serve('rss2.xml', 'application/rss+xml; charset=utf-8');
    const result = await pollFeed(`${server.url}/feed.xml`);
    expect(server.requests[0]!.headers['user-agent']).toMatch(/^Earshot\//);
    expect(server.requests[0]!.headers.accept).toContain('application/rss+xml');
    const items = result.items as MentionInput[];
    expect(items).toHaveLength(4);
    expect(items[0]).toEqual({
      externalId: 'telecom-daily-88121',
      platform: 'news',
      text: 'Kestrel Mobile outage: what we know\nCustomers across Leeds & Bradford report no signal since 9am.\nKestrel says engineers are on site.',
      publishedAt: Date.parse('2025-03-14T13:45:00Z'),
      url: 'https://telecom-daily.example/2025/03/14/kestrel-outage',
      lang: 'en-gb',
      authorHandle: 'Priya Natarajan',
      authorName: 'Priya Natarajan (Telecom Daily)',
      authorFollowers: null,
      likes: null,
      reposts: null,
      replies: null,
      replyTo: null,
    });
    expect(items[1]).toMatchObject({
      externalId: 'https://telecom-daily.example/2025/03/13/kestrel-5g-review',
      text: 'Review: Kestrel\u2019s new 5G plan\nFast in cities, patchy on trains. 7/10',
      publishedAt: Date.parse('2025-03-13T09:00:00Z'),
      authorHandle: 'Sam Okafor',
    });
    // No guid and no link: a stable hash of its content; no author: the feed's title.
    expect(items[2]!.externalId).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(items[2]).toMatchObject({ url: null, authorHandle: 'Telecom Daily', publishedAt: NOW });
    expect(items[3]).toMatchObject({ externalId: 'https://telecom-daily.example/notes/42', publishedAt: NOW });
    // Nothing of the script, style or the image's handler survives as text.
    expect(items.map((i) => i.text).join(' ')).not.toMatch(/alert|p\{\}|onerror/);
  });

  it('the same content hashes to the same id on every poll (no duplicates for entries without ids)', async () => {
    const server = await serve('rss2.xml', 'application/rss+xml');
    const a = await pollFeed(`${server.url}/feed.xml`);
    const b = await pollFeed(`${server.url}/feed.xml`);
    expect(ids(a.items)).toEqual(ids(b.items));
  });

  it('conditional requests: the next poll sends If-None-Match / If-Modified-Since; 304 is an empty poll that keeps the cursor', async () => {
    const server = await serve('rss2.xml', 'application/rss+xml');
    const first = await pollFeed(`${server.url}/feed.xml`);
    expect(JSON.parse(first.cursor!)).toMatchObject({ etag: '"v1"', lastModified: 'Fri, 14 Mar 2025 13:59:00 GMT' });
    const second = await pollFeed(`${server.url}/feed.xml`, first.cursor);
    expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[1]!.headers['if-modified-since']).toBe('Fri, 14 Mar 2025 13:59:00 GMT');
    expect(second.items).toEqual([]);
    expect(second.cursor).toBe(first.cursor);
  });

  it('a changed feed delivers only the entries not delivered before', async () => {
    const state = { body: fixtureText('feed', 'rss2.xml'), type: 'application/rss+xml', etag: '"v1"', lastModified: 'Fri, 14 Mar 2025 13:59:00 GMT' };
    const server = await startFixtureServer(feedServer(state));
    const first = await pollFeed(`${server.url}/feed.xml`);
    state.body = state.body.replace(
      '<item>',
      '<item><title>Kestrel restores service</title><guid isPermaLink="false">telecom-daily-88130</guid><pubDate>Fri, 14 Mar 2025 15:10:00 +0100</pubDate></item><item>',
    );
    state.etag = '"v2"';
    const second = await pollFeed(`${server.url}/feed.xml`, first.cursor);
    expect(ids(second.items)).toEqual(['telecom-daily-88130']);
    expect((second.items[0] as MentionInput).publishedAt).toBe(Date.parse('2025-03-14T14:10:00Z') > NOW ? NOW : Date.parse('2025-03-14T14:10:00Z'));
    expect(JSON.parse(second.cursor!)).toMatchObject({ etag: '"v2"' });
  });

  it('a feed with no entries is an empty poll', async () => {
    const server = await serve('empty.xml', 'application/xml');
    const result = await pollFeed(`${server.url}/feed.xml`);
    expect(result.items).toEqual([]);
  });

  it('reads a feed in the charset its XML declaration names', async () => {
    const server = await serve('latin1.xml', 'application/rss+xml');
    const result = await pollFeed(`${server.url}/feed.xml`);
    expect(result.items[0]).toMatchObject({
      text: 'R\u00e9seau Kestrel en panne \u00e0 Li\u00e8ge\nPas de r\u00e9seau.',
      authorHandle: 'Caf\u00e9 Telecom',
      publishedAt: Date.parse('2025-03-14T11:00:00Z'),
    });
  });
});

describe('RSS 1.0, Atom and JSON Feed', () => {
  it('RSS 1.0 (RDF): rdf:about ids, dc:creator, dc:date', async () => {
    const server = await serve('rss1.rdf', 'application/rdf+xml');
    const items = (await FeedSource.fromJson('f2', JSON.stringify({ url: `${server.url}/rss`, platform: 'forum' })).poll(pollContext(null, { now: NOW })))
      .items as MentionInput[];
    expect(items.map((i) => [i.externalId, i.authorHandle, i.publishedAt, i.platform, i.lang])).toEqual([
      ['https://forum.example/t/1001', 'modem_mike', Date.parse('2025-03-14T13:50:00Z'), 'forum', 'en'],
      ['https://forum.example/t/1000', 'travelwithsam', Date.parse('2025-03-14T10:00:00Z'), 'forum', 'en'],
    ]);
  });

  it('Atom: alternate links resolved against xml:base, HTML and XHTML content to text, ids or links, per-entry language', async () => {
    const server = await serve('atom.xml', 'application/atom+xml');
    const items = (await pollFeed(`${server.url}/atom.xml`)).items as MentionInput[];
    expect(items[0]).toMatchObject({
      externalId: 'tag:reviews.example,2025:r5521',
      text: '1 star: no signal for two days\nTwo days without signal & nobody answers the chat.',
      url: 'https://reviews.example/kestrel/r/5521',
      publishedAt: Date.parse('2025-03-14T13:59:00Z'),
      authorHandle: 'Olu A.',
      lang: 'en',
    });
    expect(items[1]).toMatchObject({
      externalId: 'https://reviews.example/kestrel/r/5519',
      text: '5 \u00e9toiles : service client au top\nR\u00e9ponse en 5 minutes.',
      publishedAt: Date.parse('2025-03-14T11:00:00Z'),
      authorHandle: 'Reviews Desk',
      lang: 'fr',
    });
  });

  it('JSON Feed 1.1: ids (numbers too), relative URLs, authors, content_html or content_text', async () => {
    const server = await serve('feed.json', 'application/feed+json');
    const items = (await pollFeed(`${server.url}/feed.json`)).items as MentionInput[];
    expect(items).toEqual([
      expect.objectContaining({
        externalId: '2025-03-14-kestrel-degraded',
        text: 'Kestrel Mobile: degraded service\nData service degraded in Yorkshire.',
        url: 'https://status-watch.example/incidents/2025-03-14',
        authorHandle: 'Incident bot',
        lang: 'en',
        publishedAt: Date.parse('2025-03-14T13:40:00Z'),
      }),
      expect.objectContaining({
        externalId: '1741949000',
        text: 'All Kestrel regions operational.',
        url: null,
        authorHandle: 'Status Watch bot',
        lang: 'en-GB',
      }),
    ]);
  });

  it('dates: RFC 822 with zones, ISO 8601, and unreadable ones', () => {
    expect(parseFeedDate('Fri, 14 Mar 2025 13:45:00 +0000')).toBe(Date.UTC(2025, 2, 14, 13, 45));
    expect(parseFeedDate('Fri, 14 Mar 2025 08:45:00 EST')).toBe(Date.UTC(2025, 2, 14, 13, 45));
    expect(parseFeedDate('Fri, 14 Mar 2025 13:45:00 UT')).toBe(Date.UTC(2025, 2, 14, 13, 45));
    expect(parseFeedDate('2025-03-14T14:45:00+01:00')).toBe(Date.UTC(2025, 2, 14, 13, 45));
    expect(parseFeedDate('yesterday-ish')).toBeNull();
    expect(parseFeedDate(null)).toBeNull();
  });
});

describe('feeds that fail', () => {
  async function pollError(reply: Reply | ((req: RecordedRequest) => Reply)): Promise<Error> {
    const server = await startFixtureServer(typeof reply === 'function' ? reply : () => reply);
    return pollFeed(`${server.url}/feed.xml`).then(
      () => {
        throw new Error('expected a failure');
      },
      (e: Error) => e,
    );
  }

  it('malformed XML says where it broke', async () => {
    const error = await pollError({ body: fixtureText('feed', 'malformed.xml'), headers: { 'content-type': 'application/rss+xml' } });
    expect(error.message).toMatch(/^The feed at http:\/\/127\.0\.0\.1:\d+\/feed\.xml could not be read: malformed XML at line 7, column \d+: /);
  });

  it('an HTML page instead of a feed says so', async () => {
    const error = await pollError({
      body: '<!doctype html><html><head><title>Blog</title></head><body></body></html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(error.message).toMatch(/The feed returned HTML, not a feed \(content-type text\/html\) from .*: is this the site's page rather than its feed\?/);
  });

  it('an HTML page served as XML is still recognised', async () => {
    const error = await pollError({ body: '<html><body><p>hi</p></body></html>', headers: { 'content-type': 'application/xml' } });
    expect(error.message).toContain('could not be read: this is an HTML page, not a feed');
  });

  it('a wrong content type (an image) is refused by name', async () => {
    const error = await pollError({ body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), headers: { 'content-type': 'image/png' } });
    expect(error.message).toContain('The feed returned content-type image/png, not RSS, Atom or JSON Feed');
  });

  it('JSON that is not a JSON Feed, and JSON that is malformed', async () => {
    expect((await pollError({ json: { hello: 'world' } })).message).toContain('this JSON is not a JSON Feed');
    expect(
      (await pollError({ body: '{"version": "https://jsonfeed.org/version/1.1", "items": [', headers: { 'content-type': 'application/feed+json' } })).message,
    ).toContain('could not be read: malformed JSON');
  });

  it('a body cut off mid-way', async () => {
    const error = await pollError({ body: fixtureText('feed', 'rss2.xml'), headers: { 'content-type': 'application/rss+xml' }, truncateAt: 300 });
    expect(error.message).toContain('the connection to The feed closed before the whole response arrived');
  });

  it('429 with Retry-After → RateLimitError with that wait; 5xx → the status in plain words', async () => {
    const limited = await pollError({ status: 429, headers: { 'retry-after': '600' } });
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(600_000);
    const failing = await pollError({ status: 502, body: 'Bad Gateway', headers: { 'content-type': 'text/plain' } });
    expect(failing.message).toMatch(
      /^The feed had a server error \(HTTP 502: a gateway in front of it failed\) at http:\/\/127\.0\.0\.1:\d+\/feed\.xml: "Bad Gateway"$/,
    );
  });

  it('404 says nothing is there', async () => {
    const error = await pollError({ status: 404, body: '', headers: {} });
    expect(error.message).toMatch(/^The feed refused the request \(HTTP 404: nothing is there\)/);
  });

  it('a server that hangs is abandoned when the poll is aborted', async () => {
    const server = await startFixtureServer(() => ({ hang: true }));
    const context = pollContext(null);
    const pending = feedAt(`${server.url}/feed.xml`).poll(context);
    setTimeout(() => context.abort(), 100);
    await expect(pending).rejects.toThrow('was stopped (timed out or the source was paused)');
  });

  it('external entities are refused, not fetched', async () => {
    const body = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title></item></channel></rss>';
    const error = await pollError({ body, headers: { 'content-type': 'application/xml' } });
    expect(error.message).toContain('could not be read');
    expect(error.message).not.toContain('root:');
  });

  it('nested entity expansion (a "billion laughs" feed) does not blow up', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const body = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">${levels}]><rss><channel><title>t</title><item><guid>g</guid><title>&l9;</title></item></channel></rss>`;
    const server = await startFixtureServer(() => ({ body, headers: { 'content-type': 'application/rss+xml' } }));
    const outcome = await pollFeed(`${server.url}/feed.xml`).then(
      (r) => (r.items[0] as MentionInput | undefined)?.text ?? '',
      (e: Error) => e.message,
    );
    expect(outcome.length).toBeLessThan(10_000);
  });

  it('settings: the address must be http(s)', () => {
    expect(() => FeedSource.fromJson('f9', JSON.stringify({ url: 'file:///etc/passwd' }))).toThrow(/source f9: url: The feed address must be an http/);
  });
});

describe('feeds through the pipeline', () => {
  it('stores entries with author, URL and language; the next (304) poll stores nothing and keeps the cursor', async () => {
    const server = await serve('rss2.xml', 'application/rss+xml');
    const rig = pipelineRig(tempDir(), 'feed-1', 'feed', { url: `${server.url}/feed.xml`, platform: 'news' });
    try {
      expect((await rig.pollOnce()).stored).toHaveLength(4);
      const byId = new Map(rig.stored().map((m) => [m.externalId, m]));
      // The channel's "en-gb" is stored as its language ("en": analysis keeps the primary subtag).
      expect(byId.get('telecom-daily-88121')).toMatchObject({
        sourceId: 'feed-1',
        platform: 'news',
        authorHandle: 'Priya Natarajan',
        url: 'https://telecom-daily.example/2025/03/14/kestrel-outage',
        lang: 'en',
        publishedAt: Date.parse('2025-03-14T13:45:00Z'),
      });
      const cursor = rig.cursor();
      expect(JSON.parse(cursor!).seen).toHaveLength(4);
      expect((await rig.pollOnce()).stored).toHaveLength(0);
      expect(server.requests[1]!.headers['if-none-match']).toBe('"v1"');
      expect(rig.cursor()).toBe(cursor);
    } finally {
      rig.close();
    }
  });
});
