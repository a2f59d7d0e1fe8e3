/**
 * The Understanding console in a real browser against a real serve-mode core with the demo source:
 * an agent explains a mention (signals that pushed it, language), corrects its label, and the
 * correction sticks: after a reload it is listed, the mention keeps its new label, and the
 * explanation says who corrected it.
 */
import { expect, test } from './support/fixtures';
import { UnderstandingPage } from './support/understanding-page';
import { signPageInAs } from './support/people';

test('explain a mention, correct it, see the correction stick after a reload', async ({ page, serve }, testInfo) => {
  // Agent Kim corrects it: the correction names her from her sign-in.
  await signPageInAs(page, serve.url, 'Agent Kim');
  test.setTimeout(120_000);
  const shot = async (name: string) => {
    const path = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  };
  const ui = new UnderstandingPage(page);
  await ui.open();

  // The demo source stores a few mentions a second; refresh until some are listed.
  await expect
    .poll(
      async () => {
        const n = await ui.reviewRows.count();
        if (n === 0) await ui.refresh.click();
        return n;
      },
      { timeout: 30_000, intervals: [500, 1_000, 2_000] },
    )
    .toBeGreaterThan(0);

  // The panels that load on their own once connected: intent rules and what's new.
  await expect(page.getByTestId('intent-rules').locator('fieldset').first()).toBeVisible();
  await expect(page.getByTestId('trend-list')).toBeAttached();
  await expect(page.getByRole('alert')).toHaveCount(0);

  const row = ui.reviewRows.first();
  const mentionId = Number((await row.getAttribute('data-testid'))!.replace('review-row-', ''));
  await row.getByTestId(`explain-${mentionId}`).click();

  await expect(ui.explanation).toHaveAttribute('data-mention-id', String(mentionId));
  await expect(ui.pushes).toBeVisible();
  await expect(ui.pushes.locator('tbody tr').first()).toBeVisible();
  await expect(ui.explanation).toContainText(/language \w+/);
  const before = (await ui.storedLabel.textContent())!.trim();
  const target = before === 'positive' ? 'negative' : 'positive';
  await shot('understanding-explained');

  await ui.correctTo(target).click();
  await expect(ui.correction).toContainText(`Corrected to ${target}`);
  await expect(ui.correction).toContainText('Agent Kim');
  await expect(ui.storedLabel).toHaveText(target);
  await expect(ui.correctionRow(mentionId)).toBeVisible();
  await shot('understanding-corrected');

  await page.reload();
  await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  await expect(ui.correctionRow(mentionId)).toContainText(`${before}→${target}`);
  await expect(ui.correctionRow(mentionId)).toContainText('by Agent Kim');
  await ui.correctionRow(mentionId).getByTestId(`explain-corrected-${mentionId}`).click();
  await expect(ui.explanation).toHaveAttribute('data-mention-id', String(mentionId));
  await expect(ui.storedLabel).toHaveText(target);
  await expect(ui.correction).toContainText(`Corrected to ${target} (was ${before}) by Agent Kim`);
});

test('authors: search, open a profile with its clout explained, put the author on a watchlist', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/#/authors');
  await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  const rows = page.getByTestId('authors-table').locator('tbody tr');
  // Demo authors appear as their mentions are stored; the search re-runs as the user types.
  await expect
    .poll(
      async () => {
        const n = await rows.count();
        if (n === 0) {
          const box = page.getByTestId('author-search');
          await box.fill((await box.inputValue()) === '' ? ' ' : '');
        }
        return n;
      },
      { timeout: 30_000, intervals: [500, 1_000, 2_000] },
    )
    .toBeGreaterThan(0);
  await rows.first().locator('button').first().click();
  const profile = page.getByTestId('author-profile');
  await expect(profile).toBeVisible();
  await expect(profile.getByTestId('author-segment')).toContainText(/advocate|influencer|passive|dissatisfied|detractor/);
  await expect(profile.getByTestId('clout-explained').locator('tbody tr')).toHaveCount(5);

  await page.getByTestId('watchlist-name').fill('VIPs');
  await page.getByTestId('watchlist-create').click();
  await expect(page.getByTestId('watchlists')).toContainText('VIPs (vip, 0 members)');
  await profile.getByTestId('add-to-VIPs').click();
  await expect(profile.locator('.chip')).toContainText('VIPs');
  await expect(page.getByTestId('watchlists')).toContainText('VIPs (vip, 1 members)');
});
