import type { Mention } from '../../../shared/domain/mention';
import { formatAgo, formatCompact } from '../../../shared/logic/format';
import { safeHttpUrl } from '../../../shared/logic/safe-url';
import { formatFull } from '../lib/time-format';
import { Panel } from './Panel';
import { PlatformBadge } from './PlatformBadge';
import { SentimentMarker } from './SentimentMarker';
import './Ticker.css';

export interface TickerOptions {
  /** Newest first. The ticker shows as many as fit and never scrolls. */
  mentions: readonly Mention[];
  now: number;
}

/**
 * The newest mentions. Everything in them comes from strangers, so it is rendered as React text
 * only; a URL becomes a link only when it is plain http(s).
 */
export function Ticker({ mentions, now }: TickerOptions) {
  return (
    <Panel title="Latest mentions" period="newest first" className="ticker" testId="ticker">
      {mentions.length === 0 ? (
        <p className="ticker__empty">No mentions yet</p>
      ) : (
        <ol className="ticker__list">
          {mentions.map((m) => (
            <TickerItem key={m.id} mention={m} now={now} />
          ))}
        </ol>
      )}
    </Panel>
  );
}

function TickerItem({ mention: m, now }: { mention: Mention; now: number }) {
  const url = safeHttpUrl(m.url);
  const ago = formatAgo(m.publishedAt, now);
  return (
    <li className={`ticker__item ticker__item--${m.sentiment}`} data-testid="ticker-item" data-mention-id={m.id} data-sentiment={m.sentiment}>
      <div className="ticker__meta">
        <SentimentMarker sentiment={m.sentiment} />
        <PlatformBadge platform={m.platform} />
        <span className="ticker__handle">@{m.authorHandle}</span>
        {m.authorFollowers !== null && <span className="ticker__followers">{formatCompact(m.authorFollowers)} followers</span>}
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
        {m.text}
      </p>
    </li>
  );
}
