/**
 * Everything the core works out about one mention before it is stored. The ingest pipeline calls
 * only this, so the understanding area can change how each part is computed in one place.
 */
import type { MentionSentiment } from '../../../shared/domain/mention';
import type { CheckedMention } from '../pipeline/mention-input';
import { scoreSentiment } from './sentiment';

export interface MentionAnalysis {
  sentiment: MentionSentiment;
  sentimentScore: number;
  sentimentConfidence: number;
  intents: string[];
  clout: number;
  urgency: number;
}

export function analyzeMention(mention: CheckedMention): MentionAnalysis {
  const sentiment = scoreSentiment(mention.text);
  return {
    sentiment: sentiment.label,
    sentimentScore: sentiment.score,
    // Interim: the word-list score's strength stands in for confidence until a calibrated model lands.
    sentimentConfidence: Math.abs(sentiment.score),
    intents: [],
    clout: 0,
    urgency: 0,
  };
}
