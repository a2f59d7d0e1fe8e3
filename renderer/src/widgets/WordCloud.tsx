import type { TrendingTerm } from '@shared/domain/trends';
import { Panel } from './Panel';
import { useFitList } from './use-fit-list';
import './WordCloud.css';

export interface WordCloudOptions {
  terms: readonly TrendingTerm[];
  periodLabel: string;
}

/**
 * Trending terms sized by how far above their own baseline they are; the strongest first, and new
 * ones marked with a sign, not only a colour.
 */
export function WordCloud({ terms, periodLabel }: WordCloudOptions) {
  const listRef = useFitList<HTMLUListElement>([terms]);
  const max = Math.max(...terms.map((t) => t.score), 1);
  const min = Math.min(...terms.map((t) => t.score), 0);
  const span = max - min || 1;
  return (
    <Panel title="Trending terms" period={periodLabel} className="wcloud" testId="word-cloud">
      {terms.length === 0 ? (
        <p className="wcloud__empty">Nothing is trending above its usual rate</p>
      ) : (
        <ul className="wcloud__list" ref={listRef}>
          {terms.map((t) => (
            <li
              key={t.term}
              className={`wcloud__term${t.isNew ? ' wcloud__term--new' : ''}`}
              style={{ fontSize: `${(0.9 + ((t.score - min) / span) * 2.1).toFixed(2)}rem` }}
              title={`${t.count} mentions, about ${Math.round(t.expected)} expected`}
              data-testid="trending-term"
            >
              {t.isNew && <span aria-label="new">✦</span>}
              {t.term}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
