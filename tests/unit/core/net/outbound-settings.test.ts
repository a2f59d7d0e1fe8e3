/**
 * Settings → Outbound through the real calls: with the allowlist emptied, a feed on 127.0.0.1 is
 * refused (and the internal page it redirects to is never stored); saved again, it is reached.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, coreEnvOptions } from '../../../../electron/core/app/env-options';
import { DemoSource } from '../../../../electron/core/sources/demo/demo-source';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, type Harness } from '../care/care-harness';
import { outboundFor } from '../../../support/outbound';

const tempDir = useTempDirs();
const FEED = readFileSync(join(__dirname, '../../../fixtures/listening-ops/kestrel-news.xml'), 'utf8');

const servers: Server[] = [];
let h: Harness | null = null;
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

async function feedServer(): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '/');
    if (req.url === '/moved.xml') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/security-credentials/' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(FEED);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

describe('Settings → Outbound', () => {
  it('refuses an internal feed until an admin allows its host, and checks the host a redirect leads to', async () => {
    const feed = await feedServer();
    h = openHarness(tempDir());
    const w = h.window();
    expect((await w.call('sources.outbound.get', {})).hosts).toEqual(['127.0.0.1', 'localhost']);
    expect((await w.call('sources.outbound.save', { hosts: [] })).hosts).toEqual([]);

    const refused = await w.call('sources.test', { kind: 'feed', settings: { url: `${feed.url}/feed.xml` } });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error).toContain(
      'refused by the outbound policy: 127.0.0.1 is a loopback address; an admin can allow this host in Settings → Outbound',
    );
    expect(feed.paths).toEqual([]);

    await expect(w.call('sources.outbound.save', { hosts: ['127.0.0.1', 'http://bad.example/x', 'ok.example:80'] })).rejects.toThrow(
      /line 2: .*scheme.*; line 3: .*port/,
    );
    expect((await w.call('sources.outbound.get', {})).hosts).toEqual([]);

    expect((await w.call('sources.outbound.save', { hosts: [' 127.0.0.1 ', ''] })).hosts).toEqual(['127.0.0.1']);
    const reached = await w.call('sources.test', { kind: 'feed', settings: { url: `${feed.url}/feed.xml` } });
    expect(reached.ok).toBe(true);
    expect(reached.ok && reached.valid).toBeGreaterThan(0);

    // An allowed feed cannot lead the core to the cloud's metadata service.
    const redirected = await w.call('sources.test', { kind: 'feed', settings: { url: `${feed.url}/moved.xml` } });
    expect(redirected.ok).toBe(false);
    expect(redirected.ok ? '' : redirected.error).toContain('169.254.169.254 is a cloud metadata address');
    expect(feed.paths.filter((p) => p === '/feed.xml')).toHaveLength(1);
  });

  it('EARSHOT_OUTBOUND_ALLOW adds validated entries at start', () => {
    expect(coreEnvOptions({ EARSHOT_DATA_DIR: '/tmp/x', EARSHOT_OUTBOUND_ALLOW: 'feeds.intra.example, 10.0.0.0/8' }).outboundAllow).toEqual([
      'feeds.intra.example',
      '10.0.0.0/8',
    ]);
    expect(() => coreEnvOptions({ EARSHOT_DATA_DIR: '/tmp/x', EARSHOT_OUTBOUND_ALLOW: 'feeds.intra.example,http://x' })).toThrow(ConfigError);
  });

  it('the built-in demo source makes no network request', async () => {
    let requests = 0;
    const { outbound } = outboundFor([]);
    const counting = ((...args: Parameters<typeof fetch>) => {
      requests++;
      return outbound.fetch(...args);
    }) as typeof fetch;
    const demo = new DemoSource('demo', { ratePerMinute: 600, episodeEveryMinutes: null, seed: 7 });
    const start = Date.now();
    await demo.poll({ cursor: null, now: start, signal: new AbortController().signal, fetch: counting, outbound: { ...outbound, fetch: counting } });
    const result = await demo.poll({
      cursor: null,
      now: start + 60_000,
      signal: new AbortController().signal,
      fetch: counting,
      outbound: { ...outbound, fetch: counting },
    });
    expect(result.items.length).toBeGreaterThan(0);
    expect(requests).toBe(0);
  });
});
