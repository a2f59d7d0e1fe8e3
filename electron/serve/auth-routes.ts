/**
 * Serve mode's sign-in, first start and wall pairing over HTTP: the only place session cookies are
 * set. Everything else a browser does goes over the WebSocket, opened with that cookie.
 *
 *   GET  /api/auth/state     who am I; must the owner still be created (and may I create it)
 *   POST /api/auth/owner     first start, from this machine only: creates the owner and signs in
 *   POST /api/auth/sign-in   name + passphrase → session cookie (rate-limited)
 *   POST /api/auth/sign-out  ends this browser's session
 *   POST /api/pair/start     a wall TV asks for a pairing code (rate-limited)
 *   GET  /api/pair/status    the TV polls; once a lead approved it, it receives its display session
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { identityOf } from '@shared/contract/access';
import { passphraseSchema, personNameSchema } from '@shared/contract/areas/accounts';
import type { Core } from '../core/app/core-api';
import { ApiError } from '../core/api/api-error';
import { AttemptLimiter } from '../core/people/attempt-limiter';
import { clearCookie, PAIRING_COOKIE, readCookie, SESSION_COOKIE, setCookie } from './cookies';
import { isLoopbackHost } from './banner';
import { hostName } from './host-allowlist';
import { sendText } from './security-headers';

const MAX_BODY_BYTES = 16 * 1024;
const credentialsSchema = z.object({ name: personNameSchema, passphrase: z.string().min(1).max(1000) }).strict();
const ownerSchema = z.object({ name: personNameSchema, passphrase: passphraseSchema }).strict();

export interface AuthRoutesOptions {
  core: Core;
  /** Set the Secure flag on cookies (the hub is reached over TLS through a proxy). */
  secureCookies: boolean;
  now?: () => number;
}

export type AuthRoutes = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;

export function isLoopbackRequest(req: IncomingMessage): boolean {
  const remote = req.socket.remoteAddress ?? '';
  const host = hostName(req.headers.host ?? '');
  return isLoopbackHost(remote) && host !== null && isLoopbackHost(host);
}

/** The caller behind a request's session cookie, or null. */
export function requestCaller(core: Core, req: IncomingMessage) {
  const token = readCookie(req, SESSION_COOKIE);
  return token === null ? null : core.auth.callerFor(token);
}

export function createAuthRoutes({ core, secureCookies, now = Date.now }: AuthRoutesOptions): AuthRoutes {
  // Per address and per name: a spray of names from one address, or of addresses at one name.
  const byAddress = new AttemptLimiter(10, 15 * 60_000, now);
  const byName = new AttemptLimiter(10, 15 * 60_000, now);
  const pairingByAddress = new AttemptLimiter(10, 10 * 60_000, now);

  const sessionCookie = (token: string, expiresAt: number): string => setCookie(SESSION_COOKIE, token, expiresAt, now(), secureCookies);

  return async (req, res, path) => {
    switch (path) {
      case '/api/auth/state': {
        if (!allowMethod(req, res, 'GET')) return true;
        const caller = requestCaller(core, req);
        const needsOwner = core.auth.needsOwner();
        sendJson(res, 200, {
          signedIn: caller !== null,
          identity: caller ? identityOf(caller) : null,
          needsOwner,
          canCreateOwner: needsOwner && isLoopbackRequest(req),
        });
        return true;
      }
      case '/api/auth/owner': {
        if (!allowMethod(req, res, 'POST') || !sameSiteJson(req, res)) return true;
        if (!isLoopbackRequest(req)) {
          sendJson(res, 403, { error: 'the owner can only be created on the hub itself (http://127.0.0.1 or http://localhost)' });
          return true;
        }
        const body = await readJson(req, res, ownerSchema);
        if (!body) return true;
        try {
          const session = await core.auth.createOwner(body.name, body.passphrase, userAgent(req));
          sendJson(res, 200, { identity: identityOf(core.auth.callerFor(session.token)!) }, { 'Set-Cookie': sessionCookie(session.token, session.expiresAt) });
        } catch (error) {
          if (error instanceof ApiError) sendJson(res, 409, { error: error.message });
          else throw error;
        }
        return true;
      }
      case '/api/auth/sign-in': {
        if (!allowMethod(req, res, 'POST') || !sameSiteJson(req, res)) return true;
        const body = await readJson(req, res, credentialsSchema);
        if (!body) return true;
        const address = req.socket.remoteAddress ?? 'unknown';
        const nameKey = body.name.toLowerCase();
        const wait = Math.max(byAddress.retryAfterMs(address), byName.retryAfterMs(nameKey));
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          sendJson(res, 429, { error: `too many failed sign-ins; try again in ${seconds} s` }, { 'Retry-After': String(seconds) });
          return true;
        }
        const session = await core.auth.signIn(body.name, body.passphrase, userAgent(req));
        if (!session) {
          byAddress.record(address);
          byName.record(nameKey);
          sendJson(res, 401, { error: 'wrong name or passphrase, or the account is disabled' });
          return true;
        }
        byName.reset(nameKey);
        sendJson(res, 200, { identity: identityOf(core.auth.callerFor(session.token)!) }, { 'Set-Cookie': sessionCookie(session.token, session.expiresAt) });
        return true;
      }
      case '/api/auth/sign-out': {
        if (!allowMethod(req, res, 'POST') || !sameSiteJson(req, res, false)) return true;
        const token = readCookie(req, SESSION_COOKIE);
        if (token !== null) core.auth.signOut(token);
        sendJson(res, 200, { signedIn: false }, { 'Set-Cookie': clearCookie(SESSION_COOKIE, secureCookies) });
        return true;
      }
      case '/api/pair/start': {
        if (!allowMethod(req, res, 'POST') || !sameSiteJson(req, res, false)) return true;
        const address = req.socket.remoteAddress ?? 'unknown';
        const wait = pairingByAddress.retryAfterMs(address);
        const started = wait > 0 ? null : core.auth.startPairing(userAgent(req));
        if (!started) {
          const seconds = Math.max(1, Math.ceil(wait / 1000) || 60);
          sendJson(res, 429, { error: 'too many pairing requests; try again later' }, { 'Retry-After': String(seconds) });
          return true;
        }
        pairingByAddress.record(address);
        sendJson(
          res,
          200,
          { code: started.code, expiresAt: started.expiresAt },
          { 'Set-Cookie': setCookie(PAIRING_COOKIE, started.secret, started.expiresAt, now(), secureCookies) },
        );
        return true;
      }
      case '/api/pair/status': {
        if (!allowMethod(req, res, 'GET')) return true;
        const secret = readCookie(req, PAIRING_COOKIE);
        const state = secret === null ? ({ status: 'unknown' } as const) : core.auth.pairingState(secret, userAgent(req));
        if (state.status === 'paired') {
          sendJson(
            res,
            200,
            { status: 'paired', displayId: state.displayId },
            {
              'Set-Cookie': [sessionCookie(state.session.token, state.session.expiresAt), clearCookie(PAIRING_COOKIE, secureCookies)],
            },
          );
          return true;
        }
        sendJson(res, 200, state.status === 'pending' ? { status: 'pending', code: state.code, expiresAt: state.expiresAt } : { status: state.status });
        return true;
      }
      default:
        return false;
    }
  };
}

function userAgent(req: IncomingMessage): string {
  return String(req.headers['user-agent'] ?? '').slice(0, 300);
}

function allowMethod(req: IncomingMessage, res: ServerResponse, method: 'GET' | 'POST'): boolean {
  if (req.method === method || (method === 'GET' && req.method === 'HEAD')) return true;
  sendText(res, 405, 'Method Not Allowed\n', { Allow: method === 'GET' ? 'GET, HEAD' : 'POST' });
  return false;
}

/**
 * A cross-site page cannot post here: its Origin differs from the Host (browsers always send
 * Origin on a POST), and a JSON body needs a CORS preflight we never answer.
 */
function sameSiteJson(req: IncomingMessage, res: ServerResponse, needsBody = true): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    const host = req.headers.host?.toLowerCase();
    if (originHost === null || host === undefined || originHost !== new URL(`http://${host}`).host) {
      sendJson(res, 403, { error: 'cross-site request refused' });
      return false;
    }
  }
  if (needsBody && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    sendJson(res, 415, { error: 'send JSON (Content-Type: application/json)' });
    return false;
  }
  return true;
}

async function readJson<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): Promise<T | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      sendJson(res, 413, { error: `the request body is larger than ${MAX_BODY_BYTES} bytes` });
      req.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    sendJson(res, 400, { error: 'the body is not JSON' });
    return null;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    sendJson(res, 400, { error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
    return null;
  }
  return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}
