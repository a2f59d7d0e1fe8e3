/**
 * The Sources settings screen in a real browser against a real serve-mode core, with a real feed
 * and a real X-API-shaped server on 127.0.0.1: add a source (seeing a field error and fixing it),
 * test the connection, save, watch it deliver live, pause it, delete it; and a token typed into
 * the form never comes back to the page.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import { OverviewWall } from './support/pages';
import { ReplayBar } from './support/replay-page';
import { SourceSettingsPage } from './support/source-settings-page';

// The local platform servers below listen on 127.0.0.1: allowed through the outbound allowlist.
test.use({ outboundAllow: ['127.0.0.1'] });

const FIXTURES = join(__dirname, '../fixtures/listening-ops');
const FEED = readFileSync(join(FIXTURES, 'kestrel-news.xml'), 'utf8');
const X_PAGE = readFileSync(join(FIXTURES, 'x-recent-search.json'), 'utf8');
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAE2eToken%2Fsecret%3D0123456789abcdef';

interface Platform {
  url: string;
  requests: Array<{ url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** A platform on 127.0.0.1: the RSS feed at /feed.xml and X API v2 recent search. */
async function startPlatform(): Promise<Platform> {
  const requests: Platform['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? '/', headers: req.headers });
    if (req.url?.startsWith('/feed.xml')) {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      res.end(FEED);
    } else if (req.url?.startsWith('/limited.xml')) {
      res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '600' });
      res.end('Too Many Requests');
    } else if (req.url?.startsWith('/2/tweets/search/recent')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(X_PAGE);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let platform: Platform;
test.beforeEach(async () => {
  platform = await startPlatform();
});
test.afterEach(async () => {
  await platform.close();
});

test('add a feed source with a field error, test it, save it, see it live, pause it and delete it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const sources = new SourceSettingsPage(page);
  await sources.open();
  const name = 'Telecom Weekly (e2e)';

  await test.step('a bad address is refused next to its field', async () => {
    await sources.startAdding('feed');
    await sources.input('name').fill(name);
    await sources.input('interval').fill('2');
    await sources.input('url').fill('telecom-weekly.example/feed');
    await sources.save();
    await expect(sources.fieldError('url')).toContainText('http:// or https://');
    await expect(sources.input('url')).toHaveAttribute('aria-invalid', 'true');
    await expect(sources.rowNamed(name)).toHaveCount(0);
  });

  await test.step('test connection shows what would be stored, as text, and stores nothing', async () => {
    await sources.input('url').fill(`${platform.url}/feed.xml`);
    await sources.testConnection();
    await expect(sources.testResult).toHaveAttribute('data-ok', 'true');
    await expect(sources.testResult).toHaveAttribute('data-valid', '2');
    await expect(sources.testMentions()).toHaveCount(2);
    await expect(sources.testMentions().first()).toContainText('Kestrel Mobile restores service');
    await expect(sources.fieldError('url')).toHaveCount(0);
    await expect(sources.rowNamed(name)).toHaveCount(0);
    // The feed's escaped <script> arrives as text; nothing in the page ran it.
    await expect(page.locator('.test-sample__text script')).toHaveCount(0);
    await page.setViewportSize({ width: 1600, height: 1400 });
    const shot = testInfo.outputPath('sources-settings-test-connection.png');
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach('test connection', { path: shot, contentType: 'image/png' });
  });

  let id = '';
  await test.step('saving starts it at once and it delivers live', async () => {
    await sources.save();
    await expect(sources.editor).toHaveCount(0);
    await expect(sources.notice).toContainText(`Added “${name}”`);
    await expect(sources.rowNamed(name)).toHaveCount(1);
    id = await sources.sourceIdOf(name);
    expect(id).toMatch(/^feed-[0-9a-f]{8}$/);
    const row = sources.row(id);
    await expect(row).toHaveAttribute('data-items-total', '2', { timeout: 20_000 });
    await expect(row).toHaveAttribute('data-freshness', 'live');
    await expect(row.getByTestId('source-rate')).toHaveText(/\/min$/);
    await expect(row.getByTestId('source-lag')).not.toHaveText('—');
  });

  await test.step('the wall shows it with its rate and lag', async () => {
    const wall = new OverviewWall(page);
    await wall.open();
    await expect(wall.sourceItem(id)).toHaveAttribute('data-freshness', 'live');
    await expect(wall.sourceItem(id).getByTestId('source-figures')).toContainText('/min · lag ');
    await sources.open();
  });

  await test.step('pause and resume', async () => {
    const row = sources.row(id);
    await row.getByTestId('toggle-source').click();
    await expect(row).toHaveAttribute('data-enabled', 'false');
    await expect(row).toHaveAttribute('data-freshness', 'paused');
    const requests = platform.requests.length;
    await page.waitForTimeout(2_500);
    expect(platform.requests.length).toBe(requests);
    await row.getByTestId('toggle-source').click();
    await expect(row).toHaveAttribute('data-enabled', 'true');
  });

  await test.step('delete asks first, then removes it and keeps its mentions', async () => {
    const row = sources.row(id);
    await row.getByTestId('delete-source').click();
    await expect(row.getByTestId('delete-confirm')).toContainText('stay in history');
    await row.getByTestId('cancel-delete').click();
    await expect(row.getByTestId('delete-confirm')).toHaveCount(0);
    await row.getByTestId('delete-source').click();
    await row.getByTestId('confirm-delete').click();
    await expect(sources.row(id)).toHaveCount(0);
    await expect(sources.notice).toContainText('its 2 stored mentions stay in history');
  });
});

test('a token typed into the form is stored, shown only as "stored", and never sent back to the page', async ({ page, dataDir }, testInfo) => {
  test.setTimeout(120_000);
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (frame) => frames.push(String(frame.payload))));
  const sources = new SourceSettingsPage(page);
  await sources.open();
  const name = 'X: Kestrel (e2e)';

  await sources.startAdding('x');
  await sources.input('name').fill(name);
  await sources.input('baseUrl').fill(platform.url);
  await sources.input('query').fill('kestrel mobile');
  await sources.save();
  await expect(sources.fieldError('bearerToken')).toHaveText('required');
  await expect(sources.input('bearerToken')).toHaveAttribute('type', 'password');
  await expect(sources.editor.getByTestId('secrets-note')).toContainText('secrets.json');
  await sources.input('bearerToken').fill(TOKEN);
  await sources.testConnection();
  await expect(sources.testMentions()).toHaveCount(2);
  await sources.save();
  await expect(sources.rowNamed(name)).toHaveCount(1);
  const id = await sources.sourceIdOf(name);
  await expect(sources.row(id)).toHaveAttribute('data-items-total', '2', { timeout: 20_000 });
  expect(platform.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);

  await sources.row(id).getByTestId('edit-source').click();
  await expect(sources.editor.getByTestId('secret-stored-bearerToken')).toHaveText('•••• stored');
  await expect(sources.editor.getByTestId('replace-secret-bearerToken')).toBeVisible();
  await expect(sources.input('query')).toHaveValue('kestrel mobile');
  await page.setViewportSize({ width: 1600, height: 1200 });
  const shot = testInfo.outputPath('sources-settings-edit-secret.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('edit with a stored token', { path: shot, contentType: 'image/png' });
  // Saving without touching the token keeps it.
  await sources.input('query').fill('kestrel mobile outage');
  await sources.save();
  await expect(sources.notice).toContainText(`Saved “${name}”`);
  await expect.poll(() => platform.requests.filter((r) => r.url.includes('outage')).length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(platform.requests.filter((r) => r.url.includes('outage')).every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);

  expect(await page.content()).not.toContain(TOKEN);
  expect(frames.length).toBeGreaterThan(10);
  expect(frames.filter((f) => f.includes(TOKEN))).toEqual([]);
  expect(frames.some((f) => f.includes('"bearerToken":"set"'))).toBe(true);
  expect(readFileSync(join(dataDir, 'earshot.db')).includes(Buffer.from(TOKEN))).toBe(false);
});

test('a platform that says "too many requests" is shown as rate-limited, in the table and on the wall', async ({ page }) => {
  test.setTimeout(120_000);
  const sources = new SourceSettingsPage(page);
  await sources.open();
  const beforeAdding = Date.now();
  const name = 'Busy forum (e2e)';
  await sources.startAdding('feed');
  await sources.input('name').fill(name);
  await sources.input('url').fill(`${platform.url}/limited.xml`);

  await sources.testConnection();
  await expect(sources.testResult).toHaveAttribute('data-ok', 'false');
  await expect(sources.testResult.getByTestId('test-error')).toContainText('rate limited');
  await expect(sources.testResult).toContainText('asks to wait 10 min');

  await sources.save();
  await expect(sources.rowNamed(name)).toHaveCount(1);
  const id = await sources.sourceIdOf(name);
  const row = sources.row(id);
  await expect(row).toHaveAttribute('data-rate-limited', 'true', { timeout: 20_000 });
  await expect(row).toHaveAttribute('data-state', 'rate-limited');
  await expect(row.locator('.source-state')).toContainText(/RATE-LIMITED · next try in (9|10) min/);
  await expect(row.getByTestId('source-rate-limit')).toContainText('rate-limited until');
  const asked = platform.requests.filter((r) => r.url.startsWith('/limited.xml')).length;

  const wall = new OverviewWall(page);
  await wall.open();
  await expect(wall.sourceItem(id)).toContainText('RATE-LIMITED');
  await expect(wall.sourceItem(id).getByTestId('source-figures')).toHaveAttribute('data-rate-limited', 'true');
  // Nobody asked the platform again meanwhile (one test, one poll).
  expect(platform.requests.filter((r) => r.url.startsWith('/limited.xml')).length).toBe(asked);
  expect(asked).toBe(2);

  // The record keeps it: the Sources view replaying this moment shows it rate-limited, read-only;
  // replaying a moment before it was added, it is not there.
  const seenAt = Date.now();
  const bar = new ReplayBar(page);
  // Each visit gets its own period around its moment, so it starts a replay (a link within the
  // period being played is a seek the window may coalesce).
  const replayAt = async (at: number) => {
    await page.goto(`/#/sources?replay=${at - 10 * 60_000}..${at + 60_000}&at=${at}`);
    await expect(page.getByTestId('sources-replay')).toBeVisible();
    await bar.expectAt(at);
  };
  await replayAt(seenAt);
  const replayed = page.locator(`[data-testid="source-row"][data-source-id="${id}"]`);
  await expect(replayed).toHaveAttribute('data-state', 'rate-limited');
  await expect(replayed.getByTestId('source-rate-limit')).toContainText('rate-limited until');
  await expect(page.getByTestId('toggle-source')).toHaveCount(0);
  await expect(page.getByTestId('add-source')).toHaveCount(0);
  await replayAt(beforeAdding - 1);
  await expect(page.locator('[data-testid="source-row"][data-source-id="demo"]')).toHaveCount(1);
  await expect(replayed).toHaveCount(0);
});
