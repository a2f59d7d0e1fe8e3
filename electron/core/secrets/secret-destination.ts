/**
 * Where a secret may be sent: the origins (scheme, host, port) of the addresses it was saved with.
 * A token saved for https://mastodon.example is never sent anywhere else; when the address
 * changes, the token is cleared and must be entered again, so a caller who can edit settings
 * cannot move a stored token to a server of their choosing.
 */

/** The destinations of a set of addresses, as one comparable string ("" when none is an address). */
export function secretDestination(addresses: ReadonlyArray<unknown>): string {
  const origins = new Set<string>();
  for (const address of addresses) {
    if (typeof address !== 'string' || address.trim() === '') continue;
    try {
      const url = new URL(address.trim());
      if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) origins.add(url.origin.toLowerCase());
    } catch {
      // Not an address; it names no destination.
    }
  }
  return [...origins].sort().join(' ');
}

/** The destination of a source's settings: every address among its plain (non-secret) fields. */
export function settingsDestination(settings: Readonly<Record<string, unknown>>, secretFields: readonly string[]): string {
  const secret = new Set(secretFields);
  return secretDestination(
    Object.entries(settings)
      .filter(([key]) => !secret.has(key))
      .map(([, value]) => value),
  );
}

/** "https://a.example" or "https://a.example and https://b.example", for messages. */
export function describeDestination(destination: string): string {
  return destination === '' ? 'no address' : destination.split(' ').join(' and ');
}
