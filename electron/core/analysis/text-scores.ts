/**
 * Sentiment and emotion of one text in a single pass: the features are walked once and each is
 * looked up in both models, and each character n-gram is hashed once for both. This is the path
 * ingest takes (through `analyze-mention.ts`); emotion then costs a second lookup per feature, not
 * a second reading of the text.
 */
import { decideEmotion, type EmotionModel, type EmotionResult } from './emotion-model';
import { decide, softmax, type Adjustments, type ClassVector, type SentimentModel, type SentimentScore } from './sentiment-model';
import { CHAR_BUCKETS, CHAR_GRAM_MASS, CHAR_GRAM_PREFIX, visitCharGrams, visitFeatures, type Token } from './text-features';

const NOTHING: SentimentScore = { label: 'neutral', score: 0, confidence: 0.333, probabilities: [0.333, 0.333, 0.333] };

function hasContent(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'emoji' || t.kind === 'emoticon') return true;
  return false;
}

/**
 * Both models' character n-gram weights interleaved, 8 floats per bucket (3 sentiment, 4 emotion,
 * 1 padding): one cache line per n-gram instead of two far-apart reads. Built once per model pair.
 */
const interleaved = new WeakMap<SentimentModel, WeakMap<EmotionModel, Float32Array | null>>();

function charTable(model: SentimentModel, emotion: EmotionModel): Float32Array | null {
  let byEmotion = interleaved.get(model);
  if (!byEmotion) interleaved.set(model, (byEmotion = new WeakMap()));
  const known = byEmotion.get(emotion);
  if (known !== undefined) return known;
  const cs = model.charWeights;
  const ce = emotion.charWeights;
  let table: Float32Array | null = null;
  if (cs || ce) {
    table = new Float32Array(CHAR_BUCKETS * 8);
    for (let b = 0; b < CHAR_BUCKETS; b++) {
      if (cs) for (let c = 0; c < 3; c++) table[b * 8 + c] = cs[b * 3 + c]!;
      if (ce) for (let c = 0; c < 4; c++) table[b * 8 + 3 + c] = ce[b * 4 + c]!;
    }
  }
  byEmotion.set(emotion, table);
  return table;
}

/** Both models' feature weights under one name (3 sentiment, 4 emotion): one lookup per feature. */
const merged = new WeakMap<SentimentModel, WeakMap<EmotionModel, Map<string, Float64Array>>>();

function mergedWeights(model: SentimentModel, emotion: EmotionModel): Map<string, Float64Array> {
  let byEmotion = merged.get(model);
  if (!byEmotion) merged.set(model, (byEmotion = new WeakMap()));
  const known = byEmotion.get(emotion);
  if (known) return known;
  const out = new Map<string, Float64Array>();
  const row = (name: string): Float64Array => {
    let r = out.get(name);
    if (!r) out.set(name, (r = new Float64Array(7)));
    return r;
  };
  // Character n-grams are read from the dense table, never by name.
  for (const [name, w] of model.weights) if (!name.startsWith(CHAR_GRAM_PREFIX)) row(name).set(w, 0);
  for (const [name, w] of emotion.weights) if (!name.startsWith(CHAR_GRAM_PREFIX)) row(name).set(w, 3);
  byEmotion.set(emotion, out);
  return out;
}

export interface TextScores {
  sentiment: SentimentScore;
  /** null where the text has nothing to read (no words, emoji or emoticons). */
  emotion: EmotionResult | null;
}

export function scoreTextBoth(model: SentimentModel, emotion: EmotionModel, text: string, adjustments?: Adjustments): TextScores {
  const z: ClassVector = [model.bias[0], model.bias[1], model.bias[2]];
  const e = [emotion.bias[0]!, emotion.bias[1]!, emotion.bias[2]!, emotion.bias[3]!];
  const adjusting = adjustments !== undefined && adjustments.size > 0;
  const weights = mergedWeights(model, emotion);
  const { tokens } = visitFeatures(text, model.lexicons, false, (name, value) => {
    const w = weights.get(name);
    if (w) {
      z[0] += value * w[0]!;
      z[1] += value * w[1]!;
      z[2] += value * w[2]!;
      e[0]! += value * w[3]!;
      e[1]! += value * w[4]!;
      e[2]! += value * w[5]!;
      e[3]! += value * w[6]!;
    }
    if (adjusting) {
      const a = adjustments.get(name);
      if (a) {
        z[0] += value * a[0];
        z[1] += value * a[1];
        z[2] += value * a[2];
      }
    }
  });
  if (!hasContent(tokens)) return { sentiment: NOTHING, emotion: null };
  // An emotion model without character n-grams (the shipped one) reads none: only sentiment's table.
  const cs = emotion.charWeights === null ? model.charWeights : null;
  if (cs) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    const total = visitCharGrams(tokens, (bucket) => {
      const b = bucket * 3;
      s0 += cs[b]!;
      s1 += cs[b + 1]!;
      s2 += cs[b + 2]!;
    });
    if (total > 0) {
      const share = CHAR_GRAM_MASS / total;
      z[0] += s0 * share;
      z[1] += s1 * share;
      z[2] += s2 * share;
    }
  }
  const table = cs ? null : charTable(model, emotion);
  if (table) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let e3 = 0;
    const total = visitCharGrams(tokens, (bucket) => {
      const b = bucket * 8;
      s0 += table[b]!;
      s1 += table[b + 1]!;
      s2 += table[b + 2]!;
      e0 += table[b + 3]!;
      e1 += table[b + 4]!;
      e2 += table[b + 5]!;
      e3 += table[b + 6]!;
    });
    if (total > 0) {
      const share = CHAR_GRAM_MASS / total;
      z[0] += s0 * share;
      z[1] += s1 * share;
      z[2] += s2 * share;
      e[0]! += e0 * share;
      e[1]! += e1 * share;
      e[2]! += e2 * share;
      e[3]! += e3 * share;
    }
  }
  return { sentiment: decide(softmax(z)), emotion: decideEmotion(e) };
}
