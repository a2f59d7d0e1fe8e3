import type { MentionSentiment } from '@shared/domain/mention';
import './SentimentMarker.css';

/** Shape, colour and word for a sentiment, so it reads without telling red from green. */
export const SENTIMENT_GLYPH: Record<MentionSentiment, string> = { positive: '▲', neutral: '●', negative: '▼', unknown: '?' };
export const SENTIMENT_WORD: Record<MentionSentiment, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative', unknown: 'Unknown' };

export interface SentimentMarkerOptions {
  sentiment: MentionSentiment;
  /** Also print the word next to the shape. */
  withWord?: boolean;
}

export function SentimentMarker({ sentiment, withWord = false }: SentimentMarkerOptions) {
  return (
    <span className={`sentiment-marker sentiment-marker--${sentiment}`} title={SENTIMENT_WORD[sentiment]} aria-label={SENTIMENT_WORD[sentiment]}>
      <span aria-hidden="true">{SENTIMENT_GLYPH[sentiment]}</span>
      {withWord && <span className="sentiment-marker__word">{SENTIMENT_WORD[sentiment]}</span>}
    </span>
  );
}
