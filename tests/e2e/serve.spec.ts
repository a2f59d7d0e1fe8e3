/**
 * Serve mode from the outside: the health endpoint, the data-folder lock, the WebSocket's
 * handling of hostile clients, and the static server's refusal to leave the renderer folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HealthReport } from '@shared/domain/health';
import { expect, test } from './support/fixtures';
import { DEMO_SOURCE_ID } from './support/pages';
import { CONTENT_SECURITY_POLICY } from '@shared/contract/content-security-policy';
import { rawRequest } from './support/raw-http';
import { PROJECT_ROOT, runServeToExit } from './support/serve-process';
import { socketUrl, TestSocket, UpgradeRefused } from './support/ws-client';

const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const CSP = CONTENT_SECURITY_POLICY;

async function health(url: string, cookie?: string): Promise<HealthReport> {
  const res = await fetch(new URL('/api/health', url), cookie ? { headers: { Cookie: cookie } } : {});
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as HealthReport;
}

test('GET /api/health tells anyone the status only, and a signed-in person the core, its version and a counting demo source', async ({ serve }) => {
  expect(await health(serve.url)).toEqual({ status: 'ok' });
  const first = await health(serve.url, serve.owner.cookie);
  expect(first.status).toBe('ok');
  expect(first.version).toBe(PACKAGE_VERSION);
  expect(first.dataDir).toBe(serve.dataDir);
  expect(Number.isInteger(first.mentions)).toBe(true);
  // Started by this test's fixture, and its uptime agrees with its start time.
  expect(first.startedAt).toBeLessThanOrEqual(Date.now());
  expect(Date.now() - first.startedAt).toBeLessThan(120_000);
  expect(Math.abs(first.uptimeSeconds - (Date.now() - first.startedAt) / 1000)).toBeLessThan(5);
  const demo = first.sources.find((source) => source.id === DEMO_SOURCE_ID);
  expect(demo, 'the demo source is listed').toBeDefined();
  expect(typeof demo?.state).toBe('string');
  expect(demo).toHaveProperty('lastSuccessAt');
  expect(demo).toHaveProperty('lastError');

  await expect.poll(async () => (await health(serve.url, serve.owner.cookie)).mentions, { timeout: 30_000 }).toBeGreaterThan(first.mentions);
});

test('every response carries the security headers; the index is not cached, hashed assets are', async ({ serve }) => {
  const index = await fetch(serve.url);
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(index.headers.get('cache-control')).toBe('no-cache');
  const html = await index.text();

  const asset = /src="\.?(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset, 'index.html loads a hashed script from /assets/').toBeDefined();
  const script = await fetch(new URL(asset ?? '/', serve.url));
  expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  expect(script.headers.get('cache-control')).toContain('immutable');

  for (const path of ['/', '/api/health', '/missing.js', asset ?? '/']) {
    const res = await fetch(new URL(path, serve.url));
    expect(res.headers.get('content-security-policy'), path).toBe(CSP);
    expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
    expect(res.headers.get('x-frame-options'), path).toBe('DENY');
  }
  expect((await fetch(new URL('/missing.js', serve.url))).status).toBe(404);
  expect((await fetch(serve.url, { method: 'POST', body: 'x' })).status).toBe(405);
  const head = await fetch(serve.url, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');
});

test('paths that try to leave the renderer folder get 400 or 404', async ({ serve }) => {
  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/%00',
    '/%E0%A4%A',
  ]) {
    const res = await rawRequest(serve.url, path);
    expect([400, 404], `${path} -> ${res.status}`).toContain(res.status);
    expect(res.body).not.toContain('"name": "earshot"');
    expect(res.body).not.toContain('root:');
  }
});

test('a second serve process on the same data folder exits with code 2 and the first keeps serving', async ({ serve }) => {
  const second = await runServeToExit({ dataDir: serve.dataDir });
  expect(second.code, second.output).toBe(2);
  expect(second.output).toContain(serve.dataDir);
  expect(second.output).toContain('already running');
  expect(second.output, 'a plain message, no stack trace').not.toMatch(/\n\s+at /);

  expect((await health(serve.url)).status).toBe('ok');
});

test('hostile WebSocket frames get error frames; the connection and other clients keep working', async ({ serve }) => {
  const url = socketUrl(serve.url);
  const attacker = await TestSocket.open(url);
  const bystander = await TestSocket.open(url);
  try {
    const hello = await attacker.waitFor((frame) => frame.t === 'hello');
    expect(hello.version).toBe(PACKAGE_VERSION);
    await bystander.waitFor((frame) => frame.t === 'hello');

    attacker.sendRaw('this is not json');
    expect((await attacker.waitFor((frame) => frame.t === 'res' && frame.ok === false)).error?.code).toBe('bad-frame');

    attacker.sendRaw(JSON.stringify({ t: 'req', id: 'x', method: 5 }));
    expect((await attacker.waitFor((frame) => frame.t === 'res' && frame.ok === false)).error?.code).toBe('bad-frame');

    const unknown = await attacker.call('nope.nothing', {});
    expect(unknown.ok).toBe(false);
    expect(unknown.error?.code).toBe('unknown-method');

    const badParams = await attacker.call('mentions.recent', { limit: 'all' });
    expect(badParams.ok).toBe(false);
    expect(badParams.error?.code).toBe('bad-params');

    const fine = await attacker.call('health.get', {});
    expect(fine.ok, 'the same connection still answers').toBe(true);

    // Over the frame limit: the transport closes the connection (1009: message too big).
    attacker.sendRaw('x'.repeat(300 * 1024));
    expect((await attacker.closed).code).toBe(1009);

    const still = await bystander.call('sources.list', {});
    expect(still.ok, 'other clients are unaffected').toBe(true);
    const newcomer = await TestSocket.open(url);
    expect((await newcomer.call('health.get', {})).ok).toBe(true);
    newcomer.close();
  } finally {
    attacker.close();
    bystander.close();
  }
});

test('binary frames close the connection with 1003', async ({ serve }) => {
  const socket = await TestSocket.open(socketUrl(serve.url));
  socket.sendRaw(Buffer.from([0xde, 0xad, 0xbe, 0xef]), true);
  expect((await socket.closed).code).toBe(1003);
});

test('WebSocket upgrades from another origin, without an origin, from an unknown host name, without a sign-in or on another path are refused', async ({
  serve,
}) => {
  const url = socketUrl(serve.url);
  const refusal = async (target: string, headers: Record<string, string>): Promise<number> => {
    try {
      const socket = await TestSocket.open(target, headers);
      socket.close();
      return 101;
    } catch (error) {
      if (error instanceof UpgradeRefused) return error.status;
      throw error;
    }
  };
  expect(await refusal(url, { Origin: 'http://evil.example' })).toBe(403);
  expect(await refusal(url, { Origin: `http://localhost:${serve.port}` }), 'another host name for the same server is another origin').toBe(403);
  expect(await refusal(url, { Origin: 'null' })).toBe(403);
  expect(await refusal(url, { Origin: '' }), 'no Origin at all').toBe(403);
  expect(await refusal(url, { Host: `evil.example:${serve.port}`, Origin: `http://evil.example:${serve.port}` }), 'a rebinding host name').toBe(421);
  expect(await refusal(url, { Cookie: '' }), 'not signed in').toBe(401);
  expect(await refusal(url, { Cookie: 'earshot_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }), 'an unknown session').toBe(401);
  expect(await refusal(new URL('/other', url).toString(), {})).toBe(404);
  // What the served page itself sends: same origin as the host it connected to.
  expect(await refusal(url, { Origin: new URL(serve.url).origin })).toBe(101);
});
