/**
 * The topic calls and pushes as a window sees them: one session through the real composition root
 * (startCore) on a temporary data folder, with the demo source running fast.
 */
import { LOCAL_OWNER } from '../../../support/local-owner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerFrame } from '@shared/contract/frames';
import type { ApiResults } from '@shared/contract/api';
import type { Topic, TopicMinuteBucket } from '@shared/domain/topic';
import type { Mention } from '@shared/domain/mention';
import type { Core, CoreSession } from '../../../../electron/core/app/core-api';
import { createMemoryLogger } from '../../../../electron/core/base/logger';
import { startCore } from '../../../../electron/core/app/start-core';
import { openStore } from '../../../../electron/core/store/store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../../../support/core-helpers';

type Res = Extract<ServerFrame, { t: 'res' }>;
type Evt = Extract<ServerFrame, { t: 'evt' }>;

class Window {
  readonly frames: ServerFrame[] = [];
  readonly session: CoreSession;
  private nextId = 1;
  constructor(core: Core) {
    this.session = core.openSession((frame) => this.frames.push(JSON.parse(frame) as ServerFrame), LOCAL_OWNER);
  }
  subscribe(topic: string): void {
    this.session.receive(JSON.stringify({ t: 'sub', topic }));
  }
  async call(method: string, params: unknown): Promise<Res> {
    const id = this.nextId++;
    this.session.receive(JSON.stringify({ t: 'req', id, method, params }));
    return waitFor(`the answer to ${method}`, () => this.frames.find((f): f is Res => f.t === 'res' && f.id === id), 5_000);
  }
  async result<M extends keyof ApiResults>(method: M, params: unknown): Promise<ApiResults[M]> {
    const res = await this.call(method, params);
    if (!res.ok) throw new Error(`${method} failed: ${res.error.code} ${res.error.message}`);
    return res.result as ApiResults[M];
  }
  async error(method: string, params: unknown): Promise<{ code: string; message: string }> {
    const res = await this.call(method, params);
    if (res.ok) throw new Error(`${method} unexpectedly succeeded`);
    return res.error;
  }
  events<T>(topic: string): T[] {
    return this.frames.filter((f): f is Evt => f.t === 'evt' && f.topic === topic).map((f) => f.payload as T);
  }
}

let dataDir: string;
let core: Core;
let win: Window;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'earshot-topics-'));
  const store = openStore(dataDir);
  store.sources.create({
    id: 'demo',
    kind: 'demo',
    name: 'Demo',
    config: JSON.stringify({ ratePerMinute: 1_200, episodeEveryMinutes: null, seed: 7 }),
    enabled: true,
    intervalMs: 250,
    createdAt: Date.now(),
  });
  store.close();
  core = await startCore({ dataDir, version: '9.9.9-test', logger: createMemoryLogger(), demo: { ratePerMinute: 1_200, episodeEveryMinutes: null } });
  win = new Window(core);
  for (const topic of ['topics.changed', 'topics.volume.delta', 'mentions.new']) win.subscribe(topic);
});

afterAll(async () => {
  await core.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('topic calls through a real session', () => {
  let brand: Topic;

  it('creates a topic, pushes topics.changed, and lists it', async () => {
    // Some demo history first, so the new topic has something to re-tag.
    await waitFor('demo mentions', () => win.events<{ mentions: Mention[] }>('mentions.new').length >= 2, 10_000);
    ({ topic: brand } = await win.result('topics.create', { name: 'Kestrel Mobile', kind: 'brand', query: '@KestrelMobile OR kestrel*', color: '#1E88E5' }));
    expect(brand).toMatchObject({ name: 'Kestrel Mobile', kind: 'brand', color: '#1e88e5', enabled: true });
    await waitFor('topics.changed with the new topic', () =>
      win.events<{ topics: Topic[] }>('topics.changed').some((p) => p.topics.some((t) => t.id === brand.id)),
    );
    expect((await win.result('topics.list', {})).topics.map((t) => t.name)).toEqual(['Kestrel Mobile']);
  });

  it('tags new demo mentions live: pushes carry topicIds and the topic volume grows', async () => {
    await waitFor(
      'a pushed mention tagged with the topic',
      () => win.events<{ mentions: Mention[] }>('mentions.new').some((p) => p.mentions.some((m) => m.topicIds.includes(brand.id))),
      10_000,
    );
    await waitFor(
      'a topics.volume.delta for the topic',
      () => win.events<{ buckets: TopicMinuteBucket[] }>('topics.volume.delta').some((p) => p.buckets.some((b) => b.topicId === brand.id && b.total > 0)),
      10_000,
    );
    const total = async () =>
      (await win.result('topics.volume', { minutes: 60 })).buckets.filter((b) => b.topicId === brand.id).reduce((s, b) => s + b.total, 0);
    const before = await total();
    // Poll (the check is asynchronous) until a later demo batch has added to the topic's minutes.
    let after = before;
    for (let i = 0; i < 100 && after <= before; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await total();
    }
    expect(after).toBeGreaterThan(before);
  });

  it('previews a query over stored history, and answers a bad query with its position', async () => {
    const good = await win.result('topics.preview', { query: '@KestrelMobile AND (outage OR refund*)', limit: 3 });
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.sample.length).toBeLessThanOrEqual(3);
      for (const m of good.sample) expect(m.text.toLowerCase()).toMatch(/outage|refund/);
    }
    const all = await win.result('topics.preview', { query: 'kestrel*', limit: 0 });
    expect(all).toMatchObject({ ok: true, method: 'index', partial: false, sample: [] });
    const bad = await win.result('topics.preview', { query: 'kestrel AND (outage OR', limit: 3 });
    expect(bad).toEqual({ ok: false, error: { message: 'OR needs something after it', position: 20, length: 2 } });
  });

  it('refuses bad parameters with messages that name the field', async () => {
    expect(await win.error('topics.create', { name: 'X', kind: 'brand', query: 'x1x', color: 'red' })).toMatchObject({
      code: 'bad-params',
      message: expect.stringMatching(/color: a colour is a CSS hex colour/),
    });
    expect(await win.error('topics.create', { name: 'X', kind: 'enemy', query: 'x1x' })).toMatchObject({
      code: 'bad-params',
      message: expect.stringMatching(/kind/),
    });
    expect(await win.error('topics.create', { name: '', kind: 'brand', query: 'x1x' })).toMatchObject({
      code: 'bad-params',
      message: expect.stringMatching(/name: a topic needs a name/),
    });
    expect(await win.error('topics.create', { name: 'x'.repeat(81), kind: 'brand', query: 'x1x' })).toMatchObject({
      code: 'bad-params',
      message: expect.stringMatching(/at most 80/),
    });
    expect(await win.error('topics.create', { name: 'X', kind: 'brand', query: 'x1x', extra: 1 })).toMatchObject({ code: 'bad-params' });
    expect(await win.error('topics.create', { name: 'kestrel mobile', kind: 'brand', query: 'x1x' })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already exists/),
    });
    expect(await win.error('topics.create', { name: 'X', kind: 'brand', query: 'x1x NEAR y1y' })).toEqual({
      code: 'bad-params',
      message: 'query: NEAR needs a distance in words written straight after it, like NEAR/5 (at character 5)',
    });
    expect(await win.error('topics.preview', { query: 'x'.repeat(4_001), limit: 1 })).toMatchObject({ code: 'bad-params' });
    expect(await win.error('topics.update', { id: 424242, enabled: false })).toMatchObject({ code: 'not-found' });
    expect(await win.error('topics.delete', { id: -1 })).toMatchObject({ code: 'bad-params' });
  });

  it('pauses, edits, reports share of voice and deletes', async () => {
    const rival = (await win.result('topics.create', { name: 'Falcon', kind: 'competitor', query: 'falcon' })).topic;
    const paused = await win.result('topics.update', { id: brand.id, enabled: false });
    expect(paused.topic.enabled).toBe(false);
    const sov = await win.result('topics.shareOfVoice', { minutes: 60 });
    const mine = sov.topics.find((t) => t.topicId === brand.id)!;
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.share).toBe(1);
    expect(sov.topics.find((t) => t.topicId === rival.id)!.share).toBe(0);
    expect(await win.result('topics.delete', { id: rival.id })).toEqual({ id: rival.id });
    expect((await win.result('topics.list', {})).topics.map((t) => t.id)).toEqual([brand.id]);
  });
});
