/**
 * Sentiment of a bare text with the shipped model (no language check, no workspace adjustments):
 * what the interim AFINN scorer's callers used. Ingest goes through `analyze-mention.ts`, which
 * adds language detection ('unknown' for unsupported languages) and the workspace's corrections.
 */
import type { SentimentLabel } from '@shared/domain/mention';
import { loadShippedModel } from './sentiment-model';
import { scoreText } from './text-scorer';

export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) to +1 (very positive): P(positive) − P(negative). */
  score: number;
  /** Probability of the chosen class. */
  confidence: number;
}

export function scoreSentiment(text: string): SentimentResult {
  const { label, score, confidence } = scoreText(loadShippedModel(), text);
  return { label, score, confidence };
}
