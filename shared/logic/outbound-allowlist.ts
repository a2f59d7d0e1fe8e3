/**
 * The admin's list of hosts the core may reach although they resolve to internal addresses (an
 * on-premises feed, a self-hosted Mastodon on the LAN, a test server on 127.0.0.1). One entry a
 * line: a host name (`feeds.intra.example`), every name under a domain (`*.intra.example`), an
 * address (`10.1.2.3`, `fd00::5`) or a range (`10.0.0.0/8`, `fd00::/8`). Pure: the renderer's form
 * and the core validate with the same rules.
 */

export const OUTBOUND_ALLOWLIST_MAX_ENTRIES = 200;

export type AllowEntry =
  | { kind: 'host'; value: string }
  | { kind: 'domain'; value: string }
  | { kind: 'address'; value: string; family: 4 | 6 }
  | { kind: 'range'; value: string; family: 4 | 6; network: string; prefix: number };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

/** A textual IPv6 address (with at most one `::`, hex groups, optionally a dotted IPv4 tail). */
export function isIpv6(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || text.length > 45) return false;
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] | null => {
    if (part === '') return [];
    const out = part.split(':');
    const last = out[out.length - 1]!;
    if (last.includes('.')) {
      if (!isIpv4(last)) return null;
      out.splice(out.length - 1, 1, '0', '0');
    }
    return out.every((g) => /^[0-9a-f]{1,4}$/i.test(g)) ? out : null;
  };
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  if (!left || !right) return false;
  const count = left.length + right.length;
  return halves.length === 2 ? count < 8 : count === 8;
}

function isHostName(text: string): boolean {
  return text.length <= 253 && text.split('.').every((label) => LABEL.test(label)) && !/^\d+$/.test(text.split('.').pop()!);
}

/** One entry, normalised; or a reason it is not one, for the form. */
export function parseAllowEntry(raw: string): { entry: AllowEntry } | { error: string } {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  if (text === '') return { error: 'is empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text))
    return { error: `"${raw.trim()}" looks like an address with a scheme; give only the host name (e.g. feeds.intra.example)` };
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const network = text.slice(0, slash);
    const prefixText = text.slice(slash + 1);
    const family = isIpv4(network) ? 4 : isIpv6(network) ? 6 : 0;
    const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (family === 0) return { error: `"${raw.trim()}" is not a range: before the / must be an IPv4 or IPv6 address` };
    const max = family === 4 ? 32 : 128;
    if (!(prefix >= 0 && prefix <= max)) return { error: `"${raw.trim()}" has a prefix length outside 0–${max}` };
    if (prefix < (family === 4 ? 8 : 16))
      return { error: `"${raw.trim()}" is wider than a /${family === 4 ? 8 : 16}; allow the hosts you mean, not whole address families` };
    return { entry: { kind: 'range', value: `${network}/${prefix}`, family, network, prefix } };
  }
  if (isIpv4(text)) return { entry: { kind: 'address', value: text, family: 4 } };
  if (isIpv6(text)) return { entry: { kind: 'address', value: text, family: 6 } };
  if (text.startsWith('*.')) {
    const domain = text.slice(2);
    if (!isHostName(domain) || !domain.includes('.')) return { error: `"${raw.trim()}" is not a domain pattern (write *.intra.example)` };
    return { entry: { kind: 'domain', value: `*.${domain}` } };
  }
  if (text.includes(':')) return { error: `"${raw.trim()}" has a port; allow the host without it (every port of an allowed host is allowed)` };
  if (!isHostName(text)) return { error: `"${raw.trim()}" is not a host name, an address or a range` };
  return { entry: { kind: 'host', value: text } };
}

/** Every entry parsed; errors name the line they are on (1-based) so a form can point at it. */
export function parseAllowlist(lines: readonly string[]): { entries: AllowEntry[]; errors: string[] } {
  const entries: AllowEntry[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return;
    const parsed = parseAllowEntry(line);
    if ('error' in parsed) errors.push(`line ${index + 1}: ${parsed.error}`);
    else if (!seen.has(parsed.entry.value)) {
      seen.add(parsed.entry.value);
      entries.push(parsed.entry);
    }
  });
  if (entries.length > OUTBOUND_ALLOWLIST_MAX_ENTRIES) errors.push(`at most ${OUTBOUND_ALLOWLIST_MAX_ENTRIES} entries are allowed (${entries.length} given)`);
  return { entries, errors };
}

/** Whether a host name (as written in a URL, lowercase) is named by the list, itself or by its domain. */
export function hostNameAllowed(host: string, entries: readonly AllowEntry[]): boolean {
  const name = host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  return entries.some((e) => (e.kind === 'host' || e.kind === 'address' ? e.value === name : e.kind === 'domain' ? name.endsWith(e.value.slice(1)) : false));
}
