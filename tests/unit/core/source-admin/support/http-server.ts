/**
 * A real HTTP server on 127.0.0.1 whose answers a test scripts one request at a time; it records
 * when each request arrived and what it asked, so a test can prove when the scheduler called.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  at: number;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

export interface ScriptedServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; when they run out, `fallback` answers. */
  queue: Answer[];
  fallback: Answer;
  close(): Promise<void>;
}

export async function startScriptedServer(fallback: Answer): Promise<ScriptedServer> {
  const state: { queue: Answer[]; fallback: Answer } = { queue: [], fallback };
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ at: Date.now(), method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const answer = state.queue.shift() ?? state.fallback;
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    get queue() {
      return state.queue;
    },
    set queue(q: Answer[]) {
      state.queue = q;
    },
    get fallback() {
      return state.fallback;
    },
    set fallback(f: Answer) {
      state.fallback = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendBody(body: string, contentType: string, status = 200, headers: Record<string, string> = {}): Answer {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': contentType, ...headers });
    res.end(body);
  };
}

export function tooManyRequests(headers: Record<string, string>): Answer {
  return (_req, res) => {
    res.writeHead(429, { 'content-type': 'application/json', ...headers });
    res.end('{"error":"rate limited"}');
  };
}
