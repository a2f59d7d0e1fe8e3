import type { Alert } from '@shared/domain/alert';
import { formatHM } from '../ui/time-format';
import { Panel } from './Panel';
import { useFitList } from './use-fit-list';
import { SEVERITY_MARK } from './AlertList';
import './IncidentTimeline.css';

export interface IncidentTimelineOptions {
  alerts: readonly Alert[];
  now: number;
  hours: number;
  text: (value: string) => string;
}

/** Each open alert as a bar from when it opened to now, acknowledgement marked, over the last hours. */
export function IncidentTimeline({ alerts, now, hours, text }: IncidentTimelineOptions) {
  const listRef = useFitList<HTMLOListElement>([alerts, hours]);
  const from = now - hours * 3_600_000;
  const span = now - from;
  const pos = (t: number) => `${(Math.min(Math.max(t - from, 0), span) / span) * 100}%`;
  const rows = [...alerts].sort((a, b) => a.openedAt - b.openedAt).slice(-8);
  // Three labels (start, middle, now): a narrow cell must not run them together.
  const stepHours = Math.max(1, Math.ceil(hours / 2));
  const ticks = Array.from({ length: Math.floor(hours / stepHours) + 1 }, (_, i) => from + i * stepHours * 3_600_000);
  return (
    <Panel title="Incident timeline" period={`last ${hours} h`} className="timeline" testId="incident-timeline">
      {rows.length === 0 ? (
        <p className="timeline__empty">No incidents in the last {hours} h</p>
      ) : (
        <ol className="timeline__rows" ref={listRef}>
          {rows.map((a) => (
            <li key={a.id} className={`timeline__row timeline__row--${a.severity}`} data-testid="timeline-row" data-alert-id={a.id}>
              <span className="timeline__label">
                {SEVERITY_MARK[a.severity]} {text(a.title)}
              </span>
              <span className="timeline__track">
                <span className="timeline__bar" style={{ left: pos(a.openedAt), right: `calc(100% - ${pos(a.resolvedAt ?? now)})` }} />
                {a.acknowledgedAt !== null && (
                  <span className="timeline__ack" style={{ left: pos(a.acknowledgedAt) }} title="acknowledged">
                    ✓
                  </span>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="timeline__axis" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} style={{ left: pos(t) }}>
            {formatHM(t)}
          </span>
        ))}
      </div>
    </Panel>
  );
}
