/**
 * Signing in to a serve-mode hub the way a browser does: the owner is created on first start over
 * loopback (POST /api/auth/owner), everyone signs in with a passphrase (POST /api/auth/sign-in),
 * and the HttpOnly session cookie the hub sets is what browser contexts and Node sockets carry.
 */
export const OWNER_NAME = 'Test Owner';
export const TEST_PASSPHRASE = 'a passphrase for tests only';

export interface HubSession {
  /** `earshot_session=<token>`, for a Cookie header. */
  cookie: string;
  /** For `browser.newContext({ storageState })` and Playwright's `storageState` option. */
  storageState: { cookies: PlaywrightCookie[]; origins: [] };
}

interface PlaywrightCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'Strict';
}

/** Base URL → the owner's cookie, so Node sockets opened on a hub carry it by default. */
const ownerCookies = new Map<string, string>();

export function ownerCookieFor(url: string): string | undefined {
  return ownerCookies.get(new URL(url).host);
}

async function post(baseUrl: string, path: string, body: unknown): Promise<Response> {
  const url = new URL(path, baseUrl);
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: url.origin }, body: JSON.stringify(body) });
}

function sessionFrom(baseUrl: string, res: Response): HubSession {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('earshot_session='));
  if (!header) throw new Error(`the hub set no session cookie (HTTP ${res.status})`);
  const pair = header.split(';', 1)[0]!;
  const maxAge = Number(/Max-Age=(\d+)/.exec(header)?.[1] ?? '0');
  const { hostname } = new URL(baseUrl);
  return {
    cookie: pair,
    storageState: {
      cookies: [
        {
          name: 'earshot_session',
          value: pair.slice('earshot_session='.length),
          domain: hostname,
          path: '/',
          expires: Math.floor(Date.now() / 1000) + maxAge,
          httpOnly: true,
          secure: false,
          sameSite: 'Strict',
        },
      ],
      origins: [],
    },
  };
}

/** Creates the owner on a fresh hub, or signs the owner in on one that has it (a restart). */
export async function ownerSession(baseUrl: string): Promise<HubSession> {
  const state = (await (await fetch(new URL('/api/auth/state', baseUrl))).json()) as { needsOwner: boolean };
  const res = state.needsOwner
    ? await post(baseUrl, '/api/auth/owner', { name: OWNER_NAME, passphrase: TEST_PASSPHRASE })
    : await post(baseUrl, '/api/auth/sign-in', { name: OWNER_NAME, passphrase: TEST_PASSPHRASE });
  if (!res.ok) throw new Error(`the owner could not sign in: HTTP ${res.status} ${await res.text()}`);
  const session = sessionFrom(baseUrl, res);
  ownerCookies.set(new URL(baseUrl).host, session.cookie);
  return session;
}

export async function signIn(baseUrl: string, name: string, passphrase = TEST_PASSPHRASE): Promise<HubSession> {
  const res = await post(baseUrl, '/api/auth/sign-in', { name, passphrase });
  if (!res.ok) throw new Error(`${name} could not sign in: HTTP ${res.status} ${await res.text()}`);
  return sessionFrom(baseUrl, res);
}
