/**
 * Managing sources through a real session of the real core (startCore on a temporary data folder),
 * against a real 127.0.0.1 server speaking X API v2 recent search: kinds, field-level validation,
 * create/get/update/delete, test connection, and the promise that a token set through the API is
 * in no database file, log line or frame sent to a window, only in a 0600 secrets file.
 */
import { LOCAL_OWNER } from '../../../support/local-owner';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResults } from '@shared/contract/api';
import type { ServerFrame } from '@shared/contract/frames';
import type { SourceSaveResult, SourceSettings } from '@shared/domain/source-admin';
import type { SourceHealth } from '@shared/domain/source';
import type { Core, CoreSession } from '../../../../electron/core/app/core-api';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { SECRETS_FILE } from '../../../../electron/core/secrets/secret-store';
import { openStore } from '../../../../electron/core/store/store';
import { sleep, useTempDirs, waitFor } from '../../../support/core-helpers';
import { sendBody, startScriptedServer, type ScriptedServer } from './support/http-server';
import { LOCAL_TEST_HOSTS } from '../../../support/outbound';

const tempDir = useTempDirs();
const X_PAGE = readFileSync(join(__dirname, '../../../fixtures/listening-ops/x-recent-search.json'), 'utf8');
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAKestrelToken%2Bone%3Dsecret0123456789';
const NEW_TOKEN = 'BBBBBBBBBBBBBBBBBBBBBKestrelToken%2Btwo%3Dsecret9876543210';
const posix = process.platform !== 'win32';

type Res = Extract<ServerFrame, { t: 'res' }>;

/** A window: sends frames, keeps every raw frame the core sent back. */
class Window {
  readonly raw: string[] = [];
  readonly session: CoreSession;
  private nextId = 1;
  constructor(core: Core) {
    this.session = core.openSession((frame) => this.raw.push(frame), LOCAL_OWNER);
  }
  async call(method: string, params: unknown): Promise<Res> {
    const id = this.nextId++;
    const from = this.raw.length;
    this.session.receive(JSON.stringify({ t: 'req', id, method, params }));
    return waitFor(
      `the answer to ${method}`,
      () =>
        this.raw
          .slice(from)
          .map((f) => JSON.parse(f) as ServerFrame)
          .find((f): f is Res => f.t === 'res' && f.id === id),
      20_000,
    );
  }
  async result<M extends keyof ApiResults>(method: M, params: unknown): Promise<ApiResults[M]> {
    const res = await this.call(method, params);
    if (!res.ok) throw new Error(`${method} failed: ${res.error.code} ${res.error.message}`);
    return res.result as ApiResults[M];
  }
}

let dataDir: string;
let core: Core;
let win: Window;
let server: ScriptedServer;
let logger: ReturnType<typeof createMemoryLogger>;

function xSettings(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { baseUrl: server.baseUrl, query: 'kestrel mobile', bearerToken: TOKEN, ...patch };
}

async function createX(patch: Record<string, unknown> = {}): Promise<SourceSettings> {
  const saved = await win.result('sources.create', { kind: 'x', name: 'X: Kestrel', intervalMs: 60_000, settings: xSettings(patch) });
  if (!saved.ok) throw new Error(`create failed: ${JSON.stringify(saved.errors)}`);
  return saved.source;
}

async function health(id: string): Promise<SourceHealth | undefined> {
  return (await win.result('sources.list', {})).sources.find((s) => s.id === id);
}

/** Like waitFor, for checks that need a call to the core. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

function authorizations(): string[] {
  return server.requests.map((r) => String(r.headers.authorization ?? ''));
}

beforeEach(async () => {
  dataDir = tempDir();
  logger = createMemoryLogger();
  server = await startScriptedServer(
    sendBody(X_PAGE, 'application/json; charset=utf-8', 200, {
      'x-rate-limit-remaining': '449',
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
    }),
  );
  core = await startCore({ dataDir, version: 'test', logger, outboundAllow: [...LOCAL_TEST_HOSTS], demo: { enabled: false } });
  win = new Window(core);
});

afterEach(async () => {
  win.session.close();
  await core.stop();
  await server.close();
});

describe('sources.kinds', () => {
  it('lists every kind with a form, without schemas', async () => {
    const { kinds, secrets } = await win.result('sources.kinds', {});
    expect(secrets).toEqual({ backend: 'file', problem: null });
    const x = kinds.find((k) => k.kind === 'x');
    expect(x).toBeDefined();
    expect(x!.secretFields).toEqual(['bearerToken']);
    expect(x!.fields.find((f) => f.key === 'bearerToken')?.type).toBe('secret');
    expect(x!.defaultIntervalMs).toBeGreaterThan(0);
    expect(kinds.map((k) => k.kind)).toContain('feed');
    expect(kinds.map((k) => k.kind)).not.toContain('demo');
    expect(Object.keys(x!)).not.toContain('schema');
  });
});

describe('creating a source', () => {
  it('answers field by field, naming each field, and stores nothing', async () => {
    const answer = await win.result('sources.create', {
      kind: 'x',
      name: '   ',
      intervalMs: 10,
      settings: { baseUrl: 'ftp://api.example', query: '', bearerToken: '' },
    });
    expect(answer.ok).toBe(false);
    const errors = new Map((answer as Extract<SourceSaveResult, { ok: false }>).errors.map((e) => [e.field, e.message]));
    expect(errors.get('name')).toBe('required');
    expect(errors.get('intervalMs')).toBe('at least 1 s');
    expect(errors.get('settings.baseUrl')).toMatch(/http:\/\/ or https:\/\//);
    expect(errors.get('settings.query')).toBeDefined();
    expect(errors.get('settings.bearerToken')).toBe('required');
    expect((await win.result('sources.list', {})).sources).toHaveLength(1); // the paused demo only

    const unknown = await win.result('sources.create', { kind: 'telepathy', name: 'n', settings: {} });
    expect(unknown).toEqual({ ok: false, errors: [{ field: 'kind', message: '"telepathy" is not a kind of source that can be added here' }] });
    const extra = await win.result('sources.create', { kind: 'x', name: 'n', settings: { ...xSettings(), colour: 'blue' } });
    expect(extra.ok ? [] : extra.errors).toEqual([{ field: 'settings', message: 'not a setting of this kind: colour' }]);
  });

  it('starts the source at once; its token goes only to the platform and a 0600 file', async () => {
    const source = await createX();
    expect(source.id).toMatch(/^x-[0-9a-f]{8}$/);
    expect(source.settings).toEqual({ baseUrl: server.baseUrl, query: 'kestrel mobile' });
    expect(source.secrets).toEqual({ bearerToken: 'set' });

    await eventually('the first poll to store the page', async () => (await health(source.id))?.itemsTotal === 2);
    expect(authorizations()[0]).toBe(`Bearer ${TOKEN}`);
    const first = new URL(server.requests[0]!.url, server.baseUrl);
    expect(first.pathname).toBe('/2/tweets/search/recent');
    expect(first.searchParams.get('query')).toBe('kestrel mobile');

    const got = await win.result('sources.get', { id: source.id });
    expect(got.source).toMatchObject({ id: source.id, kind: 'x', name: 'X: Kestrel', editable: true, deletable: true, secrets: { bearerToken: 'set' } });
    expect(got.source.settings).not.toHaveProperty('bearerToken');
    expect(got.source.health?.itemsTotal).toBe(2);

    // A failing poll's error must not carry the token either.
    server.fallback = sendBody('{"title":"Unauthorized","detail":"Unauthorized","type":"about:blank","status":401}', 'application/json', 401);
    await win.result('sources.update', { id: source.id, intervalMs: 1_000 });
    await eventually('a failed poll', async () => (await health(source.id))?.state === 'error');
    await win.result('health.get', {});
    await win.result('sources.get', { id: source.id });

    await core.stop();
    // The database (main file and write-ahead log), the log and every frame: no token anywhere.
    for (const file of ['earshot.db', 'earshot.db-wal']) {
      const path = join(dataDir, file);
      if (existsSync(path)) expect(readFileSync(path).includes(Buffer.from(TOKEN)), `${file} holds the token`).toBe(false);
    }
    expect(logger.lines.filter((l) => l.includes(TOKEN))).toEqual([]);
    expect(logger.lines.some((l) => l.includes('source poll failed') && l.includes(source.id))).toBe(true);
    expect(win.raw.filter((f) => f.includes(TOKEN))).toEqual([]);
    expect(win.raw.some((f) => f.includes('"bearerToken":"set"'))).toBe(true);
    const secretsFile = join(dataDir, SECRETS_FILE);
    expect(readFileSync(secretsFile, 'utf8')).toContain(TOKEN);
    if (posix) expect(statSync(secretsFile).mode & 0o777).toBe(0o600);

    // And after a restart the source gets its token back from the secrets file.
    server.fallback = sendBody(X_PAGE, 'application/json');
    const before = server.requests.length;
    core = await startCore({ dataDir, version: 'test', logger, outboundAllow: [...LOCAL_TEST_HOSTS], demo: { enabled: false } });
    win = new Window(core);
    await waitFor('a poll after the restart', () => server.requests.length > before, 10_000);
    expect(authorizations().at(-1)).toBe(`Bearer ${TOKEN}`);
  });
});

describe('a secrets file others can read', () => {
  it.skipIf(!posix)('is refused at start: the sources needing it say why, the others run, nothing new is stored', async () => {
    const source = await createX();
    await waitFor('the first poll', () => server.requests.length >= 1);
    await core.stop();
    chmodSync(join(dataDir, SECRETS_FILE), 0o644);

    core = await startCore({
      dataDir,
      version: 'test',
      logger,
      outboundAllow: [...LOCAL_TEST_HOSTS],
      demo: { enabled: true, ratePerMinute: 600, episodeEveryMinutes: null },
    });
    win = new Window(core);
    const x = await health(source.id);
    expect(x?.state).toBe('error');
    expect(x?.lastError).toContain('can be read by other users (mode 0644)');
    expect(x?.lastError).not.toContain(TOKEN);
    // The demo (paused by the first start) needs no secret: it runs.
    await win.result('sources.setEnabled', { id: 'demo', enabled: true });
    await eventually('the demo to run', async () => ((await health('demo'))?.itemsTotal ?? 0) > 0);
    expect(logger.lines.some((l) => l.includes('stored secrets are not used'))).toBe(true);

    expect((await win.result('sources.kinds', {})).secrets.problem).toContain('chmod 600');
    const refused = await win.call('sources.create', { kind: 'x', name: 'Another', settings: xSettings() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(refused.ok ? '' : refused.error.message).toContain('chmod 600');
    expect(statSync(join(dataDir, SECRETS_FILE)).mode & 0o777).toBe(0o644);
    expect((await win.result('sources.list', {})).sources.map((s) => s.id).sort()).toEqual(['demo', source.id].sort());
  });
});

describe('changing a source', () => {
  it('keeps a secret the form left out, replaces one it sent, and restarts the source with it', async () => {
    const source = await createX();
    // The cursor is stored when the first poll's batch commits, a moment after the server answers.
    const storedCursor = (): string | null => {
      const stored = openStore(dataDir);
      try {
        return stored.sources.get(source.id)?.cursor ?? null;
      } finally {
        stored.close();
      }
    };
    await waitFor('the first poll stored', () => server.requests.length >= 1 && storedCursor() !== null);

    const renamed = await win.result('sources.update', { id: source.id, name: 'X: brand', settings: { baseUrl: server.baseUrl, query: 'kestrel mobile' } });
    expect(renamed).toMatchObject({ ok: true, source: { name: 'X: brand', secrets: { bearerToken: 'set' } } });
    // Same settings: the cursor still means the same thing and is kept.
    expect(storedCursor()).not.toBeNull();

    const count = server.requests.length;
    const changed = await win.result('sources.update', {
      id: source.id,
      settings: { baseUrl: server.baseUrl, query: '"kestrel mobile" outage', bearerToken: NEW_TOKEN },
    });
    expect(changed.ok).toBe(true);
    await waitFor('a poll with the new settings', () => server.requests.length > count, 10_000);
    const next = server.requests[count]!;
    const url = new URL(next.url, server.baseUrl);
    expect(url.searchParams.get('query')).toBe('"kestrel mobile" outage');
    // New query, new start: no since_id from the old query's cursor.
    expect(url.searchParams.has('since_id')).toBe(false);
    expect(next.headers.authorization).toBe(`Bearer ${NEW_TOKEN}`);
    expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).not.toContain(TOKEN);

    const invalid = await win.result('sources.update', { id: source.id, settings: { baseUrl: server.baseUrl, query: 'x', bearerToken: '' } });
    expect(invalid.ok ? [] : invalid.errors).toEqual([{ field: 'settings.bearerToken', message: 'required' }]);
    expect((await win.result('sources.get', { id: source.id })).source.secrets).toEqual({ bearerToken: 'set' });

    const missing = await win.call('sources.update', { id: 'x-nope', name: 'n' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: 'source "x-nope" does not exist' } });
  });

  it('pauses and resumes through sources.setEnabled', async () => {
    const source = await createX();
    await waitFor('the first poll', () => server.requests.length >= 1);
    const paused = await win.result('sources.setEnabled', { id: source.id, enabled: false });
    expect(paused.source.state).toBe('paused');
    expect((await win.result('sources.get', { id: source.id })).source.enabled).toBe(false);
    const resumed = await win.result('sources.setEnabled', { id: source.id, enabled: true });
    expect(resumed.source.enabled).toBe(true);
  });
});

describe('test connection', () => {
  it('polls one page from unsaved settings, shows what it would store, and stores nothing', async () => {
    const result = await win.result('sources.test', { kind: 'x', settings: xSettings() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.received).toBe(2);
    expect(result.valid).toBe(2);
    expect(result.skipped).toEqual([]);
    expect(result.sample.map((m) => m.externalId)).toEqual(['1860001234567890002', '1860001234567890001']);
    expect(result.sample[0]).toMatchObject({
      platform: 'x',
      authorHandle: '@dana_o',
      authorFollowers: 5400,
      likes: 17,
      text: '@KestrelMobile no signal in Leeds since 8am, any update? <b>not bold</b>',
    });
    expect(authorizations()).toEqual([`Bearer ${TOKEN}`]);
    expect((await win.result('health.get', {})).mentions).toBe(0);
    expect((await win.result('sources.list', {})).sources.map((s) => s.id)).toEqual(['demo']);
  });

  it("uses a saved source's stored token when the form leaves it out", async () => {
    const source = await createX();
    await waitFor('the first poll', () => server.requests.length >= 1);
    const result = await win.result('sources.test', { kind: 'x', id: source.id, settings: { baseUrl: server.baseUrl, query: 'another query' } });
    expect(result.ok).toBe(true);
    expect(authorizations().at(-1)).toBe(`Bearer ${TOKEN}`);
  });

  it('says what went wrong in plain words, without the token', async () => {
    server.queue.push(sendBody('{"title":"Unauthorized","status":401}', 'application/json', 401));
    const denied = await win.result('sources.test', { kind: 'x', settings: xSettings() });
    expect(denied.ok).toBe(false);
    if (denied.ok) return;
    expect(denied.error).toMatch(/401/);
    expect(denied.error).not.toContain(TOKEN);
    expect(denied.errors).toEqual([]);

    server.queue.push(sendBody('{"title":"Too Many Requests"}', 'application/json', 429, { 'retry-after': '120' }));
    const limited = await win.result('sources.test', { kind: 'x', settings: xSettings() });
    expect(limited).toMatchObject({ ok: false, retryAfterMs: 120_000 });
    expect(limited.ok ? '' : limited.error).toMatch(/^rate limited: /);

    const invalid = await win.result('sources.test', { kind: 'x', settings: { baseUrl: 'nope' } });
    expect(invalid.ok).toBe(false);
    expect(invalid.ok ? [] : invalid.errors.map((e) => e.field).sort()).toEqual(['settings.baseUrl', 'settings.bearerToken', 'settings.query']);
    expect(server.requests).toHaveLength(2);
  });
});

describe('deleting a source', () => {
  it('stops it, forgets its secrets and keeps the mentions it stored', async () => {
    const source = await createX();
    await eventually('the first poll to store the page', async () => (await health(source.id))?.itemsTotal === 2);
    await win.result('sources.update', { id: source.id, intervalMs: 1_000 });

    const deleted = await win.result('sources.delete', { id: source.id });
    expect(deleted).toEqual({ id: source.id, keptMentions: 2 });
    const requests = server.requests.length;
    await sleep(1_500);
    expect(server.requests.length).toBe(requests);
    expect((await win.result('sources.list', {})).sources.map((s) => s.id)).toEqual(['demo']);
    expect(await win.call('sources.get', { id: source.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await win.call('sources.delete', { id: source.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect((await win.result('health.get', {})).mentions).toBe(2);
    expect(readFileSync(join(dataDir, SECRETS_FILE), 'utf8')).not.toContain(TOKEN);

    // And it stays deleted across a restart.
    await core.stop();
    core = await startCore({ dataDir, version: 'test', logger, outboundAllow: [...LOCAL_TEST_HOSTS], demo: { enabled: false } });
    win = new Window(core);
    expect((await win.result('sources.list', {})).sources.map((s) => s.id)).toEqual(['demo']);
  });

  it('refuses to delete the built-in demo source', async () => {
    const answer = await win.call('sources.delete', { id: 'demo' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await win.result('sources.get', { id: 'demo' })).source).toMatchObject({ deletable: false, editable: false, settings: { ratePerMinute: 30 } });
  });
});
