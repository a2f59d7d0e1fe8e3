/**
 * `npm run train:emotion [-- --tune] [--data-dir DIR] [--out FILE]`
 *
 * Trains the shipped emotion model (anger, joy, optimism, sadness) and writes
 * `resources/models/emotion-en.json`, byte for byte the same on every run.
 *
 * TRAIN: TweetEval emotion_train (3,257 tweets). VALIDATION: TweetEval emotion_val (374), on which
 * the settings below were chosen with `--tune`. TEST: kept aside by the project's owners.
 * Features are the sentiment model's (`text-features.ts`, with the lexicons of the shipped
 * sentiment model, so both models share one pass over a text), kept where they occur in at least
 * MIN_DF training tweets. Classes are balanced in the loss (macro-F1 weighs each emotion alike).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EMOTIONS } from '@shared/domain/emotion';
import { EMOTION_MODEL_FORMAT, type EmotionModelFile } from '../core/analysis/emotion-model';
import { parseModel } from '../core/analysis/sentiment-model';
import { CHAR_GRAM_PREFIX, extractFeatures, type FeatureValue, type Lexicons } from '../core/analysis/text-features';
import { argValue, compile, compileAgainst, macroF1, predictCompiled, trainLinear, type LinearWeights } from './linear-trainer';
import { readTweetEval } from './sentiment-data';

export interface EmotionSettings {
  /** Character n-grams as features: they did not help emotion on validation (0.660 with, 0.663 without) and double the scoring cost. */
  charNgrams: boolean;
  epochs: number;
  learningRate: number;
  l2: number;
  ngramRateScale: number;
  minDf: number;
  pruneBelow: number;
}

export const DEFAULT_EMOTION_SETTINGS: EmotionSettings = {
  charNgrams: false,
  epochs: 6,
  learningRate: 0.25,
  l2: 2e-5,
  ngramRateScale: 0.5,
  minDf: 2,
  pruneBelow: 0.02,
};
const SEED = 20180605;
const K = EMOTIONS.length;

interface Row {
  features: FeatureValue[];
  y: number;
}

export interface PreparedEmotion {
  train: Row[];
  validation: Row[];
  trainRows: number;
}

export function prepareEmotion(dataDir: string, lexicons: Lexicons): PreparedEmotion {
  const dir = join(dataDir, 'tweeteval');
  const rows = (name: string): Row[] => readTweetEval(dir, name, K).map((r) => ({ features: extractFeatures(r.text, lexicons).features, y: r.label }));
  const train = rows('emotion_train');
  return { train, validation: rows('emotion_val'), trainRows: train.length };
}

export function fitEmotion(p: PreparedEmotion, s: EmotionSettings): LinearWeights {
  const df = new Map<string, number>();
  for (const r of p.train) for (const f of r.features) df.set(f.name, (df.get(f.name) ?? 0) + 1);
  const counts = new Array<number>(K).fill(0);
  for (const r of p.train) counts[r.y]!++;
  const set = compile(
    p.train.map((r) => ({ features: r.features, y: r.y, weight: p.train.length / (K * counts[r.y]!) })),
    (name) => name.startsWith('$') || ((s.charNgrams || !name.startsWith(CHAR_GRAM_PREFIX)) && (df.get(name) ?? 0) >= s.minDf),
  );
  return trainLinear(set, { classes: K, epochs: s.epochs, learningRate: s.learningRate, l2: s.l2, ngramRateScale: s.ngramRateScale, seed: SEED });
}

export function validateEmotion(p: PreparedEmotion, w: LinearWeights): number {
  return macroF1(
    p.validation.map((r) => r.y),
    predictCompiled(w, compileAgainst(w.names, p.validation), K),
    K,
  );
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function toEmotionFile(p: PreparedEmotion, w: LinearWeights, s: EmotionSettings): EmotionModelFile {
  const weights: Record<string, number[]> = {};
  for (let i = 0; i < w.names.length; i++) {
    const v = Array.from({ length: K }, (_, c) => round3(w.weights[i * K + c]!));
    if (Math.max(...v.map(Math.abs)) < s.pruneBelow) continue;
    weights[w.names[i]!] = v;
  }
  return {
    format: EMOTION_MODEL_FORMAT,
    classes: [...EMOTIONS],
    languages: ['en'],
    bias: Array.from(w.bias, round3),
    weights,
    training: {
      data: `tweeteval emotion_train (${p.trainRows} rows); validation: tweeteval emotion_val; test kept aside`,
      method: 'multinomial logistic regression, class-balanced, L2 on words, AdaGrad',
      seed: SEED,
      settings: s,
      features: Object.keys(weights).length,
    },
  };
}

export function trainEmotion(
  dataDir: string,
  lexicons: Lexicons,
  s: EmotionSettings = DEFAULT_EMOTION_SETTINGS,
): { model: EmotionModelFile; validation: number } {
  const p = prepareEmotion(dataDir, lexicons);
  const w = fitEmotion(p, s);
  return { model: toEmotionFile(p, w, s), validation: validateEmotion(p, w) };
}

function main(): void {
  const args = process.argv.slice(2);
  const root = resolve(__dirname, '../..');
  const dataDir = resolve(argValue(args, '--data-dir') ?? process.env.EARSHOT_SHARED_DATA ?? join(root, '../shared/data'));
  const out = resolve(argValue(args, '--out') ?? join(root, 'resources/models/emotion-en.json'));
  // The lexicons come from the shipped sentiment model: emotion reads the same features at scoring time.
  const sentiment = parseModel(JSON.parse(readFileSync(join(root, 'resources/models/sentiment-en.json'), 'utf8')) as unknown);
  if (args.includes('--tune')) {
    const p = prepareEmotion(dataDir, sentiment.lexicons);
    for (const charNgrams of [true, false])
      for (const epochs of [6, 10])
        for (const ngramRateScale of [0.1, 0.3, 0.5])
          for (const minDf of [2, 3]) {
            const s = { ...DEFAULT_EMOTION_SETTINGS, charNgrams, epochs, ngramRateScale, minDf };
            console.log(
              `${validateEmotion(p, fitEmotion(p, s)).toFixed(3)}  charNgrams=${charNgrams} epochs=${epochs} ngramRate=${ngramRateScale} minDf=${minDf}`,
            );
          }
    return;
  }
  const { model, validation } = trainEmotion(dataDir, sentiment.lexicons);
  const text = `${JSON.stringify(model)}\n`;
  writeFileSync(out, text);
  console.log(`wrote ${out} (${(text.length / 1024).toFixed(0)} KB, ${Object.keys(model.weights).length} weighted features)`);
  console.log(`validation macro-F1 (tweeteval emotion_val): ${validation.toFixed(3)}`);
}

if (require.main === module) main();
