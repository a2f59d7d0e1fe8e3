/** The Host check against DNS rebinding, and the cookie reader: pure functions, every edge named. */
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { createHostAllowlist, hostName, parseAllowedHosts } from '../../../electron/serve/host-allowlist';
import { readCookie, setCookie } from '../../../electron/serve/cookies';

describe('the host allowlist', () => {
  it('answers loopback names, the bind address and configured names, and nothing else', () => {
    const hosts = createHostAllowlist('0.0.0.0', parseAllowedHosts('warroom.local, Hub.Corp.Example'));
    for (const ok of ['localhost:4870', '127.0.0.1:4870', '127.8.9.1', '[::1]:4870', 'warroom.local:4870', 'hub.corp.example', 'HUB.CORP.EXAMPLE.:80'])
      expect(hosts.allows(ok), ok).toBe(true);
    for (const bad of [
      undefined,
      '',
      'evil.example:4870',
      'localhost.evil.example',
      'warroom.local.evil.example',
      '0.0.0.0:4870',
      'user@localhost',
      'localhost/x',
      '8.8.8.8',
    ])
      expect(hosts.allows(bad), String(bad)).toBe(false);
    expect(createHostAllowlist('192.0.2.10', []).allows('192.0.2.10:4870')).toBe(true);
  });

  it('refuses configured entries that are not host names', () => {
    expect(() => parseAllowedHosts('*.example')).toThrow('EARSHOT_ALLOWED_HOSTS: "*.example" is not a host name or address (no ports, no wildcards)');
    expect(() => parseAllowedHosts('a.example/path')).toThrow('is not a host name');
    expect(hostName('[::1]:80')).toBe('::1');
  });
});

describe('the session cookie', () => {
  const req = (cookie: string) => ({ headers: { cookie } }) as unknown as IncomingMessage;
  it('reads only well-formed tokens of its own name', () => {
    const token = 'A'.repeat(43);
    expect(readCookie(req(`other=1; earshot_session=${token}; x=y`), 'earshot_session')).toBe(token);
    expect(readCookie(req('earshot_session=short'), 'earshot_session')).toBeNull();
    expect(readCookie(req(`earshot_session=${'A'.repeat(42)}"`), 'earshot_session')).toBeNull();
    expect(readCookie(req(`xearshot_session=${token}`), 'earshot_session')).toBeNull();
  });
  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only when asked', () => {
    expect(setCookie('earshot_session', 'v', 61_000, 0, false)).toBe('earshot_session=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=61');
    expect(setCookie('earshot_session', 'v', 61_000, 0, true)).toBe('earshot_session=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=61; Secure');
  });
});
