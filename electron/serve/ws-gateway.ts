/**
 * The WebSocket side of serve mode: one core session per browser connection, frames moved
 * verbatim. The core validates every frame; this file only guards the transport (path, origin,
 * size, binary, dead peers, slow peers).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { MAX_FRAME_BYTES } from '@shared/contract/frames';
import type { Caller } from '@shared/contract/access';
import type { Core } from '../core/app/core-api';
import { requestCaller } from './auth-routes';
import type { HostAllowlist } from './host-allowlist';

export const WS_PATH = '/ws';
const HEARTBEAT_MS = 15_000;
/**
 * A wall that cannot keep up (asleep laptop, saturated Wi-Fi) would otherwise buffer pushes
 * without bound. Dropping it is safe: the renderer reconnects and asks for a fresh snapshot.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const CLOSE_UNSUPPORTED_DATA = 1003;
const CLOSE_GOING_AWAY = 1001;
const CLOSE_TRY_AGAIN_LATER = 1013;
/** Application close code: the sign-in ended (signed out, revoked, unpaired); the page shows sign-in. */
export const CLOSE_SIGNED_OUT = 4401;

export interface WsGateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly clientCount: number;
  close(): Promise<void>;
}

export function createWsGateway(core: Core, hosts: HostAllowlist): WsGateway {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, clientTracking: true });
  const alive = new WeakMap<WebSocket, boolean>();

  wss.on('connection', (socket: WebSocket, _req: IncomingMessage, caller: Caller) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    const session = core.openSession(
      (frame) => {
        if (socket.readyState !== WebSocket.OPEN) return;
        if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
          socket.close(CLOSE_TRY_AGAIN_LATER, 'client too slow');
          return;
        }
        socket.send(frame);
      },
      caller,
      { end: (reason) => socket.close(CLOSE_SIGNED_OUT, reason.slice(0, 120)) },
    );
    socket.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        socket.close(CLOSE_UNSUPPORTED_DATA, 'text frames only');
        return;
      }
      session.receive(rawToString(data));
    });
    // Oversize frames (ws answers with close code 1009) and broken connections: ws closes the
    // socket itself, and 'close' below ends the session. Without a listener ws would rethrow
    // the error and take the whole process down.
    socket.on('error', () => undefined);
    socket.once('close', () => session.close());
  });

  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handleUpgrade(req, socket, head) {
      const refusal = upgradeRefusal(req, hosts);
      const caller = refusal === null ? requestCaller(core, req) : null;
      if (refusal !== null || caller === null) {
        socket.end(`HTTP/1.1 ${refusal ?? '401 Unauthorized'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, caller));
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      clearInterval(heartbeat);
      for (const socket of wss.clients) socket.close(CLOSE_GOING_AWAY, 'server stopping');
      return new Promise<void>((resolveClose) => {
        // Peers that do not answer the close handshake quickly are cut off.
        const force = setTimeout(() => {
          for (const socket of wss.clients) socket.terminate();
        }, 1_000);
        wss.close(() => {
          clearTimeout(force);
          resolveClose();
        });
      });
    },
  };
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * Why an upgrade is refused (an HTTP status line), or null to accept (the session cookie is checked
 * after this).
 *
 * Browsers let any web page open a WebSocket to any address (the same-origin policy does not
 * apply), so a page open on a wall PC could otherwise connect to ws://127.0.0.1:PORT/ws:
 * cross-site WebSocket hijacking. The page Earshot itself served always has Origin equal to the
 * Host it connected to, and the Host must be one of ours (a rebinding page's is not). An upgrade
 * without an Origin is refused too: scripts and tests send the hub's own origin, as a browser does.
 */
export function upgradeRefusal(req: IncomingMessage, hosts: HostAllowlist): string | null {
  const path = (req.url ?? '').split('?', 1)[0];
  if (path !== WS_PATH) return '404 Not Found';
  const host = req.headers.host;
  if (!hosts.allows(host)) return '421 Misdirected Request';
  const origin = req.headers.origin;
  if (origin === undefined || host === undefined) return '403 Forbidden';
  let originHost: string;
  try {
    const parsed = new URL(origin);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '403 Forbidden';
    originHost = parsed.host;
  } catch {
    return '403 Forbidden'; // Includes the literal "null" origin of sandboxed frames and file: pages.
  }
  return originHost.toLowerCase() === normalizeHost(host) ? null : '403 Forbidden';
}

/** `URL.host` drops default ports and lower-cases; do the same to the Host header. */
function normalizeHost(host: string): string {
  try {
    return new URL(`http://${host}`).host.toLowerCase();
  } catch {
    return host.toLowerCase();
  }
}
