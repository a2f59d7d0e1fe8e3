/**
 * Sentiment and emotion of one text in a single pass: the features are walked once and each is
 * looked up in both models, and each character n-gram is hashed once for both. This is the path
 * ingest takes (through `analyze-mention.ts`); emotion then costs a second lookup per feature, not
 * a second reading of the text.
 */
import { decideEmotion, type EmotionModel, type EmotionResult } from './emotion-model';
import { decide, softmax, type Adjustments, type ClassVector, type SentimentModel, type SentimentScore } from './sentiment-model';
import { CHAR_GRAM_MASS, visitCharGrams, visitFeatures, type Token } from './text-features';

const NOTHING: SentimentScore = { label: 'neutral', score: 0, confidence: 0.333, probabilities: [0.333, 0.333, 0.333] };

function hasContent(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'emoji' || t.kind === 'emoticon') return true;
  return false;
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
  const { tokens } = visitFeatures(text, model.lexicons, false, (name, value) => {
    const w = model.weights.get(name);
    if (w) {
      z[0] += value * w[0];
      z[1] += value * w[1];
      z[2] += value * w[2];
    }
    if (adjusting) {
      const a = adjustments.get(name);
      if (a) {
        z[0] += value * a[0];
        z[1] += value * a[1];
        z[2] += value * a[2];
      }
    }
    const v = emotion.weights.get(name);
    if (v) {
      e[0]! += value * v[0]!;
      e[1]! += value * v[1]!;
      e[2]! += value * v[2]!;
      e[3]! += value * v[3]!;
    }
  });
  if (!hasContent(tokens)) return { sentiment: NOTHING, emotion: null };
  const cs = model.charWeights;
  const ce = emotion.charWeights;
  if (cs || ce) {
    const gs = [0, 0, 0];
    const ge = [0, 0, 0, 0];
    const total = visitCharGrams(tokens, (bucket) => {
      if (cs) {
        const b = bucket * 3;
        gs[0]! += cs[b]!;
        gs[1]! += cs[b + 1]!;
        gs[2]! += cs[b + 2]!;
      }
      if (ce) {
        const b = bucket * 4;
        ge[0]! += ce[b]!;
        ge[1]! += ce[b + 1]!;
        ge[2]! += ce[b + 2]!;
        ge[3]! += ce[b + 3]!;
      }
    });
    if (total > 0) {
      const share = CHAR_GRAM_MASS / total;
      for (let c = 0; c < 3; c++) z[c as 0 | 1 | 2] += gs[c]! * share;
      for (let c = 0; c < 4; c++) e[c]! += ge[c]! * share;
    }
  }
  return { sentiment: decide(softmax(z)), emotion: decideEmotion(e) };
}
