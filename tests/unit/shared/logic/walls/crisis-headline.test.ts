import { describe, expect, it } from 'vitest';
import { crisisHeadline, formatRatio } from '@shared/logic/walls/crisis-headline';

const explanation = (measure: string, observed: number, expected: number | null) => ({
  rule: 'r',
  measure,
  observed,
  expected,
  bandLow: null,
  bandHigh: null,
  windowMinutes: 5,
  terms: [],
  link: '#/alerts',
});

describe('the crisis band headline', () => {
  it('says how many times normal, the count and the window, in plain words', () => {
    expect(crisisHeadline({ title: 'Negative surge', explanation: explanation('negative mentions in the last 5 min', 1057, 210.4) })).toBe(
      'Negative mentions 5× normal: 1,057 in 5 min',
    );
    expect(crisisHeadline({ title: 'Volume spike', explanation: explanation('mentions in the last 15 min', 420, 171) })).toBe(
      'Mentions 2.5× normal: 420 in 15 min',
    );
  });

  it('gives the count alone without a usual level, or when it is barely above it', () => {
    expect(crisisHeadline({ title: 'Negative surge', explanation: explanation('negative mentions in the last 5 min', 40, null) })).toBe(
      'Negative mentions: 40 in 5 min',
    );
    expect(crisisHeadline({ title: 'Volume spike', explanation: explanation('mentions in the last 60 min', 130, 100) })).toBe('Mentions: 130 in 60 min');
  });

  it('reads a share as a percentage with its usual level', () => {
    expect(crisisHeadline({ title: 'Negative surge', explanation: explanation('negative share of mentions in the last 5 min (%)', 62, 20) })).toBe(
      'Negative 62% of mentions in 5 min (usually 20%)',
    );
    expect(crisisHeadline({ title: 'Negative surge', explanation: explanation('negative share of mentions in the last 5 min (%)', 80, null) })).toBe(
      'Negative 80% of mentions in 5 min (no usual level yet)',
    );
  });

  it('falls back to the title for rules without a rate', () => {
    expect(crisisHeadline({ title: 'Influencer complaint: @mia', explanation: explanation('author followers', 2_300_000, null) })).toBe(
      'Influencer complaint: @mia',
    );
  });

  it('rounds ratios the way people say them', () => {
    expect(formatRatio(5.04)).toBe('5×');
    expect(formatRatio(12.7)).toBe('13×');
    expect(formatRatio(1.96)).toBe('2×');
  });
});
