/**
 * Every built-in wall layout at 1080p and 4K, in each state a room sees it in — calm, a drill, a
 * crisis (warning banners, and the takeover), a replay and a lost core — checked in the page for
 * what a wall must never show (see support/wall-integrity.ts) and screenshot. One serve process;
 * every state is reached through real calls: a drill started over the API, an episode of the
 * demo source for the crisis, a replay by URL, and the core killed and started again.
 */
import type { Page, TestInfo } from '@playwright/test';
import { BUILTIN_LAYOUTS, CRISIS_LAYOUT_ID } from '@shared/logic/walls/builtin-layouts';
import { expect, test } from './support/fixtures';
import { startServe } from './support/serve-process';
import { formatProblems, wallProblems } from './support/wall-integrity';
import { CoreClient, WallPage } from './support/walls';

const SIZES = [
  { width: 1920, height: 1080, name: '1080p' },
  { width: 3840, height: 2160, name: '4K' },
] as const;
const LAYOUTS = BUILTIN_LAYOUTS.map((l) => l.id);
const MINUTE = 60_000;

/** Switches the page's hash (no reload: the wall stays connected) and waits for the layout to settle. */
async function showLayout(page: Page, hash: string, layoutId: string, options: { waitForData: boolean }): Promise<void> {
  // A string, not a function: the e2e tsconfig has no DOM types.
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  const root = page.getByTestId('wall');
  await expect(root).toHaveAttribute('data-layout-id', layoutId);
  await settle(page, options.waitForData);
}

async function settle(page: Page, waitForData: boolean): Promise<void> {
  await expect(page.locator('.wallpage--current')).toHaveCount(1);
  await expect(page.locator('[data-stage="leaving"], [data-stage="entering"]')).toHaveCount(0);
  await expect.poll(() => page.evaluate<string>("getComputedStyle(document.querySelector('.wallpage--current')).opacity")).toBe('1');
  if (waitForData) {
    await expect(page.locator('.wallpage--current [data-testid="widget-freshness"][data-state="waiting"]')).toHaveCount(0, { timeout: 20_000 });
  }
  // Charts measure their box after a frame; two frames later the page is as a viewer sees it.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/** Checks and screenshots the page as it is; collects problems instead of stopping at the first. */
async function inspect(page: Page, testInfo: TestInfo, state: string, size: (typeof SIZES)[number], layoutId: string, found: string[]): Promise<void> {
  const problems = await wallProblems(page);
  const name = `${state}-${layoutId}-${size.name}`;
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  if (problems.length > 0) {
    found.push(formatProblems(`${state} ${size.name}`, problems));
    // Printed as found, so a run that stops later (a state never reached) still reports them.
    console.log(formatProblems(`${state} ${size.name}`, problems));
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
}

test('every built-in layout holds up at 1080p and 4K when calm, in a drill, in a crisis and its takeover, in replay and while reconnecting', async ({
  page,
  serve,
}, testInfo) => {
  test.setTimeout(420_000);
  const found: string[] = [];
  const core = await CoreClient.open(serve.url);
  let revived: Awaited<ReturnType<typeof startServe>> | null = null;
  try {
    await core.display('states', { source: { kind: 'layout', layoutId: 'overview' }, burnIn: false, takeover: true });
    const wall = new WallPage(page, 'states');
    await page.setViewportSize(SIZES[0]);
    await wall.open();
    // A few minutes of history are not there on a fresh hub; the demo's stream fills the charts' last minutes.
    await expect.poll(async () => Number(await page.getByTestId('volume-chart').getAttribute('data-total')), { timeout: 30_000 }).toBeGreaterThan(50);
    const calmAt = Date.now();

    await test.step('calm', async () => {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const layoutId of LAYOUTS) {
          await showLayout(page, `#/wall?layout=${layoutId}`, layoutId, { waitForData: true });
          await inspect(page, testInfo, 'calm', size, layoutId, found);
        }
      }
    });

    await test.step('a drill runs (started over the API)', async () => {
      await core.call('drills.start', { scenarioId: 'influencer-complaint', by: 'e2e', speed: 10 });
      await expect(page.getByTestId('drill-banner')).toBeVisible({ timeout: 15_000 });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const layoutId of LAYOUTS) {
          await showLayout(page, `#/wall?layout=${layoutId}`, layoutId, { waitForData: true });
          await inspect(page, testInfo, 'drill', size, layoutId, found);
        }
      }
      await core.call('drills.stop', { by: 'e2e' });
      await expect(page.getByTestId('drill-banner')).toHaveCount(0, { timeout: 15_000 });
    });

    let crisisAt = 0;
    await test.step('a crisis: warnings on every wall, then the takeover', async () => {
      // The room's lead makes a negative surge critical (as the Alerts view's rule editor does), so the
      // outage takes the walls over; the influencer complaint adds a warning beside it.
      const { rules } = await core.call<{ rules: Array<{ name: string; topicId: number | null; quietHours: unknown; params: { kind: string } }> }>(
        'alerts.rules.list',
        {},
      );
      const surge = rules.find((r) => r.params.kind === 'negative-surge')!;
      await core.call('alerts.rules.save', {
        id: null,
        rule: {
          name: 'Negative surge (critical)',
          topicId: surge.topicId,
          enabled: true,
          severity: 'critical',
          cooldownMinutes: 0,
          persistMinutes: 0,
          quietHours: null,
          params: surge.params,
        },
      });
      await core.call('demo.triggerEpisode', { sourceId: 'demo', kind: 'outage' });
      await core.call('demo.triggerEpisode', { sourceId: 'demo', kind: 'influencer-complaint' });
      await page.setViewportSize(SIZES[0]);
      await showLayout(page, '#/wall?display=states', CRISIS_LAYOUT_ID, { waitForData: true }).catch(() => undefined);
      await expect(page.getByTestId('wall')).toHaveAttribute('data-page-reason', 'takeover', { timeout: 90_000 });
      await expect(page.getByTestId('takeover-banner')).toBeVisible();
      crisisAt = Date.now();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await settle(page, true);
        await inspect(page, testInfo, 'takeover', size, CRISIS_LAYOUT_ID, found);
      }
      // Every other layout (no takeover there: a fixed layout) carries the open alerts as a banner.
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const layoutId of LAYOUTS) {
          await showLayout(page, `#/wall?layout=${layoutId}`, layoutId, { waitForData: true });
          await expect(page.getByTestId('alert-banner')).toBeVisible();
          await inspect(page, testInfo, 'crisis', size, layoutId, found);
        }
      }
    });

    await test.step('replay of the crisis (by URL)', async () => {
      const at = crisisAt;
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const layoutId of LAYOUTS) {
          await showLayout(page, `#/wall?layout=${layoutId}&replay=${calmAt - 30 * MINUTE}..${at + MINUTE}&at=${at}`, layoutId, { waitForData: true });
          await expect(page.getByTestId('wall')).toHaveAttribute('data-replay', 'true');
          await inspect(page, testInfo, 'replay', size, layoutId, found);
        }
      }
      await page.getByTestId('replay-exit').click();
      await expect(page.getByTestId('wall')).toHaveAttribute('data-replay', 'false');
      // Live data again before the core goes: the first reconnecting page shows it, old and dimmed.
      await page.setViewportSize(SIZES[0]);
      await settle(page, true);
    });

    await test.step('the core is lost: every layout while reconnecting, then back to live', async () => {
      await serve.kill();
      await expect(page.getByTestId('connection-status')).toHaveAttribute('data-live', 'false', { timeout: 15_000 });
      // The page shown when the core went keeps its data, dimmed; a layout opened during the outage
      // waits for data. Both must hold up.
      await inspect(page, testInfo, 'reconnecting-stale', SIZES[0], (await page.getByTestId('wall').getAttribute('data-layout-id')) ?? '?', found);
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const layoutId of LAYOUTS) {
          await showLayout(page, `#/wall?layout=${layoutId}`, layoutId, { waitForData: false });
          await inspect(page, testInfo, 'reconnecting', size, layoutId, found);
        }
      }
      revived = await startServe({ dataDir: serve.dataDir, port: serve.port });
      await expect(page.getByTestId('connection-status')).toHaveAttribute('data-live', 'true', { timeout: 30_000 });
    });
  } finally {
    core.close();
    if (revived) await (revived as { stop(): Promise<unknown> }).stop();
  }
  expect(found, `problems on the walls (screenshots attached):\n${found.join('\n')}`).toEqual([]);
});
