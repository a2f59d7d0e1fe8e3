import type { Alert, AlertSeverity } from '@shared/domain/alert';
import { formatAgo } from '@shared/logic/format';
import { Panel } from './Panel';
import { useFitList } from './use-fit-list';
import './AlertList.css';

export interface AlertListOptions {
  alerts: readonly Alert[];
  now: number;
  periodLabel: string;
  /** Text of each alert already made safe for this screen (masked on public walls). */
  text: (value: string) => string;
}

export const SEVERITY_MARK: Record<AlertSeverity, string> = { critical: '⚠', warning: '▲', info: 'ℹ' };

/** Open alerts, most severe and newest first; severity is a word and a mark, not only a colour. */
export function AlertList({ alerts, now, periodLabel, text }: AlertListOptions) {
  const listRef = useFitList<HTMLOListElement>([alerts]);
  const rank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };
  const ordered = [...alerts].sort((a, b) => rank[a.severity] - rank[b.severity] || b.openedAt - a.openedAt);
  return (
    <Panel title="Alerts" period={periodLabel} className="alist" testId="alert-list" data={{ 'data-count': ordered.length }}>
      {ordered.length === 0 ? (
        <p className="alist__empty">No open alerts</p>
      ) : (
        <ol className="alist__list" ref={listRef}>
          {ordered.map((a) => (
            <li
              key={a.id}
              className={`alist__item alist__item--${a.severity}`}
              data-testid="alert-list-item"
              data-alert-id={a.id}
              data-acknowledged={String(a.acknowledgedAt !== null)}
            >
              <span className="alist__sev">
                {SEVERITY_MARK[a.severity]} {a.severity}
              </span>
              <span className="alist__title">{text(a.title)}</span>
              <span className="alist__when">
                {a.acknowledgedAt !== null ? `ack ${a.acknowledgedBy ? `by ${text(a.acknowledgedBy)}` : ''}` : formatAgo(a.openedAt, now)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
