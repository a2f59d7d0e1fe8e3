/**
 * The customer brand score (0–100) combines what a customer spends with how much they are heard:
 *
 *   spend      = min(100, 25 × log10(1 + lifetime value))   (10 → 26, 100 → 50, 1,000 → 75, ≥ 9,999 → 100)
 *   engagement = min(100, clout + 2 × mentions)              (clout 0–100 of their social profile)
 *   score      = round(0.6 × spend + 0.4 × engagement)
 */
export const BRAND_SCORE_FORMULA =
  'score = 0.6 × spend + 0.4 × engagement; spend = min(100, 25 × log10(1 + lifetime value)); engagement = min(100, clout + 2 × mentions)';

export interface BrandScoreInput {
  lifetimeValue: number;
  clout: number;
  mentions: number;
}

export function spendScore(lifetimeValue: number): number {
  return Math.min(100, 25 * Math.log10(1 + Math.max(0, lifetimeValue)));
}

export function engagementScore(clout: number, mentions: number): number {
  return Math.min(100, Math.max(0, clout) + 2 * Math.max(0, mentions));
}

export function customerBrandScore(input: BrandScoreInput): number {
  return Math.round(0.6 * spendScore(input.lifetimeValue) + 0.4 * engagementScore(input.clout, input.mentions));
}
