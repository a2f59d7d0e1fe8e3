/**
 * A real HTTP server on 127.0.0.1 for adapter tests. Each test hands it a handler that plays the
 * platform (usually from fixtures in the platform's documented format under
 * tests/fixtures/sources/<kind>/); the server records every request so tests can assert exactly
 * what an adapter asked for. Beyond normal answers it can misbehave the ways real servers do:
 * hang without answering, or cut the body off mid-way.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { PollContext } from '../../../../../electron/core/sources/adapter';
import { outboundFor } from '../../../../support/outbound';

export const FIXTURES_DIR = join(__dirname, '../../../../fixtures/sources');

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The request body as text ('' for GET). */
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as is; with `json` instead, serialised with content-type application/json. */
  body?: string | Buffer;
  json?: unknown;
  /** Never answer (the client must give up through its abort signal). */
  hang?: boolean;
  /** Declare the full length but send only this many bytes, then drop the connection. */
  truncateAt?: number;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface FixtureServer {
  /** e.g. http://127.0.0.1:38211 */
  url: string;
  requests: RecordedRequest[];
  /** Replaces the handler (a platform that changes between polls). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.hang) return;
  const headers: Record<string, string> = { ...reply.headers };
  let body: Buffer;
  if (reply.json !== undefined) {
    body = Buffer.from(JSON.stringify(reply.json));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  } else {
    body = typeof reply.body === 'string' ? Buffer.from(reply.body) : (reply.body ?? Buffer.alloc(0));
  }
  headers['content-length'] = String(body.byteLength);
  res.writeHead(reply.status ?? 200, headers);
  if (reply.truncateAt !== undefined) {
    res.write(body.subarray(0, reply.truncateAt), () => res.destroy());
    return;
  }
  res.end(body);
}

/** Starts a server for one test; it is closed after the test. */
export async function startFixtureServer(handler: Handler): Promise<FixtureServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    new Promise<void>((resolve) => req.on('end', resolve))
      .then(() => {
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(recorded);
        return current(recorded);
      })
      .then((reply) => send(res, reply))
      .catch((error: unknown) => {
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end(`fixture handler failed: ${String(error)}`);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fixture: FixtureServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(fixture);
  return fixture;
}

const servers: FixtureServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The text of a fixture file: tests/fixtures/sources/<kind>/<name>. */
export function fixtureText(kind: string, name: string): string {
  return readFileSync(join(FIXTURES_DIR, kind, name), 'utf8');
}

export function fixtureJson<T = unknown>(kind: string, name: string): T {
  return JSON.parse(fixtureText(kind, name)) as T;
}

/** A poll context with the real global fetch; `abort` stops it like the scheduler's timeout does. */
export function pollContext(cursor: string | null, patch: Partial<PollContext> = {}): PollContext & { abort: () => void } {
  const controller = new AbortController();
  return {
    cursor,
    now: Date.now(),
    signal: controller.signal,
    // The test server's host comes through the outbound allowlist, as an admin would add it.
    ...outboundFor(),
    abort: () => controller.abort(),
    ...patch,
  };
}
