/**
 * Platforms say "slow down" in different headers. This module reads them all into one shape:
 * how many calls are left in the window (when said) and when the window resets.
 *
 * - `Retry-After`: seconds or an HTTP date (RFC 9110), sent with 429 and some 503s.
 * - `x-rate-limit-reset` (X API v2): epoch seconds; with `x-rate-limit-remaining`.
 * - `x-ratelimit-reset`: seconds until the reset (Reddit), or an ISO 8601 time (Mastodon), or epoch
 *   seconds (some others); with `x-ratelimit-remaining`.
 * - `ratelimit-reset` (IETF draft, Bluesky's PDS): seconds until the reset, or epoch seconds.
 */

export interface RateLimitInfo {
  /** Calls left in the current window, where the platform says. */
  remaining: number | null;
  /** Epoch ms at which the window resets, where the platform says. */
  resetAt: number | null;
}

/** Above this a "seconds" value is taken as an epoch time (2001-09-09 in seconds). */
const EPOCH_SECONDS_FLOOR = 1_000_000_000;
/** Never wait longer than a day on a header's word: a wrong clock must not silence a source for weeks. */
export const MAX_RATE_LIMIT_WAIT_MS = 24 * 60 * 60_000;

/** Parses a reset value that may be delta seconds, epoch seconds, or a date; returns epoch ms. */
function resetToEpochMs(raw: string, now: number): number | null {
  const value = raw.trim();
  if (value === '') return null;
  if (/^\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return n >= EPOCH_SECONDS_FLOOR ? Math.round(n * 1000) : now + Math.round(n * 1000);
  }
  const at = Date.parse(value);
  return Number.isFinite(at) ? at : null;
}

/** `Retry-After`: delta seconds or an HTTP date. Returns epoch ms, or null when absent or unreadable. */
export function retryAfterEpochMs(raw: string | null, now: number): number | null {
  if (raw === null) return null;
  const value = raw.trim();
  if (/^\d+$/.test(value)) return now + Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? at : null;
}

export function readRateLimit(headers: Headers, now: number): RateLimitInfo {
  const remainingRaw = headers.get('x-rate-limit-remaining') ?? headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  const remaining = remainingRaw !== null && /^\d+(\.\d+)?$/.test(remainingRaw.trim()) ? Math.floor(Number(remainingRaw)) : null;
  const resetRaw = headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset');
  const resetAt = resetRaw === null ? null : resetToEpochMs(resetRaw, now);
  return { remaining, resetAt };
}

/**
 * How long to wait before asking again after a "slow down" answer: Retry-After first (it is the
 * answer to this request), then the window's reset. Null when the platform did not say.
 */
export function retryAfterMs(headers: Headers, now: number): number | null {
  const at = retryAfterEpochMs(headers.get('retry-after'), now) ?? readRateLimit(headers, now).resetAt;
  if (at === null) return null;
  return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, at - now));
}
