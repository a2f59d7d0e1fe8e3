/**
 * A source's settings travel in two parts: the plain settings (stored as JSON in `sources.config`,
 * listed, exported, shown in the UI) and its secret fields (tokens, keys, shared secrets: kept in
 * the SecretStore only). These two functions are the only places the parts meet.
 */

/** Secret field → value, for one source. */
export type SourceSecrets = Readonly<Record<string, string>>;

/**
 * Splits a settings object into what may be stored in the sources table and its secrets.
 * Only non-empty strings count as secret values; an empty or missing secret field is left out of
 * both (the caller decides whether that means "keep the stored one" or "delete it").
 */
export function splitSecrets(
  settings: Readonly<Record<string, unknown>>,
  secretFields: readonly string[],
): { plain: Record<string, unknown>; secrets: Record<string, string> } {
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  const secret = new Set(secretFields);
  for (const [key, value] of Object.entries(settings)) {
    if (!secret.has(key)) {
      plain[key] = value;
      continue;
    }
    if (typeof value === 'string' && value.length > 0) secrets[key] = value;
  }
  return { plain, secrets };
}

/**
 * The stored settings JSON with the secrets merged in, for the adapter only. Settings that are not
 * a JSON object are returned unchanged, so the adapter's own parser reports them.
 */
export function withSecrets(configJson: string, secrets: SourceSecrets): string {
  if (Object.keys(secrets).length === 0) return configJson;
  let parsed: unknown;
  try {
    parsed = JSON.parse(configJson);
  } catch {
    return configJson;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return configJson;
  return JSON.stringify({ ...(parsed as Record<string, unknown>), ...secrets });
}
