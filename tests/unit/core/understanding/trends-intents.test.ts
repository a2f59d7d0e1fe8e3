/** Trending-term scoring, term extraction and intent rules (defaults, matching, validation). */
import { describe, expect, it } from 'vitest';
import { extractTerms, MAX_TERMS_PER_MENTION } from '../../../../electron/core/understanding/terms';
import { scoreTrends } from '../../../../electron/core/understanding/trends';
import { DEFAULT_INTENT_RULES, intentRulesSchema, type IntentRule } from '@shared/domain/intents';
import { compileIntentRules, matchIntents } from '@shared/logic/intents';

describe('scoreTrends', () => {
  it('ranks by Poisson excess over the scaled baseline and marks new terms', () => {
    // Window 10 min, baseline 40 min: expected = baseline count / 4.
    const window = new Map([
      ['outage', 30],
      ['wifi', 8],
      ['#kestreldown', 6],
      ['hello', 2],
      ['flight', 10],
    ]);
    const baseline = new Map([
      ['outage', 4],
      ['wifi', 32],
      ['flight', 40],
    ]);
    const terms = scoreTrends(window, baseline, 10, 40, 10);
    expect(terms.map((t) => t.term)).toEqual(['outage', '#kestreldown']);
    // outage: e = 1, (30 − 1)/√2 = 20.51
    expect(terms[0]).toEqual({ term: 'outage', count: 30, expected: 1, score: 20.51, isNew: false });
    // #kestreldown: e = 0, (6 − 0)/1 = 6
    expect(terms[1]).toEqual({ term: '#kestreldown', count: 6, expected: 0, score: 6, isNew: true });
  });

  it('needs at least three mentions and respects the limit', () => {
    expect(scoreTrends(new Map([['x', 2]]), new Map(), 5, 20, 10)).toEqual([]);
    const many = new Map(Array.from({ length: 50 }, (_, i) => [`t${i}`, 3 + i] as [string, number]));
    expect(scoreTrends(many, new Map(), 5, 20, 7)).toHaveLength(7);
  });
});

describe('extractTerms', () => {
  it('keeps hashtags and content words, skips stopwords, handles, URLs and numbers', () => {
    expect(extractTerms('@Kestrel the network is DOWN again #KestrelDown https://t.co/x 2024 outage outage')).toEqual([
      '#kestreldown',
      'network',
      'down',
      'outage',
    ]);
  });

  it('caps terms per mention and survives junk', () => {
    expect(extractTerms(Array.from({ length: 30 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(' '))).toHaveLength(MAX_TERMS_PER_MENTION);
    expect(extractTerms('')).toEqual([]);
    expect(extractTerms('😡😡 \u0000\u0001')).toEqual([]);
    expect(extractTerms('الخدمة سيئة جدا')).toEqual(['الخدمة', 'سيئة', 'جدا']);
  });
});

describe('intent rules', () => {
  const compiled = compileIntentRules(DEFAULT_INTENT_RULES);
  const intents = (text: string, sentiment: 'negative' | 'neutral' | 'positive' = 'neutral') => matchIntents(compiled, text, sentiment).intents;

  it('the defaults tag the six intents', () => {
    expect(intents('my flight was cancelled and no refund', 'negative')).toContain('complaint');
    expect(intents('how do I change my seat?')).toContain('question');
    expect(intents('thanks so much to the crew', 'positive')).toContain('praise');
    expect(intents('thinking of switching to Kestrel, how much is the unlimited plan')).toContain('purchase-intent');
    expect(intents('anyone else unable to log in? still not working', 'negative')).toContain('hidden-call-for-help');
    expect(intents('time to #boycott them, my lawyer will hear about this', 'negative')).toContain('crisis');
    expect(intents('nice weather', 'positive')).toEqual([]);
  });

  it('matches on word boundaries with * as a word ending', () => {
    expect(intents('the cancellation was sudden', 'negative')).toContain('complaint');
    expect(intents('I sued nobody')).not.toContain('crisis'); // "sue" is a whole word
    expect(intents('we will sue')).toContain('crisis');
  });

  it('applies sentiment and question-mark conditions', () => {
    const rules: IntentRule[] = [{ id: 'q', intent: 'question', enabled: true, phrases: ['price'], sentiment: null, needsQuestionMark: true }];
    const c = compileIntentRules(rules);
    expect(matchIntents(c, 'what is the price?', 'neutral').intents).toEqual(['question']);
    expect(matchIntents(c, 'the price is fine', 'neutral').intents).toEqual([]);
    const disabled = compileIntentRules([{ ...rules[0]!, enabled: false }]);
    expect(matchIntents(disabled, 'what is the price?', 'neutral').intents).toEqual([]);
  });

  it('validation names what is wrong', () => {
    const base: IntentRule = { id: 'a', intent: 'crisis', enabled: true, phrases: ['fire'], sentiment: null, needsQuestionMark: false };
    expect(intentRulesSchema.safeParse(DEFAULT_INTENT_RULES).success).toBe(true);
    const noCondition = intentRulesSchema.safeParse([{ ...base, phrases: [] }]);
    expect(noCondition.success).toBe(false);
    expect(noCondition.error!.issues[0]!.message).toMatch(/at least one condition/);
    const dup = intentRulesSchema.safeParse([base, base]);
    expect(dup.error!.issues[0]!.message).toMatch(/duplicate rule id "a"/);
    expect(intentRulesSchema.safeParse([{ ...base, phrases: ['a(b|c)'] }]).success).toBe(false);
    expect(intentRulesSchema.safeParse([{ ...base, intent: 'gossip' }]).success).toBe(false);
  });
});
