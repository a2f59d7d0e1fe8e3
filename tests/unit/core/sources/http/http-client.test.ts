import { describe, expect, it } from 'vitest';
import { RateLimitError } from '../../../../../electron/core/sources/adapter';
import { buildUrl, describeUrl, getJson, HttpStatusError } from '../../../../../electron/core/sources/http/http-client';
import { readRateLimit, retryAfterMs } from '../../../../../electron/core/sources/http/rate-limit';
import { htmlToText, textOrHtmlToText } from '../../../../../electron/core/sources/text/html-to-text';
import { compareKeys, pollNewestFirst, readNewestFirstCursor } from '../../../../../electron/core/sources/paging/newest-first';
import { pollContext, startFixtureServer } from '../support/fixture-server';

const NOW = Date.UTC(2025, 2, 14, 14, 0, 0);
const headers = (h: Record<string, string>) => new Headers(h);

describe('rate-limit headers', () => {
  it('Retry-After: seconds or an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after': '30' }), NOW)).toBe(30_000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW + 45_000).toUTCString() }), NOW)).toBe(45_000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(NOW - 45_000).toUTCString() }), NOW)).toBe(0);
  });

  it("each platform's reset header", () => {
    // X: epoch seconds.
    expect(readRateLimit(headers({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(NOW / 1000 + 900) }), NOW)).toEqual({
      remaining: 0,
      resetAt: NOW + 900_000,
    });
    // Reddit: seconds until the reset, remaining as a float.
    expect(readRateLimit(headers({ 'x-ratelimit-remaining': '12.0', 'x-ratelimit-reset': '240' }), NOW)).toEqual({ remaining: 12, resetAt: NOW + 240_000 });
    // Mastodon: an ISO 8601 time.
    expect(readRateLimit(headers({ 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '2025-03-14T14:05:00.000Z' }), NOW)).toEqual({
      remaining: 299,
      resetAt: NOW + 300_000,
    });
    // IETF draft RateLimit fields: seconds.
    expect(readRateLimit(headers({ 'ratelimit-remaining': '3', 'ratelimit-reset': '9' }), NOW)).toEqual({ remaining: 3, resetAt: NOW + 9_000 });
    expect(readRateLimit(headers({}), NOW)).toEqual({ remaining: null, resetAt: null });
    expect(retryAfterMs(headers({}), NOW)).toBeNull();
  });

  it('Retry-After wins over a reset header, and no wait is longer than a day', () => {
    expect(retryAfterMs(headers({ 'retry-after': '5', 'x-rate-limit-reset': String(NOW / 1000 + 900) }), NOW)).toBe(5_000);
    expect(retryAfterMs(headers({ 'retry-after': String(90 * 24 * 3600) }), NOW)).toBe(24 * 3_600_000);
  });

  it('429 without any hint → RateLimitError with no wait, so the scheduler backs off', async () => {
    const server = await startFixtureServer(() => ({ status: 429, body: '' }));
    const error = await getJson(pollContext(null), { service: 'Test', url: new URL(server.url) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeNull();
    expect((error as Error).message).toContain('it did not say for how long');
  });
});

describe('the HTTP helper', () => {
  it('builds URLs from a base with a path, encoding segments and leaving out empty parameters', () => {
    const url = buildUrl('https://mastodon.example/sub/', ['api', 'v1', 'timelines', 'tag', 'a/b c'], { limit: 40, min_id: null, q: '', x: 'é&=' });
    expect(url.toString()).toBe('https://mastodon.example/sub/api/v1/timelines/tag/a%2Fb%20c?limit=40&x=%C3%A9%26%3D');
    expect(() => buildUrl('javascript:alert(1)', ['x'])).toThrow('is not an http(s) address');
  });

  it('describes an address without its query string, where keys travel', () => {
    expect(describeUrl('https://www.googleapis.com/youtube/v3/commentThreads?key=SECRET&videoId=x')).toBe(
      'https://www.googleapis.com/youtube/v3/commentThreads',
    );
  });

  it('refuses a body larger than the cap, declared or streamed', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(3000) });
    const server = await startFixtureServer(() => ({ json: JSON.parse(big) as unknown }));
    const declared = await getJson(pollContext(null), { service: 'Test', url: new URL(server.url), maxBytes: 1024 }).catch((e: Error) => e);
    expect((declared as Error).message).toMatch(/^Test sent 3 kB from http:\/\/127\.0\.0\.1:\d+\/, more than the 1 kB allowed$/);

    const { createServer } = await import('node:http');
    const chunked = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(big); // no content-length: chunked
    });
    await new Promise<void>((r) => chunked.listen(0, '127.0.0.1', r));
    try {
      const port = (chunked.address() as { port: number }).port;
      const streamed = await getJson(pollContext(null), { service: 'Test', url: new URL(`http://127.0.0.1:${port}/`), maxBytes: 1024 }).catch((e: Error) => e);
      expect((streamed as Error).message).toContain('Test sent more than the 1 kB allowed');
    } finally {
      chunked.closeAllConnections();
      chunked.close();
    }
  });

  it("keeps the status and the platform's reason on refusals; blanks out secrets", async () => {
    const server = await startFixtureServer(() => ({
      status: 403,
      json: { error: { code: 403, message: 'key sk-live-123456 is disabled', errors: [{ reason: 'forbidden' }] } },
    }));
    const error = await getJson(pollContext(null), { service: 'Test', url: new URL(`${server.url}/x?key=sk-live-123456`), secrets: ['sk-live-123456'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(403);
    expect((error as HttpStatusError).reason).toBe('forbidden');
    expect((error as Error).message).toBe(`Test refused the request (HTTP 403: access is forbidden) at ${server.url}/x: "key ••• is disabled"`);
  });

  it('uses the fetch and the signal it is handed, never the global fetch', async () => {
    const seen: Array<{ url: string; signal: AbortSignal | null | undefined }> = [];
    const context = pollContext(null);
    context.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      seen.push({ url: String(input), signal: init?.signal });
      return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const reply = await getJson(context, { service: 'Test', url: new URL('http://127.0.0.1:9/anything') });
    expect(reply.body).toEqual({ ok: true });
    expect(seen).toEqual([{ url: 'http://127.0.0.1:9/anything', signal: context.signal }]);
  });
});

describe('HTML to text', () => {
  it('keeps what a reader sees and nothing that runs', () => {
    expect(htmlToText('<p>Hi &amp; <b>bye</b></p><script>alert(1)</script><style>p{}</style><p>two&nbsp; lines<br>three</p>')).toBe(
      'Hi & bye\ntwo lines\nthree',
    );
    expect(htmlToText('<a href="javascript:alert(1)" onclick="x()">click</a> &#x1F600; &lt;tag&gt;')).toBe('click 😀 <tag>');
    expect(htmlToText('<p>unclosed <i>tags <b>everywhere')).toBe('unclosed tags everywhere');
  });

  it('plain text passes through untouched (a lone "<" is not markup)', () => {
    expect(textOrHtmlToText('  5 < 6 and a > b  ')).toBe('5 < 6 and a > b');
  });
});

describe('the newest-first cursor', () => {
  it('compares ids and times as numbers, beyond 2^53', () => {
    expect(compareKeys('1900561234567890123', '1900561234567890122')).toBe(1);
    expect(compareKeys('99', '100')).toBe(-1);
    expect(compareKeys('007', '7')).toBe(0);
  });

  it('an unreadable cursor starts over instead of failing the source', () => {
    expect(readNewestFirstCursor('{not json')).toEqual({ high: null, run: null });
    expect(readNewestFirstCursor(JSON.stringify({ high: { key: 'abc', ids: [] }, run: null }))).toEqual({ high: null, run: null });
  });

  it('a page not strictly in order loses nothing, and a continued run skips what earlier polls read', async () => {
    type Item = { k: string; id: string };
    const pages: Record<string, { items: Item[]; next: string | null }> = {
      newest: {
        items: [
          { k: '50', id: 'a' },
          { k: '70', id: 'b' },
          { k: '40', id: 'c' },
        ],
        next: 'p2',
      },
      // An offset token after new arrivals: 'c' comes again, then the rest down to the mark.
      p2: {
        items: [
          { k: '40', id: 'c' },
          { k: '30', id: 'd' },
          { k: '10', id: 'old' },
        ],
        next: 'p3',
      },
    };
    const options = {
      maxPages: 1,
      fetchPage: (page: string | null) => Promise.resolve(pages[page ?? 'newest']!),
      keyOf: (i: Item) => i.k,
      idOf: (i: Item) => i.id,
      map: (i: Item) => ({ externalId: i.id, platform: 'other' as const, text: 't', publishedAt: Number(i.k), authorHandle: 'h' }),
    };
    const cursor = JSON.stringify({ high: { key: '10', ids: ['old'] }, run: null });
    const first = await pollNewestFirst({ ...options, cursor });
    expect(first.items.map((m) => (m as { externalId: string }).externalId)).toEqual(['a', 'b', 'c']);
    expect(first.moreAvailable).toBe(true);
    expect(JSON.parse(first.cursor!)).toEqual({
      high: { key: '10', ids: ['old'] },
      run: { top: { key: '70', ids: ['b'] }, low: { key: '40', ids: ['c'] }, page: 'p2' },
    });
    const second = await pollNewestFirst({ ...options, cursor: first.cursor });
    expect(second.items.map((m) => (m as { externalId: string }).externalId)).toEqual(['d']);
    expect(JSON.parse(second.cursor!)).toEqual({ high: { key: '70', ids: ['b'] }, run: null });
  });

  it('items without a key or id are skipped without stopping the poll', async () => {
    const result = await pollNewestFirst<{ k: string | null; id: string | null }>({
      cursor: null,
      maxPages: 1,
      fetchPage: () =>
        Promise.resolve({
          items: [
            { k: null, id: 'a' },
            { k: '5', id: null },
            { k: '4', id: 'c' },
          ],
          next: null,
        }),
      keyOf: (i) => i.k,
      idOf: (i) => i.id,
      map: (i) => ({ externalId: i.id!, platform: 'other', text: 't', publishedAt: Number(i.k), authorHandle: 'h' }),
    });
    expect(result.items.map((m) => (m as { externalId: string }).externalId)).toEqual(['c']);
    expect(JSON.parse(result.cursor!)).toEqual({ high: { key: '4', ids: ['c'] }, run: null });
  });
});
