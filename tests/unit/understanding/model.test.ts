/**
 * The shipped model: deterministic training, a small file, the fixed split, measured quality on
 * the airline TEST split (real data; skipped with a printed line where it is absent).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fnv1a32, isTestId, readAirline, splitAirline } from '../../../electron/cli/sentiment-data';
import { train } from '../../../electron/cli/train-sentiment';
import { createAnalyzer } from '../../../electron/core/analysis/analyze-mention';
import { modelCandidates, MODEL_FILE } from '../../../electron/core/analysis/sentiment-model';
import { metrics } from '../../bench/sentiment-metrics';
import { sharedDataFile } from '../../support/shared-data';
import { useTempDirs } from '../core/helpers';

const tempDir = useTempDirs();
const airline = sharedDataFile('airline-tweets.csv');
const lexiconFile = join(__dirname, '../../../node_modules/vader-sentiment/vader_lexicon.txt');

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

describe('training', () => {
  it.runIf(airline.available)('gives the same model file twice from the same data', () => {
    // A 1,500-row slice keeps this fast; the full run is `npm run train:sentiment`.
    const lines = readFileSync(airline.path, 'utf8').split('\n');
    const slice = join(tempDir(), 'slice.csv');
    writeFileSync(slice, lines.slice(0, 1_500).join('\n'));
    const a = JSON.stringify(train({ data: slice, lexiconFile }).model);
    const b = JSON.stringify(train({ data: slice, lexiconFile }).model);
    expect(a).toBe(b);
    expect(JSON.parse(a).training.trainRows).toBeGreaterThan(1_000);
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
    expect(statSync(file!).size).toBeLessThan(500 * 1024);
  });

  it.runIf(airline.available)('reaches a macro-F1 of at least 0.72 on the airline TEST split', () => {
    const { test } = splitAirline(readAirline(airline.path));
    const analyzer = createAnalyzer();
    const m = metrics(test.map((r) => r.label), test.map((r) => analyzer.sentiment(r.text, null).label));
    // VADER scores about 0.52 here (npm run bench:sentiment); the goal is VADER + 0.20.
    expect(m.macroF1).toBeGreaterThan(0.72);
    expect(m.recall.neutral).toBeGreaterThan(0.6);
  });
});
