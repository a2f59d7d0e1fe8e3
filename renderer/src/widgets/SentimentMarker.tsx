import type { SentimentLabel } from '../../../shared/domain/mention';
import './SentimentMarker.css';

/** Shape, colour and word for a sentiment, so it reads without telling red from green. */
export const SENTIMENT_GLYPH: Record<SentimentLabel, string> = { positive: '▲', neutral: '●', negative: '▼' };
export const SENTIMENT_WORD: Record<SentimentLabel, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

export interface SentimentMarkerOptions {
  sentiment: SentimentLabel;
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
