/**
 * The one scoring path for sentiment and emotion. Ingest runs it on every mention (through
 * `analyze-mention.ts`), so it works out ahead what it can:
 *
 * - one table holds both models' weights and the workspace's adjustments side by side, built once
 *   per (model, emotion model, adjustments), so each feature costs one lookup;
 * - each distinct word is looked up once and remembered with what scoring needs of it (its word
 *   and "not_" rows, its AFINN score, an id for its bigrams, its character n-grams hashed and
 *   summed), since a stream's words repeat (Zipf) while hashing them and building bigram names
 *   cost half the analysis;
 * - bigrams are found by the two words' ids, so no bigram name is built.
 *
 * It reads exactly the features `extractFeatures` names for training and explanations (words,
 * "not_" words in a negation's scope, bigrams of adjacent tokens, character n-grams, the rule
 * features of `ruleFeatures`); `tests/unit/core/analysis/text-scorer.test.ts` holds the two together.
 */
import { decideEmotion, type EmotionModel, type EmotionResult } from './emotion-model';
import { decide, softmax, type Adjustments, type SentimentModel, type SentimentScore } from './sentiment-model';
import {
  applyRules,
  CHAR_GRAM_MASS,
  CHAR_GRAM_PREFIX,
  hasLetters,
  MAX_NGRAMS,
  NEGATORS,
  ruleFeatures,
  tokenize,
  visitWordGrams,
  type Token,
} from './text-features';

const NOTHING: SentimentScore = { label: 'neutral', score: 0, confidence: 0.333, probabilities: [0.333, 0.333, 0.333] };

/** Columns of a table row: 3 sentiment classes, then the emotion classes. */
const S = 3;
const E = 4;
const ROW = S + E;
/** Words remembered (about 10 MB at most); the memory starts over when full (a stream's working vocabulary is far smaller). */
const WORD_CACHE_LIMIT = 50_000;
/** Bigram keys are id × ID_SPACE + id, kept below 2^30 so they stay small integers. */
const ID_SPACE = 1 << 15;
const NEGATION_SCOPE = 3;

export interface TextScores {
  sentiment: SentimentScore;
  /** null where the text has nothing to read (no words, emoji or emoticons), or no emotion model was given. */
  emotion: EmotionResult | null;
}

/** A table row: its weights per column, and its position (to count each feature once per text). */
interface Row {
  at: number;
  w: Float64Array;
}

/** What scoring needs of one token form, worked out on first sight. */
interface WordInfo {
  /** The row named by the form itself, and by "not_" + the form. */
  plain: Row | null;
  negated: Row | null;
  /** Id among the forms that appear in some bigram row, else -1. */
  id: number;
  /** AFINN score (of a hashtag without its "#"), or 0. */
  afinn: number;
  negator: boolean;
  letters: boolean;
  /** [n-gram count, summed n-gram weights per column], filled on first use by a word or hashtag. */
  grams: Float64Array | null;
}

function hasContent(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'emoji' || t.kind === 'emoticon') return true;
  return false;
}

export class TextScorer {
  private readonly byName = new Map<string, Row>();
  private readonly ids = new Map<string, number>();
  private readonly bigrams = new Map<number, Row>();
  /** Bigram rows by name where the ids ran out (a vocabulary past ID_SPACE forms). */
  private readonly bigramsByName = new Map<string, Row>();
  private readonly words = new Map<string, WordInfo>();
  private readonly bias = new Float64Array(ROW);
  private readonly z = new Float64Array(ROW);
  private readonly sums = new Float64Array(ROW);
  /** stamp[row.at] === generation: the row was counted in this text already. */
  private stamp: Int32Array;
  private generation = 0;
  private readonly addRule: (name: string, value: number) => void;

  constructor(
    readonly model: SentimentModel,
    readonly emotion: EmotionModel | null,
    adjustments?: Adjustments,
  ) {
    const row = (name: string): Float64Array => {
      let r = this.byName.get(name);
      if (!r) this.byName.set(name, (r = { at: this.byName.size, w: new Float64Array(ROW) }));
      return r.w;
    };
    // Character n-grams are read from the dense tables by bucket, never by name.
    for (const [name, w] of model.weights) if (!name.startsWith(CHAR_GRAM_PREFIX)) row(name).set(w, 0);
    if (emotion) for (const [name, w] of emotion.weights) if (!name.startsWith(CHAR_GRAM_PREFIX)) row(name).set(w, S);
    // Adjustments teach words and bigrams only (`understanding/adaptation.ts`), never n-gram buckets.
    if (adjustments) {
      for (const [name, a] of adjustments) {
        if (name.startsWith(CHAR_GRAM_PREFIX)) continue;
        const r = row(name);
        r[0]! += a[0];
        r[1]! += a[1];
        r[2]! += a[2];
      }
    }
    // Bigram names are "<form> <form>" (token forms hold no space; rule features start with "$").
    for (const [name, r] of this.byName) {
      const space = name.indexOf(' ');
      if (space < 0 || name.startsWith('$')) continue;
      const a = this.idOf(name.slice(0, space));
      const b = this.idOf(name.slice(space + 1));
      if (a >= 0 && b >= 0) this.bigrams.set(a * ID_SPACE + b, r);
      else this.bigramsByName.set(name, r);
    }
    this.stamp = new Int32Array(this.byName.size);
    this.bias.set(model.bias, 0);
    if (emotion) this.bias.set(emotion.bias, S);
    this.addRule = (name, value) => this.add(this.byName.get(name), value);
  }

  private idOf(form: string): number {
    let id = this.ids.get(form);
    if (id === undefined) {
      if (this.ids.size >= ID_SPACE) return -1;
      this.ids.set(form, (id = this.ids.size));
    }
    return id;
  }

  private add(r: Row | undefined | null, value: number): void {
    if (!r || this.stamp[r.at] === this.generation) return;
    this.stamp[r.at] = this.generation;
    const z = this.z;
    const w = r.w;
    for (let c = 0; c < ROW; c++) z[c]! += value * w[c]!;
  }

  private info(t: Token): WordInfo {
    let info = this.words.get(t.norm);
    if (info !== undefined) return info;
    const norm = t.norm;
    const afinn = t.kind === 'word' || t.kind === 'hashtag' ? this.model.lexicons.afinn.get(t.kind === 'hashtag' ? norm.slice(1) : norm) : undefined;
    info = {
      plain: this.byName.get(norm) ?? null,
      negated: t.kind === 'word' ? (this.byName.get(`not_${norm}`) ?? null) : null,
      id: this.ids.get(norm) ?? -1,
      afinn: afinn ?? 0,
      negator: t.kind === 'word' && NEGATORS.has(norm),
      letters: t.kind === 'word' && hasLetters(norm),
      grams: null,
    };
    if (this.words.size >= WORD_CACHE_LIMIT) this.words.clear();
    this.words.set(norm, info);
    return info;
  }

  /** The summed n-gram weights of one word or hashtag, hashed on first use and then remembered. */
  private grams(t: Token, info: WordInfo): Float64Array {
    if (info.grams) return info.grams;
    const out = new Float64Array(1 + ROW);
    const cs = this.model.charWeights;
    const ce = this.emotion?.charWeights ?? null;
    out[0] = visitWordGrams(t.norm, t.kind === 'hashtag' ? 1 : 0, (bucket) => {
      if (cs) for (let c = 0; c < S; c++) out[1 + c]! += cs[bucket * S + c]!;
      if (ce) for (let c = 0; c < E; c++) out[1 + S + c]! += ce[bucket * E + c]!;
    });
    info.grams = out;
    return out;
  }

  score(text: string): TextScores {
    const z = this.z;
    z.set(this.bias);
    if (++this.generation === 0x7fffffff) {
      this.generation = 1;
      this.stamp.fill(0);
    }
    const tokens = tokenize(text);
    if (!hasContent(tokens)) return { sentiment: NOTHING, emotion: null };
    const rules = applyRules(tokens, this.model.lexicons, false);
    const charGrams = this.model.charWeights !== null || (this.emotion?.charWeights ?? null) !== null;
    const sums = this.sums;
    sums.fill(0);
    let grams = 0;
    let negationLeft = 0;
    let prev: WordInfo | null = null;
    let prevNorm = '';
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
    let letters = false;
    for (const t of tokens) {
      if (t.kind === 'punct') {
        for (let k = 0; k < t.norm.length; k++) {
          const ch = t.norm.charCodeAt(k);
          if (ch === 63) questions++;
          else if (ch === 33) exclamations++;
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
      const info = this.info(t);
      if (info.letters) letters = true;
      if (info.afinn !== 0) {
        const a = negationLeft > 0 ? -info.afinn * 0.5 : info.afinn;
        if (a > 0) afinnPos += a;
        else afinnNeg += a;
      }
      if (ngrams < MAX_NGRAMS) {
        this.add(negationLeft > 0 && t.kind === 'word' && !info.negator ? info.negated : info.plain, 1);
        if (prev !== null) {
          if (prev.id >= 0 && info.id >= 0) this.add(this.bigrams.get(prev.id * ID_SPACE + info.id), 1);
          else if (this.bigramsByName.size > 0) this.add(this.bigramsByName.get(`${prevNorm} ${t.norm}`), 1);
        }
        ngrams++;
      }
      if (charGrams && (t.kind === 'word' || t.kind === 'hashtag')) {
        const g = this.grams(t, info);
        grams += g[0]!;
        for (let c = 0; c < ROW; c++) sums[c]! += g[1 + c]!;
      }
      prev = t.kind === 'user' || t.kind === 'url' ? null : info;
      prevNorm = t.norm;
      if (info.negator) negationLeft = NEGATION_SCOPE;
      else if (negationLeft > 0 && t.kind === 'word') negationLeft--;
    }
    ruleFeatures({ questions, exclamations, elongated, shouted, hashtags, users, urls, afinnPos, afinnNeg, noWords: !letters }, rules, this.addRule);
    if (grams > 0) {
      const share = CHAR_GRAM_MASS / grams;
      for (let c = 0; c < ROW; c++) z[c]! += sums[c]! * share;
    }
    return {
      sentiment: decide(softmax([z[0]!, z[1]!, z[2]!])),
      emotion: this.emotion ? decideEmotion(z.subarray(S, ROW)) : null,
    };
  }
}

/** Scorers without adjustments, one per model pair, built on first use. */
const plain = new WeakMap<SentimentModel, Map<EmotionModel | null, TextScorer>>();

function scorerFor(model: SentimentModel, emotion: EmotionModel | null, adjustments?: Adjustments): TextScorer {
  if (adjustments !== undefined && adjustments.size > 0) return new TextScorer(model, emotion, adjustments);
  let byEmotion = plain.get(model);
  if (!byEmotion) plain.set(model, (byEmotion = new Map()));
  let scorer = byEmotion.get(emotion);
  if (!scorer) byEmotion.set(emotion, (scorer = new TextScorer(model, emotion)));
  return scorer;
}

/**
 * Sentiment alone. With adjustments this builds a scorer per call: code that scores many texts
 * with one workspace's adjustments keeps a `TextScorer` (as the analyzer does).
 */
export function scoreText(model: SentimentModel, text: string, adjustments?: Adjustments): SentimentScore {
  return scorerFor(model, null, adjustments).score(text).sentiment;
}

/** Sentiment and emotion in one pass (see `scoreText` about adjustments). */
export function scoreTextBoth(model: SentimentModel, emotion: EmotionModel, text: string, adjustments?: Adjustments): TextScores {
  return scorerFor(model, emotion, adjustments).score(text);
}
