/** Per-network reply limits: how each network counts, the Mastodon instance's own limit read from a local instance, and the core refusing an X reply over 280. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MASTODON_DEFAULT_LIMIT, replyLength, replyLimit } from '@shared/logic/care/reply-length';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, type Harness } from './care-harness';

const tempDir = useTempDirs();
let h: Harness;
let server: Server | null = null;
afterEach(async () => {
  h?.close();
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = null;
});

describe('how each network counts', () => {
  it('X 280 with links as 23 and CJK as 2; Bluesky 300 graphemes; Mastodon the instance limit', () => {
    expect(replyLimit('x')).toBe(280);
    expect(replyLimit('bluesky')).toBe(300);
    expect(replyLimit('mastodon')).toBe(MASTODON_DEFAULT_LIMIT);
    expect(replyLimit('mastodon', 5000)).toBe(5000);
    expect(replyLength('x', `see https://status.example/${'a'.repeat(80)} now`)).toBe(23 + 'see  now'.length);
    expect(replyLength('x', '日本')).toBe(4);
    expect(replyLength('bluesky', '👍🏽👨‍👩‍👧')).toBe(2);
    expect(replyLength('mastodon', 'hi https://example.com/very/long/path')).toBe(3 + 23);
  });
});

describe('in the core', () => {
  it("reads a Mastodon instance's own limit, and falls back to the default, saying why", async () => {
    let answer: unknown = { uri: 'local', configuration: { statuses: { max_characters: 1000, max_media_attachments: 4 } } };
    server = createServer((req, res) => {
      res.writeHead(req.url === '/api/v2/instance' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === '/api/v2/instance' ? answer : { error: 'not found' }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', { platform: 'mastodon', name: 'Care', baseUrl: base, identifier: '@care', secret: 'tok-123456' });
    expect(await w.call('care.accounts.replyLimit', { accountId: accounts[0]!.id })).toMatchObject({ maxCharacters: 1000, source: 'instance' });
    answer = { uri: 'local' };
    const second = await w.call('care.accounts.save', { platform: 'mastodon', name: 'Other', baseUrl: `${base}/`, identifier: '@other', secret: 'tok-654321' });
    const fallback = await w.call('care.accounts.replyLimit', { accountId: second.accounts.find((a) => a.name === 'Other')!.id });
    expect(fallback).toMatchObject({ maxCharacters: MASTODON_DEFAULT_LIMIT, source: 'default' });
    expect(fallback.detail).toContain('max_characters');
  });

  it('refuses an X reply longer than X allows, before storing anything', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    h.ingest([post('x1', { authorHandle: 'maria', text: '@KestrelMobile my bill is wrong, can you help?' })]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    await expect(w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'a'.repeat(281) })).rejects.toThrow(
      /281 characters as x counts them; x allows 280/,
    );
    expect((await w.call('care.conversation.get', { id: conv.id })).replies).toHaveLength(0);
    await w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'a'.repeat(280) });
  });
});
