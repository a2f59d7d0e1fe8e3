/**
 * A crisis drill in real Chromium against a real serve-mode core (demo stream running): started
 * from #/drills with a confirm, the DRILL banner shows on a wall and on the inbox, the drill's posts
 * reach the store; stopped, the banner goes everywhere, its posts are gone and its report is there.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { signPageInAs } from './support/people';
import { socketUrl, TestSocket } from './support/ws-client';

interface MentionLite {
  externalId: string;
  drillRunId: number | null;
}

async function call<T>(socket: TestSocket, method: string, params: unknown): Promise<T> {
  const frame = await socket.call(method, params);
  if (!frame.ok) throw new Error(`${method}: ${frame.error?.message ?? 'failed'}`);
  return frame.result as T;
}

async function ready(page: Page, hash: string): Promise<void> {
  await page.goto(`/${hash}`);
  await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}

test('start a drill from #/drills, see the DRILL banner on a wall and the inbox, stop it, and its posts are gone', async ({
  page,
  context,
  serve,
}, testInfo) => {
  test.setTimeout(120_000);
  const socket = await TestSocket.open(socketUrl(serve.url));
  const drillPosts = async () =>
    (await call<{ mentions: MentionLite[] }>(socket, 'mentions.recent', { limit: 500 })).mentions.filter(
      (m) => m.drillRunId !== null || m.externalId.startsWith('drill-'),
    );

  // Lee, a lead, runs the drill; the run names him from his sign-in.
  await signPageInAs(page, serve.url, 'lee', 'lead');
  await ready(page, '#/drills');
  await expect(page.getByTestId('drill-row-influencer-complaint')).toBeVisible();
  await expect(page.getByTestId('drill-banner')).toHaveCount(0);

  await test.step('start with a confirm', async () => {
    await page.getByTestId('drill-start-influencer-complaint').click();
    await expect(page.getByTestId('drill-confirm')).toBeVisible();
    await page.getByTestId('drill-speed').selectOption('10');
    await page.getByTestId('drill-start-confirm').click();
    await expect(page.getByTestId('drill-running')).toBeVisible();
    await expect(page.getByTestId('drill-banner')).toBeVisible();
    await expect(page.getByTestId('drill-banner-scenario')).toHaveText("An influencer's viral complaint");
  });

  // At 10× the influencer's post (minute 1) is due after 6 s; the fans follow.
  await expect.poll(async () => (await drillPosts()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(async () => Number((await page.getByTestId('drill-injected').textContent())?.split(' ')[0] ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
  // The hidden drill source is neither listed nor in health.
  const sources = await call<{ sources: { id: string }[] }>(socket, 'sources.list', {});
  expect(sources.sources.map((s) => s.id)).not.toContain('drill');

  await page.screenshot({ path: testInfo.outputPath('drills-view-running.png'), fullPage: true });
  const wall = await context.newPage();
  const inbox = await context.newPage();
  await test.step('the banner is on a wall and on the inbox', async () => {
    await ready(wall, '#/overview');
    await expect(wall.getByTestId('drill-banner')).toBeVisible();
    await expect(wall.getByTestId('drill-banner')).toContainText('DRILL');
    // Each drill post in the ticker carries its own DRILL tag; real posts do not.
    await expect(wall.locator('[data-testid="ticker-item"][data-drill="true"]').first()).toContainText('DRILL', { timeout: 30_000 });
    await expect(wall.locator('[data-testid="ticker-item"][data-drill="false"] .ticker__drill')).toHaveCount(0);
    await wall.screenshot({ path: testInfo.outputPath('overview-during-drill.png') });
    await ready(inbox, '#/inbox');
    await expect(inbox.getByTestId('drill-banner')).toBeVisible();
  });

  await test.step('stop: the banner goes everywhere and the drill posts are removed', async () => {
    await page.getByTestId('drill-stop').click();
    await expect(page.getByTestId('drill-running')).toHaveCount(0);
    await expect(page.getByTestId('drill-banner')).toHaveCount(0);
    await expect(wall.getByTestId('drill-banner')).toHaveCount(0);
    await expect(inbox.getByTestId('drill-banner')).toHaveCount(0);
    expect(await drillPosts()).toEqual([]);
  });

  await test.step('the run and its report are kept', async () => {
    const { runs } = await call<{ runs: { id: number; status: string; stoppedBy: string; report: { injected: number } | null }[] }>(socket, 'drills.runs', {});
    expect(runs[0]).toMatchObject({ status: 'stopped', stoppedBy: 'lee' });
    expect(runs[0]!.report!.injected).toBeGreaterThan(0);
    await page.getByTestId(`drill-report-${runs[0]!.id}`).click();
    await expect(page.getByTestId('drill-report')).toBeVisible();
    await expect(page.getByTestId('drill-target-ackFirstAlert')).toBeVisible();
  });
  socket.close();
});

test('write an own scenario: errors are shown with their JSON path, a valid one is saved, duplicated and deleted', async ({ page }) => {
  await ready(page, '#/drills');
  await page.getByTestId('drill-new').click();
  const editor = page.getByTestId('drill-editor');
  await expect(editor).toBeVisible();
  const json = page.getByTestId('drill-editor-json');
  const doc = JSON.parse(await json.inputValue()) as { waves: { rate: { start: number } }[] };
  doc.waves[0]!.rate.start = -5;
  await json.fill(JSON.stringify(doc, null, 2));
  await expect(page.getByTestId('drill-editor-errors')).toContainText('waves[0].rate.start');
  await expect(page.getByTestId('drill-editor-save')).toBeDisabled();
  doc.waves[0]!.rate.start = 3;
  await json.fill(JSON.stringify(doc, null, 2));
  await page.getByTestId('drill-editor-name').fill('Our own outage');
  await expect(page.getByTestId('drill-editor-errors')).toContainText('The document is valid.');
  await page.getByTestId('drill-editor-save').click();
  await expect(editor).toHaveCount(0);
  const row = page.getByTestId('drill-row-my-drill');
  await expect(row).toContainText('Our own outage');
  await expect(row).toContainText('yours');
  // Built-ins cannot be deleted or edited, only duplicated.
  await expect(page.getByTestId('drill-delete-outage-wave')).toHaveCount(0);
  await expect(page.getByTestId('drill-edit-outage-wave')).toHaveCount(0);
  await page.getByTestId('drill-duplicate-outage-wave').click();
  await expect(page.getByTestId('drill-row-outage-wave-copy')).toBeVisible();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('drill-delete-my-drill').click();
  await expect(page.getByTestId('drill-row-my-drill')).toHaveCount(0);
});
