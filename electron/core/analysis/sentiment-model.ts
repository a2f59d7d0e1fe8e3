/**
 * The sentiment model: a multinomial logistic regression over the features of `text-features.ts`,
 * trained by `electron/cli/train-sentiment.ts` and shipped as `resources/models/sentiment-en.json`.
 * Scoring is a few map lookups per token (no allocation beyond the feature list), so it keeps up
 * with the firehose. A workspace's corrections add small per-feature adjustments on top (see
 * `understanding/adaptation.ts`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SentimentLabel } from '@shared/domain/mention';
import { CHAR_BUCKETS, CHAR_GRAM_PREFIX, extractFeatures, type FeatureValue, type Lexicon, type Lexicons, type RuleReport, type Token } from './text-features';

/** Class order of every weight vector. */
export const MODEL_CLASSES = ['negative', 'neutral', 'positive'] as const satisfies readonly SentimentLabel[];
export type ClassVector = [number, number, number];

export const MODEL_FILE = 'sentiment-en.json';
/** The one explanation line all character n-grams are summed into. */
export const CHAR_GRAMS_FEATURE = '$char_ngrams';
export const MODEL_FORMAT = 'earshot-sentiment/1';

const vector = z.tuple([z.number(), z.number(), z.number()]);
const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  languages: z.array(z.string()).min(1),
  bias: vector,
  /** feature name → weight per class. */
  weights: z.record(z.string(), vector),
  /** word or emoticon → valence, for the rules pass (VADER). */
  lexicon: z.record(z.string(), z.number()),
  /** word → AFINN score, a second lexicon the model weighs on its own. */
  afinn: z.record(z.string(), z.number()).optional(),
  /** emoji → score on AFINN's scale (Emoji Sentiment Ranking). */
  emoji: z.record(z.string(), z.number()).optional(),
  training: z.record(z.string(), z.unknown()),
});

export type ModelFile = z.infer<typeof modelFileSchema>;

export interface SentimentModel {
  languages: ReadonlySet<string>;
  bias: ClassVector;
  weights: ReadonlyMap<string, ClassVector>;
  /** VADER's valences (the rules pass); also inside `lexicons`. */
  lexicon: Lexicon;
  lexicons: Lexicons;
  /** Character n-gram weights by bucket (CHAR_BUCKETS × 3), or null for a model without them. */
  charWeights: Float32Array | null;
  training: Record<string, unknown>;
}

/** Per-feature additions learned from a workspace's corrections. */
export type Adjustments = ReadonlyMap<string, ClassVector>;

export interface SentimentScore {
  label: SentimentLabel;
  /** P(positive) − P(negative): -1 … 1. */
  score: number;
  /** Probability of the chosen class: 1/3 … 1. */
  confidence: number;
  probabilities: ClassVector;
}

export interface FeatureContribution {
  feature: string;
  value: number;
  /** value × weight per class (negative, neutral, positive), adjustments included. */
  perClass: ClassVector;
  /** The class this feature pushes toward most. */
  toward: SentimentLabel;
  /** Spread between the class it favours most and least. */
  strength: number;
  /** Part of the strength that came from this workspace's corrections. */
  adjusted: boolean;
}

export interface SentimentExplanation extends SentimentScore {
  contributions: FeatureContribution[];
  rules: RuleReport;
  bias: ClassVector;
}

/** The "~<bucket>" weights laid out densely, so scoring reads them by index without a name. */
export function charWeightsOf(weights: Record<string, readonly number[]>, classes: number): Float32Array | null {
  let dense: Float32Array | null = null;
  for (const [name, w] of Object.entries(weights)) {
    if (!name.startsWith(CHAR_GRAM_PREFIX)) continue;
    const bucket = Number(name.slice(CHAR_GRAM_PREFIX.length));
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= CHAR_BUCKETS)
      throw new Error(`model weight "${name}": not a character n-gram bucket from 0 to ${CHAR_BUCKETS - 1}`);
    dense ??= new Float32Array(CHAR_BUCKETS * classes);
    for (let c = 0; c < classes; c++) dense[bucket * classes + c] = w[c]!;
  }
  return dense;
}

export function parseModel(json: unknown): SentimentModel {
  const file = modelFileSchema.parse(json);
  const lexicon: Lexicon = new Map(Object.entries(file.lexicon));
  return {
    charWeights: charWeightsOf(file.weights, 3),
    languages: new Set(file.languages),
    bias: file.bias,
    weights: new Map(Object.entries(file.weights)),
    lexicon,
    lexicons: { valence: lexicon, afinn: new Map(Object.entries(file.afinn ?? {})), emoji: new Map(Object.entries(file.emoji ?? {})) },
    training: file.training,
  };
}

/**
 * Where the shipped model lives: `EARSHOT_MODELS_DIR`, else `resources/models` next to the built
 * app (`out/main/…` → `../../resources`), in the source tree, in a packaged app's resources, or under
 * the working directory.
 */
export function modelCandidates(name: string = MODEL_FILE): string[] {
  const dirs: string[] = [];
  const override = process.env.EARSHOT_MODELS_DIR?.trim();
  if (override) dirs.push(override);
  if (typeof __dirname === 'string') {
    dirs.push(join(__dirname, '../../resources/models'), join(__dirname, '../../../resources/models'));
  }
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) dirs.push(join(resourcesPath, 'models'), join(resourcesPath, 'app.asar.unpacked/resources/models'));
  dirs.push(join(process.cwd(), 'resources/models'));
  return dirs.map((d) => join(d, name));
}

let cached: SentimentModel | null = null;

/** Loads the shipped model once per process (it is read-only; adjustments live per workspace). */
export function loadShippedModel(): SentimentModel {
  if (cached) return cached;
  const candidates = modelCandidates();
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new Error(`sentiment model ${MODEL_FILE} not found; looked in: ${candidates.join(', ')}`);
  try {
    cached = parseModel(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  } catch (error) {
    throw new Error(`sentiment model ${file} is unreadable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return cached;
}

export function logits(model: SentimentModel, features: readonly FeatureValue[], adjustments?: Adjustments): ClassVector {
  const out: ClassVector = [model.bias[0], model.bias[1], model.bias[2]];
  for (const f of features) {
    const w = model.weights.get(f.name);
    if (w) {
      out[0] += f.value * w[0];
      out[1] += f.value * w[1];
      out[2] += f.value * w[2];
    }
    if (adjustments && adjustments.size > 0) {
      const a = adjustments.get(f.name);
      if (a) {
        out[0] += f.value * a[0];
        out[1] += f.value * a[1];
        out[2] += f.value * a[2];
      }
    }
  }
  return out;
}

export function softmax(z: ClassVector): ClassVector {
  const max = Math.max(z[0], z[1], z[2]);
  const e0 = Math.exp(z[0] - max);
  const e1 = Math.exp(z[1] - max);
  const e2 = Math.exp(z[2] - max);
  const sum = e0 + e1 + e2;
  return [e0 / sum, e1 / sum, e2 / sum];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function decide(probabilities: ClassVector): SentimentScore {
  let best: 0 | 1 | 2 = 0;
  if (probabilities[1] > probabilities[0]) best = 1;
  if (probabilities[2] > probabilities[best]) best = 2;
  return {
    label: MODEL_CLASSES[best]!,
    score: round3(probabilities[2] - probabilities[0]),
    confidence: round3(probabilities[best]),
    probabilities: [round3(probabilities[0]), round3(probabilities[1]), round3(probabilities[2])],
  };
}

/** Nothing to read (empty, whitespace, symbols only): neutral, and no more sure than a coin. */
const NOTHING: SentimentScore = { label: 'neutral', score: 0, confidence: 0.333, probabilities: [0.333, 0.333, 0.333] };

function hasContent(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'emoji' || t.kind === 'emoticon') return true;
  return false;
}

/** The decision `scoreText` (`text-scorer.ts`) makes, with every feature's push toward each class and the rules that fired. */
export function explainText(model: SentimentModel, text: string, adjustments?: Adjustments): SentimentExplanation {
  const { features, rules, tokens } = extractFeatures(text, model.lexicons);
  const decision = !hasContent(tokens) ? NOTHING : decide(softmax(logits(model, features, adjustments)));
  const contributions: FeatureContribution[] = [];
  // Character n-grams are summed into one line: a bucket number explains nothing to a person.
  const spelling: ClassVector = [0, 0, 0];
  for (const f of features) {
    const w = model.weights.get(f.name);
    const a = adjustments?.get(f.name);
    if (!w && !a) continue;
    if (f.name.startsWith(CHAR_GRAM_PREFIX)) {
      for (const c of [0, 1, 2] as const) spelling[c] += f.value * (w?.[c] ?? 0);
      continue;
    }
    const at = (c: 0 | 1 | 2): number => round3(f.value * ((w?.[c] ?? 0) + (a?.[c] ?? 0)));
    const perClass: ClassVector = [at(0), at(1), at(2)];
    const hi = perClass.indexOf(Math.max(...perClass));
    const strength = round3(Math.max(...perClass) - Math.min(...perClass));
    if (strength === 0) continue;
    contributions.push({ feature: f.name, value: round3(f.value), perClass, toward: MODEL_CLASSES[hi]!, strength, adjusted: a !== undefined });
  }
  const spellingStrength = round3(Math.max(...spelling) - Math.min(...spelling));
  if (spellingStrength > 0) {
    const perClass: ClassVector = [round3(spelling[0]), round3(spelling[1]), round3(spelling[2])];
    contributions.push({
      feature: CHAR_GRAMS_FEATURE,
      value: 1,
      perClass,
      toward: MODEL_CLASSES[perClass.indexOf(Math.max(...perClass))]!,
      strength: spellingStrength,
      adjusted: false,
    });
  }
  contributions.sort((x, y) => y.strength - x.strength || x.feature.localeCompare(y.feature));
  return { ...decision, contributions, rules, bias: model.bias };
}
