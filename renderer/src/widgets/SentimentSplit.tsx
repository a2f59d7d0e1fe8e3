import { SENTIMENT_LABELS } from '@shared/domain/mention';
import { percentShares } from '@shared/logic/format';
import type { SentimentSplit as Split } from '@shared/logic/volume';
import { SentimentMarker } from './SentimentMarker';
import './SentimentSplit.css';

export interface SentimentSplitOptions {
  split: Split;
}

/** Positive / neutral / negative as counts, percentages and bars, in a fixed order. */
export function SentimentSplit({ split }: SentimentSplitOptions) {
  const counts = SENTIMENT_LABELS.map((label) => split[label]);
  const shares = percentShares(counts);
  return (
    <ul className="split" data-testid="sentiment-split">
      {SENTIMENT_LABELS.map((label, i) => (
        <li key={label} className={`split__row split__row--${label}`} data-sentiment={label} data-count={counts[i]} data-percent={shares[i]}>
          <SentimentMarker sentiment={label} withWord />
          <span className="split__percent">{shares[i]}%</span>
          <span className="split__count">{(counts[i] ?? 0).toLocaleString()}</span>
          <span className="split__track" aria-hidden="true">
            <span className="split__fill" style={{ width: `${shares[i]}%` }} />
          </span>
        </li>
      ))}
    </ul>
  );
}
