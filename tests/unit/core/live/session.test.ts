/**
 * A window's view of the core: one session through the real composition root on a temporary
 * data folder, with the demo source running fast.
 */
import { LOCAL_OWNER } from '../../../support/local-owner';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION, type ServerFrame } from '@shared/contract/frames';
import type { WindowLayout } from '@shared/domain/layout';
import type { Core, CoreSession } from '../../../../electron/core/app/core-api';
import { DataDirLockedError } from '../../../../electron/core/app/data-dir-lock';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { openStore } from '../../../../electron/core/store/store';
import { sleep, useTempDirs, waitFor } from '../../../support/core-helpers';

const tempDir = useTempDirs();

type ErrorFrame = Extract<ServerFrame, { ok: false }>;
type EventFrame = Extract<ServerFrame, { t: 'evt' }>;

/** A window: sends frames, keeps every frame the core sent back. */
class Window {
  readonly frames: ServerFrame[] = [];
  readonly session: CoreSession;
  /** Call ids far from the small ids the raw-frame tests use, so answers cannot be confused. */
  private nextId = 1_000;

  constructor(core: Core) {
    this.session = core.openSession((frame) => this.frames.push(JSON.parse(frame) as ServerFrame), LOCAL_OWNER);
  }

  /** Sends a raw string and returns the first error frame that arrives after it. */
  async rawError(raw: string): Promise<ErrorFrame> {
    const from = this.frames.length;
    this.session.receive(raw);
    return waitFor(`an error frame for ${raw.slice(0, 60)}`, () => this.frames.slice(from).find((f): f is ErrorFrame => f.t === 'res' && !f.ok), 2_000);
  }

  async call(method: string, params?: unknown): Promise<Extract<ServerFrame, { t: 'res' }>> {
    const id = this.nextId++;
    const from = this.frames.length;
    this.session.receive(JSON.stringify({ t: 'req', id, method, params: params ?? {} }));
    return waitFor(
      `the answer to ${method}`,
      () => this.frames.slice(from).find((f): f is Extract<ServerFrame, { t: 'res' }> => f.t === 'res' && f.id === id),
      3_000,
    );
  }

  async result<T>(method: string, params?: unknown): Promise<T> {
    const res = await this.call(method, params);
    if (!res.ok) throw new Error(`${method} failed: ${res.error.code} ${res.error.message}`);
    return res.result as T;
  }

  events(topic: string): EventFrame[] {
    return this.frames.filter((f): f is EventFrame => f.t === 'evt' && f.topic === topic);
  }
}

const LAYOUT: WindowLayout = {
  version: 1,
  windows: [
    { view: 'sources', displayId: null, fullscreen: false, bounds: { x: 10, y: 20, width: 1200, height: 800 } },
    { view: 'overview', displayId: 2, fullscreen: true, bounds: null },
  ],
};

/**
 * A data folder whose stored demo source polls every quarter second instead of every two, so
 * waiting for "the next batch" stays short. startCore keeps a stored source's interval.
 */
function prepareDataDir(dataDir: string): void {
  const store = openStore(dataDir);
  store.sources.create({
    id: 'demo',
    kind: 'demo',
    name: 'Demo',
    config: JSON.stringify({ ratePerMinute: 1_200, episodeEveryMinutes: null, seed: 1 }),
    enabled: true,
    intervalMs: 250,
    createdAt: Date.now(),
  });
  store.close();
}

function start(dataDir: string): Promise<Core> {
  return startCore({ dataDir, version: '9.9.9-test', logger: createMemoryLogger(), demo: { ratePerMinute: 1_200, episodeEveryMinutes: null } });
}

describe('a session against a running core', () => {
  let dir: string;
  let core: Core;
  let window: Window;

  beforeAll(async () => {
    // useTempDirs cleans after each test; this folder must outlive them, so it is removed below.
    dir = mkdtempSync(join(tmpdir(), 'earshot-'));
    prepareDataDir(dir);
    core = await start(dir);
    window = new Window(core);
    // Subscribed before the first poll runs, so its batch is pushed too.
    window.session.receive(JSON.stringify({ t: 'sub', topic: 'volume.delta' }));
    window.session.receive(JSON.stringify({ t: 'sub', topic: 'mentions.new' }));
  });

  afterAll(async () => {
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says hello first, with the protocol, version and data folder', () => {
    expect(window.frames[0]).toMatchObject({ t: 'hello', protocol: PROTOCOL_VERSION, version: '9.9.9-test', dataDir: core.dataDir });
    expect(core.dataDir).toBe(dir);
  });

  it('answers every kind of bad frame with an error that names the problem, and keeps serving', async () => {
    expect(await window.rawError('{"t":"req", this is not json')).toEqual({
      t: 'res',
      id: null,
      ok: false,
      error: { code: 'bad-frame', message: 'frame refused: not JSON' },
    });

    for (const raw of ['42', 'null', '"req"', '[]']) {
      const error = await window.rawError(raw);
      expect(error).toMatchObject({ id: null, error: { code: 'bad-frame' } });
      expect(error.error.message).toMatch(/expected object/);
    }

    const unknownType = await window.rawError('{"t":"zap","id":7}');
    expect(unknownType).toMatchObject({ id: 7, error: { code: 'bad-frame' } });
    expect(unknownType.error.message).toMatch(/^frame refused: t: /);
    expect(unknownType.error.message).toContain("'req' | 'sub' | 'unsub'");

    const extraKey = await window.rawError('{"t":"req","id":8,"method":"health.get","params":{},"sneaky":1}');
    expect(extraKey).toMatchObject({ id: 8, error: { code: 'bad-frame' } });
    expect(extraKey.error.message).toContain('sneaky');

    const badTopic = await window.rawError('{"t":"sub","topic":"everything"}');
    expect(badTopic.error.message).toMatch(/topic: .*volume\.delta/);

    const unknownMethod = await window.call('mentions.deleteAll', {});
    expect(unknownMethod).toMatchObject({ ok: false, error: { code: 'unknown-method', message: 'unknown method "mentions.deleteAll"' } });

    const wrongType = await window.call('volume.recent', { minutes: 'ten' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'bad-params' } });
    expect(!wrongType.ok && wrongType.error.message).toMatch(/^volume\.recent: minutes: .*expected number, received string/);

    const extraParam = await window.call('health.get', { verbose: true });
    expect(!extraParam.ok && extraParam.error).toMatchObject({ code: 'bad-params' });
    expect(!extraParam.ok && extraParam.error.message).toContain('verbose');

    const outOfRange = await window.call('mentions.recent', { limit: 501 });
    expect(!outOfRange.ok && outOfRange.error.code).toBe('bad-params');
    expect(!outOfRange.ok && outOfRange.error.message).toMatch(/limit: .*500/);

    const notAnInteger = await window.call('volume.recent', { minutes: 1.5 });
    expect(!notAnInteger.ok && notAnInteger.error.message).toMatch(/minutes/);

    const oversize = await window.rawError(JSON.stringify({ t: 'req', id: 9, method: 'health.get', params: {}, pad: 'x'.repeat(MAX_FRAME_BYTES) }));
    expect(oversize).toMatchObject({ id: null, error: { code: 'bad-frame' } });
    expect(oversize.error.message).toContain(`larger than ${MAX_FRAME_BYTES} bytes`);

    // After all that, the same session still works.
    const health = await window.result<{ status: string; version: string; dataDir: string }>('health.get');
    expect(health).toMatchObject({ status: 'ok', version: '9.9.9-test', dataDir: dir });
  });

  it('refuses a frame over the size limit in bytes even when it has fewer characters than that', async () => {
    // Three bytes per character in UTF-8: well over the limit on the wire, under it in characters.
    const raw = JSON.stringify({ t: 'req', id: 10, method: 'health.get', params: {}, pad: '€'.repeat(Math.ceil(MAX_FRAME_BYTES / 2)) });
    expect(raw.length).toBeLessThan(MAX_FRAME_BYTES);
    expect(Buffer.byteLength(raw)).toBeGreaterThan(MAX_FRAME_BYTES);
    const error = await window.rawError(raw);
    expect(error.error.message).toContain('larger than');
  });

  it('pushes volume.delta and mentions.new to subscribers, and stops after unsub or close', async () => {
    const volume = await waitFor('a volume.delta event', () => window.events('volume.delta')[0], 6_000);
    const mentions = await waitFor('a mentions.new event', () => window.events('mentions.new')[0], 6_000);

    const buckets = (volume.payload as { buckets: Array<{ minute: number; total: number }> }).buckets;
    expect(buckets.length).toBeGreaterThan(0);
    expect(buckets.every((b) => b.minute % 60_000 === 0 && b.total > 0)).toBe(true);
    const pushed = (mentions.payload as { mentions: Array<{ id: number; sourceId: string; publishedAt: number }> }).mentions;
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed.every((m) => m.sourceId === 'demo' && m.id > 0)).toBe(true);
    for (let i = 1; i < pushed.length; i++) expect(pushed[i - 1]!.publishedAt).toBeGreaterThanOrEqual(pushed[i]!.publishedAt);

    window.session.receive(JSON.stringify({ t: 'unsub', topic: 'volume.delta' }));
    window.session.receive(JSON.stringify({ t: 'unsub', topic: 'mentions.new' }));
    const eventsBefore = window.events('volume.delta').length + window.events('mentions.new').length;
    // A second window subscribes and goes away: it must get nothing more, not even answers.
    const closed = new Window(core);
    closed.session.receive(JSON.stringify({ t: 'sub', topic: 'mentions.new' }));
    closed.session.close();
    closed.session.receive(JSON.stringify({ t: 'req', id: 1, method: 'health.get', params: {} }));
    const closedFrames = closed.frames.length;

    const mentionsBefore = core.health().mentions;
    // Long enough for at least one more demo poll to store mentions.
    await waitFor('another stored batch', () => core.health().mentions > mentionsBefore, 6_000);
    await sleep(100);
    expect(window.events('volume.delta').length + window.events('mentions.new').length).toBe(eventsBefore);
    expect(closed.frames.length).toBe(closedFrames);
    expect(closed.frames.map((f) => f.t)).toEqual(['hello']);
  });

  it('answers not-found for a missing alert and for a demo episode on a source that is not a demo', async () => {
    const missing = await window.call('alerts.acknowledge', { id: 987_654, by: 'tester' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: 'alert 987654 does not exist' } });

    const notDemo = await window.call('demo.triggerEpisode', { sourceId: 'replay-nope', kind: 'outage' });
    expect(notDemo).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(!notDemo.ok && notDemo.error.message).toContain('replay-nope');

    const badKind = await window.call('demo.triggerEpisode', { sourceId: 'demo', kind: 'earthquake' });
    expect(!badKind.ok && badKind.error.code).toBe('bad-params');

    const episode = await window.result<{ episodeId: string; startsAt: number; endsAt: number }>('demo.triggerEpisode', { sourceId: 'demo', kind: 'outage' });
    expect(episode.episodeId).toBe(`outage-${episode.startsAt}`);
    expect(episode.endsAt).toBeGreaterThan(episode.startsAt);
  });

  it('lets windows read the layout but only the shell change it; refuses an invalid one', async () => {
    expect(core.getLayout()).toBeNull();
    const fallback = await window.result<{ layout: WindowLayout }>('layout.get');
    expect(fallback.layout.windows.length).toBeGreaterThan(0);

    const fromWindow = await window.call('layout.set', { layout: LAYOUT });
    expect(fromWindow).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    expect(core.getLayout()).toBeNull();

    core.setLayout(LAYOUT);
    expect(core.getLayout()).toEqual(LAYOUT);

    const invalids: unknown[] = [
      { version: 2, windows: LAYOUT.windows },
      { version: 1, windows: [] },
      { version: 1, windows: [{ view: 'admin', displayId: null, fullscreen: false, bounds: null }] },
      { version: 1, windows: [{ view: 'overview', displayId: null, fullscreen: false, bounds: { x: 0, y: 0, width: 10, height: 10 } }] },
    ];
    for (const layout of invalids) {
      expect(() => core.setLayout(layout as WindowLayout)).toThrow(/^invalid window layout: /);
    }
    expect(core.getLayout()).toEqual(LAYOUT);
    expect((await window.result<{ layout: WindowLayout }>('layout.get')).layout).toEqual(LAYOUT);
  });
});

describe('the data-folder lock around startCore', () => {
  it('refuses a second core on the same folder without disturbing the first, and frees it on stop', async () => {
    const dir = tempDir();
    prepareDataDir(dir);
    const first = await start(dir);
    try {
      await waitFor('first mentions', () => first.health().mentions > 0, 6_000);

      let error: unknown;
      try {
        await start(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(dir);
      expect((error as DataDirLockedError).ownerPid).toBe(process.pid);

      // The first core did not notice.
      expect(JSON.parse(readFileSync(join(dir, 'earshot.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
      const before = first.health().mentions;
      await waitFor('the first core to keep storing', () => first.health().mentions > before, 6_000);
      expect(first.health().status).toBe('ok');
      const window = new Window(first);
      expect((await window.result<{ status: string }>('health.get')).status).toBe('ok');
    } finally {
      await first.stop();
    }
    expect(existsSync(join(dir, 'earshot.lock'))).toBe(false);
    await first.stop(); // idempotent

    const second = await start(dir);
    try {
      // Same database: the first core's mentions are still there.
      expect(second.health().mentions).toBeGreaterThan(0);
      expect(second.health().dataDir).toBe(dir);
    } finally {
      await second.stop();
    }
  });
});
