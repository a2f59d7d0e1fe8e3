/**
 * The fast scoring path (`text-scorer.ts`: one merged table, remembered per-word n-gram sums) must
 * decide exactly what the named features the models were trained on decide (`extractFeatures`,
 * `logits`), with and without a workspace's adjustments, however often a word has been seen.
 */
import { describe, expect, it } from 'vitest';
import { loadShippedEmotionModel } from '../../../../electron/core/analysis/emotion-model';
import { decide, loadShippedModel, logits, softmax, type ClassVector } from '../../../../electron/core/analysis/sentiment-model';
import { TextScorer } from '../../../../electron/core/analysis/text-scorer';
import { CHAR_GRAM_PREFIX, extractFeatures } from '../../../../electron/core/analysis/text-features';
import { EMOTIONS } from '@shared/domain/emotion';
import { readTweetEval } from '../../../../electron/cli/sentiment-data';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataFile } from '../../../support/shared-data';

const model = loadShippedModel();
const emotion = loadShippedEmotionModel();

const TEXTS = [
  'worst service ever 😡',
  'thank you so much!!! 🎉',
  'the meeting is at 10:30',
  'not bad at all, but the app crashed',
  'sooo goood #happy #sohappy',
  'I am furious, this is outrageous and disgusting',
  'I miss her so much, crying all night',
  '@someone check https://example.com/x it is NOT what I ordered',
  'love love love love love this',
  'unhelpful, unresponsive and uncaring',
];

/** The reference: the named features, as training and explanations read them. */
function reference(text: string, adjustments?: Map<string, ClassVector>): { sentiment: ClassVector; emotion: number[] } {
  const { features } = extractFeatures(text, model.lexicons);
  const e = [...emotion.bias];
  for (const f of features) {
    const w = emotion.weights.get(f.name);
    if (w) for (let c = 0; c < EMOTIONS.length; c++) e[c]! += f.value * w[c]!;
  }
  const max = Math.max(...e);
  const exp = e.map((x) => Math.exp(x - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return { sentiment: softmax(logits(model, features, adjustments)), emotion: exp.map((x) => x / sum) };
}

describe('the one-pass scorer', () => {
  it('gives the probabilities of the named features, on first sight of a word and after', () => {
    const scorer = new TextScorer(model, emotion);
    for (let round = 0; round < 2; round++) {
      for (const text of TEXTS) {
        const got = scorer.score(text);
        const want = reference(text);
        got.sentiment.probabilities.forEach((p, c) => expect(p).toBeCloseTo(want.sentiment[c]!, 2));
        expect(got.sentiment.label).toBe(decide(want.sentiment).label);
        EMOTIONS.forEach((name, c) => expect(got.emotion!.scores[name]).toBeCloseTo(want.emotion[c]!, 2));
      }
    }
  });

  it('adds a workspace adjustment to the word it names, including words the model does not know', () => {
    const adjustments = new Map<string, ClassVector>([
      ['flight', [2, -1, -1]],
      ['love', [1.5, 0, -1.5]],
      ['~123', [9, 9, 9]], // n-gram buckets are never adjusted
    ]);
    const scorer = new TextScorer(model, emotion, adjustments);
    for (const text of ['my flight was fine', 'love this', 'nothing to adjust here']) {
      const want = reference(text, new Map([...adjustments].filter(([k]) => !k.startsWith(CHAR_GRAM_PREFIX))));
      scorer.score(text).sentiment.probabilities.forEach((p, c) => expect(p).toBeCloseTo(want.sentiment[c]!, 2));
    }
    expect(scorer.score('my flight was fine').sentiment.probabilities[0]).toBeGreaterThan(
      new TextScorer(model, emotion).score('my flight was fine').sentiment.probabilities[0],
    );
  });

  const general = sharedDataFile('tweeteval/sentiment_val_text.txt');
  const airline = sharedDataFile('airline-tweets.csv');
  it.runIf(general.available && airline.available)('decides as the named features do on 2,000 general tweets and 2,000 airline tweets', () => {
    const texts = readTweetEval(join(general.path, '..'), 'sentiment_val', 3).map((r) => r.text);
    // Raw lines are enough here: the scorer must agree on whatever text it is given.
    texts.push(...readFileSync(airline.path, 'utf8').split('\n').slice(1, 2_001));
    const scorer = new TextScorer(model, emotion);
    const differ = texts.filter((t) => {
      const want = reference(t);
      const got = scorer.score(t);
      if (got.emotion === null) return false; // nothing to read: no features at all
      const top = (p: readonly number[]): number => p.indexOf(Math.max(...p));
      return got.sentiment.label !== decide(want.sentiment).label || got.emotion.emotion !== EMOTIONS[top(want.emotion)];
    });
    expect(differ).toEqual([]);
  });

  it('reads nothing into a text with nothing to read', () => {
    const scorer = new TextScorer(model, emotion);
    expect(scorer.score('   ...   ')).toEqual({
      sentiment: { label: 'neutral', score: 0, confidence: 0.333, probabilities: [0.333, 0.333, 0.333] },
      emotion: null,
    });
  });
});
