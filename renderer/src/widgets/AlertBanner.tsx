import type { Alert, AlertSeverity } from '@shared/domain/alert';
import { formatAgo } from '@shared/logic/format';
import { excerpt } from '@shared/logic/walls/spotlight';
import './AlertBanner.css';

export interface AlertBannerOptions {
  /** Open, unacknowledged alerts. Nothing is rendered when empty. */
  alerts: readonly Alert[];
  now: number;
  /** Up to this many are shown one per line with their detail. */
  maxFull?: number;
  /** Beyond `maxFull`, up to this many are shown in two compact columns; the rest as "+N more". */
  maxShown?: number;
  /** Text from strangers as this screen may show it (a public screen masks personal data). */
  text?: (text: string) => string;
  /** Longer details are quoted up to here, at a word, with an ellipsis (a wall banner must stay a band). */
  detailChars?: number;
}

const SEVERITY: Record<AlertSeverity, { icon: string; word: string; rank: number }> = {
  critical: { icon: '‼', word: 'CRITICAL', rank: 0 },
  warning: { icon: '⚠', word: 'WARNING', rank: 1 },
  info: { icon: 'ℹ', word: 'INFO', rank: 2 },
};

/** Most severe first, then newest. */
function byUrgency(a: Alert, b: Alert): number {
  return SEVERITY[a.severity].rank - SEVERITY[b.severity].rank || b.openedAt - a.openedAt;
}

/**
 * Every alert the room has not acknowledged, most severe first. A crisis raises several at once,
 * so past a few the banner turns compact (title and age, two columns) rather than hiding them.
 */
export function AlertBanner({ alerts, now, maxFull = 3, maxShown = 8, text = (t) => t, detailChars = 400 }: AlertBannerOptions) {
  if (alerts.length === 0) return null;
  const sorted = [...alerts].sort(byUrgency);
  const compact = sorted.length > maxFull;
  const shown = sorted.slice(0, compact ? maxShown : maxFull);
  const hidden = sorted.length - shown.length;
  const worst = sorted[0]?.severity ?? 'info';
  return (
    <section
      className={`alert-banner alert-banner--${worst}${compact ? ' alert-banner--compact' : ''}`}
      data-testid="alert-banner"
      data-count={sorted.length}
      role="alert"
      aria-live="assertive"
    >
      <ul className="alert-banner__list">
        {shown.map((a) => (
          <li
            key={a.id}
            className={`alert-banner__item alert-banner__item--${a.severity}`}
            data-testid="alert-item"
            data-alert-kind={a.kind}
            data-alert-id={a.id}
            data-severity={a.severity}
          >
            <span className="alert-banner__icon" aria-hidden="true">
              {SEVERITY[a.severity].icon}
            </span>
            <span className="alert-banner__severity">{SEVERITY[a.severity].word}</span>
            <span className="alert-banner__title">{text(a.title)}</span>
            <span className="alert-banner__detail">{text(excerpt(a.detail, detailChars))}</span>
            <span className="alert-banner__age">{formatAgo(a.openedAt, now)}</span>
          </li>
        ))}
      </ul>
      {hidden > 0 && <div className="alert-banner__more">+{hidden} more open</div>}
    </section>
  );
}
