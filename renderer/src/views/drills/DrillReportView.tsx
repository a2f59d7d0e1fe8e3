import { formatDuration, type DrillReport } from '../../../../shared/logic/drills/report';

const after = (ms: number | null): string => (ms === null ? '—' : `+${formatDuration(ms)}`);

/** A drill's report: the targets met or missed, each alert and conversation, who did what. */
export function DrillReportView({ report }: { report: DrillReport }) {
  return (
    <article className="drill-report" data-testid="drill-report">
      <h3>
        {report.scenarioName}: {new Date(report.startedAt).toLocaleString()} ({report.ending}, {report.injected} posts injected)
      </h3>
      <table className="sources-table">
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Goal</th>
            <th scope="col">Actual</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {report.targets.map((t) => (
            <tr key={t.key} data-testid={`drill-target-${t.key}`}>
              <td>{t.label}</td>
              <td>{t.target}</td>
              <td>{t.actual}</td>
              <td className={`drills__target drills__target--${t.met === null ? 'na' : t.met ? 'met' : 'missed'}`}>{t.met === null ? 'not judged' : t.met ? 'met' : 'missed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Alerts</h4>
      {report.alerts.length === 0 ? (
        <p className="console__empty">No alert fired.</p>
      ) : (
        <ul>
          {report.alerts.map((a) => (
            <li key={a.id}>
              {a.title} ({a.severity}): fired {after(a.firedAfterMs)}, acknowledged {a.acknowledgedAfterMs === null ? 'never' : `${after(a.acknowledgedAfterMs)} by ${a.acknowledgedBy ?? '?'}`}
            </li>
          ))}
        </ul>
      )}
      <h4>Conversations</h4>
      {report.conversations.length === 0 ? (
        <p className="console__empty">No conversation opened.</p>
      ) : (
        <p>
          {report.conversations.filter((c) => c.firstResponseMs !== null).length} of {report.conversations.length} answered.{' '}
          {report.conversations
            .filter((c) => c.firstResponseMs !== null)
            .slice(0, 20)
            .map((c) => `@${c.author} in ${formatDuration(c.firstResponseMs!)} by ${c.respondedBy ?? '?'}`)
            .join(' · ')}
        </p>
      )}
      <h4>Who did what</h4>
      {report.people.length === 0 ? (
        <p className="console__empty">Nobody acted on the drill.</p>
      ) : (
        <ul>
          {report.people.map((p) => (
            <li key={p.actor}>
              {p.actor}: {p.alertActions} alert actions, {p.careActions} care actions
            </li>
          ))}
        </ul>
      )}
      {report.actions.length > 0 && (
        <details>
          <summary>Timeline of actions ({report.actions.length})</summary>
          <ol>
            {report.actions.slice(0, 200).map((a, i) => (
              <li key={i}>
                {after(a.afterMs)} {a.actor} · {a.on} {a.action}
                {a.detail ? `: ${a.detail}` : ''}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
