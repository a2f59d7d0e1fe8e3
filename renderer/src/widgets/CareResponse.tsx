import { formatDuration } from '@shared/logic/format';
import { Panel } from './Panel';
import './CareResponse.css';

export interface CareResponseOptions {
  periodLabel: string;
  firstResponseMedianMin: number | null;
  firstResponseP90Min: number | null;
  openQueue: number;
  oldestWaitingMin: number | null;
  breaches: number;
  breachesOf: number;
  targetMinutes: number;
  conversations: number;
}

const minutes = (m: number | null) => (m === null ? '—' : formatDuration(m * 60_000));

/** Response-time KPIs for the care team: first response, the open queue, and SLA breaches. */
export function CareResponse(o: CareResponseOptions) {
  return (
    <Panel
      title="Care response"
      period={o.periodLabel}
      className="cresp"
      testId="care-response"
      data={{ 'data-breaches': o.breaches, 'data-open': o.openQueue }}
    >
      <dl className="cresp__grid">
        <div>
          <dt>First response (median)</dt>
          <dd>{minutes(o.firstResponseMedianMin)}</dd>
          <small>p90 {minutes(o.firstResponseP90Min)}</small>
        </div>
        <div>
          <dt>Open queue</dt>
          <dd>{o.openQueue}</dd>
          <small>oldest waiting {minutes(o.oldestWaitingMin)}</small>
        </div>
        <div className={o.breaches > 0 ? 'cresp--breach' : ''}>
          <dt>Breaches</dt>
          <dd>
            {o.breaches > 0 && '⚠ '}
            {o.breaches}
            <span className="cresp__of"> / {o.breachesOf}</span>
          </dd>
          <small>
            target {o.targetMinutes} min · {o.conversations} conversations
          </small>
        </div>
      </dl>
    </Panel>
  );
}
