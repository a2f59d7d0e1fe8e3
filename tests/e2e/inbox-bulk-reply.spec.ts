/**
 * A crisis bulk reply end to end: 200 posts arrive from a local server speaking Mastodon's API
 * (hashtag timeline for reading, POST /api/v1/statuses for replying) through a real Mastodon
 * source; in real Chromium an agent searches, selects all 200 matching, and replies to each with
 * one approved response. Every post is answered exactly once, each with its author's own name.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { expect, test } from './support/fixtures';
import { InboxPage } from './support/inbox-page';
import { socketAs } from './support/people';
import { socketUrl, TestSocket } from './support/ws-client';
import type { ApiMethod, ApiParams, ApiResult } from '@shared/contract/api';

test.use({ outboundAllow: ['127.0.0.1'] });

const TOKEN = 'e2e-mastodon-care-token-90af';
const COUNT = 200;

interface Posted {
  inReplyToId: string | null;
  status: string;
}

/** The instance: holds statuses (ids ascending), answers the hashtag timeline as Mastodon does, and takes replies. */
async function startInstance(): Promise<{ url: string; posted: Posted[]; release: () => void; close: () => Promise<void> }> {
  const all: object[] = [];
  let visible = 1;
  const posted: Posted[] = [];
  let next = 113_700_000_000_000_000n;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && url.pathname === '/api/v1/timelines/tag/zephyrdown') {
        // Newest first; with min_id, the statuses immediately newer than it (Mastodon's paging).
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const minId = url.searchParams.get('min_id');
        const shown = all.slice(0, visible) as Array<{ id: string }>;
        const newer = minId === null ? shown.slice(-limit) : shown.filter((s) => BigInt(s.id) > BigInt(minId)).slice(0, limit);
        return json(200, [...newer].reverse());
      }
      if (req.method === 'POST' && url.pathname === '/api/v1/statuses') {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: 'The access token is invalid' });
        const body = JSON.parse(raw) as { status: string; in_reply_to_id?: string };
        posted.push({ inReplyToId: body.in_reply_to_id ?? null, status: body.status });
        const id = String(next++);
        return json(200, {
          id,
          url: `${base}/@care/${id}`,
          uri: `${base}/users/care/statuses/${id}`,
          in_reply_to_id: body.in_reply_to_id ?? null,
          visibility: 'public',
          content: '<p>ok</p>',
        });
      }
      json(404, { error: 'Record not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const now = Date.now();
  for (let i = 0; i < COUNT; i++) {
    const id = String(113_600_000_000_000_000n + BigInt(i));
    all.push({
      id,
      created_at: new Date(now - (COUNT - i) * 1_000).toISOString(),
      visibility: 'public',
      language: 'en',
      url: `${base}/@p${i}/${id}`,
      uri: `${base}/users/p${i}/statuses/${id}`,
      content: `<p>@care no signal in York since this morning, zephyrcode outage #zephyrdown</p>`,
      in_reply_to_id: null,
      reblog: null,
      account: { id: String(i + 1), username: `p${i}`, acct: `p${i}`, display_name: `Person${i} Surname`, followers_count: 10 },
      favourites_count: 0,
      reblogs_count: 0,
      replies_count: 0,
    });
  }
  return {
    url: base,
    posted,
    release: () => (visible = COUNT),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function call<M extends ApiMethod>(socket: TestSocket, method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
  const frame = await socket.call(method, params);
  if (!frame.ok) throw new Error(`${method}: ${frame.error?.message ?? 'failed'}`);
  return frame.result as ApiResult<M>;
}

test('a bulk reply to 200 selected posts goes out through Mastodon, each answered exactly once', async ({ page, serve }) => {
  test.setTimeout(180_000);
  const instance = await startInstance();
  try {
    const admin = await TestSocket.open(socketUrl(serve.url));
    await call(admin, 'care.team.saveAgent', { name: 'lee', role: 'lead', teamId: null, capacity: 10 });
    await call(admin, 'care.accounts.save', { platform: 'mastodon', name: 'Care on the instance', baseUrl: instance.url, identifier: '@care', secret: TOKEN });
    await call(admin, 'care.settings.save', { bulkReplyIntervalMs: { mastodon: 0, bluesky: 0 } });
    const { id: templateId } = await call(admin, 'care.templates.save', {
      name: 'Outage update',
      body: 'Hi {{name}}, we know about the outage in your area and are fixing it.',
    });
    await call(admin, 'sources.create', {
      kind: 'mastodon',
      name: 'Instance #zephyrdown',
      intervalMs: 1_000,
      settings: { instanceUrl: instance.url, mode: 'hashtag', hashtag: 'zephyrdown' },
    });
    // The first poll takes the newest page; then the rest arrive.
    await expect.poll(async () => (await call(admin, 'care.inbox', { filter: { search: 'zephyrcode' }, limit: 1 })).total, { timeout: 30_000 }).toBe(1);
    instance.release();
    await expect.poll(async () => (await call(admin, 'care.inbox', { filter: { search: 'zephyrcode' }, limit: 1 })).total, { timeout: 60_000 }).toBe(COUNT);
    admin.close();
    const lee = await socketAs(serve.url, 'lee', 'lead');
    await call(lee, 'care.templates.approve', { id: templateId, by: 'lee' });
    lee.close();

    const inbox = await InboxPage.as(page, 'lee', serve.url);
    await inbox.waitForConversations(1);
    await page.getByTestId('inbox-search').fill('zephyrcode');
    await page.getByTestId('inbox-search').press('Enter');
    await expect(page.getByTestId('inbox-total')).toHaveText(String(COUNT));
    await page.getByTestId('bulk-select-matching').click();
    await expect(page.getByTestId('bulk-count')).toHaveText(`${COUNT} selected`);
    await page.getByTestId('bulk-template').selectOption(String(templateId));
    await page.getByTestId('bulk-reply').click();
    const progress = page.getByTestId('bulk-progress');
    await expect(progress).toHaveAttribute('data-finished', 'true', { timeout: 120_000 });
    await expect(progress).toHaveAttribute('data-done', String(COUNT));
    await expect(progress).toHaveAttribute('data-failed', '0');

    const answered = instance.posted.map((p) => p.inReplyToId!);
    expect(answered).toHaveLength(COUNT);
    expect(new Set(answered).size).toBe(COUNT);
    for (const p of instance.posted) {
      const i = Number(BigInt(p.inReplyToId!) - 113_600_000_000_000_000n);
      expect(p.status).toBe(`Hi Person${i}, we know about the outage in your area and are fixing it.`);
    }
  } finally {
    await instance.close();
  }
});
