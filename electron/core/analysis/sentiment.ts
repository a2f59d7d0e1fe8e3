/**
 * Interim sentiment: AFINN word scores (the `sentiment` package) with a few customer-care words
 * added. The understanding issue replaces this with a measured model; the interface stays.
 */
import Sentiment from 'sentiment';
import type { SentimentLabel } from '../../../shared/domain/mention';

export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) to +1 (very positive). */
  score: number;
}

/** Words AFINN lacks or under-weights in complaints to brands. */
const CARE_VOCABULARY: Record<string, number> = {
  outage: -3,
  down: -1,
  delayed: -2,
  delay: -2,
  cancelled: -2,
  canceled: -2,
  refund: -1,
  overcharged: -3,
  dropped: -2,
  unreachable: -2,
  broken: -2,
  worst: -3,
  unacceptable: -3,
  boycott: -3,
  lawsuit: -3,
  scam: -3,
  thanks: 2,
  thank: 2,
  kudos: 3,
  '👍': 2,
  '❤️': 3,
  '😡': -3,
  '🤬': -3,
  '😤': -2,
};

const analyzer = new Sentiment();

/** The package splits on spaces only: "awful😡" would otherwise be one unknown token. */
const EMOJI = /(\p{Extended_Pictographic}\uFE0F?)/gu;

export function scoreSentiment(text: string): SentimentResult {
  const result = analyzer.analyze(text.replace(EMOJI, ' $1 '), { extras: CARE_VOCABULARY });
  const label: SentimentLabel = result.score > 0 ? 'positive' : result.score < 0 ? 'negative' : 'neutral';
  // tanh keeps the score bounded while still separating "bad" from "terrible".
  return { label, score: Math.round(Math.tanh(result.score / 5) * 1000) / 1000 };
}
