import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { buildServices, type CoreServices } from '../../../../electron/core/app/services';
import { checkWebhookSignature, webhookSignature } from '../../../../electron/core/sources/webhook/signature';
import { openStore } from '../../../../electron/core/store/store';
import { webhookEnv, ConfigError } from '../../../../electron/core/app/env-options';
import { countRows, useTempDirs, waitFor } from '../../../support/core-helpers';
import { postSigned, webhookMention } from './support/webhook-client';
import { allowLocalServers } from '../../../support/outbound';

const tempDir = useTempDirs();
const SECRET = 'a-shared-secret-of-enough-length-42';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Hook {
  services: CoreServices;
  url: string;
  sourceId: string;
}

async function startHook(settings: Record<string, unknown> = {}, port = 0): Promise<Hook> {
  const store = openStore(tempDir());
  // The local platform servers are allowed the way an admin allows an on-premises host.
  allowLocalServers(store);
  const services = buildServices(store, createMemoryLogger(), Date.now, { webhook: { host: '127.0.0.1', port } });
  const created = services.sources.create({ kind: 'webhook', name: 'Collector', settings: { secret: SECRET, ...settings } });
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  services.scheduler.start();
  await services.webhooks.sync();
  cleanups.push(async () => {
    services.scheduler.stop();
    await services.webhooks.stop();
    store.close();
  });
  const address = services.webhooks.status().address;
  return { services, url: `${address}/hooks/${created.source.id}`, sourceId: created.source.id };
}

function hasTools(...tools: string[]): boolean {
  try {
    for (const tool of tools) execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    console.log(`SKIPPED the listening guide's webhook example test: it needs ${tools.join(', ')}`);
    return false;
  }
}

function storedIds(hook: Hook): string[] {
  return hook.services.store.db.prepare('SELECT external_id FROM mentions WHERE source_id = ? ORDER BY external_id').pluck().all(hook.sourceId) as string[];
}

describe('webhook signature', () => {
  const body = Buffer.from('{"mentions":[]}');
  const now = 1_763_900_000_000;
  const ts = String(now / 1000);

  it('accepts the HMAC-SHA256 of "<timestamp>.<body>" and nothing else', () => {
    const good = webhookSignature(SECRET, ts, body);
    expect(good).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(checkWebhookSignature({ secret: SECRET, timestamp: ts, signature: good, body, nowMs: now })).toEqual({ ok: true });
    expect(checkWebhookSignature({ secret: 'another-secret-entirely!', timestamp: ts, signature: good, body, nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not match'),
    });
    expect(checkWebhookSignature({ secret: SECRET, timestamp: ts, signature: good, body: Buffer.from('{"mentions":[1]}'), nowMs: now })).toMatchObject({
      ok: false,
    });
    // The timestamp is signed too: moving it forward breaks the signature.
    expect(checkWebhookSignature({ secret: SECRET, timestamp: String(Number(ts) + 1), signature: good, body, nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('does not match'),
    });
    expect(checkWebhookSignature({ secret: SECRET, timestamp: ts, signature: good.slice(0, -1), body, nowMs: now })).toMatchObject({ ok: false });
  });

  it('refuses timestamps more than 5 minutes old or ahead, and missing or malformed headers', () => {
    const at = (seconds: number) => String(now / 1000 + seconds);
    const sign = (t: string) => webhookSignature(SECRET, t, body);
    expect(checkWebhookSignature({ secret: SECRET, timestamp: at(-299), signature: sign(at(-299)), body, nowMs: now }).ok).toBe(true);
    expect(checkWebhookSignature({ secret: SECRET, timestamp: at(-301), signature: sign(at(-301)), body, nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('refused as replays'),
    });
    expect(checkWebhookSignature({ secret: SECRET, timestamp: at(400), signature: sign(at(400)), body, nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('in the future'),
    });
    expect(checkWebhookSignature({ secret: SECRET, timestamp: undefined, signature: sign(ts), body, nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('missing X-Earshot-Timestamp'),
    });
    expect(checkWebhookSignature({ secret: SECRET, timestamp: ts, signature: undefined, body, nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('missing X-Earshot-Signature'),
    });
    expect(checkWebhookSignature({ secret: SECRET, timestamp: '2025-11-23T10:00:00Z', signature: sign(ts), body, nowMs: now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('whole seconds'),
    });
  });
});

describe('webhook receiver', () => {
  it('stores a correctly signed batch, mapping each item into a mention, and answers per item', async () => {
    const hook = await startHook();
    const items = [webhookMention('w1'), webhookMention('w2', { publishedAt: 1_763_900_000, followers: '2,500', platform: 'REVIEWS', id: 77 })];
    const { status, json } = await postSigned(hook.url, SECRET, JSON.stringify({ mentions: items }));
    expect(status).toBe(200);
    expect(json).toEqual({
      received: 2,
      stored: 2,
      duplicates: 0,
      rejected: 0,
      results: [
        { index: 0, id: 'w1', status: 'stored' },
        { index: 1, id: '77', status: 'stored' },
      ],
    });
    const first = hook.services.store.db.prepare('SELECT * FROM mentions WHERE external_id = ?').get('w1') as Record<string, unknown>;
    expect(first).toMatchObject({
      platform: 'forum',
      author_handle: 'collector_w1',
      author_name: 'Collector w1',
      author_followers: 1200,
      url: 'https://forum.example.com/t/w1',
      lang: 'en',
      text: 'Collector mention w1 about Kestrel',
    });
    const second = hook.services.store.db.prepare('SELECT * FROM mentions WHERE external_id = ?').get('77') as Record<string, unknown>;
    expect(second).toMatchObject({ platform: 'reviews', author_followers: 2500, published_at: 1_763_900_000_000 });
  });

  it('accepts a bare JSON array, defaults the time to arrival and the platform to the source setting', async () => {
    const hook = await startHook({ platform: 'news' });
    const before = Date.now();
    const { status } = await postSigned(hook.url, SECRET, JSON.stringify([{ id: 'bare', text: 'no time given', author: 'x' }]));
    expect(status).toBe(200);
    const row = hook.services.store.db.prepare('SELECT platform, published_at FROM mentions WHERE external_id = ?').get('bare') as {
      platform: string;
      published_at: number;
    };
    expect(row.platform).toBe('news');
    expect(row.published_at).toBeGreaterThanOrEqual(before);
  });

  it('refuses a missing or wrong signature with 401 and a body that says why, storing nothing', async () => {
    const hook = await startHook();
    const body = JSON.stringify({ mentions: [webhookMention('x1')] });
    const missing = await postSigned(hook.url, SECRET, body, { signature: null });
    expect(missing).toEqual({ status: 401, json: { error: expect.stringContaining('missing X-Earshot-Signature') } });
    const wrong = await postSigned(hook.url, 'not-the-secret-at-all-123', body);
    expect(wrong).toEqual({ status: 401, json: { error: expect.stringContaining('signature does not match') } });
    const stale = await postSigned(hook.url, SECRET, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(stale).toEqual({ status: 401, json: { error: expect.stringContaining('refused as replays') } });
    expect(countRows(hook.services.store, 'mentions')).toBe(0);
  });

  it('answers 413 for a body over the limit, declared or streamed, without reading it', async () => {
    const hook = await startHook({ maxBodyBytes: 2048 });
    const big = JSON.stringify({ mentions: [webhookMention('big', { text: 'x'.repeat(5000) })] });
    const declared = await postSigned(hook.url, SECRET, big);
    expect(declared).toEqual({ status: 413, json: { error: 'the body is larger than 2048 bytes' } });

    // Chunked, with no Content-Length: the limit is enforced while reading.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(hook.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(countRows(hook.services.store, 'mentions')).toBe(0);
  });

  it('stores the good items of a mixed batch and reports each bad one by index with its reason', async () => {
    const hook = await startHook();
    const items: unknown[] = [
      webhookMention('ok1'),
      webhookMention('bad-text', { text: '' }),
      'just a string',
      webhookMention('bad-time', { publishedAt: 'last tuesday' }),
      webhookMention('bad-followers', { followers: -5 }),
      webhookMention('bad-platform', { platform: 'myspace' }),
      { text: 'no id, no author' },
      webhookMention('ok1'),
      webhookMention('future', { publishedAt: '2999-01-01T00:00:00Z' }),
      webhookMention('ok2'),
    ];
    const { status, json } = await postSigned(hook.url, SECRET, JSON.stringify({ mentions: items }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ received: 10, stored: 3, duplicates: 1, rejected: 6 });
    const results = json.results as Array<{ index: number; status: string; error?: string; id: string | null }>;
    expect(results.map((r) => r.status)).toEqual([
      'stored',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'stored',
      'duplicate',
      'rejected',
      'stored',
    ]);
    expect(results[1]!.error).toBe('text: is empty');
    expect(results[2]!.error).toBe('an item must be a JSON object');
    expect(results[3]!.error).toMatch(/^publishedAt: "last tuesday" is not a readable time/);
    expect(results[4]!.error).toMatch(/^followers: "-5" is not a whole number/);
    expect(results[5]!.error).toMatch(/^platform: "myspace" is not one of/);
    expect(results[8]!.error).toMatch(/^publishedAt: .*not a plausible time/);
    // No id: the content is its identity, so a resend is still recognised.
    expect(results[6]!.id).toMatch(/^sha256:/);
    expect(storedIds(hook)).toEqual([results[6]!.id, 'ok1', 'ok2'].sort());
  });

  it('treats a resent batch as duplicates, and a batch with nothing usable as 422', async () => {
    const hook = await startHook();
    const body = JSON.stringify({ mentions: [webhookMention('r1'), webhookMention('r2')] });
    expect((await postSigned(hook.url, SECRET, body)).json).toMatchObject({ stored: 2 });
    const again = await postSigned(hook.url, SECRET, body);
    expect(again).toMatchObject({ status: 200, json: { stored: 0, duplicates: 2 } });
    const useless = await postSigned(hook.url, SECRET, JSON.stringify({ mentions: [{ id: 'n' }] }));
    expect(useless).toMatchObject({ status: 422, json: { rejected: 1 } });
    expect(countRows(hook.services.store, 'mentions')).toBe(2);
  });

  it('answers wrong routes, methods, types, bodies and paused sources plainly', async () => {
    const hook = await startHook();
    const base = hook.url.replace(/\/hooks\/.*$/, '');
    expect((await postSigned(`${base}/hooks/nope`, SECRET, '[]')).status).toBe(404);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    const get = await fetch(hook.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(await postSigned(hook.url, SECRET, '[]', { contentType: 'text/plain' })).toEqual({
      status: 415,
      json: { error: 'Content-Type must be application/json, not "text/plain"' },
    });
    expect(await postSigned(hook.url, SECRET, '{"mentions": [')).toMatchObject({ status: 400, json: { error: expect.stringContaining('not valid JSON') } });
    expect(await postSigned(hook.url, SECRET, '{"items": []}')).toMatchObject({ status: 400, json: { error: expect.stringContaining('{"mentions"') } });
    expect(await postSigned(hook.url, SECRET, '[]')).toMatchObject({ status: 400, json: { error: 'no mentions in the body' } });
    hook.services.scheduler.setEnabled(hook.sourceId, false);
    const paused = await postSigned(hook.url, SECRET, JSON.stringify([webhookMention('p')]));
    expect(paused).toMatchObject({ status: 503, json: { error: expect.stringContaining('paused') } });
    expect(countRows(hook.services.store, 'mentions')).toBe(0);
  });

  it('shows the source as live while listening, and says so plainly when the port is taken', async () => {
    const hook = await startHook();
    await waitFor('a successful webhook poll', () => hook.services.scheduler.healthOfSource(hook.sourceId)?.state === 'ok');

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const taken = await startHook({}, port);
    expect(taken.services.webhooks.status()).toEqual({
      address: null,
      problem: expect.stringContaining(`127.0.0.1:${port}: the port is in use (set EARSHOT_WEBHOOK_PORT`),
    });
    const health = await waitFor('the failure in health', () => {
      const h = taken.services.scheduler.healthOfSource(taken.sourceId);
      return h?.state === 'error' ? h : null;
    });
    expect(health.lastError).toContain('the port is in use');
  });

  it.skipIf(!hasTools('openssl', 'curl', 'sh'))("accepts a request made with the listening guide's openssl + curl example", async () => {
    const hook = await startHook();
    const guide = readFileSync(join(__dirname, '../../../../docs/listening.md'), 'utf8');
    const snippet = /```sh\n(SECRET=[\s\S]*?)```/.exec(guide)?.[1];
    expect(snippet).toBeDefined();
    const script = snippet!.replace(/SECRET='[^']*'/, `SECRET='${SECRET}'`).replace(/URL='[^']*'/, `URL='${hook.url}'`);
    // Asynchronously: the receiver answering curl runs in this very process.
    const { stdout } = await promisify(execFile)('sh', ['-c', script], { encoding: 'utf8', timeout: 20_000 });
    const answer = JSON.parse(stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ received: 1, stored: 1, results: [{ index: 0, id: 't-1001', status: 'stored' }] });
    expect(storedIds(hook)).toEqual(['t-1001']);
  });

  it('never shows the shared secret in the source settings the UI reads', async () => {
    const hook = await startHook();
    const view = JSON.stringify(hook.services.sources.get(hook.sourceId));
    expect(view).not.toContain(SECRET);
    expect(hook.services.store.sources.get(hook.sourceId)?.config).not.toContain(SECRET);
  });
});

describe('webhookEnv', () => {
  it('reads EARSHOT_WEBHOOK_HOST and EARSHOT_WEBHOOK_PORT, defaulting to 127.0.0.1:4871', () => {
    expect(webhookEnv({})).toEqual({ host: '127.0.0.1', port: 4871 });
    expect(webhookEnv({ EARSHOT_WEBHOOK_HOST: '0.0.0.0', EARSHOT_WEBHOOK_PORT: '9000' })).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(() => webhookEnv({ EARSHOT_WEBHOOK_PORT: 'http' })).toThrow(ConfigError);
    expect(() => webhookEnv({ EARSHOT_WEBHOOK_PORT: '70000' })).toThrow(/EARSHOT_WEBHOOK_PORT must be a port number/);
  });
});
