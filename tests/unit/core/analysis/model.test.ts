/**
 * The shipped model: deterministic training, a small file, the fixed split, measured quality on
 * the airline TEST split (real data; skipped with a printed line where it is absent).
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fnv1a32,
  foldTweetEvalSentiment,
  GENERAL_FOLDS,
  isTestId,
  readAirline,
  readTweetEval,
  readVaderTweets,
  splitAirline,
  splitAirline3,
  splitVaderTweets,
} from '../../../../electron/cli/sentiment-data';
import { DEFAULT_SETTINGS, lexiconFilesIn, trainSentiment } from '../../../../electron/cli/train-sentiment';
import { createAnalyzer } from '../../../../electron/core/analysis/analyze-mention';
import { modelCandidates, MODEL_FILE } from '../../../../electron/core/analysis/sentiment-model';
import { CORRECTIONS, LABELLED_SET, learnAdjustments } from '../../../../electron/core/understanding/adaptation';
import { metrics } from '../../../bench/sentiment-metrics';
import { sharedDataFile } from '../../../support/shared-data';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const airline = sharedDataFile('airline-tweets.csv');
const general = sharedDataFile('tweeteval/sentiment_val_text.txt');
const vaderSet = sharedDataFile('vader-tweets-ground-truth.tsv');
const all = airline.available && general.available && vaderSet.available;
const root = join(__dirname, '../../../..');

describe('the split', () => {
  it('is a pure function of the tweet id', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c); // FNV-1a 32 reference value
    expect(isTestId('570306133677760513')).toBe(fnv1a32('570306133677760513') % 5 === 0);
  });

  it.runIf(airline.available)('de-duplicates by id and holds out about a fifth', () => {
    const rows = readAirline(airline.path);
    expect(rows).toHaveLength(14_485);
    const { train: tr, test } = splitAirline(rows);
    expect(test.length / rows.length).toBeGreaterThan(0.18);
    expect(test.length / rows.length).toBeLessThan(0.22);
    const trainIds = new Set(tr.map((r) => r.id));
    expect(test.some((r) => trainIds.has(r.id))).toBe(false);
  });
});

describe('the three-way splits', () => {
  it.runIf(all)('keep validation and test apart from training in every corpus', () => {
    const a = splitAirline3(readAirline(airline.path));
    const ids = (rows: Array<{ id: string }>) => new Set(rows.map((r) => r.id));
    const trainIds = ids(a.train);
    expect(a.validation.some((r) => trainIds.has(r.id) || isTestId(r.id))).toBe(false);
    expect(a.test.every((r) => isTestId(r.id) && !trainIds.has(r.id))).toBe(true);
    // The reported airline test split is the one earlier releases reported.
    expect(a.test.map((r) => r.id)).toEqual(splitAirline(readAirline(airline.path)).test.map((r) => r.id));
    // General tweets: every tweet in exactly one cross-validation fold, folds of similar size, by id alone.
    const g = foldTweetEvalSentiment(readTweetEval(join(airline.path, '../tweeteval'), 'sentiment_val', 3));
    expect(g).toHaveLength(2_000);
    for (let fold = 0; fold < GENERAL_FOLDS; fold++) {
      const size = g.filter((r) => r.fold === fold).length;
      expect(size).toBeGreaterThan(300);
      expect(size).toBeLessThan(500);
    }
    expect(g.every((r) => r.fold === fnv1a32(`tweeteval-sentiment:${r.id}`) % GENERAL_FOLDS)).toBe(true);
    const v = splitVaderTweets(readVaderTweets(vaderSet.path));
    const vTrain = ids(v.train);
    expect(v.test.length).toBeGreaterThan(700);
    expect(v.test.some((r) => vTrain.has(r.id))).toBe(false);
  });
});

describe('training', () => {
  it.runIf(all)('gives the same model file twice from the same data', () => {
    // Slices of every corpus keep this fast; the full run is `npm run train:sentiment`.
    const dir = tempDir();
    mkdirSync(join(dir, 'tweeteval'));
    const head = (file: string, lines: number, out: string) => writeFileSync(join(dir, out), readFileSync(file, 'utf8').split('\n').slice(0, lines).join('\n'));
    const te = join(airline.path, '../tweeteval');
    head(airline.path, 1_200, 'airline-tweets.csv');
    head(vaderSet.path, 400, 'vader-tweets-ground-truth.tsv');
    for (const name of ['sentiment_val_text', 'sentiment_val_labels', 'emotion_train_text', 'emotion_train_labels'])
      head(join(te, `${name}.txt`), 300, `tweeteval/${name}.txt`);
    // The cross-validation is the same code with a fold held out; `npm run train:sentiment` runs it.
    const a = JSON.stringify(trainSentiment(dir, lexiconFilesIn(root), undefined, { crossValidate: false }).model);
    const b = JSON.stringify(trainSentiment(dir, lexiconFilesIn(root), undefined, { crossValidate: false }).model);
    expect(a).toBe(b);
    expect(Object.keys(JSON.parse(a).weights).some((k: string) => k.startsWith('~'))).toBe(true);
    // Averaging shuffle orders is a tuning option: one order is the shipped model, two give another model that still reads the same features.
    const one = trainSentiment(dir, lexiconFilesIn(root), { ...DEFAULT_SETTINGS, bags: 1 }, { crossValidate: false }).model;
    expect(JSON.stringify(one.weights)).toBe(JSON.stringify(JSON.parse(a).weights));
    const two = trainSentiment(dir, lexiconFilesIn(root), { ...DEFAULT_SETTINGS, bags: 2 }, { crossValidate: false }).model;
    expect(JSON.stringify(two.weights)).not.toBe(JSON.stringify(one.weights));
    const shared = Object.keys(two.weights).filter((k) => k in one.weights).length;
    expect(shared).toBeGreaterThan(0.9 * Object.keys(one.weights).length);
  });
});

describe('the shipped model', () => {
  it('is small and found from the source tree', () => {
    const file = modelCandidates().find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    });
    expect(file).toBeDefined();
    expect(file!.endsWith(MODEL_FILE)).toBe(true);
    expect(statSync(file!).size).toBeLessThan(1024 * 1024);
  });

  it.runIf(airline.available)('reaches a macro-F1 of at least 0.68 on the airline TEST split alone, without airline words', () => {
    const { test } = splitAirline(readAirline(airline.path));
    const analyzer = createAnalyzer();
    const m = metrics(
      test.map((r) => r.label),
      test.map((r) => analyzer.sentiment(r.text, null).label),
    );
    // VADER scores about 0.52 here (npm run bench:sentiment). Measured 0.706 on 2026-12-07 (third
    // round): the general model alone; an airline workspace adds its adaptation (test below).
    expect(m.macroF1).toBeGreaterThan(0.68);
    expect(m.recall.neutral).toBeGreaterThan(0.6);
    expect(analyzer.model.weights.has('flight')).toBe(false);
  });

  it.runIf(airline.available)(
    "with a workspace adaptation learned from the airline TRAIN split, gains at least 0.03 on the airline TEST split (0.753 measured), and the trade's words live only in that adaptation",
    () => {
      const { train, test } = splitAirline3(readAirline(airline.path));
      const analyzer = createAnalyzer();
      const examples = train.map((r) => ({ text: r.text, label: r.label as 'negative' | 'neutral' | 'positive' }));
      const score = (adjustments: ReturnType<typeof learnAdjustments>): number => {
        const adapted = analyzer.withAdjustments(adjustments);
        return metrics(
          test.map((r) => r.label),
          test.map((r) => adapted.sentiment(r.text, null).label),
        ).macroF1;
      };
      const asLabelledSet = learnAdjustments(analyzer.model, examples, LABELLED_SET);
      // Measured 2026-12-07 (third round): 0.753 as a labelled set, 0.706 without adaptation. The
      // bench measures the same through a real workspace (tests/bench/airline-workspace.ts).
      const labelled = score(asLabelledSet);
      expect(labelled).toBeGreaterThan(0.74);
      expect(labelled).toBeGreaterThan(score(new Map()) + 0.03);
      expect(score(learnAdjustments(analyzer.model, examples, CORRECTIONS))).toBeGreaterThan(0.7);
      expect(asLabelledSet.has('flight')).toBe(true);
      expect(analyzer.model.weights.has('flight')).toBe(false);
    },
    240_000,
  );

  it('records how it was trained and its cross-validated general-tweet estimate', () => {
    const training = createAnalyzer().model.training as { settings: unknown; crossValidated?: { generalMacroF1WithOffsets: number; generalFolds: number[] } };
    expect(training.settings).toEqual(DEFAULT_SETTINGS);
    // The shipped model trains on every general tweet, so it is measured by cross-validation (npm run train:sentiment).
    expect(training.crossValidated!.generalFolds).toHaveLength(GENERAL_FOLDS);
    expect(training.crossValidated!.generalMacroF1WithOffsets).toBeGreaterThan(0.63);
  });
});
