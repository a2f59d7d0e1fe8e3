import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MastodonStreamSource } from '../../../../electron/core/sources/mastodon-stream/mastodon-stream-source';
import { SseReader, type SseEvent } from '../../../../electron/core/sources/mastodon-stream/sse';
import { mastodonStreamConfigSchema } from '@shared/contract/source-config/mastodon-stream';
import { useTempDirs, waitFor } from '../../../support/core-helpers';
import { openRig, type Rig } from './support/drive';

const STATUS = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/listening-streams/mastodon-status.json'), 'utf8')) as Record<string, unknown>;
const tempDir = useTempDirs();
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function status(id: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...STATUS, id, url: `https://mastodon.example/@kes_fan/${id}`, ...patch };
}

/** Mastodon's streaming server, as documented: SSE frames, `:thump` heartbeats, token checks. */
interface StreamServer {
  url: string;
  requests: IncomingMessage[];
  clients: ServerResponse[];
  send(frame: string): void;
  update(s: Record<string, unknown>): void;
  dropAll(): void;
}

async function streamServer(answer?: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<StreamServer> {
  const clients: ServerResponse[] = [];
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req);
    if (answer?.(req, res)) return;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'Transfer-Encoding': 'chunked' });
    res.write(':)\n');
    clients.push(res);
    req.on('close', () => clients.splice(clients.indexOf(res), 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const s: StreamServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    clients,
    send: (frame) => {
      for (const c of clients) c.write(frame);
    },
    update: (st) => s.send(`event: update\ndata: ${JSON.stringify(st)}\n\n`),
    dropAll: () => {
      for (const c of [...clients]) c.destroy();
    },
  };
  return s;
}

function source(settings: Record<string, unknown>): MastodonStreamSource {
  const s = new MastodonStreamSource('mst', mastodonStreamConfigSchema.parse({ hashtag: 'kestrel', ...settings }));
  cleanups.push(() => s.close());
  return s;
}

function rig(): Rig {
  const r = openRig(tempDir(), 'mst', 'mastodon-stream');
  cleanups.push(() => r.store.close());
  return r;
}

describe('SseReader', () => {
  it('splits events across arbitrary chunks and line ends, joins data lines and reports comments', () => {
    const events: SseEvent[] = [];
    const comments: string[] = [];
    const reader = new SseReader({ event: (e) => events.push(e), comment: (c) => comments.push(c) });
    const stream = ':thump\r\nevent: update\r\ndata: {"a":\r\ndata: 1}\r\n\r\nevent: delete\ndata: 42\n\ndata: plain\r\rid: 7\nevent: x\n\n';
    for (let i = 0; i < stream.length; i += 3) reader.push(stream.slice(i, i + 3));
    expect(events).toEqual([
      { event: 'update', data: '{"a":\n1}' },
      { event: 'delete', data: '42' },
      { event: 'message', data: 'plain' },
    ]);
    expect(comments).toEqual(['thump']);
  });
});

describe('mastodon-stream config', () => {
  it('needs a hashtag for hashtag streams and keywords for public ones', () => {
    expect(() => MastodonStreamSource.fromJson('m', JSON.stringify({ stream: 'hashtag' }))).toThrow(/source m: hashtag: enter the hashtag/);
    expect(() => MastodonStreamSource.fromJson('m', JSON.stringify({ stream: 'public' }))).toThrow(/keywords: a public stream carries every post/);
    expect(MastodonStreamSource.fromJson('m', JSON.stringify({ hashtag: '#Kestrel', instanceUrl: 'https://m.example' })).streamUrl()).toBe(
      'https://m.example/api/v1/streaming/hashtag?tag=Kestrel',
    );
    expect(
      MastodonStreamSource.fromJson('m', JSON.stringify({ stream: 'public:local', keywords: ['k'], streamingUrl: 'https://streaming.m.example' })).streamUrl(),
    ).toBe('https://streaming.m.example/api/v1/streaming/public/local');
  });
});

describe('MastodonStreamSource against a streaming server', () => {
  it('stores update events as mentions, skips deletes, edits, boosts and heartbeats, and counts malformed frames', async () => {
    const srv = await streamServer();
    const r = rig();
    const mst = source({ instanceUrl: srv.url, accessToken: 'token-abcdefgh' });
    await r.step(mst);
    await waitFor('the connection', () => srv.clients.length === 1);
    expect(srv.requests[0]!.url).toBe('/api/v1/streaming/hashtag?tag=kestrel');
    expect(srv.requests[0]!.headers.authorization).toBe('Bearer token-abcdefgh');
    expect(srv.requests[0]!.headers.accept).toBe('text/event-stream');

    srv.send(':thump\n\n');
    srv.update(status('113500000000000001'));
    srv.send('event: delete\ndata: 113400000000000000\n\n');
    srv.send(`event: status.update\ndata: ${JSON.stringify(status('113500000000000001', { content: '<p>edited</p>' }))}\n\n`);
    srv.update(status('113500000000000002', { reblog: status('1') }));
    srv.send('event: update\ndata: {"id": "1135000\n\n');
    srv.update(status('113500000000000003', { visibility: 'direct' }));
    srv.update(status('113500000000000010', { content: '<p>second &lt;post&gt;</p>' }));
    await r.until(mst, 'two posts', () => r.externalIds().length === 2);
    expect(r.externalIds()).toEqual(['113500000000000001', '113500000000000010']);
    const row = r.store.db.prepare('SELECT * FROM mentions WHERE external_id = ?').get('113500000000000001') as Record<string, unknown>;
    expect(row).toMatchObject({
      platform: 'mastodon',
      text: 'Is #Kestrel down for anyone else? & no signal since 6pm',
      author_handle: `kes_fan@${new URL(srv.url).host}`,
      author_name: 'Kes Fan',
      author_followers: 4321,
      url: 'https://mastodon.example/@kes_fan/113500000000000001',
      lang: 'en',
      likes: 11,
      reposts: 5,
      replies: 2,
      published_at: Date.parse('2025-11-22T18:04:05.000Z'),
    });
    expect(mst.streamStats()).toMatchObject({ malformed: 1, connects: 1 });
    expect(r.cursor()).toBe(JSON.stringify({ lastId: '113500000000000010' }));
  });

  it('filters public streams by keyword', async () => {
    const srv = await streamServer();
    const r = rig();
    const mst = source({ instanceUrl: srv.url, stream: 'public', keywords: ['kestrel'] });
    await r.step(mst);
    await waitFor('the connection', () => srv.clients.length === 1);
    expect(srv.requests[0]!.url).toBe('/api/v1/streaming/public');
    srv.update(status('2001', { content: '<p>nothing to see</p>' }));
    srv.update(status('2002', { content: '<p>kestrel again</p>' }));
    await r.until(mst, 'the matching post', () => r.externalIds().length === 1);
    expect(r.externalIds()).toEqual(['2002']);
  });

  it('reconnects after the server drops the stream', async () => {
    const srv = await streamServer();
    const r = rig();
    const mst = source({ instanceUrl: srv.url });
    await r.step(mst);
    await waitFor('the connection', () => srv.clients.length === 1);
    srv.update(status('3001'));
    await r.until(mst, 'the first post', () => r.externalIds().length === 1);
    srv.dropAll();
    await r.until(mst, 'a second connection', () => srv.clients.length === 1 && srv.requests.length === 2);
    srv.update(status('3002'));
    await r.until(mst, 'the post after reconnecting', () => r.externalIds().length === 2);
    expect(mst.streamStats().connects).toBe(2);
  });

  it('says plainly when the instance refuses streaming, and where to go instead', async () => {
    const srv = await streamServer((req, res) => {
      if (req.url?.includes('tag=needtoken')) res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"Missing access token"}');
      else if (req.url?.includes('tag=gone')) res.writeHead(404).end();
      else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>a web page</html>');
      return true;
    });
    const errorOf = async (tag: string): Promise<string> => {
      const r = rig();
      const mst = source({ instanceUrl: srv.url, hashtag: tag });
      for (let i = 0; i < 50; i++) {
        try {
          await r.step(mst);
        } catch (error) {
          return (error as Error).message;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('no error reported');
    };
    expect(await errorOf('needtoken')).toMatch(
      /refused the stream \(HTTP 401\): this instance requires an access token for streaming; add one, or use the Mastodon hashtag source \(polling\) instead/,
    );
    expect(await errorOf('gone')).toMatch(/does not offer this stream \(HTTP 404\)/);
    expect(await errorOf('page')).toMatch(/answered text\/html, not an event stream/);
    // A port nothing listens on (fetch itself refuses "bad ports" such as 9, so take a closed ephemeral one).
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead = source({ instanceUrl: `http://127.0.0.1:${port}` });
    const r = rig();
    let message = '';
    for (let i = 0; i < 50 && !message; i++) {
      await r.step(dead).catch((error: Error) => (message = error.message));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(message).toBe(`Mastodon streaming connection to 127.0.0.1:${port}/api/v1/streaming/hashtag failed: ECONNREFUSED`);
  });
});
