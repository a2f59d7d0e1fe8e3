/** The open alerts; each links to its detail through the `alert` parameter of the hash. */
import type { Alert } from '@shared/domain/alert';
import { formatTime } from './format-time';

export function OpenAlertsList({ alerts }: { alerts: readonly Alert[] }) {
  return (
    <div>
      <h2>Open alerts</h2>
      {alerts.length === 0 && <p data-testid="no-alerts">No open alerts.</p>}
      <ul className="alerts-list">
        {alerts.map((a) => (
          <li
            key={a.id}
            data-testid="alerts-row"
            data-alert-id={a.id}
            data-alert-kind={a.kind}
            data-state={a.state ?? 'open'}
            className={`alerts-list__item alerts-list__item--${a.severity}`}
          >
            <a href={`#/alerts?alert=${a.id}`} data-testid="alerts-row-open">
              {a.severity.toUpperCase()} · {a.title}
            </a>
            <span className="alerts-list__meta">
              {a.state ?? 'open'}
              {a.assignee ? ` · ${a.assignee}` : ''} · {formatTime(a.openedAt)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
