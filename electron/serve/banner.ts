/**
 * What serve mode prints once it listens: URLs for humans, a warning when the walls are exposed
 * to the network, and one `EARSHOT_READY {json}` line that tests and scripts wait for.
 */
import { networkInterfaces } from 'node:os';
import { VIEWS } from '@shared/domain/layout';

export const READY_PREFIX = 'EARSHOT_READY ';

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare) || bare === '::ffff:127.0.0.1';
}

function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Addresses other machines can use when serve mode listens on all interfaces. */
function lanAddresses(): string[] {
  const found: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (!entry.internal && entry.family === 'IPv4') found.push(entry.address);
    }
  }
  return found;
}

export function readyBanner(
  host: string,
  port: number,
  dataDir: string,
  access: { allowedHosts: readonly string[]; needsOwner: boolean } = { allowedHosts: [], needsOwner: false },
): string {
  // A wildcard address is not something a browser can open; this machine reaches it on loopback.
  const localHost = isWildcardHost(host) ? '127.0.0.1' : urlHost(host);
  const url = `http://${localHost}:${port}/`;
  const lines = [`Earshot serve mode: ${url}  (data folder: ${dataDir})`];
  for (const view of VIEWS) lines.push(`  ${view.padEnd(9)} ${url}#/${view}`);
  if (isWildcardHost(host)) {
    for (const address of lanAddresses()) lines.push(`  on the network: http://${address}:${port}/`);
  }
  if (access.allowedHosts.length > 0) lines.push(`  also answers to: ${access.allowedHosts.join(', ')}`);
  if (access.needsOwner) lines.push(`First start: open ${url} on this machine to create the owner (an admin) before anyone else can sign in.`);
  if (!isLoopbackHost(host)) {
    lines.push(
      `NOTE: EARSHOT_HOST=${host} is reachable from the network. Everyone signs in (walls are paired); traffic is plain HTTP unless a TLS proxy is in front (see docs/security-model.md).`,
    );
  }
  lines.push(READY_PREFIX + JSON.stringify({ url, dataDir }));
  return lines.join('\n') + '\n';
}
