import { afterEach, describe, expect, it } from 'vitest';
import { JetstreamSource, JETSTREAM_REWIND_US } from '../../../../electron/core/sources/jetstream/jetstream-source';
import { readJetstreamFrame, type FrameContext } from '../../../../electron/core/sources/jetstream/jetstream-events';
import { keywordMatcher } from '../../../../electron/core/sources/streams/keywords';
import { SourceConfigError } from '../../../../electron/core/sources/adapter';
import { jetstreamConfigSchema } from '@shared/contract/source-config/jetstream';
import { useTempDirs, waitFor } from '../../../support/core-helpers';
import { openRig, type Rig } from './support/drive';
import { buildJetstreamEvents, startJetstreamServer, wantedUris, type JetstreamServer } from './support/jetstream-server';
import { outboundFor } from '../../../support/outbound';

const tempDir = useTempDirs();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function frameContext(keywords = ['kestrel'], languages: string[] = []): FrameContext {
  return { matches: keywordMatcher(keywords), languages, handles: new Map() };
}

async function server(...args: Parameters<typeof startJetstreamServer>): Promise<JetstreamServer> {
  const s = await startJetstreamServer(...args);
  cleanups.push(() => s.close());
  return s;
}

function source(endpoint: string, options: ConstructorParameters<typeof JetstreamSource>[2] = {}): JetstreamSource {
  const s = new JetstreamSource('jet', jetstreamConfigSchema.parse({ endpoint, keywords: ['kestrel'] }), options);
  cleanups.push(() => s.close());
  return s;
}

function rig(): Rig {
  const r = openRig(tempDir(), 'jet', 'jetstream', { keywords: ['kestrel'] });
  cleanups.push(() => r.store.close());
  return r;
}

describe('keywordMatcher', () => {
  it('matches whole words and phrases case-insensitively, prefixes with *, hashtags and handles', () => {
    const m = keywordMatcher(['kestrel', 'no signal', 'refund*', '#KestrelDown', '@kestrel_help']);
    expect(m('My KESTREL phone')).toBe(true);
    expect(m('kestrels are birds')).toBe(false); // whole word only
    expect(m('there is NO   signal here')).toBe(true);
    expect(m('still waiting for refunds')).toBe(true);
    expect(m('unrefundable')).toBe(false);
    expect(m('again #kestreldown!')).toBe(true);
    expect(m('ask @Kestrel_Help now')).toBe(true);
    expect(m('nothing relevant')).toBe(false);
    expect(keywordMatcher(['café'])('Le Café est fermé')).toBe(true);
    expect(keywordMatcher([])('anything')).toBe(false);
  });
});

describe('readJetstreamFrame', () => {
  const post = (patch: Record<string, unknown> = {}, record: Record<string, unknown> = {}): string =>
    JSON.stringify({
      did: 'did:plc:abc',
      time_us: 1_763_900_000_123_456,
      kind: 'commit',
      commit: {
        rev: 'r',
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey: '3kx',
        cid: 'c',
        record: { $type: 'app.bsky.feed.post', text: 'Kestrel is down', createdAt: '2025-11-23T12:13:20.000Z', langs: ['en'], ...record },
      },
      ...patch,
    });

  it('maps a matching post create to a mention with its at:// URI, link, language and reply-to', () => {
    const frame = readJetstreamFrame(
      post({}, { reply: { parent: { uri: 'at://did:plc:x/app.bsky.feed.post/1', cid: 'c' }, root: { uri: 'at://r', cid: 'c' } } }),
      frameContext(),
    );
    expect(frame).toEqual({
      kind: 'post',
      position: 1_763_900_000_123_456,
      mention: {
        externalId: 'at://did:plc:abc/app.bsky.feed.post/3kx',
        platform: 'bluesky',
        text: 'Kestrel is down',
        publishedAt: Date.parse('2025-11-23T12:13:20.000Z'),
        url: 'https://bsky.app/profile/did%3Aplc%3Aabc/post/3kx',
        lang: 'en',
        authorHandle: 'did:plc:abc',
        authorName: null,
        authorFollowers: null,
        replyTo: 'at://did:plc:x/app.bsky.feed.post/1',
      },
    });
  });

  it('skips posts without a keyword, other collections, deletes, updates and account events, keeping their position', () => {
    const ctx = frameContext();
    expect(readJetstreamFrame(post({}, { text: 'nice weather' }), ctx)).toMatchObject({ kind: 'skip', why: 'no keyword', position: 1_763_900_000_123_456 });
    expect(
      readJetstreamFrame(
        JSON.stringify({
          did: 'd',
          time_us: 5,
          kind: 'commit',
          commit: { operation: 'create', collection: 'app.bsky.feed.like', rkey: 'l', record: { subject: {} } },
        }),
        ctx,
      ),
    ).toMatchObject({ kind: 'skip', why: 'app.bsky.feed.like', position: 5 });
    expect(
      readJetstreamFrame(
        JSON.stringify({ did: 'd', time_us: 6, kind: 'commit', commit: { operation: 'delete', collection: 'app.bsky.feed.post', rkey: 'p' } }),
        ctx,
      ),
    ).toMatchObject({ kind: 'skip', why: 'post delete' });
    expect(
      readJetstreamFrame(post({ commit: { operation: 'update', collection: 'app.bsky.feed.post', rkey: 'p', record: { text: 'kestrel' } } }), ctx),
    ).toMatchObject({ kind: 'skip', why: 'post update' });
    expect(readJetstreamFrame(JSON.stringify({ did: 'd', time_us: 7, kind: 'account', account: { active: false } }), ctx)).toMatchObject({
      kind: 'skip',
      why: 'account',
      position: 7,
    });
  });

  it('learns handles from identity events and uses them for later posts by that did', () => {
    const ctx = frameContext();
    expect(
      readJetstreamFrame(
        JSON.stringify({ did: 'did:plc:abc', time_us: 1, kind: 'identity', identity: { did: 'did:plc:abc', handle: 'kestrel-fan.bsky.social', seq: 1 } }),
        ctx,
      ),
    ).toMatchObject({ kind: 'skip', why: 'identity' });
    const frame = readJetstreamFrame(post(), ctx);
    expect(frame.kind === 'post' && frame.mention.authorHandle).toBe('kestrel-fan.bsky.social');
  });

  it('filters by language when languages are set', () => {
    expect(readJetstreamFrame(post({}, { langs: ['de'] }), frameContext(['kestrel'], ['en']))).toMatchObject({ kind: 'skip', why: 'language' });
    expect(readJetstreamFrame(post({}, { langs: ['DE'] }), frameContext(['kestrel'], ['de']))).toMatchObject({ kind: 'post' });
  });

  it('does not believe a createdAt far after the relay saw the post, nor an unreadable one', () => {
    const future = readJetstreamFrame(post({}, { createdAt: '2099-01-01T00:00:00Z' }), frameContext());
    expect(future.kind === 'post' && future.mention.publishedAt).toBe(1_763_900_000_123);
    const garbage = readJetstreamFrame(post({}, { createdAt: 'yesterday-ish' }), frameContext());
    expect(garbage.kind === 'post' && garbage.mention.publishedAt).toBe(1_763_900_000_123);
  });

  it('reports malformed frames with a reason instead of throwing', () => {
    const ctx = frameContext();
    expect(readJetstreamFrame('{"did": "d", "time_us": 12', ctx)).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('not JSON') });
    expect(readJetstreamFrame(JSON.stringify({ did: 'd', kind: 'commit' }), ctx)).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('time_us'),
    });
    expect(
      readJetstreamFrame(JSON.stringify({ did: 'd', time_us: 9, kind: 'commit', commit: { operation: 'explode', collection: 'x', rkey: 'r' } }), ctx),
    ).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('commit.operation') });
    expect(
      readJetstreamFrame(
        JSON.stringify({ did: 'd', time_us: 9, kind: 'commit', commit: { operation: 'create', collection: 'app.bsky.feed.post', rkey: 'r' } }),
        ctx,
      ),
    ).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('missing') });
    expect(readJetstreamFrame('[1,2,3]', ctx).kind).toBe('malformed');
  });
});

describe('jetstream config', () => {
  it('needs at least one keyword and a ws(s) address, and names the setting', () => {
    expect(() => JetstreamSource.fromJson('j', JSON.stringify({ keywords: [] }))).toThrow(/source j: keywords: add at least one keyword/);
    expect(() => JetstreamSource.fromJson('j', JSON.stringify({ keywords: ['a'], endpoint: 'http://example.com' }))).toThrow(SourceConfigError);
    expect(() => JetstreamSource.fromJson('j', JSON.stringify({ keywords: ['a'], surprise: 1 }))).toThrow(/surprise|unrecognized/i);
    expect(JetstreamSource.fromJson('j', JSON.stringify({ keywords: ['a'] })).config.endpoint).toBe('wss://jetstream2.us-east.bsky.network/subscribe');
  });
});

describe('JetstreamSource against a Jetstream-format server', () => {
  it('stores every matching post exactly once, skips the rest, and commits the last time_us as the cursor', async () => {
    const events = buildJetstreamEvents(400);
    events.splice(100, 0, { time_us: events[99]!.time_us + 1, frame: '{"kind":"commit","did":' }); // a truncated frame
    const srv = await server(events);
    const r = rig();
    const jet = source(srv.url);
    const expected = wantedUris(events);
    await r.until(jet, 'every wanted post', () => r.externalIds().length >= expected.length && r.cursor() === String(events.at(-1)!.time_us));
    expect(r.externalIds().sort()).toEqual([...expected].sort());
    expect(srv.connections).toHaveLength(1);
    expect(srv.connections[0]!.get('wantedCollections')).toBe('app.bsky.feed.post');
    expect(srv.connections[0]!.get('cursor')).toBeNull(); // first start: live from now
    expect(jet.streamStats()).toMatchObject({ malformed: 1, lastMalformed: expect.stringContaining('not JSON') });
    // Authors whose identity event came first are stored under their handle.
    const handles = r.store.db.prepare("SELECT COUNT(*) FROM mentions WHERE author_handle LIKE '%.bsky.social'").pluck().get() as number;
    expect(handles).toBeGreaterThan(0);
  });

  it('reconnects after drops, resuming 5 s before the last read event, with no gaps and no duplicates', async () => {
    // 100 ms apart, so the 5 s rewind re-reads 50 events and each 150-event connection gets further.
    const events = buildJetstreamEvents(600, { stepUs: 100_000 });
    const srv = await server(events, { dropAfter: 150 });
    const r = rig();
    const jet = source(srv.url);
    const expected = wantedUris(events);
    await r.until(jet, 'every wanted post over several connections', () => r.externalIds().length >= expected.length, 20_000);
    const ids = r.externalIds();
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(srv.connections.length).toBeGreaterThan(2);
    for (const params of srv.connections.slice(1)) {
      const cursor = Number(params.get('cursor'));
      // Each reconnection rewinds from a time the server had already sent.
      expect(srv.sent).toContain(cursor + JETSTREAM_REWIND_US);
    }
  });

  it('resumes a new adapter (a restarted core) from the committed cursor', async () => {
    const events = buildJetstreamEvents(300);
    const srv = await server(events);
    const r = rig();
    const first = source(srv.url);
    const expected = wantedUris(events);
    await r.until(first, 'a first part', () => r.externalIds().length >= 40);
    first.close();
    const committed = Number(r.cursor());
    const second = source(srv.url);
    await r.until(second, 'the rest', () => r.externalIds().length >= expected.length);
    expect(srv.connections.at(-1)!.get('cursor')).toBe(String(committed - JETSTREAM_REWIND_US));
    expect([...r.externalIds()].sort()).toEqual([...expected].sort());
  });

  it('stops reading when its buffer is full and resumes from where it stopped once drained', async () => {
    const events = buildJetstreamEvents(500, { keywordEvery: 1 });
    const srv = await server(events, { chunk: 500, tickMs: 1 });
    const r = rig();
    const jet = source(srv.url, { bufferCapacity: 60, batchSize: 25 });
    // Let the connection fill the buffer before the first drain.
    await jet.poll({ cursor: null, now: Date.now(), signal: new AbortController().signal, ...outboundFor() });
    await new Promise((resolve) => setTimeout(resolve, 200));
    jet.close();
    const again = source(srv.url, { bufferCapacity: 60, batchSize: 25 });
    await r.until(again, 'every post through a small buffer', () => r.externalIds().length >= 500, 20_000);
    expect(again.streamStats().backpressurePauses).toBeGreaterThan(0);
    const ids = r.externalIds();
    expect(new Set(ids).size).toBe(500);
  });

  it('starts over from the committed cursor when a drained batch was not committed', async () => {
    const events = buildJetstreamEvents(200, { keywordEvery: 1 });
    const srv = await server(events);
    const r = rig();
    const jet = source(srv.url, { batchSize: 30 });
    await r.until(jet, 'some posts', () => r.externalIds().length >= 30);
    // A poll whose batch is then lost (its transaction rolled back): the next poll gets the old cursor.
    let lost: string[] = [];
    for (let i = 0; i < 50 && lost.length === 0; i++) {
      const result = await jet.poll({ cursor: r.cursor(), now: Date.now(), signal: new AbortController().signal, ...outboundFor() });
      lost = result.items.map((m) => (m as { externalId: string }).externalId);
      if (lost.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(lost.length).toBeGreaterThan(0);
    await r.until(jet, 'every post', () => r.externalIds().length >= 200);
    expect(r.externalIds()).toEqual(expect.arrayContaining(lost));
    expect(new Set(r.externalIds()).size).toBe(200);
  });

  it('closes the connection of a source nobody polls any more (paused), and reopens it on the next poll', async () => {
    const events = buildJetstreamEvents(50_000, { keywordEvery: 1000 });
    const srv = await server(events, { chunk: 5, tickMs: 20 });
    const r = rig();
    const jet = source(srv.url, { idleTimeoutMs: 1_000 });
    await r.step(jet);
    await waitFor('an open connection', () => srv.open() === 1);
    await waitFor('the unpolled connection to be closed', () => srv.open() === 0, 5_000);
    await r.step(jet);
    await waitFor('a new connection', () => srv.open() === 1);
    expect(srv.connections).toHaveLength(2);
    expect(srv.connections[1]!.get('cursor')).not.toBeNull(); // resumed, not from "now"
  });

  it('reports a refused upgrade and an unreachable server in plain words, then recovers', async () => {
    const srv = await server(buildJetstreamEvents(20), { refuseWith: 503 });
    const r = rig();
    const jet = source(srv.url);
    const errors: string[] = [];
    for (let i = 0; i < 40 && errors.length === 0; i++) {
      await r.step(jet).catch((error: Error) => errors.push(error.message));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(errors[0]).toContain('HTTP 503');

    srv.setOptions({ refuseWith: undefined });
    await r.until(jet, 'recovery', () => r.externalIds().length === 10);

    const dead = source('ws://127.0.0.1:9/subscribe');
    const deadErrors: string[] = [];
    for (let i = 0; i < 40 && deadErrors.length === 0; i++) {
      await dead
        .poll({ cursor: null, now: Date.now(), signal: new AbortController().signal, ...outboundFor() })
        .catch((error: Error) => deadErrors.push(error.message));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(deadErrors[0]).toMatch(/Jetstream connection to ws:\/\/127\.0\.0\.1:9\/subscribe failed: ECONNREFUSED/);
  });
});
