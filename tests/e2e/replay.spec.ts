/**
 * Replay end to end, in Chromium against a real serve-mode core whose data folder holds the
 * airline data set (imported with `npm run import` before the core starts, as a user would): a
 * wall replaying the US Airways surge of 2015-02-22 is marked REPLAY, its widgets show what the
 * record held at that moment (checked against SQL on the data folder, not pixels), the scrubber
 * plays and seeks, annotations are added at the scrubber's time and jumped to, desk views that
 * act say they are live-only (the inbox replays read-only), and the review console starts a replay.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { sharedDataFile } from '../support/shared-data';
import { ReplayBar, ReviewPage, wallWidget } from './support/replay-page';
import { makeDataDir, PROJECT_ROOT, removeDataDir, startServe, type ServeProcess } from './support/serve-process';
import { CoreClient } from './support/walls';

const airline = sharedDataFile('airline-tweets.csv');
const FROM = Date.parse('2015-02-22T12:00:00Z');
const TO = Date.parse('2015-02-23T06:00:00Z');
/** In the US Airways surge (the evening of 22 February, US time). */
const AT = Date.parse('2015-02-22T22:30:00Z');
const MINUTE = 60_000;
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const replayQuery = (at: number) => `replay=${iso(FROM)}..${iso(TO)}&at=${iso(at)}`;

test.describe.configure({ mode: 'serial' });
test.use({ timezoneId: 'UTC', viewport: { width: 1600, height: 1000 } });

let dataDir = '';
let serve: ServeProcess | null = null;
let db: Database.Database | null = null;

function runImport(dir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
      [
        'electron/cli/import.ts',
        airline.path,
        '--format',
        'csv',
        '--map',
        'text=text,id=tweet_id,author=name,time=tweet_created,reposts=retweet_count',
        '--platform',
        'x',
        '--data-dir',
        dir,
      ],
      { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`import exited with ${code}:\n${output}`))));
  });
}

/** The Crisis layout's "Mentions" number, computed from the data folder: the 60 clock minutes up to `at`, heard by `at`. */
function mentionsInHourAt(at: number, sentiment: string | null = null): number {
  const start = Math.floor(at / MINUTE) * MINUTE - 59 * MINUTE;
  const row = db!
    .prepare(`SELECT COUNT(*) AS n FROM mentions WHERE published_at >= ? AND published_at <= ? AND heard_at <= ? AND (? IS NULL OR sentiment = ?)`)
    .get(start, at, at, sentiment, sentiment) as { n: number };
  return row.n;
}

function newestMentionIdAt(at: number): string {
  return String((db!.prepare('SELECT id FROM mentions WHERE heard_at <= ? ORDER BY published_at DESC, id DESC LIMIT 1').get(at) as { id: number }).id);
}

/** The serve process's address without a trailing slash. */
function base(): string {
  return serve!.url.replace(/\/+$/, '');
}

async function waitReady(page: Page): Promise<void> {
  await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

test.beforeAll(async () => {
  test.skip(!airline.available, 'the shared airline data set is not beside this checkout');
  test.setTimeout(240_000);
  dataDir = await makeDataDir();
  const imported = await runImport(dataDir);
  expect(imported).toContain('14485 stored');
  serve = await startServe({ dataDir });
  // The Crisis layout has big numbers, an alert list, an incident timeline, a word cloud, a ticker and a volume chart.
  const core = await CoreClient.open(serve.url);
  await core.display('main', { source: { kind: 'layout', layoutId: 'crisis' } });
  core.close();
  db = new Database(join(dataDir, 'earshot.db'), { readonly: true, fileMustExist: true });
});

// Every page of this file is the owner's, signed in on the hub this file started.
test.beforeEach(async ({ context }) => {
  await context.addCookies(serve!.owner.storageState.cookies);
});

test.afterAll(async () => {
  db?.close();
  if (serve) await serve.stop();
  if (dataDir) await removeDataDir(dataDir);
});

test('a wall replays the surge: REPLAY band, widgets equal to the record at T, playing moves the scrubber and the data', async ({ page }, testInfo) => {
  const bar = new ReplayBar(page);
  await page.goto(`${base()}/#/wall?display=main&${replayQuery(AT)}`);
  await waitReady(page);

  await expect(bar.band).toBeVisible();
  await expect(bar.band).toContainText('REPLAY');
  await expect(bar.time).toContainText('2015');
  await bar.expectAt(AT);
  await expect(page).toHaveTitle(/^REPLAY · .*2015/);
  await expect(page.getByTestId('wall')).toHaveAttribute('data-replay', 'true');
  await expect(page.getByTestId('wall-page-name')).toHaveText('Crisis');
  // Nothing on a replaying wall says LIVE.
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-replay', 'true');
  await expect(page.getByTestId('connection-status')).not.toContainText('LIVE');

  // Widget data, not pixels: the numbers are what the record held at T.
  const expected = mentionsInHourAt(AT);
  expect(expected).toBeGreaterThan(100); // the surge hour really is in the data
  await expect(wallWidget(page, 'mentions').getByTestId('big-number')).toHaveAttribute('data-value', String(expected));
  await expect(wallWidget(page, 'negative').getByTestId('big-number')).toHaveAttribute('data-value', String(mentionsInHourAt(AT, 'negative')));
  // The ticker shows negatives only; its newest is the newest negative heard by T.
  const newestNegative = String(
    (
      db!.prepare("SELECT id FROM mentions WHERE heard_at <= ? AND sentiment = 'negative' ORDER BY published_at DESC, id DESC LIMIT 1").get(AT) as {
        id: number;
      }
    ).id,
  );
  await expect(wallWidget(page, 'ticker').getByTestId('ticker-item').first()).toHaveAttribute('data-mention-id', newestNegative);
  // Every widget says it shows the replay, none claims to be live.
  await expect(page.locator('.wallpage--current [data-testid="widget-freshness"][data-state="replay"]').first()).toBeVisible();
  await expect(page.locator('.wallpage--current [data-testid="widget-freshness"][data-state="live"]')).toHaveCount(0);
  // Kept as an artefact (not compared): what a replaying wall looks like.
  await page.screenshot({ path: testInfo.outputPath('replay-wall.png') });

  // Play at 1000×: the moment moves on; pause: it stays; the widgets follow the new moment.
  await bar.speed(1000).click();
  await bar.play.click();
  await expect(bar.band).toHaveAttribute('data-playing', 'true');
  await expect.poll(() => bar.at(), { timeout: 15_000 }).toBeGreaterThan(AT + 5 * MINUTE);
  await bar.play.click();
  await expect(bar.band).toHaveAttribute('data-playing', 'false');
  const paused = await bar.at();
  await expect.poll(() => bar.at()).toBe(paused);
  await expect(wallWidget(page, 'mentions').getByTestId('big-number')).toHaveAttribute('data-value', String(mentionsInHourAt(paused)));
  // The URL follows, so a reload replays the same moment.
  await expect.poll(() => page.url()).toContain(`at=${iso(paused)}`);
});

test('annotations are added at the scrubber time, marked on the timeline and jumped to', async ({ page }, testInfo) => {
  const bar = new ReplayBar(page);
  await page.goto(`${base()}/#/wall?display=main&${replayQuery(AT)}`);
  await waitReady(page);
  await bar.expectAt(AT);

  await bar.annotationsToggle.click();
  await bar.annotationText.fill('US Airways statement published');
  await bar.annotationAdd.click();
  await expect(bar.annotationRows.filter({ hasText: 'US Airways statement published' })).toHaveAttribute('data-at', String(AT));
  await expect(page.locator(`[data-testid="replay-marker-annotation"][data-at="${AT}"]`)).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('replay-annotations.png') });
  // Stored in the record (read independently).
  expect((db!.prepare('SELECT COUNT(*) AS n FROM annotations WHERE at = ?').get(AT) as { n: number }).n).toBe(1);

  // Back before it with the keyboard (each step is a hundredth of the period), then jump to it.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft');
  await expect.poll(() => bar.at()).toBeLessThan(AT);
  await bar.nextAnnotation.click();
  await bar.expectAt(AT);
  // Seek by clicking the timeline near its start, then "previous" does not go before the period.
  await bar.seekFraction(0.05);
  await expect.poll(() => bar.at()).toBeLessThan(AT);
  await bar.nextAnnotation.click();
  await bar.expectAt(AT);
});

test('the overview and the alerts list replay; desk views that act are live-only; back to live', async ({ page }) => {
  const bar = new ReplayBar(page);
  await page.goto(`${base()}/#/overview?${replayQuery(AT)}`);
  await waitReady(page);
  await expect(bar.band).toBeVisible();
  // The overview's ticker shows the newest mention heard by T, not a live one.
  await expect(page.getByTestId('ticker-item').first()).toHaveAttribute('data-mention-id', newestMentionIdAt(AT));

  await page.evaluate("window.location.hash = '#/alerts'");
  await expect(page.getByTestId('alerts-replay')).toBeVisible();
  await expect(bar.band).toBeVisible();

  // The console's own navigation: the window stays in replay.
  // The inbox replays read-only (tests/e2e/inbox-replay.spec.ts); Customers acts, so it is live-only.
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('inbox-replay-hint')).toBeVisible();
  await page.getByTestId('nav-customers').click();
  await expect(page.getByTestId('replay-live-only')).toContainText('Customers is live-only');
  await expect.poll(() => page.url()).toContain('replay=');

  await bar.exit.click();
  await expect(bar.band).toHaveCount(0);
  await expect(page.getByTestId('replay-live-only')).toHaveCount(0);
  await expect.poll(() => page.url()).not.toContain('replay=');
  await expect(page).toHaveTitle(/^Earshot — Customers$/);
});

test('replaying moment T shows what the live wall showed at T', async ({ page }) => {
  const core = await CoreClient.open(serve!.url);
  try {
    // Let the demo stream store some live mentions, then stop it, so the live wall stands still.
    await expect
      .poll(() => (db!.prepare('SELECT COUNT(*) AS n FROM mentions WHERE heard_at > ?').get(Date.now() - 3_600_000) as { n: number }).n, { timeout: 30_000 })
      .toBeGreaterThan(5);
    const { sources } = await core.call<{ sources: Array<{ id: string; enabled: boolean }> }>('sources.list', {});
    for (const s of sources.filter((x) => x.enabled)) await core.call('sources.setEnabled', { id: s.id, enabled: false });
    const count = () => (db!.prepare('SELECT COUNT(*) AS n FROM mentions').get() as { n: number }).n;
    let last = -1;
    await expect
      .poll(
        () => {
          const [before, now] = [last, count()];
          last = now;
          return before === now;
        },
        { intervals: [1_500], timeout: 20_000 },
      )
      .toBe(true);
  } finally {
    core.close();
  }

  // The live wall: its numbers and the moment they were current.
  await page.goto(`${base()}/#/wall?display=main`);
  await waitReady(page);
  const mentions = wallWidget(page, 'mentions');
  await expect(mentions.getByTestId('widget-freshness')).toHaveAttribute('data-state', 'live');
  await expect(mentions.getByTestId('big-number')).not.toHaveAttribute('data-value', '');
  const liveValue = await mentions.getByTestId('big-number').getAttribute('data-value');
  const liveNegative = await wallWidget(page, 'negative').getByTestId('big-number').getAttribute('data-value');
  const t = Number(await mentions.getByTestId('widget-freshness').getAttribute('data-updated-at'));
  expect(Number(liveValue)).toBeGreaterThan(0);

  // The same wall replaying T.
  const q = `replay=${iso(t - 3_600_000)}..${iso(t + MINUTE)}&at=${t}`;
  await page.goto(`${base()}/#/wall?display=main&${q}`);
  const bar = new ReplayBar(page);
  await expect(bar.band).toBeVisible();
  await expect(mentions.getByTestId('widget-freshness')).toHaveAttribute('data-state', 'replay');
  await expect(mentions.getByTestId('big-number')).toHaveAttribute('data-value', liveValue!);
  await expect(wallWidget(page, 'negative').getByTestId('big-number')).toHaveAttribute('data-value', liveNegative!);
});

test('the review console shows the record and starts a replay of a chosen period', async ({ page }, testInfo) => {
  const review = new ReviewPage(page);
  await page.goto(`${base()}/#/review`);
  await waitReady(page);
  const mentions = (db!.prepare('SELECT COUNT(*) AS n FROM mentions').get() as { n: number }).n;
  // The live demo source keeps adding mentions: at least the imported ones are counted.
  await expect.poll(async () => Number(await review.recordTable('mentions').getAttribute('data-rows'))).toBeGreaterThanOrEqual(mentions);
  await expect(page.locator('[data-testid="review-workspace-row"][data-workspace-id="live"]')).toBeVisible();

  await review.from.fill('2015-02-22T20:00');
  await review.to.fill('2015-02-23T02:00');
  await review.pickPeriod.click();
  await expect(page.getByTestId('review-chosen-period')).toHaveAttribute('data-from', String(Date.parse('2015-02-22T20:00:00Z')));
  await page.screenshot({ path: testInfo.outputPath('review-view.png'), fullPage: true });

  // A wall in replay in a new window, on the display named.
  await expect(review.replayWall).toHaveAttribute('href', /#\/wall\?display=main&replay=2015-02-22T20:00:00Z\.\.2015-02-23T02:00:00Z&at=2015-02-22T20:00:00Z$/);
  const [wall] = await Promise.all([page.context().waitForEvent('page'), review.replayWall.click()]);
  await expect(wall.getByTestId('replay-band')).toHaveAttribute('data-at', String(Date.parse('2015-02-22T20:00:00Z')));
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-replay', 'true');
  await wall.close();

  // The same wall replayed in this window (what the desktop app offers, as it opens no windows from links).
  await expect(page.getByTestId('review-replay-wall-here')).toHaveAttribute(
    'href',
    /^#\/wall\?display=main&replay=2015-02-22T20:00:00Z\.\.2015-02-23T02:00:00Z&at=2015-02-22T20:00:00Z$/,
  );
  await page.getByTestId('review-replay-wall-here').click();
  await expect(page.getByTestId('wall')).toHaveAttribute('data-replay', 'true');
  await new ReplayBar(page).expectAt(Date.parse('2015-02-22T20:00:00Z'));
  await page.goto(`${base()}/#/review`);
  await waitReady(page);
  await review.from.fill('2015-02-22T20:00');
  await review.to.fill('2015-02-23T02:00');
  await review.pickPeriod.click();

  await review.replayHere.click();
  const bar = new ReplayBar(page);
  await expect(bar.band).toBeVisible();
  await bar.expectAt(Date.parse('2015-02-22T20:00:00Z'));
  await expect(page.locator('body')).toHaveAttribute('data-earshot-view', 'overview');
});
