/**
 * Who can reach what, from the outside: an anonymous client gets the pages, sign-in, pairing and a
 * status-only health; a rebinding host name is refused in real Chromium; people sign in through
 * the page; a wall TV is paired with the code it shows and unpaired at once.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { chromium, type Browser } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { signIn, TEST_PASSPHRASE } from './support/sign-in';
import { socketUrl, TestSocket } from './support/ws-client';

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: new URL(url).origin, ...headers }, body: JSON.stringify(body) });

async function addPerson(hubUrl: string, name: string, role: 'agent' | 'lead' | 'admin'): Promise<void> {
  const socket = await TestSocket.open(socketUrl(hubUrl));
  try {
    const res = await socket.call('people.add', { name, role, passphrase: TEST_PASSPHRASE });
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
  } finally {
    socket.close();
  }
}

test('an anonymous client reaches only the pages, sign-in, pairing and a status-only health', async ({ serve }) => {
  const url = (path: string) => new URL(path, serve.url).toString();
  expect(await (await fetch(url('/api/health'))).json()).toEqual({ status: 'ok' });
  expect(await (await fetch(url('/api/auth/state'))).json()).toEqual({ signedIn: false, identity: null, needsOwner: false, canCreateOwner: false });
  expect((await fetch(url('/exports/earshot-report-x.csv'))).status).toBe(401);
  expect((await fetch(url('/'))).status).toBe(200);
  // The owner exists: nobody else can become it.
  expect((await post(url('/api/auth/owner'), { name: 'Mallory', passphrase: 'long enough passphrase' })).status).toBe(409);
  // A page of another site cannot post a sign-in.
  expect((await post(url('/api/auth/sign-in'), { name: 'Test Owner', passphrase: TEST_PASSPHRASE }, { Origin: 'http://evil.example' })).status).toBe(403);
  const signedIn = await post(url('/api/auth/sign-in'), { name: 'Test Owner', passphrase: TEST_PASSPHRASE });
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.getSetCookie()[0] ?? '';
  expect(cookie).toMatch(/^earshot_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  // Signing out ends that session for good.
  const pair = cookie.split(';', 1)[0]!;
  const signedInNow = async () => ((await (await fetch(url('/api/auth/state'), { headers: { Cookie: pair } })).json()) as { signedIn: boolean }).signedIn;
  expect(await signedInNow()).toBe(true);
  await post(url('/api/auth/sign-out'), {}, { Cookie: pair });
  expect(await signedInNow()).toBe(false);
});

test('every HTTP request must name a known host', async ({ serve }) => {
  const status = (host: string, path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ hostname: '127.0.0.1', port: serve.port, path, headers: { Host: host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  for (const path of ['/', '/api/health', '/api/auth/state', '/exports/x.csv']) {
    expect(await status(`evil.example:${serve.port}`, path), path).toBe(421);
    expect(await status(`localhost:${serve.port}`, path), path).not.toBe(421);
    expect(await status(`127.0.0.1:${serve.port}`, path), path).not.toBe(421);
  }
});

test('sign-in failures are rate-limited with Retry-After', async ({ serve }) => {
  const url = new URL('/api/auth/sign-in', serve.url).toString();
  for (let i = 0; i < 10; i++) expect((await post(url, { name: 'Test Owner', passphrase: `wrong ${i}` })).status).toBe(401);
  const limited = await post(url, { name: 'Test Owner', passphrase: TEST_PASSPHRASE });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
});

test('a DNS-rebinding page in real Chromium cannot read or drive the hub', async ({ serve }) => {
  const own = chromium.executablePath();
  const browser: Browser = await chromium.launch({
    executablePath: own && existsSync(own) ? undefined : '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--host-resolver-rules=MAP evil.example 127.0.0.1'],
  });
  try {
    // The victim signed in on this browser; the attacker's name now resolves to the hub.
    const context = await browser.newContext({ storageState: serve.owner.storageState });
    const page = await context.newPage();
    const evil = `http://evil.example:${serve.port}`;
    const response = await page.goto(`${evil}/`);
    expect(response?.status()).toBe(421);
    // Same origin as the hub's port by now: everything the page tries is refused.
    const attempts = await page.evaluate(async () => {
      const state = await fetch('/api/auth/state').then((r) => r.status);
      const health = await fetch('/api/health').then((r) => r.status);
      const socket = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${(globalThis as unknown as { location: { host: string } }).location.host}/ws`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
      return { state, health, socket };
    });
    expect(attempts).toEqual({ state: 421, health: 421, socket: 'refused' });
    // And the real address still works for the signed-in page.
    await page.goto(`${serve.url}#/overview`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-live', 'true');
  } finally {
    await browser.close();
  }
});

test('a person signs in on the page, acts as themself, and signs out', async ({ serve, browser }) => {
  await addPerson(serve.url, 'Ana Agent', 'agent');
  const context = await browser.newContext({ baseURL: serve.url, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/#/inbox');
  await page.getByTestId('sign-in-name').fill('Ana Agent');
  await page.getByTestId('sign-in-passphrase').fill('not her passphrase');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('wrong name or passphrase, or the account is disabled');
  await page.getByTestId('sign-in-passphrase').fill(TEST_PASSPHRASE);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('account-name')).toHaveText('Ana Agent');
  await expect(page.getByTestId('operator-signed-in')).toHaveText('Acting as Ana Agent');
  // An agent's navigation has no admin views.
  await expect(page.getByTestId('nav-inbox')).toBeVisible();
  await expect(page.getByTestId('nav-people')).toHaveCount(0);
  await expect(page.getByTestId('nav-sources')).toHaveCount(0);
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in-form')).toBeVisible();
  await context.close();
});

test('the owner adds a person in the People view, and the audit log shows it without the passphrase', async ({ serve, page }) => {
  await page.goto('/#/people');
  await page.getByTestId('person-add-name').fill('Leo Lead');
  await page.getByTestId('person-add-role').selectOption('lead');
  await page.getByTestId('person-add-passphrase').fill(TEST_PASSPHRASE);
  await page.getByTestId('person-add-submit').click();
  await expect(page.getByTestId('people-message')).toHaveText('Leo Lead added as lead');
  await expect(page.getByTestId('person-Leo Lead')).toBeVisible();
  const lead = await signIn(serve.url, 'Leo Lead');
  expect(lead.cookie).toMatch(/^earshot_session=/);

  await page.goto('/#/audit');
  await page.getByTestId('audit-method').fill('people');
  await page.getByTestId('audit-apply').click();
  const row = page.getByTestId('audit-row').first();
  await expect(row).toContainText('Test Owner');
  await expect(row).toContainText('people.add');
  await expect(row).toContainText('"passphrase":"[redacted]"');
  await expect(page.getByTestId('audit-table')).not.toContainText(TEST_PASSPHRASE);
});

test('a wall TV shows a code, a lead pairs it with a display, and unpairing sends it back to the code', async ({ serve, browser, page }) => {
  const tv = await browser.newContext({ baseURL: serve.url, storageState: { cookies: [], origins: [] } });
  const tvPage = await tv.newPage();
  await tvPage.goto('/#/wall?display=lobby');
  await expect(tvPage.getByTestId('pairing-code')).toHaveText(/^[2-9A-Z]{6}$/);
  const code = (await tvPage.getByTestId('pairing-code').textContent()) ?? '';

  // A display to pair it with.
  const admin = await TestSocket.open(socketUrl(serve.url));
  expect((await admin.call('walls.displays.get', { id: 'lobby' })).ok).toBe(true);
  admin.close();

  await page.goto('/#/control');
  await page.getByTestId('pairing-code-input').fill(code.toLowerCase());
  await page.getByTestId('pairing-display').selectOption('lobby');
  await page.getByTestId('pairing-approve').click();
  await expect(page.getByTestId('pairing-message')).toHaveText(`paired ${code} with lobby`);

  // The TV picks up its session by itself and shows its display.
  await expect(tvPage.locator('[data-public-safe]')).toBeVisible({ timeout: 15_000 });
  await expect(tvPage.getByTestId('connection-status')).toHaveAttribute('data-live', 'true');
  // A wall reads its display, and nothing of the inbox.
  const denied = await tvPage.evaluate(async () => {
    return new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://${(globalThis as unknown as { location: { host: string } }).location.host}/ws`);
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as { t: string; error?: { code: string } };
        if (frame.t === 'hello') ws.send(JSON.stringify({ t: 'req', id: 1, method: 'care.inbox', params: {} }));
        if (frame.t === 'res') resolve(frame.error?.code ?? 'ok');
      };
    });
  });
  expect(denied).toBe('forbidden');

  await page.getByTestId('pairing-revoke').click();
  await expect(tvPage.getByTestId('pairing-page')).toBeVisible({ timeout: 15_000 });
  await tv.close();
});

test('first start: the owner is created on the hub itself, never from the network', async ({ browser }) => {
  const { makeDataDir, removeDataDir, startServe } = await import('./support/serve-process');
  const { networkInterfaces } = await import('node:os');
  const dataDir = await makeDataDir();
  const hub = await startServe({ dataDir, createOwner: false, env: { EARSHOT_HOST: '0.0.0.0' } });
  try {
    // From another address of this machine (as a LAN browser would reach it): not allowed.
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
    if (lan) {
      const remote = `http://${lan}:${hub.port}`;
      expect(await (await fetch(`${remote}/api/auth/state`)).json()).toMatchObject({ needsOwner: true, canCreateOwner: false });
      expect((await post(`${remote}/api/auth/owner`, { name: 'Mallory', passphrase: 'long enough passphrase' })).status).toBe(403);
    }
    const context = await browser.newContext({ baseURL: hub.url, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto('/#/overview');
    await page.getByTestId('owner-name').fill('Olga Owner');
    await page.getByTestId('owner-passphrase').fill('the owner passphrase');
    await page.getByTestId('owner-passphrase-repeat').fill('the owner passphrase');
    await page.getByTestId('owner-submit').click();
    await expect(page.locator('body[data-earshot-view="overview"]')).toBeAttached();
    await page.goto('/#/people');
    await expect(page.getByTestId('person-Olga Owner')).toContainText('admin');
    await expect(page.getByTestId('account-name')).toHaveText('Olga Owner');
    await context.close();
  } finally {
    await hub.stop();
    await removeDataDir(dataDir);
  }
});
