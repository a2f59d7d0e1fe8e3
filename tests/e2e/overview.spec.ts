/**
 * The overview wall in a real browser against a real serve-mode core: live data arrives, and a
 * triggered crisis shows up as alerts that an operator can acknowledge from the sources page.
 */
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { DEMO_SOURCE_ID, OverviewWall, SourcesPage } from './support/pages';

/** Detectors need a burst to build up over a few minute buckets before they fire. */
const ALERT_TIMEOUT_MS = 90_000;

async function screenshotWall(page: Page, testInfo: TestInfo, name: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  // Let the layout settle at the new size (charts re-measure on resize).
  await page.waitForTimeout(500);
  const path = testInfo.outputPath(`${name}-${width}x${height}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(`${name} ${width}x${height}`, { path, contentType: 'image/png' });
}

test('the overview wall shows live data and raises, then clears, crisis alerts', async ({ page, context, serve }, testInfo) => {
  test.setTimeout(300_000);
  const wall = new OverviewWall(page);
  await wall.open();

  await test.step('live data arrives', async () => {
    await expect.poll(() => wall.volumeTotal(), { timeout: 30_000 }).toBeGreaterThan(0);
    const total = await wall.volumeTotal();
    await expect.poll(() => wall.volumeTotal(), { timeout: 30_000 }).toBeGreaterThan(total);

    await expect.poll(() => wall.newestMentionId(), { timeout: 30_000 }).not.toBeNull();
    const newest = await wall.newestMentionId();
    await expect.poll(() => wall.newestMentionId(), { timeout: 30_000 }).not.toBe(newest);

    await wall.expectFreshness(DEMO_SOURCE_ID, 'live');
    await expect(wall.sentimentSplit).toBeVisible();
    await expect(wall.connectionStatus).toHaveAttribute('data-state', 'open');
  });

  await expect.poll(() => wall.netSentiment(), { timeout: 30_000 }).not.toBeNull();
  const netBefore = (await wall.netSentiment()) ?? 0;
  await screenshotWall(page, testInfo, 'overview-calm', 1920, 1080);

  const sources = new SourcesPage(await context.newPage());
  await sources.open();
  await expect(sources.row(DEMO_SOURCE_ID)).toBeVisible();

  await test.step('an outage episode raises a negative surge and drags sentiment down', async () => {
    await sources.triggerEpisode('outage');
    await expect(wall.alerts('negative-surge').first()).toBeVisible({ timeout: ALERT_TIMEOUT_MS });
    await expect.poll(() => wall.netSentiment(), { timeout: 60_000 }).toBeLessThan(netBefore);
  });

  let complaintId = '';
  await test.step('an influencer complaint raises its own alert', async () => {
    // The outage may already have raised complaints from influencers; wait for a new one.
    const before = new Set(await sources.openAlerts('influencer-complaint').evaluateAll((items) => items.map((item) => item.getAttribute('data-alert-id'))));
    await sources.triggerEpisode('influencer-complaint');
    await expect
      .poll(
        async () => {
          const ids = await sources.openAlerts('influencer-complaint').evaluateAll((items) => items.map((item) => item.getAttribute('data-alert-id')));
          complaintId = ids.find((id) => id !== null && !before.has(id)) ?? '';
          return complaintId;
        },
        { timeout: ALERT_TIMEOUT_MS },
      )
      .not.toBe('');
    await expect(wall.alert(complaintId)).toBeVisible();
    await expect(wall.alert(complaintId)).toHaveAttribute('data-alert-kind', 'influencer-complaint');
  });

  await test.step('screenshots of the wall in crisis', async () => {
    await screenshotWall(page, testInfo, 'overview-crisis', 1920, 1080);
    await screenshotWall(page, testInfo, 'overview-crisis', 3840, 2160);
    await page.setViewportSize({ width: 1920, height: 1080 });
  });

  await test.step('acknowledging on the sources page clears it from the wall', async () => {
    await sources.acknowledge(complaintId);
    await expect(wall.alert(complaintId)).toHaveCount(0, { timeout: 30_000 });
  });
  expect(serve.output()).not.toMatch(/\bERROR\b/);
});
