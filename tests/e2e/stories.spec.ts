/**
 * "What is driving it" on a real wall: during a demo outage the Crisis layout lists the stories
 * that drive the spike (each once, with its posts) and the plain-language summary, the ticker
 * shows a repeated story once, and a screenshot of the wall is kept as a test artefact.
 */
import { expect, test } from './support/fixtures';
import { CoreClient, WallPage } from './support/walls';

test('the crisis wall names the stories driving an outage and summarises the spike', async ({ page, serve }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const core = await CoreClient.open(serve.url);
  try {
    await core.display('stories', { source: { kind: 'layout', layoutId: 'crisis' }, burnIn: false });
    await core.call('demo.triggerEpisode', { sourceId: 'demo', kind: 'outage' });
    const wall = new WallPage(page, 'stories');
    await wall.open();
    await wall.expectLayout('crisis');
    const widget = page.getByTestId('driving-stories');
    await expect(widget).toBeVisible();
    // The widget refreshes every 15 s; the outage's copied complaints become stories within that.
    const stories = widget.getByTestId('story');
    await expect.poll(() => stories.count(), { timeout: 60_000 }).toBeGreaterThan(1);
    const first = await stories.first().getByTestId('story-posts').textContent();
    expect(Number(/^(\d+) posts$/.exec(first ?? '')?.[1])).toBeGreaterThanOrEqual(2);
    const counts = await stories.getByTestId('story-posts').allTextContents();
    const numbers = counts.map((c) => Number(/^(\d+)/.exec(c)?.[1]));
    // Most posts first.
    expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
    await expect(widget.getByTestId('spike-summary')).toContainText(/\d+ posts in the last 30 min\. Driving it: “/);
    await expect(widget.getByTestId('spike-summary')).toContainText('Reposts and quotes are');
    // The ticker shows a repeated story once: no two lines say the same words.
    const ticker = await page.getByTestId('ticker').locator('.ticker__text').allTextContents();
    expect(ticker.length).toBeGreaterThan(1);
    expect(new Set(ticker).size).toBe(ticker.length);
    // Story text is drawn as text: no element from a post's words.
    expect(await widget.locator('.stories__text *').count()).toBe(0);
    const path = testInfo.outputPath('wall-crisis-stories-1920x1080.png');
    await page.screenshot({ path });
    await testInfo.attach('crisis wall with stories', { path, contentType: 'image/png' });
  } finally {
    core.close();
  }
});
