/**
 * `npm run train:sentiment [-- --tune] [--data-dir DIR] [--out FILE]`
 *
 * Trains the shipped sentiment model and writes `resources/models/sentiment-en.json`, byte for
 * byte the same on every run from the same data.
 *
 * Data (splits in `sentiment-data.ts`):
 * - TRAIN: the airline tweets' train part, the VADER tweets' train part, the training half of
 *   TweetEval sentiment_val (general tweets), and TweetEval emotion_train read as sentiment (anger,
 *   sadness → negative; joy, optimism → positive). Each corpus is class-balanced inside itself and
 *   then weighted as a whole (CORPUS_WEIGHTS), so 14,000 airline complaints do not drown 1,000
 *   general tweets.
 * - VALIDATION (every setting below was chosen here, with `--tune`): the airline validation part
 *   and the validation half of TweetEval sentiment_val.
 * - TEST (never looked at here): the airline test part, the VADER tweets' test part; the
 *   general-tweet test set is kept by the project's owners.
 *
 * Features (`text-features.ts`): words (marked "not_" under negation) and adjacent-token bigrams
 * and hashed character 3- to 5-grams of each word, each kept only where it occurs in at least
 * `minDf` tweets of at least `minCorpora` different corpora, so that words only one domain uses
 * ("flight", "bag") are left out of the general model; plus rule features from
 * the VADER lexicon (Hutto & Gilbert 2014; vader-sentiment, Apache-2.0), AFINN-165 and the emoji
 * scores of the Emoji Sentiment Ranking (both shipped in the `sentiment` package, MIT). The
 * lexicons are copied into the model file, so scoring needs neither package.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MODEL_CLASSES, MODEL_FORMAT, type ClassVector, type ModelFile } from '../core/analysis/sentiment-model';
import { extractFeatures, type FeatureValue, type Lexicons } from '../core/analysis/text-features';
import { chooseOffsets } from './class-offsets';
import { argmax, argValue, compile, compileAgainst, logitsCompiled, macroF1, trainLinear, type LinearSettings, type LinearWeights } from './linear-trainer';
import {
  emotionAsSentiment,
  readAirline,
  readTweetEval,
  readVaderTweets,
  splitAirline3,
  foldTweetEvalSentiment,
  splitVaderTweets,
  GENERAL_FOLDS,
  SPLIT_MODULUS,
  type FoldedText,
  type LabelledText,
} from './sentiment-data';

export interface SentimentSettings {
  epochs: number;
  learningRate: number;
  l2: number;
  ngramRateScale: number;
  minDf: number;
  minCorpora: number;
  /** A feature is the airline trade's vocabulary, and left out, where its rate in the airline tweets is this many times its rate in the general ones. */
  domainRatio: number;
  pruneBelow: number;
  corpusWeights: Record<CorpusName, number>;
  /** Add per-class offsets to the bias, chosen on the general tweets' cross-validated predictions (see `class-offsets.ts`). */
  calibrate: boolean;
  /** Models trained from this many shuffle orders and averaged (1: one model). */
  bags?: number;
}

export type CorpusName = 'airline' | 'vader' | 'tweeteval' | 'emotion';

/** Chosen with `--tune` on the validation sets (see `docs/signals-sentiment-emotion.md`). */
export const DEFAULT_SETTINGS: SentimentSettings = {
  epochs: 6,
  learningRate: 0.25,
  l2: 2e-5,
  ngramRateScale: 0.04,
  minDf: 3,
  minCorpora: 2,
  domainRatio: 10,
  pruneBelow: 0.02,
  corpusWeights: { airline: 1, vader: 1, tweeteval: 2, emotion: 0 },
  calibrate: false,
};

const SEED = 20150224;

export interface SentimentLexiconFiles {
  vader: string;
  afinn: string;
  emoji: string;
}

export function lexiconFilesIn(root: string): SentimentLexiconFiles {
  return {
    vader: join(root, 'node_modules/vader-sentiment/vader_lexicon.txt'),
    afinn: join(root, 'node_modules/sentiment/languages/en/labels.json'),
    emoji: join(root, 'node_modules/sentiment/build/emoji.json'),
  };
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

function readScoreFile(file: string): Map<string, number> {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file}: expected a JSON object of word → score`);
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'number' && Number.isFinite(v) && v !== 0) out.set(k, v);
  return out;
}

export function readLexicons(files: SentimentLexiconFiles): Lexicons {
  return { valence: readVaderLexicon(files.vader), afinn: readScoreFile(files.afinn), emoji: readScoreFile(files.emoji) };
}

export interface SentimentCorpora {
  /** Training parts of the corpora that are not cross-validated. */
  train: Record<Exclude<CorpusName, 'tweeteval'>, LabelledText[]>;
  /** All of TweetEval sentiment_val, each tweet with its cross-validation fold. */
  general: FoldedText[];
  validation: { airline: LabelledText[] };
  test: { airline: LabelledText[]; vader: LabelledText[] };
}

export function readSentimentCorpora(dataDir: string): SentimentCorpora {
  const airline = splitAirline3(readAirline(join(dataDir, 'airline-tweets.csv')));
  const vader = splitVaderTweets(readVaderTweets(join(dataDir, 'vader-tweets-ground-truth.tsv')));
  const general = foldTweetEvalSentiment(readTweetEval(join(dataDir, 'tweeteval'), 'sentiment_val', 3));
  const emotion = emotionAsSentiment(readTweetEval(join(dataDir, 'tweeteval'), 'emotion_train', 4));
  return {
    train: { airline: airline.train, vader: vader.train, emotion },
    general,
    validation: { airline: airline.validation },
    test: { airline: airline.test, vader: vader.test },
  };
}

interface Featured {
  corpus: CorpusName;
  features: FeatureValue[];
  y: number;
}

interface FoldedFeatured extends Featured {
  fold: number;
}

const FIXED_CORPORA = ['airline', 'vader', 'emotion'] as const;

function featurize(rows: readonly LabelledText[], lexicons: Lexicons, corpus: CorpusName): Featured[] {
  return rows.map((r) => ({
    corpus,
    features: extractFeatures(r.text, lexicons).features,
    y: MODEL_CLASSES.indexOf(r.label as (typeof MODEL_CLASSES)[number]),
  }));
}

/** Document frequency of every word feature per corpus. */
function corpusFrequencies(rows: readonly Featured[]): Map<string, Map<CorpusName, number>> {
  const df = new Map<string, Map<CorpusName, number>>();
  for (const r of rows) {
    for (const f of r.features) {
      if (f.name.startsWith('$')) continue;
      let per = df.get(f.name);
      if (!per) df.set(f.name, (per = new Map()));
      per.set(r.corpus, (per.get(r.corpus) ?? 0) + 1);
    }
  }
  return df;
}

/** Class-balanced inside each corpus, then each corpus scaled to its weight × (rows of the smallest corpus). */
function exampleWeights(rows: readonly Featured[], corpusWeights: Record<CorpusName, number>): number[] {
  const counts = new Map<string, number>();
  const sizes = new Map<CorpusName, number>();
  for (const r of rows) {
    counts.set(`${r.corpus}:${r.y}`, (counts.get(`${r.corpus}:${r.y}`) ?? 0) + 1);
    sizes.set(r.corpus, (sizes.get(r.corpus) ?? 0) + 1);
  }
  const classesIn = (c: CorpusName): number => [0, 1, 2].filter((y) => (counts.get(`${c}:${y}`) ?? 0) > 0).length;
  // Mean corpus size keeps the typical example weight near 1, so the learning rate means the same.
  const mean = [...sizes.values()].reduce((a, b) => a + b, 0) / Math.max(1, sizes.size);
  return rows.map((r) => (corpusWeights[r.corpus] * mean) / (classesIn(r.corpus) * counts.get(`${r.corpus}:${r.y}`)!));
}

export interface PreparedSentiment {
  lexicons: Lexicons;
  corpora: SentimentCorpora;
  /** The training parts of the corpora that are not cross-validated (airline, VADER, emotion). */
  fixed: Featured[];
  /** TweetEval sentiment_val with folds: trained on in full for the shipped model, fold by fold for its estimate. */
  general: FoldedFeatured[];
  validation: { airline: Featured[] };
}

export function prepareSentiment(dataDir: string, files: SentimentLexiconFiles): PreparedSentiment {
  const lexicons = readLexicons(files);
  const corpora = readSentimentCorpora(dataDir);
  return {
    lexicons,
    corpora,
    fixed: FIXED_CORPORA.flatMap((c) => featurize(corpora.train[c], lexicons, c)),
    general: featurize(corpora.general, lexicons, 'tweeteval').map((r, i) => ({ ...r, fold: corpora.general[i]!.fold })),
    validation: { airline: featurize(corpora.validation.airline, lexicons, 'airline') },
  };
}

function linearSettings(s: SentimentSettings): LinearSettings {
  return { classes: 3, epochs: s.epochs, learningRate: s.learningRate, l2: s.l2, ngramRateScale: s.ngramRateScale, seed: SEED };
}

/** The rows a model is trained on: every fixed corpus, and the general tweets outside `heldOut` (all of them for the shipped model). */
export function trainingRows(p: PreparedSentiment, heldOut: number | null): Featured[] {
  return [...p.fixed, ...p.general.filter((r) => r.fold !== heldOut)];
}

export function fitSentiment(p: PreparedSentiment, s: SentimentSettings, rows: readonly Featured[] = trainingRows(p, null)): LinearWeights {
  // Vocabulary filters see only the training rows, so a held-out fold's words cannot leak in.
  const df = corpusFrequencies(rows);
  const sizes = new Map<CorpusName, number>();
  for (const r of rows) sizes.set(r.corpus, (sizes.get(r.corpus) ?? 0) + 1);
  const total = rows.length;
  const keep = (name: string): boolean => {
    if (name.startsWith('$')) return true;
    const per = df.get(name);
    if (!per) return false;
    let corpora = 0;
    let all = 0;
    for (const n of per.values()) {
      if (n >= s.minDf) corpora++;
      all += n;
    }
    if (corpora < s.minCorpora) return false;
    // The airline tweets are the one corpus of a single trade; the others are general tweets.
    const n = per.get('airline') ?? 0;
    const size = sizes.get('airline') ?? 0;
    if (n === 0 || size === 0) return true;
    return n / size <= (s.domainRatio * (all - n + 1)) / (total - size);
  };
  const weights = exampleWeights(rows, s.corpusWeights);
  const set = compile(
    rows.map((r, i) => ({ features: r.features, y: r.y, weight: weights[i]! })),
    keep,
  );
  const bags = s.bags ?? 1;
  const first = trainLinear(set, linearSettings(s));
  if (bags <= 1) return first;
  // Models that differ only in the order they saw the examples, averaged: one linear model with less of the order's noise.
  for (let k = 1; k < bags; k++) {
    const next = trainLinear(set, { ...linearSettings(s), seed: SEED + k });
    for (let i = 0; i < first.weights.length; i++) first.weights[i]! += next.weights[i]!;
    for (let c = 0; c < first.bias.length; c++) first.bias[c]! += next.bias[c]!;
  }
  for (let i = 0; i < first.weights.length; i++) first.weights[i]! /= bags;
  for (let c = 0; c < first.bias.length; c++) first.bias[c]! /= bags;
  return first;
}

export interface SentimentEstimate {
  /** Macro-F1 over all of TweetEval sentiment_val, each tweet predicted by the fold model that did not train on it (no offsets). */
  general: number;
  /**
   * The same with class offsets, each fold's chosen on the other folds' held-out predictions
   * (nested), so the figure does not reward offsets fitted to the tweets it is measured on.
   */
  generalCalibrated: number;
  /** The same per fold (calibrated where the settings calibrate). */
  generalFolds: number[];
  /** Offsets chosen on all folds' held-out predictions: what the shipped model adds to its bias. */
  offsets: number[];
  /** Airline VALIDATION split, the general model alone (mean over the fold models, offsets added). */
  airline: number;
  /** Per general tweet (in `PreparedSentiment.general` order): its class, and the class the fold model that did not see it gave (offsets as in `generalCalibrated`). */
  truth: number[];
  predicted: number[];
}

/** Cross-validated estimate of `s`: one model per held-out fold of the general tweets. */
export function crossValidate(p: PreparedSentiment, s: SentimentSettings): SentimentEstimate {
  const logits: Float64Array[] = new Array<Float64Array>(p.general.length);
  const truth = p.general.map((r) => r.y);
  const folds = p.general.map((r) => r.fold);
  const airlineLogits: Float64Array[][] = [];
  for (let fold = 0; fold < GENERAL_FOLDS; fold++) {
    const w = fitSentiment(p, s, trainingRows(p, fold));
    const at = p.general.flatMap((r, i) => (r.fold === fold ? [i] : []));
    const z = logitsCompiled(
      w,
      compileAgainst(
        w.names,
        at.map((i) => p.general[i]!),
      ),
      3,
    );
    at.forEach((i, k) => (logits[i] = z[k]!));
    airlineLogits.push(logitsCompiled(w, compileAgainst(w.names, p.validation.airline), 3));
  }
  const offsets = s.calibrate ? chooseOffsets({ logits, truth }) : [0, 0, 0];
  const predicted = new Array<number>(truth.length);
  const generalFolds: number[] = [];
  for (let fold = 0; fold < GENERAL_FOLDS; fold++) {
    const inFold = (i: number): boolean => folds[i] === fold;
    const others = { logits: logits.filter((_, i) => !inFold(i)), truth: truth.filter((_, i) => !inFold(i)) };
    const nested = s.calibrate ? chooseOffsets(others) : [0, 0, 0];
    const y: number[] = [];
    const yHat: number[] = [];
    for (let i = 0; i < truth.length; i++) {
      if (!inFold(i)) continue;
      predicted[i] = argmax(logits[i]!, nested);
      y.push(truth[i]!);
      yHat.push(predicted[i]!);
    }
    generalFolds.push(macroF1(y, yHat, 3));
  }
  const airlineTruth = p.validation.airline.map((r) => r.y);
  const airline =
    airlineLogits.reduce(
      (sum, z) =>
        sum +
        macroF1(
          airlineTruth,
          z.map((x) => argmax(x, offsets)),
          3,
        ),
      0,
    ) / GENERAL_FOLDS;
  return {
    general: macroF1(
      truth,
      logits.map((z) => argmax(z)),
      3,
    ),
    generalCalibrated: macroF1(truth, predicted, 3),
    generalFolds,
    offsets,
    airline,
    truth,
    predicted,
  };
}

export function airlineF1(w: LinearWeights, p: PreparedSentiment, offsets?: readonly number[]): number {
  return macroF1(
    p.validation.airline.map((r) => r.y),
    logitsCompiled(w, compileAgainst(w.names, p.validation.airline), 3).map((z) => argmax(z, offsets)),
    3,
  );
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function toModelFile(p: PreparedSentiment, w: LinearWeights, s: SentimentSettings, estimate: SentimentEstimate | null): ModelFile {
  const weights: Record<string, ClassVector> = {};
  for (let i = 0; i < w.names.length; i++) {
    const v: ClassVector = [round3(w.weights[i * 3]!), round3(w.weights[i * 3 + 1]!), round3(w.weights[i * 3 + 2]!)];
    if (Math.max(Math.abs(v[0]), Math.abs(v[1]), Math.abs(v[2])) < s.pruneBelow) continue;
    weights[w.names[i]!] = v;
  }
  const sorted = (m: ReadonlyMap<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const key of [...m.keys()].sort()) out[key] = m.get(key)!;
    return out;
  };
  const rows = (c: Exclude<CorpusName, 'tweeteval'>): number => p.corpora.train[c].length;
  return {
    format: MODEL_FORMAT,
    languages: ['en'],
    bias: [0, 1, 2].map((c) => round3(w.bias[c]! + (estimate?.offsets[c] ?? 0))) as ClassVector,
    weights,
    lexicon: sorted(p.lexicons.valence),
    afinn: sorted(p.lexicons.afinn),
    emoji: sorted(p.lexicons.emoji),
    training: {
      data: {
        airline: `airline-tweets.csv (Feb 2015) de-duplicated by tweet_id; TRAIN = FNV-1a(id) mod ${SPLIT_MODULUS} ∉ {0, 1} (${rows('airline')} rows)`,
        vader: `vader-tweets-ground-truth.tsv; TRAIN = FNV-1a("vader:"+id) mod ${SPLIT_MODULUS} ≠ 0 (${rows('vader')} rows)`,
        tweeteval: `tweeteval sentiment_val, all ${p.corpora.general.length} rows (cross-validated in ${GENERAL_FOLDS} folds by FNV-1a("tweeteval-sentiment:"+line) mod ${GENERAL_FOLDS})`,
        emotion: `tweeteval emotion_train as sentiment (anger, sadness → negative; joy, optimism → positive) (${rows('emotion')} rows)`,
      },
      validation: `airline FNV-1a(id) mod 5 == 1; tweeteval sentiment_val by ${GENERAL_FOLDS}-fold cross-validation`,
      test: 'airline FNV-1a(id) mod 5 == 0; vader FNV-1a("vader:"+id) mod 5 == 0 (never used in training or tuning); the general-tweet test set is kept by the project owners',
      ...(estimate
        ? {
            crossValidated: {
              generalMacroF1: round3(estimate.general),
              generalMacroF1WithOffsets: round3(estimate.generalCalibrated),
              offsets: estimate.offsets,
              generalFolds: estimate.generalFolds.map(round3),
              airlineValidationMacroF1: round3(estimate.airline),
            },
          }
        : {}),
      method: 'multinomial logistic regression, class-balanced per corpus, corpus-weighted, L2 on words, AdaGrad',
      seed: SEED,
      settings: s,
      features: Object.keys(weights).length,
      characterNgrams: '3 to 5 letters of " word ", FNV-1a 32 mod 2^18, counted',
      lexicons: 'VADER (vader-sentiment 1.1.3, Apache-2.0); AFINN-165 and Emoji Sentiment Ranking (sentiment 5.0.2, MIT)',
    },
  };
}

export interface TrainedSentiment {
  model: ModelFile;
  /** Cross-validated estimate (null when asked to skip it). */
  estimate: SentimentEstimate | null;
  /** Airline VALIDATION split with the shipped model (trained on every general fold). */
  airlineValidation: number;
}

export function trainSentiment(
  dataDir: string,
  files: SentimentLexiconFiles,
  settings: SentimentSettings = DEFAULT_SETTINGS,
  options: { crossValidate?: boolean } = {},
): TrainedSentiment {
  const prepared = prepareSentiment(dataDir, files);
  const estimate = options.crossValidate === false ? null : crossValidate(prepared, settings);
  const weights = fitSentiment(prepared, settings);
  return { model: toModelFile(prepared, weights, settings, estimate), estimate, airlineValidation: airlineF1(weights, prepared, estimate?.offsets) };
}

/** The settings grid `--tune` walks; each line prints the cross-validated general figure and the airline validation one. */
function tune(p: PreparedSentiment): void {
  const grid: SentimentSettings[] = [];
  for (const epochs of [4, 6, 8])
    for (const ngramRateScale of [0.03, 0.04, 0.06])
      for (const tweeteval of [1, 2, 3, 4])
        grid.push({ ...DEFAULT_SETTINGS, epochs, ngramRateScale, corpusWeights: { ...DEFAULT_SETTINGS.corpusWeights, tweeteval } });
  const results = grid.map((s) => {
    const v = crossValidate(p, s);
    const line = `epochs=${s.epochs} ngramRate=${s.ngramRateScale} tweetevalWeight=${s.corpusWeights.tweeteval}`;
    console.log(`${v.generalCalibrated.toFixed(3)}  ${v.general.toFixed(3)}  ${v.airline.toFixed(3)}  ${line}`);
    return { v, line };
  });
  // The general figure is the goal; airline tweets get their trade's words from a workspace adaptation.
  results.sort((a, b) => b.v.generalCalibrated - a.v.generalCalibrated);
  console.log('\nbest by the cross-validated general figure (with offsets, without, airline validation):');
  for (const r of results.slice(0, 5)) console.log(`${r.v.generalCalibrated.toFixed(3)}  ${r.v.general.toFixed(3)}  ${r.v.airline.toFixed(3)}  ${r.line}`);
}

function main(): void {
  const args = process.argv.slice(2);
  const root = resolve(__dirname, '../..');
  const dataDir = resolve(argValue(args, '--data-dir') ?? process.env.EARSHOT_SHARED_DATA ?? join(root, '../shared/data'));
  const out = resolve(argValue(args, '--out') ?? join(root, 'resources/models/sentiment-en.json'));
  const files = lexiconFilesIn(root);
  const started = Date.now();
  if (args.includes('--tune')) {
    tune(prepareSentiment(dataDir, files));
    return;
  }
  const { model, estimate, airlineValidation } = trainSentiment(dataDir, files);
  const text = `${JSON.stringify(model)}\n`;
  writeFileSync(out, text);
  console.log(
    `trained in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${out} (${(text.length / 1024).toFixed(0)} KB, ${Object.keys(model.weights).length} weighted features)`,
  );
  const e = estimate!;
  const offsets = DEFAULT_SETTINGS.calibrate
    ? ` with class offsets ${JSON.stringify(e.offsets)} (each fold's chosen on the other folds; ${e.general.toFixed(3)} without)`
    : '';
  console.log(
    `general tweets, ${GENERAL_FOLDS}-fold cross-validated macro-F1: ${e.generalCalibrated.toFixed(3)}${offsets} (folds ${e.generalFolds.map((f) => f.toFixed(3)).join(', ')}); airline validation ${airlineValidation.toFixed(3)} (general model alone; npm run bench:sentiment for the test figures)`,
  );
}

if (require.main === module) main();
