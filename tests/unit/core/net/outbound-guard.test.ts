/**
 * The outbound guard against real HTTP servers on 127.0.0.1: refused before any connection unless
 * allowlisted, checked again on every redirect hop, credentials dropped across origins, and the
 * same message whether anything listens on a refused port or not (no port scanning).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboundGuard } from '../../../../electron/core/net/outbound-guard';
import { OutboundPolicy, OutboundRefusedError } from '../../../../electron/core/net/outbound-policy';
import { WebSocketServer } from 'ws';
import WebSocket from 'ws';

interface Recorder {
  url: string;
  port: number;
  seen: Array<{ path: string; authorization: string | undefined; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

const open: Recorder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function recorder(answer: (path: string) => { status: number; headers?: Record<string, string>; body?: string }): Promise<Recorder> {
  const seen: Recorder['seen'] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '/', authorization: req.headers.authorization, headers: req.headers });
    const a = answer(req.url ?? '/');
    res.writeHead(a.status, a.headers ?? { 'content-type': 'text/plain' });
    res.end(a.body ?? 'internal page');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const r: Recorder = {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(r);
  return r;
}

const guard = (...hosts: string[]) => createOutboundGuard(() => OutboundPolicy.fromLines(hosts));

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OutboundRefusedError);
    return (error as Error).message;
  }
  throw new Error('the request was not refused');
}

describe('the outbound guard', () => {
  it('refuses loopback by address and by name before connecting, and allows it once allowlisted', async () => {
    const internal = await recorder(() => ({ status: 200 }));
    expect(await refusal(guard().fetch(`${internal.url}/admin`))).toBe(
      'refused by the outbound policy: 127.0.0.1 is a loopback address; an admin can allow this host in Settings → Outbound',
    );
    expect(await refusal(guard().fetch(`http://localhost:${internal.port}/admin`))).toMatch(
      /^refused by the outbound policy: localhost resolves to (127\.0\.0\.1|::1), a loopback address; an admin can allow this host in Settings → Outbound$/,
    );
    expect(internal.seen).toHaveLength(0);
    const allowed = await guard('127.0.0.1').fetch(`${internal.url}/feed`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe('internal page');
    expect(internal.seen.map((s) => s.path)).toEqual(['/feed']);
  });

  it('refuses cloud metadata addresses and names, even where a range covering them is allowed', async () => {
    expect(await refusal(guard().fetch('http://169.254.169.254/latest/meta-data/'))).toMatch(/169\.254\.169\.254 is a cloud metadata address/);
    expect(await refusal(guard('169.254.0.0/16').fetch('http://169.254.169.254/latest/meta-data/'))).toMatch(/cloud metadata/);
    expect(await refusal(guard().fetch('http://[fd00:ec2::254]/latest/'))).toMatch(/fd00:ec2::254 is a cloud metadata address/);
    expect(await refusal(guard().fetch('http://metadata.google.internal/computeMetadata/v1/'))).toMatch(
      /metadata\.google\.internal is a cloud metadata address/,
    );
    expect(await refusal(guard().fetch('http://[::ffff:127.0.0.1]:9/'))).toMatch(/loopback/);
    expect(await refusal(guard().fetch('http://0.0.0.0:9/'))).toMatch(/unspecified/);
  });

  it('checks every redirect hop: an allowed host cannot redirect to one that is not', async () => {
    const internal = await recorder(() => ({ status: 200, body: 'secret internal page' }));
    // The feed's host is allowed by name (localhost); the address it redirects to is not listed.
    const feed = await recorder(() => ({ status: 302, headers: { location: `${internal.url}/admin` } }));
    const message = await refusal(guard('localhost').fetch(`http://localhost:${feed.port}/feed.xml`));
    expect(message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(feed.seen).toHaveLength(1);
    expect(internal.seen).toHaveLength(0);
    const toMetadata = await recorder(() => ({ status: 301, headers: { location: 'http://169.254.169.254/latest/meta-data/iam' } }));
    expect(await refusal(guard('127.0.0.1').fetch(`${toMetadata.url}/feed`))).toMatch(/cloud metadata/);
  });

  it('follows allowed redirects itself, dropping credentials when the origin changes', async () => {
    const target = await recorder(() => ({ status: 200, body: 'moved here' }));
    const first = await recorder((path) =>
      path === '/same'
        ? { status: 307, headers: { location: '/final' } }
        : path === '/final'
          ? { status: 200, body: 'same origin' }
          : { status: 302, headers: { location: `${target.url}/there` } },
    );
    const g = guard('127.0.0.1');
    const same = await g.fetch(`${first.url}/same`, { headers: { authorization: 'Bearer kept-on-same-origin' } });
    expect(await same.text()).toBe('same origin');
    expect(first.seen.find((s) => s.path === '/final')?.authorization).toBe('Bearer kept-on-same-origin');
    const moved = await g.fetch(`${first.url}/elsewhere`, { headers: { authorization: 'Bearer never-sent-on' } });
    expect(await moved.text()).toBe('moved here');
    expect(target.seen).toHaveLength(1);
    expect(target.seen[0]!.authorization).toBeUndefined();
    // A request that must not follow (a login, a webhook) fails instead.
    await expect(g.fetch(`${first.url}/elsewhere`, { method: 'POST', body: 'x', redirect: 'error' })).rejects.toThrow(/does not follow redirects/);
  });

  it('says the same thing about a refused host whether a port is open or closed', async () => {
    const listening = await recorder(() => ({ status: 200 }));
    const closed = await recorder(() => ({ status: 200 }));
    const closedPort = closed.port;
    await closed.close();
    open.splice(open.indexOf(closed), 1);
    const a = await refusal(guard().fetch(`http://127.0.0.1:${listening.port}/`));
    const b = await refusal(guard().fetch(`http://127.0.0.1:${closedPort}/`));
    expect(a).toBe(b);
    expect(a).not.toMatch(/refused\b(?! by the outbound policy)|timed out|ECONN/);
  });

  it('gives WebSocket clients a lookup that refuses what the policy refuses', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const { port } = wss.address() as AddressInfo;
    let connections = 0;
    wss.on('connection', (socket) => {
      connections++;
      socket.close();
    });
    try {
      const failure = await new Promise<Error>((resolve) => {
        const socket = new WebSocket(`ws://localhost:${port}/subscribe`, { lookup: guard().lookup });
        socket.on('error', resolve);
        socket.on('open', () => resolve(new Error('opened')));
      });
      expect(failure.message).toMatch(/refused by the outbound policy: localhost resolves to/);
      expect(connections).toBe(0);
      expect(() => guard().assertUrl(`ws://127.0.0.1:${port}/subscribe`)).toThrow(/loopback/);
    } finally {
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });
});
