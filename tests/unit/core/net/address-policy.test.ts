/** The outbound policy's address classes and the allowlist's syntax (pure, no network). */
import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../../../electron/core/net/address-ranges';
import { OutboundPolicy, OutboundRefusedError } from '../../../../electron/core/net/outbound-policy';
import { parseAllowlist } from '@shared/logic/outbound-allowlist';

describe('address classes', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['169.254.10.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['64:ff9b::127.0.0.1', 'loopback'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '93.184.216.34'])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeNull();
  });
});

describe('the allowlist', () => {
  it('takes hosts, domains, addresses and ranges, and names each bad line', () => {
    const { entries, errors } = parseAllowlist([
      'feeds.Intra.Example.',
      '*.corp.example',
      '10.0.0.5',
      'fd00::/16',
      '# a comment',
      '',
      'http://x.example/feed',
      'feed.example:8080',
      '10.0.0.0/4',
      'not a host',
      '300.1.1.1/8',
    ]);
    expect(entries.map((e) => e.value)).toEqual(['feeds.intra.example', '*.corp.example', '10.0.0.5', 'fd00::/16']);
    expect(errors).toHaveLength(5);
    expect(errors[0]).toMatch(/^line 7: .*scheme/);
    expect(errors[1]).toMatch(/^line 8: .*port/);
    expect(errors[2]).toMatch(/^line 9: .*wider than a \/8/);
    expect(errors[3]).toMatch(/^line 10: /);
    expect(errors[4]).toMatch(/^line 11: .*not a range/);
  });

  it('allows an internal address only when the host, its domain, the address or a range holding it is listed', () => {
    const refuse = (policy: OutboundPolicy, host: string, address: string): string | null => {
      try {
        policy.assertAllowed(host, address);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(OutboundRefusedError);
        return (error as Error).message;
      }
    };
    const empty = OutboundPolicy.fromLines([]);
    expect(refuse(empty, 'feed.example', '127.0.0.1')).toBe(
      'refused by the outbound policy: feed.example resolves to 127.0.0.1, a loopback address; an admin can allow this host in Settings → Outbound',
    );
    expect(refuse(empty, 'news.example', '93.184.216.34')).toBeNull();
    const policy = OutboundPolicy.fromLines(['feeds.intra.example', '*.corp.example', '10.0.0.0/8', '192.168.1.7']);
    expect(refuse(policy, 'feeds.intra.example', '172.16.3.3')).toBeNull();
    expect(refuse(policy, 'a.b.corp.example', '172.16.3.3')).toBeNull();
    expect(refuse(policy, 'corp.example.evil', '172.16.3.3')).toMatch(/private address/);
    expect(refuse(policy, 'other.example', '10.9.9.9')).toBeNull();
    expect(refuse(policy, 'other.example', '192.168.1.7')).toBeNull();
    expect(refuse(policy, 'other.example', '192.168.1.8')).toMatch(/192\.168\.1\.8, a private address/);
    // A range never lets the metadata service through; only its exact address does.
    const wide = OutboundPolicy.fromLines(['169.254.0.0/16']);
    expect(refuse(wide, '169.254.169.254', '169.254.169.254')).toMatch(/a cloud metadata address/);
    expect(refuse(wide, '169.254.3.4', '169.254.3.4')).toBeNull();
    expect(refuse(OutboundPolicy.fromLines(['169.254.169.254']), '169.254.169.254', '169.254.169.254')).toBeNull();
  });
});
