/**
 * Mention URLs come from strangers. Only absolute http(s) URLs without whitespace or quotes may
 * become links; anything else (javascript:, data:, relative paths) is shown as text or dropped.
 */
// Direction controls (U+202A–202E, U+2066–2069) would let a link read differently from where it goes.
const HTTP_URL = /^https?:\/\/[^\s"'<>\\\u202A-\u202E\u2066-\u2069]+$/i;

export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const url = raw.trim();
  return url.length <= 2048 && HTTP_URL.test(url) ? url : null;
}
