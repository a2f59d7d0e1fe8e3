/**
 * Mention URLs come from strangers. Only absolute http(s) URLs without whitespace or quotes may
 * become links; anything else (javascript:, data:, relative paths) is shown as text or dropped.
 */
const HTTP_URL = /^https?:\/\/[^\s"'<>\\]+$/i;

export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const url = raw.trim();
  return url.length <= 2048 && HTTP_URL.test(url) ? url : null;
}
