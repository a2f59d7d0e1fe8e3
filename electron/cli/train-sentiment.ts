/**
 * `npm run train:sentiment [-- --data FILE --out FILE --lexicon FILE]`
 *
 * Trains the shipped sentiment model on the TRAIN split of the airline tweets (see
 * `sentiment-data.ts` for the split) and writes `resources/models/sentiment-en.json`.
 *
 * Method: multinomial logistic regression, class-balanced (each class weighs as much as the others
 * in the loss, which is what macro-F1 rewards), L2-regularised, trained by AdaGrad over a
 * shuffled order drawn from a fixed seed. Features: words and adjacent-token bigrams that occur in
 * at least MIN_DF training tweets (words marked "not_" under negation), and rule features from the
 * VADER valence lexicon (Hutto & Gilbert 2014; Apache-2.0 via the `vader-sentiment` package, read
 * from its `vader_lexicon.txt`) plus Earshot's customer-care vocabulary. Everything is
 * deterministic: the same inputs give the same file byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MODEL_CLASSES, MODEL_FORMAT, parseModel, scoreText, type ClassVector, type ModelFile } from '../core/analysis/sentiment-model';
import { extractFeatures, type FeatureValue } from '../core/analysis/text-features';
import { mulberry32 } from '../../shared/logic/seeded-random';
import { readAirline, splitAirline, SPLIT_MODULUS, type LabelledText } from './sentiment-data';

const MIN_DF = Number(process.env.TRAIN_MIN_DF ?? 3);
const EPOCHS = 14;
const LEARNING_RATE = 0.25;
const L2 = 2e-5;
/**
 * Word and bigram weights learn at this fraction of the rule features' rate: the model then leans on
 * the lexicon-and-rules signal and uses airline words as corrections, which generalises beyond
 * airline text (chosen by looking at the VADER sanity set, so that set's figure is not unbiased).
 */
const LR_SCALE = Number(process.env.TRAIN_LRS ?? 0.04);
const SEED = 20150224;
/** Weights smaller than this in every class are dropped from the file (they cannot change a decision). */
const PRUNE_BELOW = Number(process.env.TRAIN_PRUNE ?? 0.08);

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function readVaderLexicon(file: string): Map<string, number> {
  const lexicon = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const [word, mean] = line.split('\t');
    const value = Number(mean);
    if (!word || !Number.isFinite(value) || value === 0) continue;
    lexicon.set(word, value);
  }
  return lexicon;
}

interface Example {
  features: FeatureValue[];
  y: number;
}

export interface TrainOptions {
  data: string;
  lexiconFile: string;
}

export function train(options: TrainOptions): { model: ModelFile; train: LabelledText[]; test: LabelledText[] } {
  const lexicon = readVaderLexicon(options.lexiconFile);
  const { train: trainRows, test } = splitAirline(readAirline(options.data));

  const featureSets = trainRows.map((r) => extractFeatures(r.text, lexicon).features);
  const df = new Map<string, number>();
  for (const fs of featureSets) for (const f of fs) df.set(f.name, (df.get(f.name) ?? 0) + 1);
  const keep = (name: string): boolean => name.startsWith('$') || (df.get(name) ?? 0) >= MIN_DF;
  const examples: Example[] = trainRows.map((r, i) => ({
    features: featureSets[i]!.filter((f) => keep(f.name)),
    y: MODEL_CLASSES.indexOf(r.label as (typeof MODEL_CLASSES)[number]),
  }));

  const counts = [0, 0, 0];
  for (const e of examples) counts[e.y]! += 1;
  const classWeight = counts.map((c) => examples.length / (3 * Math.max(c, 1)));

  // Sorted feature names make the file (and the float sums) independent of Map insertion quirks.
  const names = [...new Set(examples.flatMap((e) => e.features.map((f) => f.name)))].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const W = new Float64Array(names.length * 3);
  const G = new Float64Array(names.length * 3).fill(1e-8);
  const bias = new Float64Array(3);
  const biasG = new Float64Array(3).fill(1e-8);
  const order = examples.map((_, i) => i);
  const random = mulberry32(SEED); // the training order is the same on every run

  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const e = examples[k]!;
      const z = [bias[0]!, bias[1]!, bias[2]!];
      for (const f of e.features) {
        const base = index.get(f.name)! * 3;
        z[0]! += f.value * W[base]!;
        z[1]! += f.value * W[base + 1]!;
        z[2]! += f.value * W[base + 2]!;
      }
      const max = Math.max(z[0]!, z[1]!, z[2]!);
      const ex = z.map((v) => Math.exp(v - max));
      const sum = ex[0]! + ex[1]! + ex[2]!;
      const cw = classWeight[e.y]!;
      for (let c = 0; c < 3; c++) {
        const grad = cw * (ex[c]! / sum - (c === e.y ? 1 : 0));
        biasG[c]! += grad * grad;
        bias[c]! -= (LEARNING_RATE * grad) / Math.sqrt(biasG[c]!);
        for (const f of e.features) {
          const p = index.get(f.name)! * 3 + c;
          const g = grad * f.value + (f.name.startsWith('$') ? 0 : L2) * W[p]!;
          G[p]! += g * g;
          W[p]! -= ((f.name.startsWith('$') ? LEARNING_RATE : LEARNING_RATE * LR_SCALE) * g) / Math.sqrt(G[p]!);
        }
      }
    }
  }

  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const weights: Record<string, ClassVector> = {};
  for (let i = 0; i < names.length; i++) {
    const w: ClassVector = [round(W[i * 3]!), round(W[i * 3 + 1]!), round(W[i * 3 + 2]!)];
    if (Math.max(Math.abs(w[0]), Math.abs(w[1]), Math.abs(w[2])) < PRUNE_BELOW) continue;
    weights[names[i]!] = w;
  }
  // The lexicon ships with the model so scoring needs nothing else; sorted for a stable file.
  const lexiconOut: Record<string, number> = {};
  for (const key of [...lexicon.keys()].sort()) lexiconOut[key] = lexicon.get(key)!;

  const model: ModelFile = {
    format: MODEL_FORMAT,
    languages: ['en'],
    bias: [round(bias[0]!), round(bias[1]!), round(bias[2]!)],
    weights,
    lexicon: lexiconOut,
    training: {
      data: 'airline-tweets.csv (Twitter US Airline Sentiment, Feb 2015), de-duplicated by tweet_id',
      split: `TEST = FNV-1a 32-bit hash of tweet_id mod ${SPLIT_MODULUS} == 0; TRAIN = the rest`,
      trainRows: examples.length,
      testRows: test.length,
      trainClassCounts: { negative: counts[0], neutral: counts[1], positive: counts[2] },
      method: 'multinomial logistic regression, class-balanced, L2, AdaGrad',
      epochs: EPOCHS,
      learningRate: LEARNING_RATE,
      l2: L2,
      minDocumentFrequency: MIN_DF,
      seed: SEED,
      features: Object.keys(weights).length,
      ngramLearningRateScale: LR_SCALE,
      pruneBelow: PRUNE_BELOW,
      lexicon: 'VADER valence lexicon (Hutto & Gilbert 2014, vader-sentiment 1.1.3, Apache-2.0)',
    },
  };
  return { model, train: trainRows, test };
}

function main(): void {
  const args = process.argv.slice(2);
  const root = resolve(__dirname, '../..');
  const data = resolve(argValue(args, '--data') ?? join(process.env.EARSHOT_SHARED_DATA ?? join(root, '../shared/data'), 'airline-tweets.csv'));
  const out = resolve(argValue(args, '--out') ?? join(root, 'resources/models/sentiment-en.json'));
  const lexiconFile = resolve(argValue(args, '--lexicon') ?? join(root, 'node_modules/vader-sentiment/vader_lexicon.txt'));
  const started = Date.now();
  const { model, test } = train({ data, lexiconFile });
  const text = `${JSON.stringify(model)}\n`;
  writeFileSync(out, text);
  const parsed = parseModel(model);
  let correct = 0;
  for (const r of test) if (scoreText(parsed, r.text).label === r.label) correct++;
  console.log(`trained on ${String(model.training.trainRows)} tweets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`wrote ${out} (${(text.length / 1024).toFixed(0)} KB, ${Object.keys(model.weights).length} weighted features, ${Object.keys(model.lexicon).length} lexicon entries)`);
  console.log(`test split: ${test.length} tweets, accuracy ${(correct / test.length).toFixed(3)} (npm run bench:sentiment for the full comparison)`);
}

if (require.main === module) main();
