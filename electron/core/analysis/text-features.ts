/**
 * Turns a post into what the sentiment model reads: tokens (words, hashtags, emoticons, emoji,
 * placeholders for handles and URLs), n-gram features with negation marking, and rule features
 * from valence lexicons (negation, intensifiers, "but" contrast, elongation, capitals, emoji).
 * Training and scoring call exactly this code, so they cannot drift.
 *
 * Nothing here is specific to one trade: the hand-made lists are general English (negators,
 * intensifiers, a few general phrases, emoji). Vocabulary of one domain (flights, bags, refunds)
 * is learned per workspace from its corrections (`understanding/adaptation.ts`), not built in.
 */

export type TokenKind = 'word' | 'hashtag' | 'emoticon' | 'emoji' | 'user' | 'url' | 'punct';

export interface Token {
  /** Normalised form: lower-case, elongations collapsed, curly apostrophes straightened. */
  norm: string;
  kind: TokenKind;
  /** Written in capitals (2+ letters) inside a text that is not all capitals. */
  shouted: boolean;
  /** Had a letter repeated 3+ times ("sooo"). */
  elongated: boolean;
}

/** A feature the model has weights for, with its value in this text. */
export interface FeatureValue {
  name: string;
  value: number;
}

/** What the lexicon-and-rules pass found, in a form both the model and the explanation use. */
export interface RuleReport {
  /** Sum of positive valences after the rules (>= 0). */
  positive: number;
  /** Sum of negative valences after the rules (<= 0). */
  negative: number;
  /** VADER-style normalised sum, -1 … 1. */
  compound: number;
  /** Names of the rules that changed something, e.g. "negation: not good". */
  fired: string[];
  /** Per-token valence after rules (for explanations), word → valence. */
  hits: Array<{ token: string; valence: number }>;
  /** Sentiment words flipped by a negation. */
  negations: number;
}

export interface TextFeatures {
  tokens: Token[];
  features: FeatureValue[];
  rules: RuleReport;
}

/** A valence lexicon: word → valence (VADER's scale, roughly -4 … +4). */
export type Lexicon = ReadonlyMap<string, number>;

/**
 * The lexicons the features read: VADER's valences drive the rules pass; AFINN's word scores
 * (-5 … +5) and the emoji scores (Emoji Sentiment Ranking, via the `sentiment` package) are a
 * second opinion the model weighs on its own. A bare map is read as VADER's alone.
 */
export interface Lexicons {
  valence: Lexicon;
  afinn: Lexicon;
  emoji: Lexicon;
}

const NO_WORDS: Lexicon = new Map();

export function asLexicons(lexicon: Lexicon | Lexicons): Lexicons {
  return lexicon instanceof Map ? { valence: lexicon as Lexicon, afinn: NO_WORDS, emoji: NO_WORDS } : (lexicon as Lexicons);
}

/** Longer texts are cut before analysis: sentiment is decided early, and junk must not slow the pipeline. */
export const ANALYSIS_MAX_CHARS = 2_000;
/** Tokens after which a post is not read further (same reason). */
const MAX_TOKENS = 400;

const EMOTICON_RE = /[:;=][-'^]?[)(\][dDpP/\\|*]+|<\/?3+|[)(\]][-'^]?[:;=]/y;
const EMOJI_RE = /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}\uFE0F?/uy;
const WORD_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const LETTER_RE = /\p{L}/u;
const ELONGATION = /(\p{L})\1{2,}/gu;
const wordCharCache = new Map<number, boolean>();

/** Letters, digits and combining marks; ASCII answered inline, the rest cached per code point. */
function isWordChar(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57);
  let known = wordCharCache.get(cp);
  if (known === undefined) {
    known = WORD_CHAR_RE.test(String.fromCodePoint(cp));
    if (wordCharCache.size < 50_000) wordCharCache.set(cp, known);
  }
  return known;
}

function isPunct(cp: number): boolean {
  return cp === 46 || cp === 44 || cp === 33 || cp === 63 || cp === 59 || cp === 58;
}

/** Negators open a scope of up to three words, closed by punctuation. */
export const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'neither',
  'nor',
  'nowhere',
  'cannot',
  'without',
  'nope',
  'hardly',
  'barely',
  'aint',
  'arent',
  'cant',
  'couldnt',
  'didnt',
  'doesnt',
  'dont',
  'hadnt',
  'hasnt',
  'havent',
  'isnt',
  'shouldnt',
  'wasnt',
  'werent',
  'wont',
  'wouldnt',
]);

export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ['absolutely', 0.293],
  ['completely', 0.293],
  ['extremely', 0.293],
  ['incredibly', 0.293],
  ['really', 0.293],
  ['so', 0.293],
  ['totally', 0.293],
  ['very', 0.293],
  ['super', 0.293],
  ['truly', 0.293],
  ['utterly', 0.293],
  ['seriously', 0.293],
  ['highly', 0.293],
  ['most', 0.293],
  ['such', 0.2],
  ['too', 0.2],
  ['fucking', 0.293],
  ['freaking', 0.293],
  ['damn', 0.2],
  ['kinda', -0.293],
  ['somewhat', -0.293],
  ['slightly', -0.293],
  ['little', -0.293],
  ['sorta', -0.293],
  ['almost', -0.293],
  ['partly', -0.293],
]);

/** General two-word phrases whose words alone mislead the lexicon ("no problem" is not a problem). */
export const PHRASES: ReadonlyMap<string, number> = new Map([
  ['no one', -1.0],
  ['never again', -2.6],
  ['thank you', 1.8],
  ['great job', 2.6],
  ['well done', 2.2],
  ['no problem', 1.0],
  ['no worries', 1.0],
  ['no doubt', 0.8],
  ['not bad', 1.2],
]);

const PHRASE_STARTS = new Set([...PHRASES.keys()].map((p) => p.split(' ')[0]!));

/** Emoji with a clear lean (the lexicon holds emoticons but not emoji). */
export const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map([
  ['😀', 2],
  ['😃', 2],
  ['😄', 2],
  ['😁', 2],
  ['😊', 2.2],
  ['🙂', 1.2],
  ['😍', 2.8],
  ['🥰', 2.8],
  ['😘', 2.2],
  ['❤', 2.6],
  ['💕', 2.4],
  ['💖', 2.4],
  ['👍', 1.8],
  ['👏', 2],
  ['🙏', 1.2],
  ['🎉', 2.2],
  ['✨', 1.2],
  ['💯', 1.8],
  ['🙌', 2.2],
  ['😎', 1.6],
  ['🤩', 2.6],
  ['😂', 1.2],
  ['🤣', 1.2],
  ['♥', 2.4],
  ['😡', -2.8],
  ['🤬', -3],
  ['😠', -2.5],
  ['😤', -2],
  ['😞', -2],
  ['😢', -2],
  ['😭', -2.2],
  ['😩', -2.2],
  ['😫', -2.2],
  ['👎', -2],
  ['💩', -2],
  ['🙄', -1.6],
  ['😒', -1.6],
  ['🤮', -2.6],
  ['😣', -1.8],
  ['😖', -2],
  ['😔', -1.6],
  ['😕', -1.2],
  ['😑', -1],
  ['😐', -0.4],
  ['💔', -2.4],
  ['😱', -1.6],
]);

/** The `sentiment` package's emoji scores are on AFINN's -5 … +5 scale; VADER's runs to ±4. */
function emojiValence(emoji: Lexicon, norm: string): number | undefined {
  const v = emoji.get(norm);
  return v === undefined ? undefined : v * 0.8;
}

const BUT_WORDS = new Set(['but', 'however', 'although', 'though', 'yet']);
/** Scalars the VADER paper measured: a negated valence flips and shrinks, capitals and boosters add. */
const NEGATION_SCALAR = -0.74;
const CAPS_INCREMENT = 0.733;
const ELONGATION_INCREMENT = 0.3;
/** Maximum n-gram features per text; a 2,000-character post must cost about what a tweet does. */
export const MAX_NGRAMS = 120;

/**
 * Hashed character n-grams (3 to 5 letters of " word ", FNV-1a into CHAR_BUCKETS buckets): they
 * let the model read spelling it has not seen as a whole word ("loooved", "unhelpful", "#sohappy").
 * A feature named "~<bucket>" whose value is CHAR_GRAM_MASS × its share of the text's n-grams:
 * together they weigh the same in a short post and a long one, and a word repeated 400 times
 * cannot outvote everything else. Scoring walks them with `visitCharGrams` without building names.
 */
export const CHAR_BUCKETS = 1 << 18;
export const CHAR_GRAM_PREFIX = '~';
export const CHAR_GRAM_MASS = 60;
const CHAR_GRAM_MIN = 3;
const CHAR_GRAM_MAX = 5;
/** Letters of one word that are read for n-grams (a 2,000-letter "word" costs what a long word does). */
const CHAR_GRAM_WORD_MAX = 24;

/** The word's letters with a space each side, reused between calls (scoring runs on one thread). */
const gramCodes = new Uint16Array(CHAR_GRAM_WORD_MAX + 2);

/**
 * Calls `visit(bucket)` once per character n-gram occurrence of one word (`norm` from `skip`: 1
 * drops a hashtag's "#"). Boundaries are a space on each side of the word. Returns the count.
 */
export function visitWordGrams(norm: string, skip: number, visit: (bucket: number) => void): number {
  let grams = 0;
  const codes = gramCodes;
  const letters = Math.min(norm.length - skip, CHAR_GRAM_WORD_MAX);
  const length = letters + 2;
  codes[0] = 32;
  for (let k = 0; k < letters; k++) codes[k + 1] = norm.charCodeAt(k + skip);
  codes[length - 1] = 32;
  // FNV-1a extends one character at a time, so the 3-, 4- and 5-gram at one start share a pass.
  for (let i = 0; i + CHAR_GRAM_MIN <= length; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(i + CHAR_GRAM_MAX, length);
    for (let k = i; k < end; k++) {
      h = Math.imul(h ^ codes[k]!, 0x01000193) >>> 0;
      if (k - i + 1 >= CHAR_GRAM_MIN) {
        visit(h % CHAR_BUCKETS);
        grams++;
      }
    }
  }
  return grams;
}

/** `visitWordGrams` over the words and hashtags of `tokens`, in token order. */
export function visitCharGrams(tokens: readonly Token[], visit: (bucket: number) => void): number {
  let grams = 0;
  for (const t of tokens) {
    if (t.kind === 'word') grams += visitWordGrams(t.norm, 0, visit);
    else if (t.kind === 'hashtag') grams += visitWordGrams(t.norm, 1, visit);
  }
  return grams;
}

export function hasLetters(s: string): boolean {
  return LETTER_RE.test(s);
}

/**
 * Splits a post into tokens with a hand-written scanner (a regular expression with Unicode
 * look-behinds was five times slower): URLs, @handles, #hashtags, emoticons (only where no letter
 * or digit precedes them: "10:30" is a time), emoji, words (with inner apostrophes) and runs of
 * punctuation. It runs on every stored mention.
 */
export function tokenize(text: string): Token[] {
  const input = text.length > ANALYSIS_MAX_CHARS ? text.slice(0, ANALYSIS_MAX_CHARS) : text;
  const tokens: Token[] = [];
  const n = input.length;
  let letters = 0;
  let upper = 0;
  let i = 0;
  let prevWordChar = false;
  while (i < n && tokens.length < MAX_TOKENS) {
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp === 104 /* h */ && (input.startsWith('http://', i) || input.startsWith('https://', i))) {
      let j = i;
      while (j < n && input.charCodeAt(j) > 32) j++;
      tokens.push({ norm: '<url>', kind: 'url', shouted: false, elongated: false });
      i = j;
      prevWordChar = false;
      continue;
    }
    if ((cp === 64 /* @ */ || cp === 35) /* # */ && i + 1 < n && isWordChar(input.codePointAt(i + 1)!)) {
      let j = i + 1;
      while (j < n) {
        const c = input.codePointAt(j)!;
        if (isWordChar(c) || c === 95 || (cp === 64 && c === 46 && j + 1 < n && isWordChar(input.codePointAt(j + 1)!))) j += c > 0xffff ? 2 : 1;
        else break;
      }
      if (cp === 64) tokens.push({ norm: '<user>', kind: 'user', shouted: false, elongated: false });
      else tokens.push({ norm: input.slice(i, j).toLowerCase(), kind: 'hashtag', shouted: false, elongated: false });
      i = j;
      prevWordChar = false;
      continue;
    }
    if (isWordChar(cp)) {
      let j = i;
      let run = 1;
      let last = -1;
      let elongated = false;
      while (j < n) {
        const c = input.codePointAt(j)!;
        if (isWordChar(c)) {
          run = c === last ? run + 1 : 1;
          if (run >= 3 && c > 57) elongated = true;
          last = c;
          j += c > 0xffff ? 2 : 1;
        } else if ((c === 39 || c === 0x2019) && j + 1 < n && isWordChar(input.codePointAt(j + 1)!)) {
          j++;
          last = -1;
        } else break;
      }
      const raw = input.slice(i, j);
      const lower = raw.toLowerCase();
      const isUpper = raw.length >= 2 && lower !== raw && raw.toUpperCase() === raw;
      for (let k = 0; k < raw.length; k++) {
        const c = raw.charCodeAt(k);
        if (c >= 65 && c <= 90) {
          upper++;
          letters++;
        } else if (c >= 97 && c <= 122) letters++;
      }
      let norm = lower;
      if (norm.indexOf('’') >= 0 || norm.indexOf("'") >= 0) norm = norm.replace(/['’]/g, ''); // "didn't" = "didnt"
      if (elongated) norm = norm.replace(ELONGATION, '$1$1');
      tokens.push({ norm, kind: 'word', shouted: isUpper && LETTER_RE.test(raw), elongated });
      i = j;
      prevWordChar = true;
      continue;
    }
    if (!prevWordChar && (cp === 58 || cp === 59 || cp === 61 || cp === 60 || cp === 41 || cp === 40 || cp === 93)) {
      EMOTICON_RE.lastIndex = i;
      const m = EMOTICON_RE.exec(input);
      if (m !== null) {
        const end = i + m[0].length;
        const after = end < n ? input.codePointAt(end)! : 32;
        // A reversed face "(:" must not be followed by a word character ("(:foo").
        if (!(cp === 40 || cp === 41 || cp === 93) || !isWordChar(after)) {
          tokens.push({ norm: m[0], kind: 'emoticon', shouted: false, elongated: false });
          i = end;
          prevWordChar = false;
          continue;
        }
      }
    }
    if (isPunct(cp)) {
      let j = i + 1;
      while (j < n && isPunct(input.charCodeAt(j))) j++;
      tokens.push({ norm: input.slice(i, j), kind: 'punct', shouted: false, elongated: false });
      i = j;
      prevWordChar = false;
      continue;
    }
    if (cp >= 0x2000) {
      EMOJI_RE.lastIndex = i;
      const m = EMOJI_RE.exec(input);
      if (m !== null) {
        tokens.push({ norm: m[0].replace('\uFE0F', ''), kind: 'emoji', shouted: false, elongated: false });
        i += m[0].length;
        prevWordChar = false;
        continue;
      }
    }
    prevWordChar = false;
    i += width;
  }
  // A text written all in capitals is not shouting any one word.
  if (letters > 0 && upper / letters > 0.8) for (const t of tokens) t.shouted = false;
  return tokens;
}

/** "soo" → "so" when only the single-letter form is known (the tokenizer keeps doubles: "good"). */
export function lookupValence(norm: string, lexicon: Lexicon, elongated = false): number | undefined {
  const direct = lexicon.get(norm);
  if (direct !== undefined || !elongated) return direct;
  const single = norm.replace(/(\p{L})\1+/gu, '$1');
  return single !== norm ? lexicon.get(single) : undefined;
}

function isClauseEnd(t: Token): boolean {
  return t.kind === 'punct' && t.norm !== "'";
}

/**
 * The lexicon-and-rules pass (after VADER, Hutto & Gilbert 2014): each sentiment-bearing token's
 * valence is boosted or damped by the three words before it, flipped and shrunk under negation,
 * raised for capitals and elongation; clauses before "but" count half and after it one and a half;
 * "!" adds emphasis. A few general phrases ("no problem") are read on adjacent words.
 */
export function applyRules(tokens: readonly Token[], lexicon: Lexicon | Lexicons, detail = true): RuleReport {
  const { valence: words, emoji } = asLexicons(lexicon);
  const valences: number[] = new Array<number>(tokens.length).fill(0);
  const fired: string[] = [];
  let negations = 0;
  let butAt = -1;
  let exclamations = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      for (const ch of t.norm) if (ch === '!') exclamations++;
      continue;
    }
    if (t.kind === 'word' && BUT_WORDS.has(t.norm) && butAt < 0 && i > 0) butAt = i;
    let v: number | undefined;
    if (t.kind === 'emoji') v = EMOJI_VALENCE.get(t.norm) ?? emojiValence(emoji, t.norm);
    else if (t.kind === 'emoticon') v = words.get(t.norm) ?? words.get(t.norm.toLowerCase());
    else if (t.kind === 'hashtag') v = lookupValence(t.norm, words) ?? lookupValence(t.norm.slice(1), words);
    else if (t.kind === 'word') {
      const next = tokens[i + 1];
      const phrase = next && next.kind === 'word' && PHRASE_STARTS.has(t.norm) ? PHRASES.get(`${t.norm} ${next.norm}`) : undefined;
      if (phrase !== undefined) {
        valences[i] = phrase;
        if (detail && phrase !== 0) fired.push(`phrase: ${t.norm} ${next!.norm}`);
        i++;
        continue;
      }
      if (BOOSTERS.has(t.norm) || NEGATORS.has(t.norm)) continue;
      v = lookupValence(t.norm, words, t.elongated);
    }
    if (v === undefined || v === 0) continue;
    if (t.shouted) {
      v += v > 0 ? CAPS_INCREMENT : -CAPS_INCREMENT;
      if (detail) fired.push(`capitals: ${t.norm}`);
    }
    if (t.elongated) {
      v += v > 0 ? ELONGATION_INCREMENT : -ELONGATION_INCREMENT;
      if (detail) fired.push(`elongation: ${t.norm}`);
    }
    // Look back up to three words, stopping at a clause end.
    for (let back = 1; back <= 3 && i - back >= 0; back++) {
      const prev = tokens[i - back]!;
      if (isClauseEnd(prev)) break;
      if (prev.kind !== 'word') continue;
      const boost = BOOSTERS.get(prev.norm);
      if (boost !== undefined) {
        const scaled = boost * (back === 1 ? 1 : back === 2 ? 0.95 : 0.9);
        v += v > 0 ? scaled : -scaled;
        if (detail) fired.push(`${boost > 0 ? 'intensifier' : 'dampener'}: ${prev.norm} ${t.norm}`);
      } else if (NEGATORS.has(prev.norm)) {
        v *= NEGATION_SCALAR;
        negations++;
        if (detail) fired.push(`negation: ${prev.norm} … ${t.norm}`);
        break;
      }
    }
    valences[i] = v;
  }
  if (butAt > 0) {
    let changed = false;
    for (let i = 0; i < valences.length; i++) {
      if (valences[i] === 0) continue;
      valences[i] = valences[i]! * (i < butAt ? 0.5 : 1.5);
      changed = true;
    }
    if (changed && detail) fired.push(`contrast: "${tokens[butAt]!.norm}" weighs the later clause`);
  }
  let positive = 0;
  let negative = 0;
  const hits: RuleReport['hits'] = [];
  for (let i = 0; i < valences.length; i++) {
    const v = valences[i]!;
    if (v === 0) continue;
    if (v > 0) positive += v;
    else negative += v;
    if (detail) hits.push({ token: tokens[i]!.norm, valence: Math.round(v * 1000) / 1000 });
  }
  let sum = positive + negative;
  if (sum !== 0 && exclamations > 0) {
    const emphasis = Math.min(exclamations, 4) * 0.292;
    sum += sum > 0 ? emphasis : -emphasis;
    if (detail) fired.push(`emphasis: ${Math.min(exclamations, 4)}×"!"`);
  }
  const compound = sum / Math.sqrt(sum * sum + 15);
  return { positive, negative, compound, fired, hits, negations };
}

/**
 * The model's input: binary n-gram features (words marked "not_" inside a negation scope, bigrams
 * of adjacent tokens) plus real-valued rule features (prefix "$"). Duplicates are kept once.
 */
export function extractFeatures(text: string, lexicon: Lexicon | Lexicons, charGrams = true): TextFeatures {
  const features: FeatureValue[] = [];
  const { tokens, rules } = visitFeatures(text, lexicon, true, (name, value) => features.push({ name, value }));
  if (charGrams) {
    const counts = new Map<number, number>();
    const total = visitCharGrams(tokens, (bucket) => counts.set(bucket, (counts.get(bucket) ?? 0) + 1));
    for (const [bucket, count] of counts) features.push({ name: `${CHAR_GRAM_PREFIX}${bucket}`, value: (CHAR_GRAM_MASS * count) / total });
  }
  return { tokens, features, rules };
}

const seenNames = new Set<string>();

/**
 * Walks the features of a text, handing each (once, non-zero) to `visit`: the scoring path sums
 * weights as it goes instead of building a list. `detail` adds rule descriptions for explanations.
 */
export function visitFeatures(
  text: string,
  lexicon: Lexicon | Lexicons,
  detail: boolean,
  visit: (name: string, value: number) => void,
): { tokens: Token[]; rules: RuleReport } {
  const lexicons = asLexicons(lexicon);
  const afinn = lexicons.afinn;
  const tokens = tokenize(text);
  const rules = applyRules(tokens, lexicons, detail);
  // One set for every call (scoring runs on one thread; `visit` never re-enters): no allocation per post.
  const seen = seenNames;
  seen.clear();
  const add = (name: string, value: number): void => {
    if (value === 0 || seen.has(name)) return;
    seen.add(name);
    visit(name, value);
  };
  // Rule features ("$…") cannot collide with a token (no token starts with "$"): no duplicate check.
  const rule = (name: string, value: number): void => {
    if (value !== 0) visit(name, value);
  };

  let negationLeft = 0;
  let prev: string | null = null;
  let ngrams = 0;
  let questions = 0;
  let exclamations = 0;
  let elongated = 0;
  let shouted = 0;
  let hashtags = 0;
  let users = 0;
  let urls = 0;
  let afinnPos = 0;
  let afinnNeg = 0;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      for (const ch of t.norm) {
        if (ch === '?') questions++;
        else if (ch === '!') exclamations++;
      }
      negationLeft = 0;
      prev = null;
      continue;
    }
    if (t.kind === 'user') users++;
    else if (t.kind === 'url') urls++;
    else if (t.kind === 'hashtag') hashtags++;
    if (t.elongated) elongated++;
    if (t.shouted) shouted++;
    const isNegator = t.kind === 'word' && NEGATORS.has(t.norm);
    if (t.kind === 'word' || t.kind === 'hashtag') {
      let a = afinn.get(t.kind === 'hashtag' ? t.norm.slice(1) : t.norm);
      if (a !== undefined) {
        if (negationLeft > 0) a = -a * 0.5;
        if (a > 0) afinnPos += a;
        else afinnNeg += a;
      }
    }
    const unit = negationLeft > 0 && t.kind === 'word' && !isNegator ? `not_${t.norm}` : t.norm;
    if (ngrams < MAX_NGRAMS) {
      add(unit, 1);
      if (prev !== null) add(`${prev} ${t.norm}`, 1);
      ngrams++;
    }
    prev = t.kind === 'user' || t.kind === 'url' ? null : t.norm;
    if (isNegator) negationLeft = 3;
    else if (negationLeft > 0 && t.kind === 'word') negationLeft--;
  }

  ruleFeatures(
    {
      questions,
      exclamations,
      elongated,
      shouted,
      hashtags,
      users,
      urls,
      afinnPos,
      afinnNeg,
      noWords: !tokens.some((t) => t.kind === 'word' && hasLetters(t.norm)),
    },
    rules,
    rule,
  );
  return { tokens, rules };
}

/** What the rule features count in a text (besides the lexicon pass's report). */
export interface TextCounts {
  questions: number;
  exclamations: number;
  elongated: number;
  shouted: number;
  hashtags: number;
  users: number;
  urls: number;
  /** AFINN scores of the words, negation-flipped and halved inside a negation's scope. */
  afinnPos: number;
  afinnNeg: number;
  /** No word with a letter in it. */
  noWords: boolean;
}

/** The rule features ("$…") from a text's counts and its lexicon report; `rule` sees only non-zero ones. */
export function ruleFeatures(c: TextCounts, rules: RuleReport, rule: (name: string, value: number) => void): void {
  const put = (name: string, value: number): void => {
    if (value !== 0) rule(name, value);
  };
  put('$lex_pos', Math.min(rules.positive, 8) / 4);
  put('$lex_neg', Math.max(rules.negative, -8) / 4);
  put('$lex_compound', rules.compound);
  put('$lex_leans_pos', rules.compound >= 0.05 ? 1 : 0);
  put('$lex_leans_neg', rules.compound <= -0.05 ? 1 : 0);
  put('$question', c.questions > 0 ? 1 : 0);
  put('$exclaim', Math.min(c.exclamations, 3) / 3);
  put('$elongated', c.elongated > 0 ? 1 : 0);
  put('$shouting', c.shouted > 0 ? 1 : 0);
  put('$hashtags', Math.min(c.hashtags, 3) / 3);
  put('$mentions', c.users > 1 ? 1 : 0);
  put('$url', c.urls > 0 ? 1 : 0);
  // Emoji reach the model through the lexicon pass (EMOJI_VALENCE) and as tokens; a separate
  // count feature only fought the lexicon features for the same signal.
  put('$afinn_pos', Math.min(c.afinnPos, 10) / 5);
  put('$afinn_neg', Math.max(c.afinnNeg, -10) / 5);
  put('$negated', rules.negations > 0 ? 1 : 0);
  if (c.noWords) put('$no_words', 1);
}
