/**
 * Settings → Outbound in a real browser against a real serve-mode core: a feed on 127.0.0.1 is
 * refused by the outbound policy with the message that says how to allow it; the admin allows the
 * host in the Sources view (bad lines are named and block saving) and the same test then reaches
 * the feed. The page's stranger-text elements are bidi-isolated.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { SourceSettingsPage } from './support/source-settings-page';

const FEED = readFileSync(join(__dirname, '../fixtures/listening-ops/kestrel-news.xml'), 'utf8');

let server: Server;
let feedUrl: string;
let requests = 0;

test.beforeEach(async () => {
  requests = 0;
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end(FEED);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
});

test.afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('an internal feed is refused until the admin allows its host in Sources → Outbound', async ({ page }) => {
  const sources = new SourceSettingsPage(page);
  await sources.open();
  const hosts = page.getByTestId('outbound-hosts');
  await expect(hosts).toBeEnabled();
  await expect(hosts).toHaveValue('');

  await test.step('the test connection is refused by the policy, before any request', async () => {
    await sources.startAdding('feed');
    await sources.input('url').fill(feedUrl);
    await sources.testConnection();
    await expect(sources.testResult).toHaveAttribute('data-ok', 'false');
    await expect(sources.testResult).toContainText(
      'refused by the outbound policy: 127.0.0.1 is a loopback address; an admin can allow this host in Settings → Outbound',
    );
    expect(requests).toBe(0);
  });

  await test.step('a bad line is named and blocks saving; a good list is saved and kept', async () => {
    await hosts.fill('127.0.0.1\nhttp://feeds.intra.example/rss');
    await expect(page.getByTestId('outbound-problems')).toContainText('line 2:');
    await expect(page.getByTestId('outbound-save')).toBeDisabled();
    await hosts.fill('127.0.0.1\n*.intra.example');
    await page.getByTestId('outbound-save').click();
    await expect(page.getByTestId('outbound-status')).toHaveText('Saved: 2 entries allowed.');
  });

  await test.step('the same test now reaches the feed', async () => {
    await sources.testConnection();
    await expect(sources.testResult).toHaveAttribute('data-ok', 'true');
    expect(requests).toBe(1);
  });

  await test.step('after a reload the list is still there, and stranger text is bidi-isolated', async () => {
    await page.reload();
    await expect(page.getByTestId('outbound-hosts')).toHaveValue('127.0.0.1\n*.intra.example');
    await expect(page.locator('span').first()).toHaveCSS('unicode-bidi', 'isolate');
  });
});
