/**
 * Triage and bulk work in real Chromium against a real serve-mode core with the demo stream: the
 * queue opens on what needs a reply and q switches to the rest; select all matching the filter,
 * tag them in one bulk action with its progress shown; and an agent's correction with m.
 */
import { expect, test } from './support/fixtures';
import { InboxPage } from './support/inbox-page';
import { signPageInAs } from './support/people';

test('the queue holds what needs a reply, q shows the rest, m corrects, and a bulk tag covers every matching conversation', async ({ page, serve }) => {
  test.setTimeout(120_000);
  const inbox = await InboxPage.as(page, 'ana', serve.url);
  await inbox.waitForConversations(3);
  await expect(page.getByTestId('filter-queue')).toHaveValue('reply');

  await test.step('every conversation in the default queue needs a reply', async () => {
    await inbox.focusList();
    await page.keyboard.press('j');
    await expect(page.getByTestId('conversation-triage')).toHaveAttribute('data-needs-reply', 'true');
  });

  await test.step('the author sidebar and the source filter are there', async () => {
    await expect(page.getByTestId('author-sidebar')).toContainText('clout');
    await expect(page.getByTestId('author-conversations')).toBeAttached();
    await expect(page.getByTestId('filter-source').locator('option')).toContainText(['any', 'Demo: Kestrel Mobile']);
  });

  await test.step('m corrects the open one; it says so', async () => {
    await page.keyboard.press('m');
    await expect(page.getByTestId('conversation-triage')).toHaveAttribute('data-needs-reply', 'false');
    await expect(page.getByTestId('conversation-triage')).toContainText('decided by an agent');
  });

  await test.step('q switches to what needs no reply', async () => {
    await page.keyboard.press('q');
    await expect(page.getByTestId('filter-queue')).toHaveValue('no-reply');
    await inbox.waitForConversations(1);
    await page.locator('[data-testid="inbox-row"] .inbox-row__main').first().click();
    await expect(page.getByTestId('conversation-triage')).toHaveAttribute('data-needs-reply', 'false');
    await page.keyboard.press('q');
    await expect(page.getByTestId('filter-queue')).toHaveValue('reply');
  });

  await test.step('select all matching, tag them, watch the progress', async () => {
    await inbox.waitForConversations(2);
    await page.getByTestId('bulk-select-matching').click();
    const count = Number((await page.getByTestId('bulk-count').textContent())!.split(' ')[0]);
    expect(count).toBeGreaterThanOrEqual(2);
    await page.getByTestId('bulk-tag-input').fill('crisis-sweep');
    await page.getByTestId('bulk-tag').click();
    const progress = page.getByTestId('bulk-progress');
    await expect(progress).toHaveAttribute('data-finished', 'true', { timeout: 30_000 });
    await expect(progress).toHaveAttribute('data-total', String(count));
    await expect(progress).toHaveAttribute('data-done', String(count));
    await expect(progress).toHaveAttribute('data-failed', '0');
    await expect(page.getByTestId('bulk-count')).toHaveText('0 selected');
  });

  await test.step('shift-click ticks a range', async () => {
    const rows = page.locator('[data-testid="row-check"]');
    await rows.nth(0).click();
    await rows.nth(2).click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('bulk-count')).toHaveText('3 selected');
  });
});

test('a saved view brings back its filter and sort, for its owner; a lead shares one with the team', async ({ page, serve }) => {
  test.setTimeout(90_000);
  await signPageInAs(page, serve.url, 'lee', 'lead');
  const inbox = await InboxPage.as(page, 'lee', serve.url);
  await inbox.waitForConversations(1);
  await page.getByTestId('filter-queue').selectOption('no-reply');
  await page.getByTestId('inbox-sort').selectOption('newest');
  await page.getByTestId('saved-view-name').fill('Quiet ones');
  await page.getByTestId('saved-view-save').click();
  await expect(page.getByTestId('inbox-notice')).toContainText('View “Quiet ones” saved');

  // Back to the default queue, then the view restores both filter and sort.
  await page.getByTestId('filter-queue').selectOption('reply');
  await page.getByTestId('inbox-sort').selectOption('urgency');
  await page.getByTestId('saved-view-pick').selectOption({ label: 'Quiet ones' });
  await expect(page.getByTestId('filter-queue')).toHaveValue('no-reply');
  await expect(page.getByTestId('inbox-sort')).toHaveValue('newest');

  // A view for the team.
  await page.getByTestId('filter-queue').selectOption('reply');
  await page.getByTestId('saved-view-name').fill('Crisis queue');
  await page.getByTestId('saved-view-shared').check();
  await page.getByTestId('saved-view-save').click();
  await expect(page.getByTestId('saved-view-pick').locator('option')).toContainText(['Crisis queue (team)', 'Quiet ones']);
});
