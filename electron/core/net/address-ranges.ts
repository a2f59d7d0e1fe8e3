/**
 * Which addresses an outbound request may not reach by default: the hub's own machine, its LAN,
 * the provider's network and the cloud's metadata service. A feed that resolves (or redirects) to
 * one of these is how a remote caller would read internal pages through the core.
 */
import { BlockList, isIP } from 'node:net';

export type AddressKind = 'loopback' | 'link-local' | 'private' | 'unspecified' | 'multicast' | 'shared (CGNAT)' | 'cloud metadata' | 'reserved';

interface Range {
  kind: AddressKind;
  v4: Array<[string, number]>;
  v6: Array<[string, number]>;
}

// Metadata first: 169.254.169.254 is also link-local, and "cloud metadata" is the truer name.
const RANGES: Range[] = [
  {
    kind: 'cloud metadata',
    v4: [
      ['169.254.169.254', 32],
      ['169.254.170.2', 32],
      ['100.100.100.200', 32],
    ],
    v6: [['fd00:ec2::254', 128]],
  },
  { kind: 'unspecified', v4: [['0.0.0.0', 8]], v6: [['::', 128]] },
  { kind: 'loopback', v4: [['127.0.0.0', 8]], v6: [['::1', 128]] },
  { kind: 'link-local', v4: [['169.254.0.0', 16]], v6: [['fe80::', 10]] },
  {
    kind: 'private',
    v4: [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ],
    v6: [['fc00::', 7]],
  },
  { kind: 'shared (CGNAT)', v4: [['100.64.0.0', 10]], v6: [] },
  { kind: 'multicast', v4: [['224.0.0.0', 4]], v6: [['ff00::', 8]] },
  // Benchmarking, documentation-only and future-use blocks never host a real feed.
  {
    kind: 'reserved',
    v4: [
      ['192.0.0.0', 24],
      ['198.18.0.0', 15],
      ['240.0.0.0', 4],
    ],
    v6: [
      ['100::', 64],
      ['2001:db8::', 32],
    ],
  },
];

const LISTS: Array<{ kind: AddressKind; list: BlockList }> = RANGES.map((range) => {
  const list = new BlockList();
  for (const [net, prefix] of range.v4) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of range.v6) list.addSubnet(net, prefix, 'ipv6');
  return { kind: range.kind, list };
});

/** Names that always mean a metadata service, whatever they resolve to. */
export const METADATA_HOST_NAMES: ReadonlySet<string> = new Set(['metadata.google.internal', 'metadata.goog', 'metadata']);

/**
 * An IPv6 address that carries an IPv4 one (::ffff:a.b.c.d, the deprecated ::a.b.c.d, NAT64's
 * 64:ff9b::a.b.c.d) is judged by the IPv4 address it reaches.
 */
export function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:(?:0:)?|::|64:ff9b::)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:(?:0:)?|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Null for an ordinary public address; otherwise what kind of internal address it is. */
export function classifyAddress(address: string): AddressKind | null {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return 'reserved';
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== null) return classifyAddress(v4);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  for (const { kind, list } of LISTS) if (list.check(bare, type)) return kind;
  return null;
}

/** "a loopback address", "an unspecified address": for messages. */
export function describeKind(kind: AddressKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address`;
}
