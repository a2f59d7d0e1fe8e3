/**
 * The lexicon-and-rules pass and the tokenizer on hand-built cases: negation, contrast,
 * elongation, capitals, intensifiers, emoji and emoticons, handles and URLs, care vocabulary —
 * and the whole model's decision on the same cases.
 */
import { describe, expect, it } from 'vitest';
import { loadShippedModel, explainText } from '../../../../electron/core/analysis/sentiment-model';
import { scoreText } from '../../../../electron/core/analysis/text-scorer';
import { applyRules, extractFeatures, tokenize } from '../../../../electron/core/analysis/text-features';

const model = loadShippedModel();
const rules = (text: string) => applyRules(tokenize(text), model.lexicons);

describe('tokenize', () => {
  it('turns handles and URLs into placeholders, keeps hashtags, emoticons and emoji', () => {
    const tokens = tokenize('@united my bag is LOST #fail :( 😡 https://t.co/abc?x=1 ok');
    expect(tokens.map((t) => `${t.kind}:${t.norm}`)).toEqual([
      'user:<user>',
      'word:my',
      'word:bag',
      'word:is',
      'word:lost',
      'hashtag:#fail',
      'emoticon::(',
      'emoji:😡',
      'url:<url>',
      'word:ok',
    ]);
    expect(tokens.find((t) => t.norm === 'lost')!.shouted).toBe(true);
  });

  it('does not read times or URLs as emoticons, and joins contractions', () => {
    expect(tokenize('boarding at 10:30 (gate B)').some((t) => t.kind === 'emoticon')).toBe(false);
    expect(tokenize('http://x.com/:/path').map((t) => t.kind)).toEqual(['url']);
    expect(tokenize("didn't work").map((t) => t.norm)).toEqual(['didnt', 'work']);
  });

  it('collapses elongations and marks them', () => {
    const [t] = tokenize('goooood');
    expect(t).toMatchObject({ norm: 'good', elongated: true });
  });

  it('does not treat an all-capitals post as shouting one word', () => {
    expect(tokenize('THIS IS FINE').some((t) => t.shouted)).toBe(false);
  });
});

describe('rules', () => {
  it('negation flips and shrinks a valence within three words', () => {
    const good = rules('the service was good');
    const notGood = rules('the service was not good');
    expect(good.compound).toBeGreaterThan(0);
    expect(notGood.compound).toBeLessThan(0);
    expect(Math.abs(notGood.compound)).toBeLessThan(good.compound);
    expect(notGood.fired.some((f) => f.startsWith('negation'))).toBe(true);
    // Punctuation closes the scope.
    expect(rules('not really. good service').compound).toBeGreaterThan(0);
  });

  it('"but" weighs the later clause more', () => {
    const r = rules('the crew was great but they lost my bag');
    expect(r.compound).toBeLessThan(0);
    expect(r.fired.some((f) => f.startsWith('contrast'))).toBe(true);
    expect(rules('they lost my bag but the crew was great').compound).toBeGreaterThan(0);
  });

  it('elongation, capitals, intensifiers and "!" strengthen; dampeners weaken', () => {
    const base = rules('good').compound;
    expect(rules('goooood').compound).toBeGreaterThan(base);
    expect(rules('the food was GOOD today').compound).toBeGreaterThan(rules('the food was good today').compound);
    expect(rules('very good').compound).toBeGreaterThan(base);
    expect(rules('good!!!').compound).toBeGreaterThan(base);
    expect(rules('kinda good').compound).toBeLessThan(base);
  });

  it('reads emoji and emoticons', () => {
    expect(rules('😡😡').compound).toBeLessThan(-0.5);
    expect(rules('🎉👍').compound).toBeGreaterThan(0.5);
    expect(rules(':)').compound).toBeGreaterThan(0);
    expect(rules(':(').compound).toBeLessThan(0);
  });

  it('reads general phrases, and holds no words of one trade', () => {
    expect(rules('no problem at all').fired).toContain('phrase: no problem');
    expect(rules('no problem at all').compound).toBeGreaterThan(0);
    // Domain words are learned per workspace from its corrections, not built into the rules.
    expect(rules('flight').compound).toBe(0);
    expect(rules('lost bag at DFW').compound).toBeLessThan(0); // "lost" is general English
  });

  it('reads the AFINN lexicon and emoji scores as features of their own', () => {
    const features = extractFeatures('this is a fantastic day 💃', model.lexicons).features;
    expect(features.find((f) => f.name === '$afinn_pos')?.value).toBeGreaterThan(0);
    expect(rules('💃').compound).toBeGreaterThan(0); // not in the hand list: the emoji scores know it
    const negated = extractFeatures('this is not fantastic', model.lexicons).features;
    expect(negated.find((f) => f.name === '$afinn_neg')?.value).toBeLessThan(0);
  });
});

describe('the model on the same cases', () => {
  const label = (text: string) => scoreText(model, text).label;

  it('labels complaints, praise and plain statements', () => {
    expect(label('@united delayed 3 hours and no one at the desk. unacceptable')).toBe('negative');
    expect(label('@SouthwestAir thank you so much, the crew was amazing!')).toBe('positive');
    expect(label('@JetBlue what time does the gate open for flight 123?')).toBe('neutral');
  });

  it('follows negation and contrast', () => {
    expect(label('@united not happy at all')).toBe('negative');
    expect(label('@united the crew was lovely but my bag is lost and no one answers')).toBe('negative');
  });

  it('reads emoji-only and emoticon-only posts', () => {
    expect(label('😡😡😡')).toBe('negative');
    expect(label('🎉🎉👍')).toBe('positive');
  });

  it('is neutral and unsure about nothing at all', () => {
    expect(scoreText(model, '')).toMatchObject({ label: 'neutral', score: 0 });
    expect(scoreText(model, '   ...   ')).toMatchObject({ label: 'neutral' });
  });

  it('explains with per-feature pushes that sum (with the bias) to its decision', () => {
    const e = explainText(model, '@united my flight was cancelled and I am stuck on hold');
    expect(e.label).toBe('negative');
    expect(e.contributions.length).toBeGreaterThan(2);
    expect(e.contributions.some((c) => c.toward === 'negative' && (c.feature === 'cancelled' || c.feature.startsWith('$')))).toBe(true);
    expect(e.contributions.some((c) => c.feature.startsWith('~'))).toBe(false); // n-grams are summed into one line
    const z = [0, 1, 2].map((c) => e.bias[c]! + e.contributions.reduce((sum, x) => sum + x.perClass[c]!, 0));
    expect(z.indexOf(Math.max(...z))).toBe(0);
    // Sorted strongest first.
    expect(e.contributions[0]!.strength).toBeGreaterThanOrEqual(e.contributions[1]!.strength);
  });

  it('caps the work on a huge text', () => {
    const huge = `${'terrible '.repeat(5_000)}`;
    expect(extractFeatures(huge, model.lexicons).tokens.length).toBeLessThanOrEqual(400);
    expect(label(huge)).toBe('negative');
  });
});
