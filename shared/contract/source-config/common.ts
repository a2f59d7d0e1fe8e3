/** Building blocks the source-kind schemas share: base addresses, queries, secrets. */
import { z } from 'zod';

/** An absolute http(s) address: a platform's API root, an instance, a self-hosted mirror, a test server. */
export const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `${what} must be an http:// or https:// address` }).max(2048);

/** A search query as the platform understands it, trimmed, non-empty and bounded. */
export const searchQuery = (max: number) => z.string().trim().min(1, 'enter what to search for').max(max, `at most ${max} characters`);

/** A secret (token, key) as pasted: trimmed, no spaces inside, bounded. */
export const secretValue = (what: string) => z.string().trim().min(8, `${what} looks too short`).max(4096).regex(/^\S+$/, `${what} must not contain spaces`);

/** An optional secret: an empty field means "none". */
export const optionalSecret = (what: string) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), secretValue(what).optional());

/** An optional text setting: an empty field means "none". */
export const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
