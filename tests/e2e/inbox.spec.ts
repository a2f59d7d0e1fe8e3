/**
 * The inbox in real Chromium against a real serve-mode core with the demo stream running:
 * one conversation triaged end to end from the keyboard (assign, reply with an approved response,
 * move to private, resolve) with the KPIs following; then two agents in two browser contexts who
 * see each other's presence and cannot both claim one conversation.
 */
import { expect, test } from './support/fixtures';
import { InboxPage } from './support/inbox-page';
import { socketUrl, TestSocket } from './support/ws-client';
import { socketAs } from './support/people';

async function call(socket: TestSocket, method: string, params: unknown): Promise<unknown> {
  const frame = await socket.call(method, params);
  if (!frame.ok) throw new Error(`${method}: ${frame.error?.message ?? 'failed'}`);
  return frame.result;
}

test('an agent triages one conversation end to end from the keyboard, and the KPIs change', async ({ page, serve }, testInfo) => {
  test.setTimeout(120_000);
  // A lead approves a response the agent will use.
  const admin = await TestSocket.open(socketUrl(serve.url));
  await call(admin, 'care.team.saveAgent', { name: 'lee', role: 'lead', teamId: null, capacity: 10 });
  await call(admin, 'care.team.saveAgent', { name: 'ana', role: 'agent', teamId: null, capacity: 10 });
  const { id: templateId } = (await call(admin, 'care.templates.save', {
    name: 'Apology',
    body: 'Hi {{name}}, sorry about that! {{agent}} here, we are on it.',
  })) as { id: number };
  admin.close();
  // The approval is lee's own: signed in as lee, not a name in the call.
  const lee = await socketAs(serve.url, 'lee', 'lead');
  await call(lee, 'care.templates.approve', { id: templateId });
  lee.close();

  const inbox = await InboxPage.as(page, 'ana', serve.url);
  await inbox.waitForConversations(3);
  await expect(page.getByTestId('care-kpis')).toHaveAttribute('aria-label', /Care KPIs/);
  await expect.poll(() => page.getByTestId('kpi-resolution').count()).toBe(1);
  const resolvedBefore = await inbox.kpiCount('resolution');
  const answeredBefore = await inbox.kpiCount('frt');
  const privateBefore = Number(await page.getByTestId('kpi-ratio').getAttribute('data-count'));

  await inbox.focusList();
  await test.step('j / k move the selection', async () => {
    const first = await inbox.selectedId();
    await page.keyboard.press('j');
    await expect.poll(() => inbox.selectedId()).not.toBe(first);
    await page.keyboard.press('k');
    await expect.poll(() => inbox.selectedId()).toBe(first);
    await expect.poll(() => inbox.openConversationId()).toBe(first);
  });
  const id = (await inbox.openConversationId())!;

  await test.step('? shows the shortcuts', async () => {
    await page.keyboard.press('?');
    await expect(inbox.help).toBeVisible();
    await expect(inbox.help).toContainText('move to private');
    await page.keyboard.press('Escape');
    await expect(inbox.help).toBeHidden();
  });

  await test.step('a assigns it to me', async () => {
    await page.keyboard.press('a');
    await expect(inbox.assignee).toHaveText('with ana');
    await expect(inbox.status).toHaveText('assigned');
  });

  await test.step('r replies with the approved response (Alt+1), Ctrl+Enter records it', async () => {
    await page.keyboard.press('r');
    await expect(inbox.composer).toBeFocused();
    await page.keyboard.press('Alt+1');
    await expect(inbox.composer).toHaveValue(/^Hi .+, sorry about that! ana here, we are on it\.$/);
    await page.keyboard.press('Control+Enter');
    await expect(inbox.replies.last()).toHaveAttribute('data-reply-status', 'sent-by-hand');
    await expect(inbox.status).toHaveText('waiting-on-customer');
    await page.keyboard.press('Escape');
  });

  await test.step('p moves it to private (1 = direct message)', async () => {
    await page.keyboard.press('p');
    await expect(page.getByTestId('private-dialog')).toBeVisible();
    await page.keyboard.press('1');
    await expect(inbox.conversation).toContainText('moved to dm');
  });

  await test.step('x resolves it and the next conversation opens', async () => {
    await page.keyboard.press('x');
    await expect(page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`)).toHaveAttribute('data-status', 'resolved');
    await expect.poll(() => inbox.openConversationId()).not.toBe(id);
    await expect.poll(() => inbox.openConversationId()).not.toBeNull();
    // Back to the resolved one to read its history.
    await page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"] .inbox-row__main`).click();
    await expect.poll(() => inbox.openConversationId()).toBe(id);
    await expect(inbox.status).toHaveText('resolved');
  });

  await test.step('the history says who did what', async () => {
    await expect
      .poll(() => inbox.historyKinds())
      .toEqual(expect.arrayContaining(['opened', 'claimed', 'reply-written', 'reply-sent-by-hand', 'moved-private', 'resolved']));
    const kinds = await inbox.historyKinds();
    expect(kinds.indexOf('claimed')).toBeLessThan(kinds.indexOf('resolved'));
  });

  await test.step('the KPIs count the answer and the private resolution', async () => {
    await expect.poll(() => inbox.kpiCount('resolution'), { timeout: 15_000 }).toBe(resolvedBefore + 1);
    await expect.poll(() => inbox.kpiCount('frt')).toBeGreaterThanOrEqual(answeredBefore + 1);
    expect(Number(await page.getByTestId('kpi-ratio').getAttribute('data-count'))).toBe(privateBefore + 1);
    await expect(page.getByTestId('kpi-ratio')).toHaveAttribute('data-value', '0%');
    await expect(page.getByTestId('kpi-frt')).toHaveAttribute('title', /First response: time from the customer’s first post/);
  });

  await page.setViewportSize({ width: 1920, height: 1080 });
  const shot = testInfo.outputPath('inbox-1920x1080.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('inbox 1920x1080', { path: shot, contentType: 'image/png' });
});

test('two agents see each other’s presence and cannot both claim a conversation', async ({ browser, serve }) => {
  test.setTimeout(120_000);
  const anaContext = await browser.newContext({ baseURL: serve.url });
  const boContext = await browser.newContext({ baseURL: serve.url });
  try {
    const ana = await InboxPage.as(await anaContext.newPage(), 'ana', serve.url);
    await ana.waitForConversations(2);
    const id = (await ana.openConversationId())!;

    const bo = await InboxPage.as(await boContext.newPage(), 'bo', serve.url);
    await bo.waitForConversations(2);
    const row = bo.page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`);
    await expect(row).toBeVisible();
    await row.click();
    await expect.poll(() => bo.openConversationId()).toBe(id);

    await test.step('each sees the other looking', async () => {
      await expect(bo.presence).toHaveText(/ana is viewing/);
      await expect(ana.presence).toHaveText(/bo is viewing/);
    });

    await test.step('replying shows as replying', async () => {
      await ana.focusList();
      await ana.page.keyboard.press('r');
      await expect(ana.composer).toBeFocused();
      await expect(bo.presence).toHaveText(/ana is replying/);
      await ana.page.keyboard.press('Escape');
      await expect(bo.presence).toHaveText(/ana is viewing/);
    });

    await test.step('ana claims it; bo is told ana has it', async () => {
      await ana.focusList();
      await ana.page.keyboard.press('a');
      await expect(ana.assignee).toHaveText('with ana');
      await bo.focusList();
      await bo.page.keyboard.press('a');
      await expect(bo.notice).toHaveText('ana has this conversation');
      await expect(bo.assignee).toHaveText('with ana');
      await expect(row).toHaveAttribute('data-assignee', 'ana');
    });

    await test.step('bo leaving clears his presence for ana', async () => {
      await bo.page.close();
      await expect(ana.presence).toBeHidden({ timeout: 40_000 });
    });
  } finally {
    await anaContext.close();
    await boContext.close();
  }
});

test('a CRM import links a customer by handle; their page shows every post and the brand score formula', async ({ page, serve }, testInfo) => {
  test.setTimeout(90_000);
  const socket = await TestSocket.open(socketUrl(serve.url));
  let handle = '';
  await expect
    .poll(
      async () => {
        const page = (await call(socket, 'care.inbox', { filter: {}, limit: 1 })) as { items: { authorHandle: string }[] };
        handle = page.items[0]?.authorHandle ?? '';
        return handle;
      },
      { timeout: 30_000 },
    )
    .not.toBe('');
  socket.close();

  await page.goto('/#/customers');
  await page.locator('body[data-earshot-view="customers"]').waitFor({ state: 'attached' });
  await expect(page.getByTestId('customers')).toContainText('score = 0.6 × spend + 0.4 × engagement');
  const csv = `id,name,handles,lifetime value,tier\nC-7,Test Customer,@${handle},"1,250",gold\nC-8,Broken,@nobody,lots,silver\n`;
  await page.getByTestId('crm-file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('customers-message')).toHaveText(/Imported 1 customers; [1-9]\d* conversations linked by handle; 1 rows skipped\./);
  await expect(page.getByTestId('crm-errors')).toHaveText('line 3: lifetime value: not a number');

  await page.getByTestId('customers-table').getByRole('link', { name: 'Test Customer' }).click();
  const record = page.getByTestId('customer-record');
  await expect(record).toContainText('gold · lifetime value 1,250 · brand score');
  await expect(record.locator('.customer__posts li').first()).toBeVisible();
  await expect(page.getByTestId('customer-sentiment').locator('li').first()).toBeVisible();

  await page.setViewportSize({ width: 1920, height: 1080 });
  const shot = testInfo.outputPath('customers-1920x1080.png');
  await page.screenshot({ path: shot });
  await testInfo.attach('customers 1920x1080', { path: shot, contentType: 'image/png' });
});
