/** Clout, urgency and segments on hand-checked cases. */
import { describe, expect, it } from 'vitest';
import { cloutComponents, cloutWeightsSchema, computeClout, computeUrgency, DEFAULT_CLOUT_WEIGHTS } from '@shared/logic/clout';
import { segmentOf } from '@shared/logic/segments';

describe('clout', () => {
  it('matches the documented formula on a hand-checked author', () => {
    // followers 999,999 → log10(1e6)/7 = 0.857143; engagement 0; not verified; 99 mentions → log10(100)/2 = 1; travel 0.
    const inputs = { followers: 999_999, engagement: 0, verified: false, mentionCount: 99, engagementTotal: 0 };
    const c = cloutComponents(inputs);
    expect(c.followers).toBeCloseTo(6 / 7, 6);
    expect(c.frequency).toBe(1);
    // 100 × (0.5 × 0.857143 + 0.1 × 1) / 1.0 = 52.857 → 52.9
    expect(computeClout(inputs)).toBe(52.9);
  });

  it('gives full marks at the scale tops and nothing to an empty account', () => {
    expect(computeClout({ followers: 10_000_000, engagement: 100_000, verified: true, mentionCount: 100, engagementTotal: 1_000_000 })).toBe(100);
    expect(computeClout({ followers: 0, engagement: 0, verified: false, mentionCount: 0, engagementTotal: 0 })).toBe(0);
  });

  it('follows its configurable weights', () => {
    const verifiedOnly = { followers: 0, engagement: 0, verified: 1, frequency: 0, travel: 0 };
    expect(computeClout({ followers: 5, engagement: 0, verified: true, mentionCount: 1, engagementTotal: 0 }, verifiedOnly)).toBe(100);
    expect(cloutWeightsSchema.safeParse({ followers: 0, engagement: 0, verified: 0, frequency: 0, travel: 0 }).success).toBe(false);
    expect(cloutWeightsSchema.safeParse({ ...DEFAULT_CLOUT_WEIGHTS, extra: 1 }).success).toBe(false);
  });
});

describe('urgency', () => {
  it('is 100 for a sure complaint from a top account spreading at 1,000 interactions an hour', () => {
    expect(computeUrgency({ sentiment: 'negative', confidence: 1, crisis: false, clout: 100, engagement: 999, ageMs: 3_600_000 })).toBe(100);
  });

  it('matches the formula on a neutral post from a middling author with no engagement', () => {
    // 0.15 × (0.2 + 0.8 × 0.5) × 0.3 × 100 = 2.7
    expect(computeUrgency({ sentiment: 'neutral', confidence: 0.9, crisis: false, clout: 50, engagement: 0, ageMs: 60_000 })).toBe(2.7);
  });

  it('is zero for praise, raised by crisis vocabulary, and grows with spread and clout', () => {
    expect(computeUrgency({ sentiment: 'positive', confidence: 1, crisis: false, clout: 100, engagement: 10_000, ageMs: 60_000 })).toBe(0);
    const base = { sentiment: 'negative' as const, confidence: 0.6, crisis: false, clout: 20, engagement: 10, ageMs: 3_600_000 };
    const u = computeUrgency(base);
    expect(computeUrgency({ ...base, crisis: true })).toBeGreaterThan(u);
    expect(computeUrgency({ ...base, engagement: 500 })).toBeGreaterThan(u);
    expect(computeUrgency({ ...base, clout: 80 })).toBeGreaterThan(u);
    // A post minutes old with 10 likes spreads faster than one a day old with 10 likes.
    expect(computeUrgency({ ...base, ageMs: 60_000 })).toBeGreaterThan(computeUrgency({ ...base, ageMs: 86_400_000 }));
  });
});

describe('segments', () => {
  it('follows the documented rules in order', () => {
    expect(segmentOf({ positive: 0, neutral: 1, negative: 3, clout: 90 })).toBe('detractor');
    expect(segmentOf({ positive: 1, neutral: 1, negative: 0, clout: 75 })).toBe('influencer');
    expect(segmentOf({ positive: 4, neutral: 1, negative: 0, clout: 10 })).toBe('advocate');
    expect(segmentOf({ positive: 2, neutral: 2, negative: 1, clout: 10 })).toBe('passive');
    expect(segmentOf({ positive: 1, neutral: 1, negative: 1, clout: 10 })).toBe('dissatisfied');
    expect(segmentOf({ positive: 0, neutral: 1, negative: 0, clout: 10 })).toBe('passive');
  });
});
