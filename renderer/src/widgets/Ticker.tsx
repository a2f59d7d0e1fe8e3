import type { Mention } from '@shared/domain/mention';
import { formatAgo, formatCompact } from '@shared/logic/format';
import { safeHttpUrl } from '@shared/logic/safe-url';
import { maskPersonalData } from '@shared/logic/walls/mask-personal-data';
import { formatFull } from '../ui/time-format';
import { Panel } from './Panel';
import { useFitList } from './use-fit-list';
import { PlatformBadge } from './PlatformBadge';
import { SentimentMarker } from './SentimentMarker';
import './Ticker.css';

export interface TickerOptions {
  /** Newest first. The ticker shows as many as fit and never scrolls. */
  mentions: readonly Mention[];
  now: number;
  /** Public-screen-safe: no handles or follower counts, no links, personal data in the text masked. */
  publicSafe?: boolean;
  /** Subtitle next to the title, e.g. "newest first · negative only". */
  periodLabel?: string;
  /** Per shown mention id: how many more posts of its story the list leaves out (reposts, copies). */
  repeats?: ReadonlyMap<number, number>;
}

/**
 * The newest mentions. Everything in them comes from strangers, so it is rendered as React text
 * only; a URL becomes a link only when it is plain http(s).
 */
export function Ticker({ mentions, now, publicSafe = false, periodLabel = 'newest first', repeats }: TickerOptions) {
  const listRef = useFitList<HTMLOListElement>([mentions]);
  return (
    <Panel title="Latest mentions" period={periodLabel} className="ticker" testId="ticker">
      {mentions.length === 0 ? (
        <p className="ticker__empty">No mentions yet</p>
      ) : (
        <ol className="ticker__list" ref={listRef}>
          {mentions.map((m) => (
            <TickerItem key={m.id} mention={m} now={now} publicSafe={publicSafe} more={repeats?.get(m.id) ?? 0} />
          ))}
        </ol>
      )}
    </Panel>
  );
}

function TickerItem({ mention: m, now, publicSafe, more }: { mention: Mention; now: number; publicSafe: boolean; more: number }) {
  const url = publicSafe ? null : safeHttpUrl(m.url);
  const ago = formatAgo(m.publishedAt, now);
  return (
    <li
      className={`ticker__item ticker__item--${m.sentiment}${m.drillRunId !== null ? ' ticker__item--drill' : ''}`}
      data-testid="ticker-item"
      data-mention-id={m.id}
      data-sentiment={m.sentiment}
      data-drill={String(m.drillRunId !== null)}
    >
      <div className="ticker__meta">
        {/* A drill's scripted post must never be read as a real customer's, even in a screenshot. */}
        {m.drillRunId !== null && <span className="ticker__drill">DRILL</span>}
        <SentimentMarker sentiment={m.sentiment} />
        <PlatformBadge platform={m.platform} />
        {!publicSafe && <span className="ticker__handle">@{m.authorHandle}</span>}
        {!publicSafe && m.authorFollowers !== null && <span className="ticker__followers">{formatCompact(m.authorFollowers)} followers</span>}
        {more > 0 && (
          <span className="ticker__repeats" data-testid="ticker-repeats">
            +{more} like it
          </span>
        )}
        <span className="ticker__time" title={formatFull(m.publishedAt)}>
          {url ? (
            <a href={url} target="_blank" rel="noopener noreferrer">
              {ago}
            </a>
          ) : (
            ago
          )}
        </span>
      </div>
      <p className="ticker__text" lang={m.lang ?? undefined}>
        {publicSafe ? maskPersonalData(m.text) : m.text}
      </p>
    </li>
  );
}
