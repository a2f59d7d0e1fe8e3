import type { TopAuthor } from '@shared/domain/volume';
import { formatCompact } from '@shared/logic/format';
import { Panel } from './Panel';
import { useFitList } from './use-fit-list';
import { PlatformBadge } from './PlatformBadge';
import { SENTIMENT_GLYPH } from './SentimentMarker';
import './TopAuthors.css';

export interface TopAuthorsOptions {
  authors: readonly TopAuthor[];
  periodLabel: string;
}

/** The authors with the most reach posting right now; a negative one is marked, not just coloured. */
export function TopAuthors({ authors, periodLabel }: TopAuthorsOptions) {
  const listRef = useFitList<HTMLOListElement>([authors]);
  return (
    <Panel title="Top authors now" period={periodLabel} className="authors" testId="top-authors">
      {authors.length === 0 ? (
        <p className="authors__empty">Nobody yet</p>
      ) : (
        <ol className="authors__list" ref={listRef}>
          {authors.map((a) => (
            <li
              key={`${a.platform}:${a.handle}`}
              className={`authors__row${a.negative > 0 ? ' authors__row--negative' : ''}`}
              data-testid="top-author"
              data-handle={a.handle}
              data-negative={a.negative}
            >
              <PlatformBadge platform={a.platform} />
              <span className="authors__who">
                <span className="authors__handle">
                  @{a.handle}
                  {a.verified && (
                    <span className="authors__verified" title="Verified">
                      {' '}
                      ✓
                    </span>
                  )}
                </span>
                {/* The display name gives way to the handle (what the room acts on): it may be shortened. */}
                {a.name && (
                  <span className="authors__name" data-may-clip="">
                    {a.name}
                  </span>
                )}
              </span>
              <span className="authors__followers" title={`${a.followers.toLocaleString()} followers`}>
                {formatCompact(a.followers)}
              </span>
              <span className="authors__mentions" title={`${a.mentions} mentions`}>
                ×{a.mentions}
              </span>
              <span className="authors__neg">
                {a.negative > 0 && (
                  <span title={`${a.negative} negative`}>
                    {SENTIMENT_GLYPH.negative} {a.negative} neg
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
