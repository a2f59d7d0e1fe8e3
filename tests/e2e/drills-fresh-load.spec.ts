/**
 * A view opened before its socket is up must not keep an error from then: the Drills view showed
 * "not connected to the Earshot core" in 3 of 6 fresh loads while the header said LIVE. It now
 * reads through the one query hook, which loads once the connection is open.
 */
import { expect, test } from './support/fixtures';

test('six fresh loads of #/drills show the library and never a stale connection error', async ({ page }) => {
  test.setTimeout(120_000);
  for (let i = 0; i < 6; i++) {
    await page.goto('/#/drills');
    await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
    await expect(page.getByTestId('drill-library')).toBeVisible();
    await expect(page.getByTestId('drill-row-influencer-complaint')).toBeVisible();
    await expect(page.getByTestId('drills-error')).toHaveCount(0);
  }
});
