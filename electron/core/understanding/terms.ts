/**
 * The terms a mention contributes to trending: lower-cased words of 3+ letters and hashtags (kept
 * with their "#"), without stopwords, handles, URLs or numbers, at most MAX_TERMS_PER_MENTION per
 * mention (hashtags first), each counted once per mention.
 */

export const MAX_TERMS_PER_MENTION = 8;
const MAX_SCAN_CHARS = 1_000;

const STOPWORDS = new Set(
  (
    'the and for are but not you your yours with this that these those have has had was were will would could should can cant ' +
    'from they them their there then than what when where which who whom why how all any been being did does doing done just ' +
    'about after again also because before between both each few more most other some such only own same very into out over ' +
    "under once here off our ours ourselves she her hers him his its it's itself myself yourself himself herself themselves " +
    'dont didnt doesnt isnt wasnt arent werent wont im ive ill youre theyre thats whats theres lets get got getting gets ' +
    'one two now still even much many like make made way going gonna want know think see say said really well back too ' +
    'via amp http https www com rt yes yeah lol today tomorrow yesterday day time let may might must shall upon every ' +
    'los las del que una por para con pero muy est les des une pour avec pas der die das und ist nicht ich mit ein eine'
  ).split(/\s+/),
);

/** A word too common to say anything on its own (also applied when trends are read). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const TERM_RE = /(https?:\/\/\S+|www\.\S+)|(@[\p{L}\p{N}_.]+)|(#[\p{L}\p{N}_]{2,40})|([\p{L}][\p{L}\p{M}\p{N}'’-]{1,39})/gu;

export function extractTerms(text: string): string[] {
  const input = text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text;
  const hashtags: string[] = [];
  const words: string[] = [];
  const seen = new Set<string>();
  TERM_RE.lastIndex = 0;
  for (let m = TERM_RE.exec(input); m !== null; m = TERM_RE.exec(input)) {
    if (m[3] !== undefined) {
      const tag = m[3].toLowerCase();
      if (!seen.has(tag) && !/^#\d+$/.test(tag)) {
        seen.add(tag);
        hashtags.push(tag);
      }
    } else if (m[4] !== undefined) {
      const word = m[4].toLowerCase().replace(/[’']/g, '').replace(/-+$/, '');
      if (word.length < 3 || STOPWORDS.has(word) || seen.has(word)) continue;
      seen.add(word);
      words.push(word);
    }
    if (hashtags.length >= MAX_TERMS_PER_MENTION) break;
  }
  return [...hashtags, ...words].slice(0, MAX_TERMS_PER_MENTION);
}
