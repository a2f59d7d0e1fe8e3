/**
 * A stored secret is only ever sent to the host it was saved for. Two real servers on 127.0.0.1
 * (two origins) record the Authorization and signature headers they receive: the "home" server
 * the secret was saved for and an "elsewhere" server an editor points the settings at.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER } from '../../../../electron/core/alerts/webhooks';
import { useTempDirs, waitFor } from '../../../support/core-helpers';
import { openHarness, post, type Harness } from '../care/care-harness';

const tempDir = useTempDirs();
const X_PAGE = readFileSync(join(__dirname, '../../../fixtures/listening-ops/x-recent-search.json'), 'utf8');
const MASTODON_TAG = readFileSync(join(__dirname, '../../../fixtures/sources/mastodon/tag-timeline.json'), 'utf8');
const TOKEN = 'stored-token-for-home-5f0c9a1e';
const STATUS = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/care/mastodon-status.json'), 'utf8')) as unknown;

interface Recording {
  url: string;
  seen: Array<{ method: string; path: string; headers: IncomingHttpHeaders }>;
}

const servers: Server[] = [];
let h: Harness | null = null;
afterEach(async () => {
  h?.close();
  h = null;
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

/** A platform-shaped server: answers JSON by path prefix and records every request's headers. */
async function recording(answers: Record<string, string>): Promise<Recording> {
  const seen: Recording['seen'] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers });
    req.resume();
    const key = Object.keys(answers).find((prefix) => (req.url ?? '').startsWith(prefix));
    res.writeHead(key ? 200 : 404, { 'content-type': 'application/json' });
    res.end(key ? answers[key] : '{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const authorizations = (r: Recording): string[] => r.seen.map((s) => String(s.headers.authorization ?? ''));

describe('source secrets', () => {
  it('sources.test with a stored source id never sends its token to another host', async () => {
    const home = await recording({ '/2/tweets/search/recent': X_PAGE });
    const elsewhere = await recording({ '/2/tweets/search/recent': X_PAGE });
    h = openHarness(tempDir());
    const w = h.window();
    const created = await w.call('sources.create', {
      kind: 'x',
      name: 'X',
      intervalMs: 3_600_000,
      enabled: false,
      settings: { baseUrl: home.url, query: 'kestrel', bearerToken: TOKEN },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const id = created.source.id;

    const moved = await w.call('sources.test', { kind: 'x', id, settings: { baseUrl: elsewhere.url, query: 'kestrel' } });
    expect(moved.ok).toBe(false);
    expect(moved.ok ? [] : moved.errors).toEqual([
      { field: 'settings.bearerToken', message: `stored for ${home.url}; the address changed, so enter it again to use it with ${elsewhere.url}` },
    ]);
    expect(elsewhere.seen).toHaveLength(0);

    // A token typed into the form goes where the form says; the stored one still only goes home.
    const typed = await w.call('sources.test', {
      kind: 'x',
      id,
      settings: { baseUrl: elsewhere.url, query: 'kestrel', bearerToken: 'typed-for-elsewhere-123' },
    });
    expect(typed.ok).toBe(true);
    expect(authorizations(elsewhere)).toEqual(['Bearer typed-for-elsewhere-123']);
    const atHome = await w.call('sources.test', { kind: 'x', id, settings: { baseUrl: home.url, query: 'kestrel' } });
    expect(atHome.ok).toBe(true);
    expect(authorizations(home)).toEqual([`Bearer ${TOKEN}`]);
  });

  it('changing a source’s address clears its stored token; polls to the new host carry none', async () => {
    const home = await recording({ '/api/v1/timelines/tag/': MASTODON_TAG });
    const elsewhere = await recording({ '/api/v1/timelines/tag/': MASTODON_TAG });
    h = openHarness(tempDir());
    const w = h.window();
    const created = await w.call('sources.create', {
      kind: 'mastodon',
      name: 'Tag',
      intervalMs: 3_600_000,
      settings: { instanceUrl: home.url, mode: 'hashtag', hashtag: 'kestrel', accessToken: TOKEN },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    h.services.scheduler.start();
    try {
      await waitFor('the first poll at home', () => home.seen.length >= 1);
      expect(authorizations(home)[0]).toBe(`Bearer ${TOKEN}`);

      const updated = await w.call('sources.update', { id: created.source.id, settings: { instanceUrl: elsewhere.url, mode: 'hashtag', hashtag: 'kestrel' } });
      expect(updated).toMatchObject({ ok: true, source: { secrets: { accessToken: 'unset' } } });
      await waitFor('a poll at the new address', () => elsewhere.seen.length >= 1);
      expect(authorizations(elsewhere).every((a) => a === '')).toBe(true);
      expect(h.services.secrets.getAll(created.source.id)).toEqual({});
    } finally {
      h.services.scheduler.stop();
    }
  });

  it('a required token is asked for again when the address changes; nothing is saved or sent', async () => {
    const home = await recording({ '/2/tweets/search/recent': X_PAGE });
    const elsewhere = await recording({ '/2/tweets/search/recent': X_PAGE });
    h = openHarness(tempDir());
    const w = h.window();
    const created = await w.call('sources.create', {
      kind: 'x',
      name: 'X',
      intervalMs: 3_600_000,
      enabled: false,
      settings: { baseUrl: home.url, query: 'kestrel', bearerToken: TOKEN },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const refused = await w.call('sources.update', { id: created.source.id, settings: { baseUrl: elsewhere.url, query: 'kestrel' } });
    expect(refused.ok).toBe(false);
    expect(refused.ok ? [] : refused.errors.map((e) => e.field)).toEqual(['settings.bearerToken']);
    expect((await w.call('sources.get', { id: created.source.id })).source.settings.baseUrl).toBe(home.url);
    expect(h.services.secrets.getAll(created.source.id)).toEqual({ bearerToken: TOKEN });
    expect(elsewhere.seen).toHaveLength(0);
  });
});

describe('reply account secrets', () => {
  it('a new base URL without a new token clears it, and a reply sends no token to the new host', async () => {
    const home = await recording({ '/api/v1/statuses': JSON.stringify(STATUS) });
    const elsewhere = await recording({ '/api/v1/statuses': JSON.stringify(STATUS) });
    h = openHarness(tempDir());
    const w = h.window();
    const saved = await w.call('care.accounts.save', { platform: 'mastodon', name: 'Care', baseUrl: home.url, identifier: '@care', secret: TOKEN });
    const account = saved.accounts[0]!;
    expect(account.hasSecret).toBe(true);
    const moved = await w.call('care.accounts.save', {
      id: account.id,
      platform: 'mastodon',
      name: 'Care',
      baseUrl: elsewhere.url,
      identifier: '@care',
      secret: null,
    });
    expect(moved.accounts[0]).toMatchObject({ baseUrl: elsewhere.url, hasSecret: false });

    h.ingest([post('113499999999999001', { platform: 'mastodon', text: 'no signal since noon' })]);
    const conv = (await w.call('care.inbox', { filter: {} })).items[0]!;
    const detail = await w.call('care.replies.send', { conversationId: conv.id, author: 'ana', text: 'We are on it.', accountId: account.id });
    expect(detail.replies[0]).toMatchObject({ status: 'failed' });
    expect(detail.replies[0]!.error).toMatch(/no stored access token/);
    expect(elsewhere.seen).toHaveLength(0);
    expect(home.seen).toHaveLength(0);

    // Entered again for the new address, it is used there.
    await w.call('care.accounts.save', {
      id: account.id,
      platform: 'mastodon',
      name: 'Care',
      baseUrl: elsewhere.url,
      identifier: '@care',
      secret: 'token-for-elsewhere-42',
    });
    const retried = await w.call('care.replies.retry', { replyId: detail.replies[0]!.id, by: 'ana' });
    expect(retried.replies[0]!.status).toBe('sent');
    expect(authorizations(elsewhere)).toEqual(['Bearer token-for-elsewhere-42']);
  });
});

describe('alert webhook secrets', () => {
  it('a new address without a new secret clears the signing secret; the new host gets no signature from it', async () => {
    const home = await recording({ '/': '{}' });
    const elsewhere = await recording({ '/': '{}' });
    h = openHarness(tempDir());
    const w = h.window();
    const base = { name: 'Ops', format: 'json' as const, minSeverity: 'info' as const, enabled: true };
    const { destination } = await w.call('alerts.webhooks.save', { id: null, destination: { ...base, url: `${home.url}/hook`, secret: 'signing-secret-123' } });
    expect(destination.hasSecret).toBe(true);
    await w.call('alerts.webhooks.test', { id: destination.id });
    expect(home.seen[0]!.headers[SIGNATURE_HEADER.toLowerCase()]).toMatch(/^sha256=/);

    const moved = await w.call('alerts.webhooks.save', { id: destination.id, destination: { ...base, url: `${elsewhere.url}/hook` } });
    expect(moved.destination.hasSecret).toBe(false);
    expect(h.services.secrets.fieldsSet(`alert-webhook-${destination.id}`)).toEqual([]);
    const tested = await w.call('alerts.webhooks.test', { id: destination.id });
    expect(tested.status).toBe('delivered');
    expect(elsewhere.seen).toHaveLength(1);
    expect(elsewhere.seen[0]!.headers[SIGNATURE_HEADER.toLowerCase()]).toBeUndefined();

    // Same address, secret left out: it is kept.
    await w.call('alerts.webhooks.save', { id: destination.id, destination: { ...base, url: `${elsewhere.url}/hook`, secret: 'new-secret-4567' } });
    const kept = await w.call('alerts.webhooks.save', { id: destination.id, destination: { ...base, name: 'Ops renamed', url: `${elsewhere.url}/hook` } });
    expect(kept.destination.hasSecret).toBe(true);
  });
});
