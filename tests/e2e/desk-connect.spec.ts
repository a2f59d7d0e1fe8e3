/**
 * Every desk view reads through the one query hook, which asks again when the socket says hello:
 * a call made before the socket opened (every fresh load in serve mode) must not leave its
 * "not connected" error on screen once the header says LIVE. Each view is loaded fresh twice,
 * since the race depends on how fast the socket opens.
 */
import { expect, test } from './support/fixtures';

const DESK_VIEWS = [
  'sources',
  'topics',
  'understanding',
  'authors',
  'inbox',
  'customers',
  'team',
  'control',
  'layouts',
  'review',
  'drills',
  'people',
  'audit',
] as const;
const LOADS_PER_VIEW = 2;

test('no desk view keeps a "not connected" error after the socket opens', async ({ page }) => {
  test.setTimeout(240_000);
  for (const view of DESK_VIEWS) {
    for (let load = 0; load < LOADS_PER_VIEW; load++) {
      await test.step(`#/${view}, fresh load ${load + 1}`, async () => {
        await page.goto(`/?fresh=${view}-${load}#/${view}`);
        await expect(page.getByTestId('connection-status')).toHaveAttribute('data-live', 'true', { timeout: 30_000 });
        await expect(page.locator('body')).toHaveAttribute('data-earshot-view', view);
        // Waits until every error the first, too-early calls left is gone; fails if one stays.
        await expect(page.getByText(/not connected to the Earshot core/)).toHaveCount(0, { timeout: 15_000 });
        await expect(page.getByRole('alert').filter({ hasText: /not connected|connection .* lost/ })).toHaveCount(0);
      });
    }
  }
});
