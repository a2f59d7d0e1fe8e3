/**
 * Bounded feed parsing: oversized documents are refused by a scan before any parse, the parse
 * itself runs in a worker whose heap and time are limited (a runaway document ends its worker with
 * a plain source error), and connection tests beyond a small number at once are answered "busy".
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFeedBounded } from '../../../../electron/core/sources/feed/feed-parser-pool';
import { FeedFormatError } from '../../../../electron/core/sources/feed/parse-feed';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, type Harness } from '../care/care-harness';
import { FeedSource } from '../../../../electron/core/sources/feed/feed-source';
import { pollContext, startFixtureServer } from './support/fixture-server';

const tempDir = useTempDirs();

/** An RSS document whose items' descriptions are `nodeKb` kB of `&amp;` each, `items` of them. */
function ampersandFeed(items: number, nodeKb: number): string {
  const body = '&amp;'.repeat(Math.floor((nodeKb * 1024) / 5));
  const entries = Array.from({ length: items }, (_, i) => `<item><guid>e${i}</guid><title>t${i}</title><description>${body}</description></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>amp</title><link>https://example.com/</link>${entries}</channel></rss>`;
}

describe('feed bounds', () => {
  it('refuses a 10 MB text node of &amp; before parsing it, as a plain source error', async () => {
    const server = await startFixtureServer(() => ({ body: ampersandFeed(1, 10 * 1024 - 1), headers: { 'content-type': 'application/rss+xml' } }));
    const feed = FeedSource.fromJson('f1', JSON.stringify({ url: `${server.url}/feed`, platform: 'news' }));
    const error = await feed.poll(pollContext(null)).then(
      () => new Error('expected a failure'),
      (e: Error) => e,
    );
    expect(error.message).toMatch(
      /^The feed at http:\/\/127\.0\.0\.1:\d+\/feed could not be read: the feed has a text node of 10,239 kB, more than the 512 kB allowed$/,
    );
  });

  it('refuses a document with too many elements', async () => {
    await expect(parseFeedBounded(ampersandFeed(30_000, 0), 'https://example.com/feed', 'application/rss+xml')).rejects.toThrow(/more than 100,000 elements/);
  });

  it('stops a parse that needs more heap than its worker has, and the core goes on', async () => {
    // 40 nodes of 400 kB: within the scan's limits, far beyond a 16 MB heap once parsed.
    const feed = ampersandFeed(40, 400);
    const error = await parseFeedBounded(feed, 'https://example.com/feed', 'application/rss+xml', { maxHeapMb: 16 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedFormatError);
    expect((error as Error).message).toMatch(/needed more than the 16 MB allowed and was stopped/);
    // The same document parses with the default heap: the limit, not the document, stopped it.
    const parsed = await parseFeedBounded(ampersandFeed(4, 400), 'https://example.com/feed', 'application/rss+xml');
    expect(parsed.entries).toHaveLength(4);
    expect(parsed.entries[0]!.text.length).toBeGreaterThan(80_000);
  });

  it('stops a parse that takes longer than its deadline', async () => {
    const error = await parseFeedBounded(ampersandFeed(20, 400), 'https://example.com/feed', 'application/rss+xml', { timeoutMs: 1 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/took longer than 0 s and was stopped|took longer than/);
  });
});

describe('connection tests at once', () => {
  let h: Harness | null = null;
  const servers: Server[] = [];
  afterEach(async () => {
    h?.close();
    h = null;
    await Promise.all(
      servers.splice(0).map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    );
  });

  it('answers "busy" beyond two running tests, and accepts again once one finishes', async () => {
    const held: ServerResponse[] = [];
    const server = createServer((_req, res) => held.push(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
    h = openHarness(tempDir());
    const w = h.window();
    const first = w.call('sources.test', { kind: 'feed', settings: { url } });
    const second = w.call('sources.test', { kind: 'feed', settings: { url } });
    for (let i = 0; i < 200 && held.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(held).toHaveLength(2);
    const third = await w.call('sources.test', { kind: 'feed', settings: { url } });
    expect(third).toMatchObject({ ok: false, error: expect.stringMatching(/^busy: 2 connection tests are already running/) });
    for (const res of held.splice(0)) {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(ampersandFeed(1, 1));
    }
    expect((await first).ok).toBe(true);
    expect((await second).ok).toBe(true);
    server.removeAllListeners('request');
    server.on('request', (_req, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(ampersandFeed(1, 1));
    });
    expect((await w.call('sources.test', { kind: 'feed', settings: { url } })).ok).toBe(true);
  });
});
