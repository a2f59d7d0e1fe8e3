/**
 * The one way the core reaches the network: feeds, platform APIs, connection tests, reply
 * sending, alert webhooks and stream sockets all go through here. A host is resolved once, every
 * address it resolves to is checked against the outbound policy, and the socket connects to the
 * address that was checked (the check is the connection's own DNS lookup, so nothing re-resolves
 * in between). Redirects are followed here, one hop at a time, so each new host is checked too.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { OutboundPolicy, OutboundRefusedError } from './outbound-policy';

export const MAX_REDIRECTS = 5;

export interface OutboundGuard {
  /** A fetch whose every connection and redirect is checked against the policy. */
  fetch: typeof fetch;
  /** For sockets opened by other clients (ws): resolves, checks, and answers only checked addresses. */
  lookup: LookupFunction;
  /** Checks a URL's host where no lookup happens (an address written in the URL); throws if refused. */
  assertUrl(url: URL | string): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Credentials for one origin never travel to another.
const CROSS_ORIGIN_DROPPED = ['authorization', 'cookie', 'proxy-authorization'];

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** The refusal behind a failed fetch (undici wraps the socket's error as the cause of "fetch failed"). */
function refusalIn(error: unknown): OutboundRefusedError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof OutboundRefusedError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function createOutboundGuard(policy: () => OutboundPolicy): OutboundGuard {
  const lookup: LookupFunction = (hostname, options, callback) => {
    const all: LookupAllOptions = { family: options.family ?? 0, hints: options.hints, all: true };
    dnsLookup(hostname, all, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      try {
        // Every answer is checked: a name that resolves to a public and an internal address is refused.
        const current = policy();
        for (const a of addresses) current.assertAllowed(hostname, a.address);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };

  const assertUrl = (raw: URL | string): void => {
    const url = typeof raw === 'string' ? new URL(raw) : raw;
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol))
      throw new OutboundRefusedError(`refused by the outbound policy: ${url.protocol} addresses are not fetched (only http and https)`);
    const host = hostOf(url);
    // An address in the URL is connected to without any lookup, so it is checked here.
    if (isIP(host) !== 0) policy().assertAllowed(host, host);
    else policy().assertName(host);
  };

  const agent = new Agent({ connect: { lookup } });

  const guardedFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('the outbound guard takes a URL, not a Request');
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body ?? null;
    const headers = new Headers(init.headers);
    const mode = init.redirect ?? 'follow';
    for (let hop = 0; ; hop++) {
      assertUrl(url);
      let response: Response;
      try {
        response = (await undiciFetch(url, {
          method,
          headers: [...headers.entries()],
          body: body as never,
          signal: init.signal ?? null,
          redirect: 'manual',
          dispatcher: agent,
        })) as unknown as Response;
      } catch (error) {
        const refused = refusalIn(error);
        throw refused ? new OutboundRefusedError(refused.message) : error;
      }
      const location = response.headers.get('location');
      if (!REDIRECTS.has(response.status) || location === null || mode === 'manual') return response;
      await response.body?.cancel().catch(() => undefined);
      if (mode === 'error') throw new TypeError(`fetch failed: ${url.origin} redirected and this request does not follow redirects`);
      if (hop >= MAX_REDIRECTS) throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects from ${url.origin}`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:')
        throw new OutboundRefusedError(`refused by the outbound policy: ${url.origin} redirected to a ${next.protocol} address`);
      if (next.origin !== url.origin) for (const name of CROSS_ORIGIN_DROPPED) headers.delete(name);
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = null;
        headers.delete('content-type');
        headers.delete('content-length');
      }
      url = next;
    }
  };

  return { fetch: guardedFetch as typeof fetch, lookup, assertUrl };
}
