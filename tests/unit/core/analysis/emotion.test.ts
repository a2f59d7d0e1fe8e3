/**
 * The shipped emotion model: measured on TweetEval emotion_val (the split its settings were chosen
 * on; the test split is kept aside) and deterministic training. The one-pass scorer is checked
 * against the named features in `text-scorer.test.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTweetEval } from '../../../../electron/cli/sentiment-data';
import { trainEmotion } from '../../../../electron/cli/train-emotion';
import { createAnalyzer } from '../../../../electron/core/analysis/analyze-mention';
import { explainEmotion } from '../../../../electron/core/analysis/emotion-model';
import { macroF1 } from '../../../../electron/cli/linear-trainer';
import { EMOTIONS } from '@shared/domain/emotion';
import { sharedDataFile } from '../../../support/shared-data';
import { useTempDirs } from '../../../support/core-helpers';

const tempDir = useTempDirs();
const emotionVal = sharedDataFile('tweeteval/emotion_val_text.txt');
const analyzer = createAnalyzer();

describe('emotion', () => {
  it.runIf(emotionVal.available)('reaches a macro-F1 of at least 0.60 on TweetEval emotion_val', () => {
    const rows = readTweetEval(join(emotionVal.path, '..'), 'emotion_val', 4);
    const predicted = rows.map((r) => EMOTIONS.indexOf(analyzer.analyzeText(r.text, 'en').emotion as (typeof EMOTIONS)[number]));
    // Measured 0.660 on 2026-12-07.
    expect(
      macroF1(
        rows.map((r) => r.label),
        predicted,
        4,
      ),
    ).toBeGreaterThan(0.6);
  });

  it('gives each class a probability and picks the likeliest', () => {
    const a = analyzer.analyzeText('I am furious, this is outrageous and disgusting', 'en');
    expect(a.emotion).toBe('anger');
    expect(a.emotionScores!.anger).toBeGreaterThan(a.emotionScores!.joy);
    const b = analyzer.analyzeText('so happy and grateful today, what a lovely surprise', 'en');
    expect(b.emotion).toBe('joy');
    expect(analyzer.analyzeText('I miss her so much, crying all night', 'en').emotion).toBe('sadness');
  });

  it('explains its decision with per-feature pushes, the strongest first, that agree with the score', () => {
    const text = 'I am furious, this is outrageous and disgusting';
    const { result, pushes } = explainEmotion(analyzer.emotionModel, analyzer.model.lexicons, text);
    expect(result.emotion).toBe('anger');
    expect(result.scores).toEqual(analyzer.analyzeText(text, 'en').emotionScores); // the same numbers as the scoring pass
    expect(pushes[0]!.strength).toBeGreaterThanOrEqual(pushes[1]!.strength);
    expect(pushes.some((p) => p.toward === 'anger' && (p.feature === 'furious' || p.feature === 'outrageous'))).toBe(true);
    expect(pushes.filter((p) => p.feature.startsWith('~'))).toEqual([]);
    // Bias plus every push gives the decided class.
    const z = EMOTIONS.map((_, c) => analyzer.emotionModel.bias[c]! + pushes.reduce((sum, p) => sum + p.perClass[c]!, 0));
    expect(EMOTIONS[z.indexOf(Math.max(...z))]).toBe('anger');
  });

  it('is unknown for a language the model does not read, and for nothing at all', () => {
    expect(analyzer.analyzeText('le service est vraiment nul', 'fr')).toMatchObject({ emotion: 'unknown', emotionScores: null });
    expect(analyzer.analyzeText('   ', 'en')).toMatchObject({ emotion: 'unknown', emotionScores: null });
  });
});

describe('emotion training', () => {
  it.runIf(emotionVal.available)('gives the same model file twice from the same data', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tweeteval'));
    const te = join(emotionVal.path, '..');
    for (const name of ['emotion_train_text', 'emotion_train_labels', 'emotion_val_text', 'emotion_val_labels']) {
      writeFileSync(
        join(dir, 'tweeteval', `${name}.txt`),
        readFileSync(join(te, `${name}.txt`), 'utf8')
          .split('\n')
          .slice(0, 400)
          .join('\n'),
      );
    }
    const a = JSON.stringify(trainEmotion(dir, analyzer.model.lexicons).model);
    const b = JSON.stringify(trainEmotion(dir, analyzer.model.lexicons).model);
    expect(a).toBe(b);
    expect(JSON.parse(a).classes).toEqual(['anger', 'joy', 'optimism', 'sadness']);
  });
});
