/**
 * Clout (how far an author's voice carries) and urgency (how much a mention needs attention now),
 * as pure formulas the core applies at ingest and the console shows, term by term.
 *
 * Clout, 0–100 = 100 × Σ wᵢ·cᵢ / Σ wᵢ over five components, each 0–1:
 *   followers   log10(1 + followers) / 7                       (10 M followers → 1)
 *   engagement  log10(1 + likes + 2·reposts + replies) / 5     on this post (100 k → 1)
 *   verified    1 if the platform marks the account verified
 *   frequency   log10(1 + mentions Earshot has seen from them) / 2   (100 mentions → 1)
 *   travel      log10(1 + their average engagement per mention) / 4  (10 k → 1)
 * Weights are a workspace setting (`understanding.cloutWeights.set`).
 *
 * Urgency, 0–100 = 100 × negativity × influence × spread:
 *   negativity  negative: 0.5 + 0.5·confidence; neutral: 0.15; positive or unknown: 0;
 *               at least 0.9 when a crisis intent fired
 *   influence   0.2 + 0.8 · clout/100   (an unknown author's complaint still counts)
 *   spread      0.3 + 0.7 · min(1, log10(1 + engagement per hour since posting) / 3)
 *               (1,000 interactions an hour → 1); age counted from at least 15 minutes
 */
import { z } from 'zod';
import type { MentionSentiment } from '../domain/mention';

export const CLOUT_COMPONENTS = ['followers', 'engagement', 'verified', 'frequency', 'travel'] as const;
export type CloutComponent = (typeof CLOUT_COMPONENTS)[number];
export type CloutWeights = Record<CloutComponent, number>;

export const DEFAULT_CLOUT_WEIGHTS: CloutWeights = { followers: 0.5, engagement: 0.15, verified: 0.1, frequency: 0.1, travel: 0.15 };

export const cloutWeightsSchema = z
  .object({
    followers: z.number().min(0).max(10),
    engagement: z.number().min(0).max(10),
    verified: z.number().min(0).max(10),
    frequency: z.number().min(0).max(10),
    travel: z.number().min(0).max(10),
  })
  .strict()
  .refine((w) => CLOUT_COMPONENTS.some((k) => w[k] > 0), { message: 'at least one weight must be above 0' });

export const CLOUT_EXPLANATIONS: Record<CloutComponent, string> = {
  followers: 'followers on the platform, on a log scale (10 million → full marks)',
  engagement: 'likes, reposts (counted twice) and replies on this post, log scale (100,000 → full marks)',
  verified: 'the platform marks the account as verified',
  frequency: 'how often Earshot has seen them mention you, log scale (100 mentions → full marks)',
  travel: 'how far their posts usually travel: average engagement per mention, log scale (10,000 → full marks)',
};

export interface CloutInputs {
  followers: number;
  /** likes + 2·reposts + replies on this post. */
  engagement: number;
  verified: boolean;
  /** Mentions Earshot has stored from this author, this one included. */
  mentionCount: number;
  /** Total engagement over their stored mentions. */
  engagementTotal: number;
}

export type CloutBreakdown = Record<CloutComponent, number>;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const round1 = (x: number): number => Math.round(x * 10) / 10;

export function engagementOf(m: { likes: number | null; reposts: number | null; replies: number | null }): number {
  return (m.likes ?? 0) + 2 * (m.reposts ?? 0) + (m.replies ?? 0);
}

export function cloutComponents(i: CloutInputs): CloutBreakdown {
  const avg = i.mentionCount > 0 ? i.engagementTotal / i.mentionCount : 0;
  return {
    followers: clamp01(Math.log10(1 + Math.max(0, i.followers)) / 7),
    engagement: clamp01(Math.log10(1 + Math.max(0, i.engagement)) / 5),
    verified: i.verified ? 1 : 0,
    frequency: clamp01(Math.log10(1 + Math.max(0, i.mentionCount)) / 2),
    travel: clamp01(Math.log10(1 + Math.max(0, avg)) / 4),
  };
}

export function computeClout(i: CloutInputs, weights: CloutWeights = DEFAULT_CLOUT_WEIGHTS): number {
  const c = cloutComponents(i);
  let sum = 0;
  let total = 0;
  for (const k of CLOUT_COMPONENTS) {
    sum += weights[k] * c[k];
    total += weights[k];
  }
  return total > 0 ? round1((100 * sum) / total) : 0;
}

export interface UrgencyInputs {
  sentiment: MentionSentiment;
  confidence: number;
  crisis: boolean;
  clout: number;
  /** likes + 2·reposts + replies. */
  engagement: number;
  /** Milliseconds between posting and when Earshot looked. */
  ageMs: number;
}

export function urgencyComponents(i: UrgencyInputs): { negativity: number; influence: number; spread: number } {
  let negativity = i.sentiment === 'negative' ? 0.5 + 0.5 * clamp01(i.confidence) : i.sentiment === 'neutral' ? 0.15 : 0;
  if (i.crisis) negativity = Math.max(negativity, 0.9);
  const influence = 0.2 + 0.8 * clamp01(i.clout / 100);
  const hours = Math.max(i.ageMs, 15 * 60_000) / 3_600_000;
  const spread = 0.3 + 0.7 * clamp01(Math.log10(1 + Math.max(0, i.engagement) / hours) / 3);
  return { negativity, influence, spread };
}

export function computeUrgency(i: UrgencyInputs): number {
  const { negativity, influence, spread } = urgencyComponents(i);
  return round1(100 * negativity * influence * spread);
}
