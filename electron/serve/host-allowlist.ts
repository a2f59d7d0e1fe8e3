/**
 * DNS rebinding: a page at http://evil.example:4870 whose name the attacker points at 127.0.0.1 is
 * same-origin with itself, so a browser lets it talk to the hub. Its requests still carry
 * `Host: evil.example`; only names we know are served. IP literals of this machine are always
 * allowed (a rebinding page cannot have one as its origin); other names must be configured.
 */
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { ConfigError } from '../core/app/env-options';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export interface HostAllowlist {
  allows(hostHeader: string | undefined): boolean;
  /** The names configured, for the banner and the docs' checklist. */
  readonly configured: readonly string[];
}

/** `Host: name:port` or `[v6]:port` → the bare lower-case name, or null when it is not a host. */
export function hostName(hostHeader: string): string | null {
  try {
    const url = new URL(`http://${hostHeader}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    return url.hostname
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '')
      .toLowerCase();
  } catch {
    return null;
  }
}

function ownAddresses(): Set<string> {
  const found = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) found.add(entry.address.toLowerCase());
  }
  return found;
}

/**
 * `EARSHOT_ALLOWED_HOSTS`: comma-separated names (and addresses) other machines use to reach the
 * hub, e.g. `warroom.local,warroom.corp.example`. The bind address counts when it is not a wildcard.
 */
export function parseAllowedHosts(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const name = hostName(entry.trim());
    if (name === null || name === '' || name.includes('*'))
      throw new ConfigError(`EARSHOT_ALLOWED_HOSTS: "${entry.trim()}" is not a host name or address (no ports, no wildcards)`);
    return name;
  });
}

export function createHostAllowlist(bindHost: string, configured: readonly string[]): HostAllowlist {
  const names = new Set<string>([...LOOPBACK_NAMES, ...configured]);
  const bind = hostName(bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost);
  if (bind && bind !== '0.0.0.0' && bind !== '::') names.add(bind);
  let addresses = ownAddresses();
  let addressesAt = Date.now();
  return {
    configured,
    allows(hostHeader) {
      if (hostHeader === undefined) return false;
      const name = hostName(hostHeader);
      if (name === null) return false;
      if (names.has(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return true;
      if (isIP(name) === 0) return false;
      // DHCP may hand this machine a new address while it runs.
      if (Date.now() - addressesAt > 30_000) {
        addresses = ownAddresses();
        addressesAt = Date.now();
      }
      return addresses.has(name);
    },
  };
}
