/**
 * Emotion on a wall, in Chromium against a real serve-mode core fed by the demo source: a layout
 * with the emotion-mix widget beside net sentiment shows counts per emotion from the live stream
 * (screenshot kept as a test artefact).
 */
import { expect, test } from './support/fixtures';
import { CoreClient, WallPage } from './support/walls';

test('the emotion-mix widget shows the live emotion counts', async ({ page, serve }, testInfo) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const core = await CoreClient.open(serve.url);
  try {
    const { layout } = await core.call<{ layout: { id: string } }>('walls.layouts.save', {
      doc: {
        format: 'earshot.wall-layout',
        version: 1,
        name: 'Emotions',
        grid: { columns: 12, rows: 6 },
        widgets: [
          { id: 'emotions', type: 'emotion-mix', x: 0, y: 0, w: 6, h: 4, options: { minutes: 60 } },
          { id: 'sentiment', type: 'net-sentiment', x: 6, y: 0, w: 6, h: 4, options: { minutes: 60 } },
        ],
      },
    });
    await core.display('emotions-tv', { source: { kind: 'layout', layoutId: layout.id }, burnIn: false });
    const wall = new WallPage(page, 'emotions-tv');
    await wall.open();
    await wall.expectLayout(layout.id);
    await wall.expectWidgetsLoaded();
    const mix = page.getByTestId('emotion-mix');
    await expect(mix.locator('[data-emotion]')).toHaveCount(4);
    await expect(mix.locator('[data-emotion]').first()).toHaveAttribute('data-emotion', 'anger');
    // The demo stream is English, so emotions accumulate within the first refreshes.
    await expect
      .poll(
        async () => Number(await mix.locator('[data-emotion]').evaluateAll((rows) => rows.reduce((sum, r) => sum + Number(r.getAttribute('data-count')), 0))),
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0);
    const shares = await mix.locator('[data-emotion]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-percent'))));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100);
    // The page has finished fading in, so the screenshot shows it at full strength.
    await expect(page.locator('[data-stage="leaving"], [data-stage="entering"]')).toHaveCount(0);
    await expect.poll(() => page.evaluate<string>("getComputedStyle(document.querySelector('.wallpage--current')).opacity")).toBe('1');
    const path = testInfo.outputPath('wall-emotion-mix-1920x1080.png');
    await page.screenshot({ path });
    await testInfo.attach('emotion mix at 1920×1080', { path, contentType: 'image/png' });
  } finally {
    core.close();
  }
});
