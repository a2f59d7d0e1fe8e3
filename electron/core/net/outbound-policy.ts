/**
 * The outbound policy: which resolved addresses a request may reach. Internal addresses are
 * refused unless the admin's allowlist (Settings → Outbound, stored in the settings table) names
 * the host, the address or a range holding it. A metadata address is allowed only by its exact
 * address or name, never by a range that happens to cover it.
 */
import { BlockList, isIP } from 'node:net';
import { hostNameAllowed, parseAllowlist, type AllowEntry } from '@shared/logic/outbound-allowlist';
import { classifyAddress, describeKind, embeddedIpv4, METADATA_HOST_NAMES } from './address-ranges';

export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

const HOW_TO_ALLOW = 'an admin can allow this host in Settings → Outbound';

export class OutboundPolicy {
  private readonly ranges = new BlockList();
  private readonly exact = new BlockList();

  constructor(readonly entries: readonly AllowEntry[]) {
    for (const entry of entries) {
      const type = entry.kind !== 'host' && entry.kind !== 'domain' && entry.family === 6 ? 'ipv6' : 'ipv4';
      if (entry.kind === 'address') {
        this.exact.addAddress(entry.value, type);
        this.ranges.addAddress(entry.value, type);
      } else if (entry.kind === 'range') {
        this.ranges.addSubnet(entry.network, entry.prefix, type);
      }
    }
  }

  static fromLines(lines: readonly string[]): OutboundPolicy {
    return new OutboundPolicy(parseAllowlist(lines).entries);
  }

  /** Throws for a name that means a metadata service whatever it resolves to (before any lookup). */
  assertName(host: string): void {
    const name = host.toLowerCase().replace(/\.$/, '');
    if (METADATA_HOST_NAMES.has(name) && !hostNameAllowed(name, this.entries)) {
      throw new OutboundRefusedError(`refused by the outbound policy: ${name} is a cloud metadata address; ${HOW_TO_ALLOW}`);
    }
  }

  /** Throws when a request to `host` may not go to `address` (one of the addresses it resolved to). */
  assertAllowed(host: string, address: string): void {
    const name = host
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1')
      .replace(/\.$/, '');
    if (hostNameAllowed(name, this.entries)) return;
    const kind = METADATA_HOST_NAMES.has(name) ? 'cloud metadata' : classifyAddress(address);
    if (kind === null) return;
    const bare = embeddedIpv4(address) ?? address;
    const type = isIP(bare) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(bare) !== 0) {
      if (kind === 'cloud metadata' ? this.exact.check(bare, type) : this.ranges.check(bare, type)) return;
    }
    const resolves = name === bare || name === address ? `${name} is` : `${name} resolves to ${address},`;
    throw new OutboundRefusedError(`refused by the outbound policy: ${resolves} ${describeKind(kind)}; ${HOW_TO_ALLOW}`);
  }
}
