import { EMOTIONS, type Emotion } from '@shared/domain/emotion';
import { percentShares } from '@shared/logic/format';
import { Panel } from './Panel';
import './EmotionMix.css';

export interface EmotionMixProps {
  counts: Record<Emotion, number>;
  /** Counts over the period before, for the change; null where there is none to compare with. */
  previous: Record<Emotion, number> | null;
  periodLabel: string;
  title?: string | undefined;
}

/** "2.5×" beside an emotion that rose at least 1.5 times over the period before; nothing otherwise. */
export function emotionChange(now: number, before: number): string | null {
  if (now < 3) return null;
  const ratio = now / Math.max(before, 0.5);
  return ratio >= 1.5 ? `↑ ${ratio >= 10 ? Math.round(ratio) : ratio.toFixed(1)}×` : null;
}

/** Anger, joy, optimism and sadness in the period: share, count, and a rise against the period before. */
export function EmotionMix({ counts, previous, periodLabel, title = 'Emotion' }: EmotionMixProps) {
  const values = EMOTIONS.map((e) => counts[e]);
  const shares = percentShares(values);
  const total = values.reduce((a, b) => a + b, 0);
  return (
    <Panel
      title={title}
      period={periodLabel}
      aside={<span className="emotion-mix__total">{total.toLocaleString()} posts</span>}
      className="emotion-mix"
      testId="emotion-mix"
    >
      <ul className="emotion-mix__rows">
        {EMOTIONS.map((emotion, i) => {
          const change = previous ? emotionChange(counts[emotion], previous[emotion]) : null;
          return (
            <li
              key={emotion}
              className={`emotion-mix__row emotion-mix__row--${emotion}`}
              data-emotion={emotion}
              data-count={counts[emotion]}
              data-percent={shares[i]}
            >
              <span className="emotion-mix__label">{emotion}</span>
              <span className="emotion-mix__track" aria-hidden="true">
                <span className="emotion-mix__fill" style={{ width: `${shares[i]}%` }} />
              </span>
              <span className="emotion-mix__percent">{shares[i]}%</span>
              <span className="emotion-mix__count">{counts[emotion].toLocaleString()}</span>
              <span className="emotion-mix__change" data-testid={`emotion-change-${emotion}`}>
                {change ?? ''}
              </span>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}
