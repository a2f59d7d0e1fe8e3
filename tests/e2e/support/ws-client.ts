/**
 * A raw WebSocket client from Node for protocol tests: sends arbitrary text (including garbage)
 * and waits for frames matching a predicate.
 */
import WebSocket from 'ws';
import { ownerCookieFor } from './sign-in';

export interface Frame {
  t: string;
  id?: number | null;
  ok?: boolean;
  result?: unknown;
  error?: { code: string; message: string };
  topic?: string;
  payload?: unknown;
  version?: string;
  dataDir?: string;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

export class TestSocket {
  private readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();
  private nextId = 1;
  readonly closed: Promise<CloseInfo>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const wake of this.waiters) wake();
    });
    this.closed = new Promise((resolveClose) => {
      socket.once('close', (code: number, reason: Buffer) => resolveClose({ code, reason: reason.toString() }));
    });
    // Errors are followed by 'close'; the tests look at the close code.
    socket.on('error', () => undefined);
  }

  /**
   * Opens a socket as a browser page of the hub would: with the hub's own Origin and the owner's
   * session cookie, unless `headers` says otherwise (`Cookie: ''` or `Origin: ''` leaves one out).
   * Rejects with the HTTP status if refused.
   */
  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const origin = new URL(url.replace(/^ws/, 'http')).origin;
    const merged: Record<string, string> = { Origin: origin, ...(ownerCookieFor(url) ? { Cookie: ownerCookieFor(url)! } : {}), ...headers };
    for (const [key, value] of Object.entries(merged)) if (value === '') delete merged[key];
    return new Promise((resolveOpen, rejectOpen) => {
      const socket = new WebSocket(url, { headers: merged });
      socket.once('open', () => resolveOpen(new TestSocket(socket)));
      socket.once('unexpected-response', (_req, res) => {
        rejectOpen(new UpgradeRefused(res.statusCode ?? 0));
        socket.terminate();
      });
      socket.once('error', (error) => rejectOpen(error));
    });
  }

  sendRaw(text: string | Buffer, binary = false): void {
    this.socket.send(text, { binary });
  }

  /** Sends a request frame and returns its id. */
  request(method: string, params: unknown): number {
    const id = this.nextId++;
    this.sendRaw(JSON.stringify({ t: 'req', id, method, params }));
    return id;
  }

  async call(method: string, params: unknown, timeoutMs = 10_000): Promise<Frame> {
    const id = this.request(method, params);
    return this.waitFor((frame) => frame.t === 'res' && frame.id === id, timeoutMs);
  }

  /** The first frame (already received or still to come) matching `match`; it is consumed. */
  waitFor(match: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    return new Promise((resolveFrame, rejectFrame) => {
      const check = (): boolean => {
        const index = this.frames.findIndex(match);
        if (index < 0) return false;
        const [frame] = this.frames.splice(index, 1);
        finish();
        resolveFrame(frame as Frame);
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        rejectFrame(new Error(`no matching frame within ${timeoutMs} ms; received: ${JSON.stringify(this.frames).slice(0, 2000)}`));
      }, timeoutMs);
      const wake = (): void => void check();
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      if (!check()) this.waiters.add(wake);
    });
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.socket.close();
  }
}

export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`WebSocket upgrade refused with HTTP ${status}`);
    this.name = 'UpgradeRefused';
  }
}

export function socketUrl(httpUrl: string): string {
  return new URL('/ws', httpUrl.replace(/^http/, 'ws')).toString();
}
