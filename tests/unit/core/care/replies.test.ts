/**
 * Replies: approved responses, approval on sensitive topics, and sending through real HTTP
 * servers on 127.0.0.1 that speak Mastodon's and Bluesky's documented formats (fixtures under
 * tests/fixtures/care/). Tokens stay in the secret store: never in the database, the log or a reply.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderTemplate, unfilledVariables } from '@shared/logic/care/templates';
import { useTempDirs } from '../../../support/core-helpers';
import { openHarness, post, type Harness } from './care-harness';

const tempDir = useTempDirs();
const FIXTURES = join(__dirname, '../../../fixtures/care');
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const TOKEN = 'mastodon-secret-token-7d1f0c';
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** A local platform API: answers from a route table and records every request. */
async function platformServer(
  routes: Record<string, (r: Received) => { status: number; body: unknown }>,
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const r: Received = { method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body: raw ? (JSON.parse(raw) as unknown) : null };
      received.push(r);
      const route = routes[`${req.method} ${url.pathname}`];
      const answer = route ? route(r) : { status: 404, body: { error: 'Record not found' } };
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const servers: Server[] = [];
let h: Harness;
afterEach(async () => {
  h?.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function databaseBytes(harness: Harness): string {
  harness.services.store.db.pragma('wal_checkpoint(TRUNCATE)');
  return readFileSync(harness.services.store.db.name).toString('latin1');
}

describe('templates', () => {
  it('fills {{variables}} and leaves unknown ones visible', () => {
    expect(renderTemplate('Hi {{name}}, {{ agent }} here about {{topic}}.', { name: 'Maria', agent: 'Ana' })).toBe('Hi Maria, Ana here about {{topic}}.');
    expect(unfilledVariables('Hi {{name}}, {{topic}} {{Topic}}')).toEqual(['name', 'topic']);
  });

  it('only approved templates can be used, and only leads or reviewers approve them', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    await w.call('care.team.saveAgent', { name: 'ana', role: 'agent', teamId: null, capacity: 5 });
    await w.call('care.team.saveAgent', { name: 'lee', role: 'lead', teamId: null, capacity: 5 });
    const { id } = await w.call('care.templates.save', { name: 'Sorry', body: 'Sorry {{name}}, we are on it.' });
    h.ingest([post('t1')]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    await expect(w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'Sorry Maria, we are on it.', templateId: id })).rejects.toThrow(
      /not approved/,
    );
    await expect(w.call('care.templates.approve', { id, by: 'ana' })).rejects.toThrow(/only leads and PR\/legal/);
    const { templates } = await w.call('care.templates.approve', { id, by: 'lee' });
    expect(templates[0]).toMatchObject({ approvedBy: 'lee' });
    const detail = await w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'Sorry Maria, we are on it.', templateId: id });
    expect(detail.replies[0]).toMatchObject({ templateId: id, status: 'sent-by-hand', channel: 'manual' });
    // Editing an approved template withdraws the approval.
    await w.call('care.templates.save', { id, name: 'Sorry', body: 'Sorry {{name}}!' });
    expect((await w.call('care.templates.list', {})).templates[0]!.approvedBy).toBeNull();
  });
});

describe('approval on sensitive topics', () => {
  it('an agent’s reply waits for a lead; the lead’s approval sends it', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    const legal = h.services.topics.create({ name: 'Legal', kind: 'other', query: 'lawsuit OR lawyer' });
    await w.call('care.settings.save', { approvalTopicIds: [legal.id] });
    await w.call('care.team.saveAgent', { name: 'ana', role: 'agent', teamId: null, capacity: 5 });
    await w.call('care.team.saveAgent', { name: 'lee', role: 'lead', teamId: null, capacity: 5 });
    h.ingest([post('s1', { text: 'my lawyer will hear about this' }), post('s2', { text: 'nice phone', authorHandle: 'other' })]);
    const items = (await w.call('care.inbox', { filter: {}, sort: 'newest' })).items;
    const sensitive = items.find((c) => c.topicIds.includes(legal.id))!;
    const plain = items.find((c) => !c.topicIds.includes(legal.id))!;

    const pending = await w.call('care.replies.send', { conversationId: sensitive.id, author: 'ana', text: 'We are sorry to hear that.' });
    expect(pending.replies[0]!.status).toBe('pending-approval');
    expect(pending.conversation.waitingSince).not.toBeNull();
    await expect(w.call('care.replies.approve', { replyId: pending.replies[0]!.id, by: 'ana', approve: true })).rejects.toThrow(/cannot approve/);
    const approved = await w.call('care.replies.approve', { replyId: pending.replies[0]!.id, by: 'lee', approve: true, reason: 'ok to send' });
    expect(approved.replies[0]).toMatchObject({ status: 'sent-by-hand', approvedBy: 'lee' });
    expect(approved.conversation.waitingSince).toBeNull();
    expect(approved.events.map((e) => e.kind)).toEqual(['opened', 'reply-awaiting-approval', 'reply-approved', 'reply-sent-by-hand']);

    // Not sensitive: no approval needed. A lead never waits for approval either.
    expect((await w.call('care.replies.send', { conversationId: plain.id, author: 'ana', text: 'Thanks!' })).replies[0]!.status).toBe('sent-by-hand');
  });
});

describe('sending to Mastodon (local server in the Mastodon API format)', () => {
  it('posts POST /api/v1/statuses with in_reply_to_id and the bearer token; the token stays in the secret store', async () => {
    const mastodon = await platformServer({
      'POST /api/v1/statuses': (r) =>
        r.headers.authorization === `Bearer ${TOKEN}`
          ? { status: 200, body: fixture('mastodon-status.json') }
          : { status: 401, body: { error: 'The access token is invalid' } },
    });
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', {
      platform: 'mastodon',
      name: 'Kestrel care',
      baseUrl: mastodon.url,
      identifier: '@kestrelcare',
      secret: TOKEN,
    });
    expect(accounts).toEqual([expect.objectContaining({ name: 'Kestrel care', hasSecret: true })]);
    expect(JSON.stringify(accounts)).not.toContain(TOKEN);

    h.ingest([
      post('113499999999999001', {
        platform: 'mastodon',
        authorHandle: 'maria@other.example',
        text: 'no signal since noon',
        url: `${mastodon.url}/@maria/113499999999999001`,
      }),
    ]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    const detail = await w.call('care.replies.send', {
      conversationId: conv.id,
      author: 'ana',
      text: 'Hi Maria, sorry! We are on it.',
      accountId: accounts[0]!.id,
    });

    expect(mastodon.received).toHaveLength(1);
    const sent = mastodon.received[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/api/v1/statuses');
    expect(sent.body).toEqual({ status: 'Hi Maria, sorry! We are on it.', in_reply_to_id: '113499999999999001', visibility: 'public' });
    expect(sent.headers['idempotency-key']).toBe(`earshot-reply-${detail.replies[0]!.id}`);
    expect(detail.replies[0]).toMatchObject({
      status: 'sent',
      channel: 'mastodon',
      externalId: '113500000000000042',
      externalUrl: 'https://mastodon.test/@kestrelcare/113500000000000042',
    });
    expect(detail.conversation).toMatchObject({ status: 'waiting-on-customer', waitingSince: null });
    expect(detail.conversation.firstResponseAt).toBe(h.clock.now);

    // The customer answers our reply: it joins the same conversation by our post's id.
    h.ingest([post('113500000000000050', { platform: 'mastodon', authorHandle: 'maria@other.example', text: 'thanks', replyTo: '113500000000000042' })]);
    expect((await w.call('care.conversation.get', { id: conv.id })).conversation.mentionCount).toBe(2);
    // Someone else answering our reply is their own conversation, not maria's.
    h.ingest([post('113500000000000051', { platform: 'mastodon', authorHandle: 'someone_else', text: 'same here, no signal', replyTo: '113500000000000042' })]);
    expect((await w.call('care.conversation.get', { id: conv.id })).conversation.mentionCount).toBe(2);

    expect(databaseBytes(h)).not.toContain(TOKEN);
    expect(h.logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('a refused send is recorded with the platform’s reason, can be retried or marked as sent by hand', async () => {
    const mastodon = await platformServer({ 'POST /api/v1/statuses': () => ({ status: 401, body: { error: 'The access token is invalid' } }) });
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', {
      platform: 'mastodon',
      name: 'Care',
      baseUrl: mastodon.url,
      identifier: '@care',
      secret: 'wrong-token-123',
    });
    h.ingest([post('9001', { platform: 'mastodon' })]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    const failed = await w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'Hello', accountId: accounts[0]!.id });
    expect(failed.replies[0]).toMatchObject({ status: 'failed', error: 'Mastodon was refused: The access token is invalid' });
    expect(failed.conversation.waitingSince).not.toBeNull();
    expect(failed.events.at(-1)).toMatchObject({ kind: 'reply-failed' });
    expect(JSON.stringify(failed)).not.toContain('wrong-token-123');

    const retried = await w.call('care.replies.retry', { replyId: failed.replies[0]!.id, by: 'ana' });
    expect(retried.replies[0]!.status).toBe('failed');
    expect(mastodon.received).toHaveLength(2);
    const byHand = await w.call('care.replies.retry', { replyId: failed.replies[0]!.id, by: 'ana', byHand: true });
    expect(byHand.replies[0]!.status).toBe('sent-by-hand');
    expect(byHand.conversation.waitingSince).toBeNull();
  });

  it('a post from another instance is first resolved through /api/v2/search', async () => {
    const mastodon = await platformServer({
      'GET /api/v2/search': () => ({ status: 200, body: fixture('mastodon-search.json') }),
      'POST /api/v1/statuses': () => ({ status: 200, body: fixture('mastodon-status.json') }),
    });
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', { platform: 'mastodon', name: 'Care', baseUrl: mastodon.url, identifier: '@care', secret: TOKEN });
    h.ingest([post('42', { platform: 'mastodon', url: 'https://other.example/@maria/42' })]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    await w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'Hello', accountId: accounts[0]!.id });
    expect(mastodon.received[0]!.path).toBe(`/api/v2/search?q=${encodeURIComponent('https://other.example/@maria/42')}&resolve=true&type=statuses&limit=1`);
    expect(mastodon.received[1]!.body).toMatchObject({ in_reply_to_id: '113500000000000777' });
  });

  it('refuses an account of another platform than the conversation’s', async () => {
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', {
      platform: 'bluesky',
      name: 'Sky',
      baseUrl: 'http://127.0.0.1:9',
      identifier: 'care.test',
      secret: APP_PASSWORD,
    });
    h.ingest([post('1', { platform: 'mastodon' })]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    await expect(w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'Hi', accountId: accounts[0]!.id })).rejects.toThrow(
      /posts to bluesky, but the conversation is on mastodon/,
    );
  });

  it('never sends an answer to a crisis drill’s made-up post to the platform, yet counts it for the drill', async () => {
    const mastodon = await platformServer({ 'POST /api/v1/statuses': () => ({ status: 200, body: fixture('mastodon-status.json') }) });
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', {
      platform: 'mastodon',
      name: 'Kestrel care',
      baseUrl: mastodon.url,
      identifier: '@kestrelcare',
      secret: TOKEN,
    });
    h.services.pipeline.ingest('src', [post('drill-7-1', { platform: 'mastodon', text: 'app down again??' })], null, { drillRunId: 7 });
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    const detail = await w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'On it!', accountId: accounts[0]!.id });

    expect(mastodon.received).toHaveLength(0);
    expect(detail.replies[0]).toMatchObject({ status: 'sent', externalId: null });
    expect(detail.conversation.firstResponseAt).toBe(h.clock.now);
    expect(JSON.stringify(detail)).toContain('drill: not sent to mastodon');
  });
});

describe('sending to Bluesky (local server in the atproto XRPC format)', () => {
  it('logs in with the app password, reads the parent’s CID and root, and creates a threaded reply record', async () => {
    const parentUri = 'at://did:plc:customer00000000000000000/app.bsky.feed.post/3lparentpost22';
    const session = fixture('bluesky-session.json') as { accessJwt: string; did: string };
    const pds = await platformServer({
      'POST /xrpc/com.atproto.server.createSession': (r) =>
        (r.body as { password?: string }).password === APP_PASSWORD
          ? { status: 200, body: session }
          : { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } },
      'GET /xrpc/app.bsky.feed.getPosts': (r) =>
        r.headers.authorization === `Bearer ${session.accessJwt}`
          ? { status: 200, body: fixture('bluesky-getposts.json') }
          : { status: 401, body: { error: 'AuthMissing' } },
      'POST /xrpc/com.atproto.repo.createRecord': () => ({ status: 200, body: fixture('bluesky-createrecord.json') }),
    });
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', {
      platform: 'bluesky',
      name: 'Kestrel on Bluesky',
      baseUrl: pds.url,
      identifier: 'care.kestrel.test',
      secret: APP_PASSWORD,
    });
    h.ingest([post(parentUri, { platform: 'bluesky', authorHandle: 'maria.bsky.social', text: 'still no signal' })]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    const detail = await w.call('care.replies.send', {
      conversationId: conv.id,
      author: 'ana',
      text: 'Sorry Maria, checking now.',
      accountId: accounts[0]!.id,
    });

    expect(pds.received.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /xrpc/com.atproto.server.createSession',
      'GET /xrpc/app.bsky.feed.getPosts',
      'POST /xrpc/com.atproto.repo.createRecord',
    ]);
    expect(pds.received[0]!.body).toEqual({ identifier: 'care.kestrel.test', password: APP_PASSWORD });
    expect(pds.received[1]!.path).toBe(`/xrpc/app.bsky.feed.getPosts?uris=${encodeURIComponent(parentUri)}`);
    const create = pds.received[2]!;
    expect(create.headers.authorization).toBe(`Bearer ${session.accessJwt}`);
    expect(create.body).toEqual({
      repo: session.did,
      collection: 'app.bsky.feed.post',
      record: {
        $type: 'app.bsky.feed.post',
        text: 'Sorry Maria, checking now.',
        createdAt: new Date(h.clock.now).toISOString(),
        // The parent is itself a reply: the root stays the thread's root.
        reply: {
          root: {
            uri: 'at://did:plc:customer00000000000000000/app.bsky.feed.post/3lrootpost1111',
            cid: 'bafyreirootcid00000000000000000000000000000000000000000000',
          },
          parent: { uri: parentUri, cid: 'bafyreiparentcid000000000000000000000000000000000000000000' },
        },
      },
    });
    expect(detail.replies[0]).toMatchObject({
      status: 'sent',
      externalId: 'at://did:plc:kestrelcare0000000000000/app.bsky.feed.post/3lreplypost333',
      externalUrl: 'https://bsky.app/profile/care.kestrel.test/post/3lreplypost333',
    });
    expect(databaseBytes(h)).not.toContain(APP_PASSWORD);
  });

  it('a wrong app password fails with atproto’s message and nothing is posted', async () => {
    const pds = await platformServer({
      'POST /xrpc/com.atproto.server.createSession': () => ({
        status: 401,
        body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' },
      }),
    });
    h = openHarness(tempDir());
    const w = h.window();
    const { accounts } = await w.call('care.accounts.save', {
      platform: 'bluesky',
      name: 'Sky',
      baseUrl: pds.url,
      identifier: 'care.test',
      secret: 'nope-nope-nope-nope',
    });
    h.ingest([post('at://did:plc:x/app.bsky.feed.post/1', { platform: 'bluesky' })]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    const detail = await w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'Hi', accountId: accounts[0]!.id });
    expect(detail.replies[0]).toMatchObject({ status: 'failed', error: 'Bluesky login was refused: AuthenticationRequired: Invalid identifier or password' });
    expect(pds.received).toHaveLength(1);
  });
});
