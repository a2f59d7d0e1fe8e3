import type { CareKpis as CareKpiFigures } from '@shared/contract/areas/care';
import { KPI_FORMULAS } from '@shared/logic/care/kpis';
import './CareKpis.css';

export interface CareKpisOptions {
  kpis: CareKpiFigures | null;
  /** Words for the period, e.g. "last 7 days". */
  period: string;
  /** Show the per-agent table (the ranked leaderboard only when the team opted in). */
  showAgents?: boolean;
}

function minutes(v: number | null): string {
  if (v === null) return '—';
  if (v < 60) return `${Math.round(v)} min`;
  if (v < 48 * 60) return `${(v / 60).toFixed(1)} h`;
  return `${(v / 1440).toFixed(1)} d`;
}

function percent(v: number | null): string {
  return v === null ? '—' : `${Math.round(v * 100)}%`;
}

function signed(v: number | null): string {
  return v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;
}

/** The care KPIs in one strip; every figure explains its formula on hover (same text as the README). */
export function CareKpis({ kpis, period, showAgents = false }: CareKpisOptions) {
  if (!kpis)
    return (
      <div className="care-kpis care-kpis--empty" data-testid="care-kpis" aria-label={`Care KPIs, ${period}`}>
        Loading care figures…
      </div>
    );
  const k = kpis;
  const items: { id: string; label: string; value: string; sub: string; formula: string; count: number }[] = [
    {
      id: 'frt',
      label: 'First response',
      value: minutes(k.firstResponse.all.median),
      sub: `p90 ${minutes(k.firstResponse.all.p90)} · in hours ${minutes(k.firstResponse.inside.median)} · out ${minutes(k.firstResponse.outside.median)}`,
      formula: KPI_FORMULAS.firstResponse,
      count: k.firstResponse.all.count,
    },
    {
      id: 'resolution',
      label: 'Resolution',
      value: minutes(k.resolution.all.median),
      sub: `p90 ${minutes(k.resolution.all.p90)} · ${k.resolution.all.count} resolved`,
      formula: KPI_FORMULAS.resolution,
      count: k.resolution.all.count,
    },
    {
      id: 'breaches',
      label: `Over ${k.breaches.targetMinutes} min`,
      value: String(k.breaches.count),
      sub: `${percent(k.breaches.rate)} of ${k.breaches.of}`,
      formula: KPI_FORMULAS.breaches,
      count: k.breaches.count,
    },
    {
      id: 'waiting-now',
      label: `Waiting > ${k.waitingNow.targetMinutes} min now`,
      value: String(k.waitingNow.overTarget),
      sub: `${k.waitingNow.waiting} waiting · longest ${minutes(k.waitingNow.longestMinutes)}`,
      formula: KPI_FORMULAS.waitingNow,
      count: k.waitingNow.overTarget,
    },
    {
      id: 'ratio',
      label: 'Solved in public',
      value: percent(k.resolutionRatio.publicShare),
      sub: `${k.resolutionRatio.public} public · ${k.resolutionRatio.private} private`,
      formula: KPI_FORMULAS.resolutionRatio,
      count: k.resolutionRatio.resolved,
    },
    {
      id: 'sentiment',
      label: 'Sentiment change',
      value: signed(k.sentiment.change),
      sub: `${signed(k.sentiment.before)} → ${signed(k.sentiment.after)}`,
      formula: KPI_FORMULAS.sentiment,
      count: k.sentiment.count,
    },
    {
      id: 'csat',
      label: 'CSAT / NPS',
      value: k.surveys.csat === null ? '—' : `${k.surveys.csat}%`,
      sub: `NPS ${k.surveys.nps ?? '—'} · ${k.surveys.csatResponses + k.surveys.npsResponses} answers${k.surveys.asked > 0 ? ` · ${k.surveys.responseRate}% answered (${k.surveys.answered}/${k.surveys.asked} asked)` : ''}`,
      formula: KPI_FORMULAS.surveys,
      count: k.surveys.csatResponses + k.surveys.npsResponses,
    },
    {
      id: 'backlog',
      label: 'Backlog',
      value: String(k.backlog.open),
      sub: `median age ${minutes(k.backlog.medianAgeMinutes)} · oldest ${minutes(k.backlog.oldestAgeMinutes)}`,
      formula: KPI_FORMULAS.backlog,
      count: k.backlog.open,
    },
  ];
  return (
    <section className="care-kpis" data-testid="care-kpis" aria-label={`Care KPIs, ${period}`}>
      <ul className="care-kpis__list">
        {items.map((item) => (
          <li key={item.id} className="care-kpis__item" title={item.formula} data-testid={`kpi-${item.id}`} data-value={item.value} data-count={item.count}>
            <span className="care-kpis__label">{item.label}</span>
            <span className="care-kpis__value">{item.value}</span>
            <span className="care-kpis__sub">{item.sub}</span>
          </li>
        ))}
      </ul>
      <p className="care-kpis__period">
        {period} · {k.conversations} conversations · hover a figure for its formula
      </p>
      {showAgents && k.perAgent.length > 0 && (
        <table className="care-kpis__agents" data-testid="kpi-agents">
          <caption>{k.leaderboard ? 'Leaderboard' : 'Per agent'}</caption>
          <thead>
            <tr>
              <th>Agent</th>
              <th>Conversations</th>
              <th>Resolved</th>
              <th>First response</th>
              <th>Breaches</th>
              <th>CSAT</th>
            </tr>
          </thead>
          <tbody>
            {k.perAgent.map((g) => (
              <tr key={g.key}>
                <td>{g.key}</td>
                <td>{g.conversations}</td>
                <td>{g.resolved}</td>
                <td>{minutes(g.firstResponseMedian)}</td>
                <td>{g.breaches}</td>
                <td>{g.csat === null ? '—' : `${g.csat}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
