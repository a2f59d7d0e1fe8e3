/**
 * The inbox in replay, in real Chromium against a real serve-mode core with the demo stream: one
 * conversation is claimed, answered and resolved live; replaying a moment before the answer shows
 * it open, unanswered and not ana's, a moment after the resolution shows it resolved with the reply
 * in its thread, and no action (claim, reply, resolve, composer) is offered in replay.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { InboxPage } from './support/inbox-page';
import { ReplayBar } from './support/replay-page';
import { socketUrl, TestSocket } from './support/ws-client';
import { socketAs } from './support/people';

async function call<T>(socket: TestSocket, method: string, params: unknown): Promise<T> {
  const frame = await socket.call(method, params);
  if (!frame.ok) throw new Error(`${method}: ${frame.error?.message ?? 'failed'}`);
  return frame.result as T;
}

/** Past the next whole second: replay links carry seconds, so each step gets a second of its own. */
async function nextSecond(): Promise<number> {
  const t = (Math.floor(Date.now() / 1000) + 1) * 1000;
  await new Promise((resolve) => setTimeout(resolve, t - Date.now() + 150));
  return t;
}

async function openReplay(page: Page, from: number, to: number, at: number): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`/#/inbox?replay=${from}..${to}&at=${at}`);
  await page.locator('body[data-earshot-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  await expect(page.getByTestId('replay-band')).toHaveAttribute('data-at', String(at));
  await expect(page.getByTestId('inbox-replay-hint')).toHaveText(/Replay: read-only — back to live to act/);
}

test('the inbox replays a conversation as it stood before and after it was handled, read-only', async ({ page, serve }, testInfo) => {
  test.setTimeout(120_000);
  const inbox = await InboxPage.as(page, 'ana', serve.url);
  const bar = new ReplayBar(page);
  await inbox.waitForConversations(1);
  const admin = await TestSocket.open(socketUrl(serve.url));
  try {
    // Stop the demo stream so no new post changes the conversation while it is replayed.
    const { sources } = await call<{ sources: Array<{ id: string; enabled: boolean }> }>(admin, 'sources.list', {});
    for (const s of sources.filter((x) => x.enabled)) await call(admin, 'sources.setEnabled', { id: s.id, enabled: false });
    const id = Number(await inbox.openConversationId());
    const from = Date.now() - 30 * 60_000;

    const beforeAnswer = await nextSecond();
    await nextSecond();
    // Ana acts over her own session: who did it comes from the sign-in, not from the call.
    const ana = await socketAs(serve.url, 'ana');
    await call(ana, 'care.conversation.claim', { id });
    await call(ana, 'care.replies.send', { conversationId: id, text: 'Sorry about that, we are on it' });
    await nextSecond();
    await call(ana, 'care.conversation.resolve', { id });
    ana.close();
    const afterResolve = await nextSecond();
    const to = afterResolve + 60_000;

    await test.step('before the answer: open, not ana’s, no reply, no actions', async () => {
      await openReplay(page, from, to, beforeAnswer);
      const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`);
      await expect(row).toBeVisible();
      await expect(row).not.toHaveAttribute('data-status', 'resolved');
      await expect(row).not.toHaveAttribute('data-assignee', 'ana');
      // Waiting is counted to the replayed moment.
      await expect(row.getByTestId('row-waiting')).toHaveText(/^waiting \d+/);
      await row.click();
      await expect(inbox.conversation).toHaveAttribute('data-conversation-id', String(id));
      await expect(inbox.status).not.toHaveText('resolved');
      await expect(inbox.assignee).not.toHaveText('with ana');
      await expect(inbox.replies).toHaveCount(0);
      expect(await inbox.historyKinds()).not.toContain('claimed');
      for (const action of ['action-claim', 'action-resolve', 'reply-text', 'survey-csat']) await expect(page.getByTestId(action)).toHaveCount(0);
    });

    await test.step('after the resolution: resolved, with the reply in the thread', async () => {
      await openReplay(page, from, to, afterResolve);
      // Resolved conversations leave the default queue, as in the live inbox.
      await expect(page.getByTestId('inbox-total')).not.toHaveText('');
      await expect(page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`)).toHaveCount(0);
      await page.getByTestId('replay-filter-status').selectOption('resolved');
      const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`);
      await expect(row).toHaveAttribute('data-status', 'resolved');
      await expect(row).toHaveAttribute('data-assignee', 'ana');
      await row.click();
      await expect(inbox.status).toHaveText('resolved');
      await expect(inbox.assignee).toHaveText('with ana');
      await expect(inbox.replies).toHaveCount(1);
      await expect(inbox.replies.first()).toHaveAttribute('data-reply-status', 'sent-by-hand');
      await expect.poll(() => inbox.historyKinds()).toEqual(expect.arrayContaining(['claimed', 'reply-sent-by-hand', 'resolved']));
      for (const action of ['action-claim', 'action-resolve', 'reply-text', 'survey-csat']) await expect(page.getByTestId(action)).toHaveCount(0);
      await page.setViewportSize({ width: 1920, height: 1080 });
      const shot = testInfo.outputPath('inbox-replay-1920x1080.png');
      await page.screenshot({ path: shot });
      await testInfo.attach('inbox replay 1920x1080', { path: shot, contentType: 'image/png' });
    });

    await test.step('moving the scrubber reloads: before the core started, the queue was empty', async () => {
      await page.setViewportSize({ width: 1280, height: 720 });
      await bar.seekFraction(0.01);
      await expect.poll(() => bar.at()).toBeLessThan(from + 2 * 60_000);
      await expect(page.getByTestId('inbox-total')).toHaveText('0');
      await expect(page.getByTestId('inbox-row')).toHaveCount(0);
      await expect(page.getByTestId('inbox-replay-empty')).toHaveText('This conversation had not started yet at this moment.');
    });

    await test.step('back to live: the live inbox with its actions', async () => {
      await page.getByTestId('inbox-replay-live').click();
      await expect(page.getByTestId('replay-band')).toHaveCount(0);
      await expect(page.getByTestId('inbox-replay')).toHaveCount(0);
      await expect(page.getByTestId('inbox-list')).toBeVisible();
    });
  } finally {
    admin.close();
  }
});
