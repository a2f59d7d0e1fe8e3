/**
 * HTML entities in plain-text fields. X's API and Reddit's JSON escape `&`, `<` and `>` in post
 * text; CSV exports of tweets keep those escapes. Earshot decodes them once, at the source's
 * mapping, in one pass, so "&amp;lt;" (someone who typed "&lt;") becomes "&lt;", never "<".
 * Sources whose text is plain (Bluesky) or already decoded from HTML (Mastodon, feeds) do not
 * call this: decoding again would change what the author wrote.
 */
const NAMED = new Map<string, string>(
  Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
    hellip: '…',
    mdash: '—',
    ndash: '–',
    lsquo: '‘',
    rsquo: '’',
    ldquo: '“',
    rdquo: '”',
    copy: '©',
    reg: '®',
    trade: '™',
    euro: '€',
    pound: '£',
  }),
);

export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // Surrogates and out-of-range points are not characters: leave the text as written.
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED.get(body) ?? whole;
  });
}
