/**
 * How text is cut into words for matching. Query terms and mention text go through the same
 * functions, so "Café", "CAFE" and "cafe" are one word, and so are "ｋｅｓｔｒｅｌ" and "kestrel".
 *
 * - Folding: Unicode compatibility decomposition (NFKD), combining marks removed, lower case.
 * - Words: runs of letters and digits. Chinese and Japanese characters are one word each (those
 *   scripts do not put spaces between words, so a term of several characters matches as a phrase,
 *   i.e. as a substring). Each emoji is a word of its own. Everything else separates words.
 */

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/gu;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const WORDS_ASCII = /[a-z0-9]+/g;
const CJK_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const HASHTAG_PREV = /[\p{L}\p{N}_&]/u;
const HANDLE_PREV = /[\p{L}\p{N}_.]/u;
const HASHTAG_BODY = /[\p{L}\p{N}_]+/uy;
const HANDLE_BODY = /([\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*)(?:@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+))?/uy;

/**
 * Per-character results are cached: posts reuse a small set of non-ASCII characters (accents,
 * emoji, one script or two), so folding and classifying them is a map look-up after the first time.
 */
const CACHE_LIMIT = 65_536;
const foldCache = new Map<string, string>();
const kindCache = new Map<number, Kind>();

/** 0: separates words; 1: part of a word; 2: a word on its own (a CJK character, an emoji). */
type Kind = 0 | 1 | 2;

function foldChar(ch: string): string {
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    // Final sigma folds to sigma, as Unicode case folding does, so ΟΔΟΣ and οδος are one word.
    folded = ch
      .normalize('NFKD')
      .replace(MARKS, '')
      .toLowerCase()
      .replace(/\u03C2/g, '\u03C3');
    if (foldCache.size < CACHE_LIMIT) foldCache.set(ch, folded);
  }
  return folded;
}

function kindOf(cp: number): Kind {
  if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? 1 : 0;
  let kind = kindCache.get(cp);
  if (kind === undefined) {
    const ch = String.fromCodePoint(cp);
    kind = CJK_CHAR.test(ch) ? 2 : WORD_CHAR.test(ch) ? 1 : PICTOGRAPHIC.test(ch) ? 2 : 0;
    if (kindCache.size < CACHE_LIMIT) kindCache.set(cp, kind);
  }
  return kind;
}

/** Whether text is plain ASCII (then folding is just lower-casing). */
export function isAscii(text: string): boolean {
  return ASCII_ONLY.test(text);
}

/** Lower case, without diacritics, compatibility forms unified (character by character). */
export function fold(text: string): string {
  // Plain ASCII (most posts) needs no decomposition; skipping it keeps matching fast.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.replace(NON_ASCII, foldChar).toLowerCase();
}

/** The words of already folded text, in order. */
export function foldedWords(folded: string): string[] {
  // Plain ASCII: one simple expression finds the same words faster than the loop below.
  if (ASCII_ONLY.test(folded)) return folded.match(WORDS_ASCII) ?? [];
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < folded.length;) {
    const cp = folded.codePointAt(i)!;
    const step = cp > 0xffff ? 2 : 1;
    const kind = kindOf(cp);
    if (kind === 1) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) words.push(folded.slice(start, i));
      start = -1;
      if (kind === 2) words.push(folded.slice(i, i + step));
    }
    i += step;
  }
  if (start >= 0) words.push(folded.slice(start));
  return words;
}

/** The words of any text, folded. */
export function words(text: string): string[] {
  return foldedWords(fold(text));
}

/** The character before `i` (a whole surrogate pair where there is one), or '' at the start. */
function charBefore(text: string, i: number): string {
  if (i === 0) return '';
  const low = text.charCodeAt(i - 1);
  return low >= 0xdc00 && low <= 0xdfff && i >= 2 ? text.slice(i - 2, i) : text[i - 1]!;
}

/** Hashtags in folded text, without '#': `#tag` not preceded by a letter, digit, '_' or '&' (HTML entities). */
export function hashtagsOf(folded: string): Set<string> {
  const tags = new Set<string>();
  for (let i = folded.indexOf('#'); i >= 0; i = folded.indexOf('#', i + 1)) {
    if (HASHTAG_PREV.test(charBefore(folded, i))) continue;
    HASHTAG_BODY.lastIndex = i + 1;
    const m = HASHTAG_BODY.exec(folded);
    if (m) tags.add(m[0]);
  }
  return tags;
}

/**
 * @-mentions in folded text, without '@': `@name` gives "name"; a Mastodon-style `@name@host`
 * gives both "name@host" and "name", so `@name` in a query finds either. An '@' inside a word
 * (an e-mail address) is not a mention.
 */
export function handlesOf(folded: string): Set<string> {
  const handles = new Set<string>();
  for (let i = folded.indexOf('@'); i >= 0; i = folded.indexOf('@', i + 1)) {
    if (HANDLE_PREV.test(charBefore(folded, i))) continue;
    HANDLE_BODY.lastIndex = i + 1;
    const m = HANDLE_BODY.exec(folded);
    if (!m) continue;
    handles.add(m[1]!);
    if (m[2]) handles.add(`${m[1]!}@${m[2]}`);
  }
  return handles;
}

/** A handle as written anywhere (author field, query), folded and without a leading '@'. */
export function normaliseHandle(handle: string): string {
  return fold(handle.trim()).replace(/^@/, '');
}

/** The host of an http(s) URL, lower case, or null. (No `URL` global here: shared/ has no DOM or Node.) */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]+)/i.exec(url.trim());
  return m ? m[1]!.toLowerCase().replace(/\.$/, '') : null;
}
