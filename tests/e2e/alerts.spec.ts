/**
 * The alerts console in a real browser against a real serve-mode core: a rule is created in the
 * UI after its backtest, a demo outage raises alerts that explain themselves, desktop notifications
 * are shown, and snooze, assign and acknowledge are recorded in the alert's history; a webhook
 * destination added in the UI signs its test message to a local HTTP server.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './support/fixtures';
import { signPageInAs } from './support/people';
import { AlertsPage } from './support/alerts-page';
import { SourcesPage } from './support/pages';

// The local platform servers below listen on 127.0.0.1: allowed through the outbound allowlist.
test.use({ outboundAllow: ['127.0.0.1'] });

const ALERT_TIMEOUT_MS = 90_000;

test('rules are created with a backtest, and an outage alert explains itself and keeps its history', async ({ page, context, serve }, testInfo) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['notifications']);
  // Dana, a lead, is signed in; the notifications the page shows are recorded (the browser's own
  // API, wrapped; nothing of Earshot's). A string script: this file is type-checked without the DOM.
  await signPageInAs(page, serve.url, 'Dana', 'lead');
  await context.addInitScript({
    content: `
      const Real = window.Notification;
      window.__notifications = [];
      window.Notification = class extends Real {
        constructor(title, options) { super(title, options); window.__notifications.push(title); }
      };`,
  });
  const alerts = new AlertsPage(page);
  await alerts.open();

  await test.step('the default rules are listed', async () => {
    await expect(alerts.rules.filter({ hasText: 'Negative surge' })).toHaveCount(1);
    await expect(page.getByTestId('notifications')).toHaveAttribute('data-permission', 'granted');
  });

  await test.step('a keyword rule is written, backtested and saved', async () => {
    await alerts.newRule('keyword');
    await page.getByTestId('rule-name').fill('Outage words');
    await page.getByTestId('rule-param-query').fill('(outage OR "no signal") AND NOT refund');
    await page.getByTestId('rule-param-minCount').fill('3');
    await page.getByTestId('rule-backtest').click();
    await expect(page.getByTestId('backtest-result')).toBeVisible();
    await expect(page.getByTestId('backtest-count')).toHaveText(/^\d+$/);
    // A broken query is refused with its position, and nothing is saved.
    await page.getByTestId('rule-param-query').fill('outage AND (');
    await page.getByTestId('rule-save').click();
    await expect(page.getByTestId('rule-error')).toContainText('character');
    await page.getByTestId('rule-param-query').fill('(outage OR "no signal") AND NOT refund');
    await page.getByTestId('rule-save').click();
    await expect(alerts.rules.filter({ hasText: 'Outage words' })).toHaveCount(1);
  });

  await test.step('a volume-spike draft shows its firings on the timeline before saving', async () => {
    await alerts.newRule('volume-spike');
    await page.getByTestId('rule-param-sensitivity').fill('3');
    await page.getByTestId('rule-backtest').click();
    await expect(page.getByTestId('backtest-result')).toHaveAttribute('data-firings', /^\d+$/);
    await expect(page.locator('.backtest__chart svg')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('alerts-console-backtest.png'), fullPage: true });
  });

  const sources = new SourcesPage(await context.newPage());
  await sources.open();
  await sources.triggerEpisode('outage');

  await test.step('the outage raises a negative surge and the keyword alert, with a notification', async () => {
    await expect(alerts.rows('negative-surge').first()).toBeVisible({ timeout: ALERT_TIMEOUT_MS });
    await expect(alerts.rows('keyword').first()).toBeVisible({ timeout: ALERT_TIMEOUT_MS });
    await expect.poll(() => page.evaluate<string>("window.__notifications.join('\\n')"), { timeout: 30_000 }).toMatch(/Negative surge/);
  });

  await test.step('the alert explains itself: observed vs expected, band, terms, evidence', async () => {
    await alerts.rows('negative-surge').first().getByTestId('alerts-row-open').click();
    await expect(alerts.detail).toBeVisible();
    await expect(page.getByTestId('alert-explanation')).toContainText('Observed');
    await expect(page.getByTestId('explain-terms')).not.toBeEmpty();
    await expect(page.getByTestId('alert-mentions').locator('li').first()).toBeVisible();
    expect(page.url()).toMatch(/#\/alerts\?alert=\d+$/);
  });

  await test.step('snooze, assign and acknowledge are recorded with who and when', async () => {
    await page.getByTestId('alert-snooze').click();
    await expect(alerts.detail).toHaveAttribute('data-state', 'snoozed');
    await page.getByTestId('alert-assignee').fill('Sam');
    await page.getByTestId('alert-assign').click();
    await page.getByTestId('alert-ack').click();
    await expect.poll(() => alerts.historyActions()).toEqual(expect.arrayContaining(['opened', 'snoozed', 'assigned', 'acknowledged']));
    await expect(alerts.history).toContainText('assigned by Dana — to Sam');
    await page.screenshot({ path: testInfo.outputPath('alerts-console-alert.png'), fullPage: true });
  });

  expect(serve.output()).not.toMatch(/\bERROR\b/);
});

test('a webhook destination is added in the UI and a signed test message reaches a local server', async ({ page }) => {
  const received: Array<{ body: string; signature: string | undefined }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers['x-earshot-signature'] as string | undefined });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const alerts = new AlertsPage(page);
    await alerts.open();
    await page.getByTestId('webhook-name').fill('Local room');
    await page.getByTestId('webhook-url').fill(url);
    await page.getByTestId('webhook-format').selectOption('teams');
    await page.getByTestId('webhook-secret').fill('shared-secret-123');
    await page.getByTestId('webhook-add').click();
    const row = page.getByTestId('webhook-row').filter({ hasText: 'Local room' });
    await expect(row).toContainText('yes');
    await expect(page.getByTestId('webhooks')).not.toContainText('shared-secret-123');
    await row.getByTestId('webhook-test').click();
    await expect(page.getByTestId('webhook-note')).toContainText('delivered after 1 attempt');
    expect(received).toHaveLength(1);
    const expected = `sha256=${createHmac('sha256', 'shared-secret-123').update(received[0]!.body).digest('hex')}`;
    expect(received[0]!.signature).toBe(expected);
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    await expect(page.getByTestId('webhook-deliveries')).toContainText('delivered');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
