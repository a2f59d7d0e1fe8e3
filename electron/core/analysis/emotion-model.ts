/**
 * The emotion model: a multinomial logistic regression over the same features as sentiment
 * (`text-features.ts`: words, bigrams, character n-grams, lexicon rules), with one class per
 * emotion. Trained by `electron/cli/train-emotion.ts` on TweetEval emotion_train and shipped as
 * `resources/models/emotion-en.json`. It reads the lexicons of the sentiment model it is paired
 * with, so the two share one pass over the text (`text-scorer.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { EMOTIONS, type Emotion, type EmotionScores } from '@shared/domain/emotion';
import { CHAR_GRAMS_FEATURE, charWeightsOf, modelCandidates } from './sentiment-model';
import { CHAR_GRAM_PREFIX, extractFeatures, type Lexicons } from './text-features';

export const EMOTION_MODEL_FILE = 'emotion-en.json';
export const EMOTION_MODEL_FORMAT = 'earshot-emotion/1';

const K = EMOTIONS.length;
const vector = z.array(z.number()).length(K);
const emotionFileSchema = z.object({
  format: z.literal(EMOTION_MODEL_FORMAT),
  classes: z
    .array(z.string())
    .refine((c) => c.length === K && c.every((x, i) => x === EMOTIONS[i]), { message: `classes must be ${EMOTIONS.join(', ')} in that order` }),
  languages: z.array(z.string()).min(1),
  bias: vector,
  weights: z.record(z.string(), vector),
  training: z.record(z.string(), z.unknown()),
});

export type EmotionModelFile = z.infer<typeof emotionFileSchema>;

export interface EmotionModel {
  languages: ReadonlySet<string>;
  bias: readonly number[];
  weights: ReadonlyMap<string, readonly number[]>;
  /** Character n-gram weights by bucket (CHAR_BUCKETS × classes), or null. */
  charWeights: Float32Array | null;
  training: Record<string, unknown>;
}

export type { EmotionScores };

export interface EmotionResult {
  emotion: Emotion;
  /** Probability per class, rounded to 3 places; they sum to about 1. */
  scores: EmotionScores;
  confidence: number;
}

export function parseEmotionModel(json: unknown): EmotionModel {
  const file = emotionFileSchema.parse(json);
  return {
    languages: new Set(file.languages),
    bias: file.bias,
    weights: new Map(Object.entries(file.weights)),
    charWeights: charWeightsOf(file.weights, K),
    training: file.training,
  };
}

let cached: EmotionModel | null = null;

/** Loads the shipped emotion model once per process. */
export function loadShippedEmotionModel(): EmotionModel {
  if (cached) return cached;
  const candidates = modelCandidates(EMOTION_MODEL_FILE);
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new Error(`emotion model ${EMOTION_MODEL_FILE} not found; looked in: ${candidates.join(', ')}`);
  try {
    cached = parseEmotionModel(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  } catch (error) {
    throw new Error(`emotion model ${file} is unreadable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return cached;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Softmax over the logits and the most likely class. */
export function decideEmotion(z: ArrayLike<number>): EmotionResult {
  let max = -Infinity;
  for (let c = 0; c < K; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  const e = new Array<number>(K);
  for (let c = 0; c < K; c++) {
    e[c] = Math.exp(z[c]! - max);
    sum += e[c]!;
  }
  let best = 0;
  for (let c = 1; c < K; c++) if (e[c]! > e[best]!) best = c;
  const scores = {} as EmotionScores;
  for (let c = 0; c < K; c++) scores[EMOTIONS[c]!] = round3(e[c]! / sum);
  return { emotion: EMOTIONS[best]!, scores, confidence: round3(e[best]! / sum) };
}

/** One feature's push in the emotion model, as the explanation shows it. */
export interface EmotionPush {
  feature: string;
  /** value × weight per emotion, in EMOTIONS order. */
  perClass: number[];
  toward: Emotion;
  /** Spread between the emotion it favours most and least. */
  strength: number;
}

/**
 * The emotion decision with every feature's push, strongest first (character n-grams summed into
 * one "$char_ngrams" line, as sentiment's explanation does). Reads the same features as scoring.
 */
export function explainEmotion(model: EmotionModel, lexicons: Lexicons, text: string): { result: EmotionResult; pushes: EmotionPush[] } {
  const { features } = extractFeatures(text, lexicons);
  const z = [...model.bias];
  const spelling = new Array<number>(K).fill(0);
  const pushes: EmotionPush[] = [];
  for (const f of features) {
    const w = model.weights.get(f.name);
    if (!w) continue;
    for (let c = 0; c < K; c++) z[c]! += f.value * w[c]!;
    if (f.name.startsWith(CHAR_GRAM_PREFIX)) {
      for (let c = 0; c < K; c++) spelling[c]! += f.value * w[c]!;
      continue;
    }
    pushes.push(
      push(
        f.name,
        w.map((x) => f.value * x),
      ),
    );
  }
  if (spelling.some((x) => x !== 0)) pushes.push(push(CHAR_GRAMS_FEATURE, spelling));
  pushes.sort((a, b) => b.strength - a.strength || a.feature.localeCompare(b.feature));
  return { result: decideEmotion(z), pushes: pushes.filter((p) => p.strength > 0) };
}

function push(feature: string, raw: readonly number[]): EmotionPush {
  const perClass = raw.map(round3);
  const hi = perClass.indexOf(Math.max(...perClass));
  return { feature, perClass, toward: EMOTIONS[hi]!, strength: round3(Math.max(...perClass) - Math.min(...perClass)) };
}
