/**
 * A Jetstream-format WebSocket server on 127.0.0.1 for tests: it serves a fixed, time-ordered
 * sequence of events (JSON text frames as Jetstream sends them), honouring `cursor` (microseconds;
 * playback starts at the first event whose `time_us` is at or after it) and `wantedCollections` on
 * every (re)connection, at a chosen pace. It records what it sent and what each client asked for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface JetstreamEvent {
  time_us: number;
  /** The frame exactly as sent (may be deliberately malformed). */
  frame: string;
  /** The post's at:// URI when this event is a post create. */
  postUri?: string;
  text?: string;
}

export interface JetstreamServerOptions {
  /** Frames sent per tick, and the pause between ticks. */
  chunk?: number;
  tickMs?: number;
  /** Close every connection after this many frames (to test reconnects). */
  dropAfter?: number;
  /** Answer the upgrade with this HTTP status instead of accepting it. */
  refuseWith?: number;
}

export interface JetstreamServer {
  url: string;
  /** Query strings of every connection, in order. */
  connections: URLSearchParams[];
  /** time_us of every frame sent, over all connections. */
  sent: number[];
  /** Number of currently open client connections. */
  open(): number;
  setOptions(patch: JetstreamServerOptions): void;
  close(): Promise<void>;
}

export async function startJetstreamServer(events: readonly JetstreamEvent[], options: JetstreamServerOptions = {}): Promise<JetstreamServer> {
  let opts = { chunk: 50, tickMs: 5, ...options };
  const http: Server = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  const clients = new Set<WebSocket>();
  const connections: URLSearchParams[] = [];
  const sent: number[] = [];

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/subscribe') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (opts.refuseWith) {
      socket.end(`HTTP/1.1 ${opts.refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.push(url.searchParams);
      clients.add(ws);
      const cursor = url.searchParams.get('cursor');
      let next = cursor === null ? 0 : events.findIndex((e) => e.time_us >= Number(cursor));
      if (next < 0) next = events.length;
      let sentHere = 0;
      const tick = (): void => {
        if (ws.readyState !== ws.OPEN) return;
        for (let i = 0; i < opts.chunk && next < events.length; i++) {
          if (opts.dropAfter !== undefined && sentHere >= opts.dropAfter) {
            ws.close(1011, 'test drop');
            return;
          }
          const event = events[next++]!;
          ws.send(event.frame);
          sent.push(event.time_us);
          sentHere++;
        }
        if (next < events.length) setTimeout(tick, opts.tickMs);
      };
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      setTimeout(tick, 0);
    });
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    connections,
    sent,
    open: () => clients.size,
    setOptions(patch) {
      opts = { ...opts, ...patch };
    },
    async close() {
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const BASE_US = 1_763_900_000_000_000; // 2025-11-23, in microseconds

/**
 * A realistic sequence: post creates (every `keywordEvery`-th mentions "Kestrel"), plus likes,
 * post deletes, identity and account events in between, `stepUs` apart (1 ms by default).
 */
export function buildJetstreamEvents(
  posts: number,
  { keywordEvery = 2, startUs = BASE_US, stepUs = 1_000 }: { keywordEvery?: number; startUs?: number; stepUs?: number } = {},
): JetstreamEvent[] {
  const events: JetstreamEvent[] = [];
  let t = startUs;
  for (let i = 0; i < posts; i++) {
    const did = `did:plc:author${i % 97}`;
    const rkey = `3post${String(i).padStart(6, '0')}`;
    const wanted = i % keywordEvery === 0;
    const text = wanted ? `Post ${i}: my Kestrel phone has no signal again` : `Post ${i}: lovely weather for a walk`;
    t += stepUs;
    const postUri = `at://${did}/app.bsky.feed.post/${rkey}`;
    events.push({
      time_us: t,
      postUri,
      text,
      frame: JSON.stringify({
        did,
        time_us: t,
        kind: 'commit',
        commit: {
          rev: `rev${i}`,
          operation: 'create',
          collection: 'app.bsky.feed.post',
          rkey,
          record: { $type: 'app.bsky.feed.post', createdAt: new Date(t / 1000).toISOString(), langs: ['en'], text },
          cid: `bafyrei${i}`,
        },
      }),
    });
    if (i % 10 === 3) {
      t += stepUs;
      events.push({
        time_us: t,
        frame: JSON.stringify({
          did,
          time_us: t,
          kind: 'commit',
          commit: {
            rev: `r${i}`,
            operation: 'create',
            collection: 'app.bsky.feed.like',
            rkey: `like${i}`,
            record: { $type: 'app.bsky.feed.like', subject: { uri: postUri, cid: 'x' }, createdAt: new Date(t / 1000).toISOString() },
            cid: 'y',
          },
        }),
      });
    }
    if (i % 25 === 7) {
      t += stepUs;
      events.push({
        time_us: t,
        frame: JSON.stringify({
          did,
          time_us: t,
          kind: 'commit',
          commit: { rev: `d${i}`, operation: 'delete', collection: 'app.bsky.feed.post', rkey: `3old${i}` },
        }),
      });
    }
    if (i % 40 === 11) {
      t += stepUs;
      events.push({
        time_us: t,
        frame: JSON.stringify({
          did,
          time_us: t,
          kind: 'identity',
          identity: { did, handle: `author${i % 97}.bsky.social`, seq: i, time: new Date(t / 1000).toISOString() },
        }),
      });
    }
    if (i % 55 === 13) {
      t += stepUs;
      events.push({
        time_us: t,
        frame: JSON.stringify({ did, time_us: t, kind: 'account', account: { active: true, did, seq: i, time: new Date(t / 1000).toISOString() } }),
      });
    }
  }
  return events;
}

/** The at:// URIs a keyword filter for "kestrel" must keep. */
export function wantedUris(events: readonly JetstreamEvent[]): string[] {
  return events.filter((e) => e.postUri && /kestrel/i.test(e.text ?? '')).map((e) => e.postUri!);
}
