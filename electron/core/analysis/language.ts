/**
 * Language identification for short social posts, in two steps. The fast step: the writing system
 * decides most languages outright (Cyrillic, Greek, Arabic, Hebrew, CJK, Thai, Indic scripts), and
 * Latin-script text with English function words is English (most of an English stream, at about
 * 100,000 posts per CPU-second). Latin-script text it cannot call English that way goes to tinyld
 * (a trained n-gram detector, 15–30× slower, so it only sees the rest). Measured on a multilingual
 * sample (docs/signals-sentiment-emotion.md): the fast step alone 0.77, tinyld alone 0.97 but 5% of
 * English tweets called another language, the two steps 0.98 with every English tweet right.
 * Handles, URLs and emoji are ignored; text with no letters is 'und' (undetermined). Answers are
 * ISO 639-1 codes where they exist.
 */
import { detect as tinyDetect } from 'tinyld';

export const UNDETERMINED = 'und';
const MAX_CHARS = 600;

/** Frequent words that are (nearly) unique to one language among those Earshot tells apart. */
const FUNCTION_WORDS: Record<string, readonly string[]> = {
  en: [
    'the',
    'and',
    'is',
    'are',
    'was',
    'were',
    'you',
    'your',
    'my',
    'to',
    'of',
    'for',
    'with',
    'this',
    'that',
    'it',
    'on',
    'have',
    'has',
    'not',
    'be',
    'just',
    'what',
    'why',
    'how',
    'will',
    'can',
    'get',
    'been',
    'at',
    'from',
    'they',
    'we',
    'our',
    'me',
    'i',
    "i'm",
    'im',
    "don't",
    'dont',
    "can't",
    'cant',
    'thanks',
    'thank',
    'please',
    'an',
    'would',
    'should',
    'again',
    'still',
    'all',
    'out',
    'now',
  ],
  es: [
    'el',
    'los',
    'las',
    'una',
    'que',
    'es',
    'por',
    'para',
    'con',
    'pero',
    'muy',
    'gracias',
    'está',
    'esta',
    'hola',
    'del',
    'mi',
    'su',
    'se',
    'lo',
    'más',
    'mas',
    'como',
    'cuando',
    'también',
    'ya',
    'hay',
    'todo',
    'nada',
    'porque',
    'y',
  ],
  fr: [
    'le',
    'les',
    'des',
    'est',
    'une',
    'et',
    'pour',
    'avec',
    'pas',
    'je',
    'vous',
    'nous',
    'mais',
    'très',
    'merci',
    'beaucoup',
    'bonjour',
    'du',
    'au',
    'aux',
    'ce',
    'cette',
    'sur',
    'dans',
    'qui',
    'que',
    "c'est",
    'cest',
    'ne',
    'il',
    'elle',
    'toujours',
    'encore',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ich',
    'mit',
    'ein',
    'eine',
    'sie',
    'wir',
    'auf',
    'für',
    'den',
    'dem',
    'zu',
    'auch',
    'aber',
    'danke',
    'sehr',
    'noch',
    'schon',
    'bei',
    'wie',
    'war',
    'mein',
    'kein',
    'immer',
    'heute',
  ],
  pt: [
    'não',
    'nao',
    'uma',
    'com',
    'para',
    'obrigado',
    'obrigada',
    'muito',
    'você',
    'voce',
    'mas',
    'isso',
    'esse',
    'essa',
    'meu',
    'minha',
    'do',
    'da',
    'dos',
    'das',
    'em',
    'ao',
    'já',
    'está',
    'foi',
    'são',
    'ainda',
    'e',
  ],
  it: [
    'il',
    'che',
    'non',
    'una',
    'per',
    'con',
    'sono',
    'grazie',
    'molto',
    'della',
    'del',
    'questo',
    'questa',
    'ma',
    'anche',
    'ho',
    'gli',
    'ancora',
    'sempre',
    'è',
    'perché',
  ],
  nl: [
    'de',
    'het',
    'een',
    'en',
    'niet',
    'ik',
    'met',
    'voor',
    'zijn',
    'op',
    'dat',
    'bedankt',
    'dank',
    'maar',
    'ook',
    'nog',
    'wel',
    'geen',
    'wat',
    'naar',
    'heb',
  ],
};

/** Letters that point to one Latin-script language. */
const LETTER_HINTS: Array<[RegExp, string]> = [
  [/[ñ¿¡]/u, 'es'],
  [/[ß]/u, 'de'],
  [/[ãõ]/u, 'pt'],
  [/[œ]/u, 'fr'],
  [/[ğış]/u, 'tr'],
  [/[ąęłńśźż]/u, 'pl'],
  [/[ěřůč]/u, 'cs'],
];

const WORD_LANGS = new Map<string, string[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  for (const w of words) {
    const list = WORD_LANGS.get(w) ?? [];
    list.push(lang);
    WORD_LANGS.set(w, list);
  }
}

const SCORED_LANGUAGES = [...new Set([...Object.keys(FUNCTION_WORDS), ...LETTER_HINTS.map(([, lang]) => lang)])].sort((a, b) => a.localeCompare(b));

const STRIP = /https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_.]+/gu;
const WORD = /[\p{L}\p{M}'’]+/gu;

type Script =
  | 'latin'
  | 'cyrillic'
  | 'greek'
  | 'arabic'
  | 'hebrew'
  | 'han'
  | 'kana'
  | 'hangul'
  | 'thai'
  | 'devanagari'
  | 'bengali'
  | 'tamil'
  | 'armenian'
  | 'georgian'
  | 'other';

function scriptOf(cp: number): Script | null {
  if (
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) ||
    (cp >= 0x1e00 && cp <= 0x1eff) ||
    (cp >= 0xff21 && cp <= 0xff5a)
  )
    return 'latin';
  if (cp >= 0x400 && cp <= 0x52f) return 'cyrillic';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if ((cp >= 0x600 && cp <= 0x6ff) || (cp >= 0x750 && cp <= 0x77f) || (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff)) return 'arabic';
  if (cp >= 0x590 && cp <= 0x5ff) return 'hebrew';
  if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff)) return 'kana';
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf)) return 'han';
  if ((cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0x1100 && cp <= 0x11ff)) return 'hangul';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'thai';
  if (cp >= 0x900 && cp <= 0x97f) return 'devanagari';
  if (cp >= 0x980 && cp <= 0x9ff) return 'bengali';
  if (cp >= 0xb80 && cp <= 0xbff) return 'tamil';
  if (cp >= 0x530 && cp <= 0x58f) return 'armenian';
  if (cp >= 0x10a0 && cp <= 0x10ff) return 'georgian';
  return null;
}

const SCRIPT_LANG: Partial<Record<Script, string>> = {
  greek: 'el',
  hebrew: 'he',
  hangul: 'ko',
  thai: 'th',
  devanagari: 'hi',
  bengali: 'bn',
  tamil: 'ta',
  armenian: 'hy',
  georgian: 'ka',
  kana: 'ja',
};

export interface DetectedLanguage {
  /** ISO 639-1 (or 639-3) code, or 'und'. */
  language: string;
  /** Why: the script, the function words that matched, or "no letters". */
  reason: string;
}

/**
 * `knownEnglish` lets a caller say a word is English (the sentiment lexicon's words): short
 * complaints like "worst airline ever" carry no function words but are plainly English.
 */
export function detectLanguage(text: string, knownEnglish?: (word: string) => boolean): DetectedLanguage {
  const head = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  // Most posts have no link or handle: skip the replace (and its copy) for them.
  const input = head.includes('@') || head.includes('http') || head.includes('www.') ? head.replace(STRIP, ' ') : head;
  const counts = new Map<Script, number>();
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < input.length; i++) {
    let cp = input.charCodeAt(i);
    // ASCII letters are most of most posts: count them without the Map.
    if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) {
      latin++;
      continue;
    }
    if (cp < 128) continue;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < input.length) {
      cp = input.codePointAt(i)!;
      i++;
    }
    const script = scriptOf(cp);
    if (!script) continue;
    if (script === 'latin') latin++;
    else {
      letters++;
      counts.set(script, (counts.get(script) ?? 0) + 1);
    }
  }
  letters += latin;
  if (latin > 0) counts.set('latin', latin);
  if (letters === 0) return { language: UNDETERMINED, reason: 'no letters' };

  let top: Script = 'other';
  let topCount = 0;
  for (const [script, n] of counts) {
    if (n > topCount) {
      top = script;
      topCount = n;
    }
  }
  // Japanese mixes kana with Han; any kana makes Han-heavy text Japanese.
  if ((top === 'han' || top === 'kana') && (counts.get('kana') ?? 0) > 0) return { language: 'ja', reason: 'kana script' };
  if (top === 'han') return { language: 'zh', reason: 'Han script' };
  if (top === 'cyrillic') return { language: /[іїєґ]/iu.test(input) ? 'uk' : 'ru', reason: 'Cyrillic script' };
  if (top === 'arabic') {
    if (/[ٹڈڑںے]/u.test(input)) return { language: 'ur', reason: 'Arabic script with Urdu letters' };
    if (/[پچژگی]/u.test(input)) return { language: 'fa', reason: 'Arabic script with Persian letters' };
    return { language: 'ar', reason: 'Arabic script' };
  }
  const byScript = SCRIPT_LANG[top];
  if (byScript) return { language: byScript, reason: `${top} script` };
  if (top !== 'latin') return { language: UNDETERMINED, reason: 'unrecognised script' };

  const lowered = input.toLowerCase();
  const lower = lowered.includes('’') ? lowered.replace(/’/g, "'") : lowered;
  const scores = new Map<string, number>();
  const matched: string[] = [];
  let words = 0;
  let english = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    const w = m[0];
    words++;
    const langs = WORD_LANGS.get(w);
    if (langs) {
      // A word shared by several languages counts a little for each.
      const share = 1 / langs.length;
      for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + share);
      if (matched.length < 4) matched.push(w);
    }
    // Only the first three count (below), so the lookups stop there.
    if (english < 3 && knownEnglish && w.length >= 3 && knownEnglish(w)) english++;
  }
  for (const [re, lang] of LETTER_HINTS) if (re.test(lower)) scores.set(lang, (scores.get(lang) ?? 0) + 1.5);
  // Words the sentiment lexicon knows are weak evidence for English.
  if (english > 0) scores.set('en', (scores.get('en') ?? 0) + Math.min(english, 3) * 0.4);
  if (scores.size === 0 && words === 0) return { language: UNDETERMINED, reason: 'Latin script, no words' };

  let best = UNDETERMINED;
  let bestScore = 0;
  let second = 0;
  // In alphabetical order of language, so a tie goes the same way every time.
  for (const lang of SCORED_LANGUAGES) {
    const s = scores.get(lang);
    if (s === undefined) continue;
    if (s > bestScore) {
      second = bestScore;
      best = lang;
      bestScore = s;
    } else if (s > second) second = s;
  }
  // One function word is weak evidence ("le", "die" and "lo" turn up in English posts too): another
  // language needs two, and must clearly beat the runner-up; English needs one.
  const enough = best === 'en' ? bestScore >= 0.4 : bestScore >= 1.8 && bestScore - second >= 1;
  if (enough && best === 'en')
    return { language: 'en', reason: matched.length > 0 ? `Latin script; words: ${matched.join(', ')}` : 'Latin script; known words' };
  // Not plainly English: the trained detector decides, where it can.
  const trained = normalizeLanguageTag(tinyDetect(input));
  if (trained) return { language: trained, reason: `Latin script; tinyld says "${trained}"` };
  if (!enough) {
    if (english > 0) return { language: 'en', reason: 'Latin script; words the English lexicon knows' };
    return { language: UNDETERMINED, reason: 'Latin script, no distinctive words' };
  }
  return { language: best, reason: matched.length > 0 ? `Latin script; words: ${matched.join(', ')}` : 'Latin script; known words' };
}

/** A source's own language tag, reduced to its primary subtag ("en-US" → "en"); junk is ignored. */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}
