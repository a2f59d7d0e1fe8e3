import { DataTable, EmptyState, Time } from '../../ui';
import { formatDuration, type DrillReport } from '@shared/logic/drills/report';

const after = (ms: number | null): string => (ms === null ? '—' : `+${formatDuration(ms)}`);

/** A drill's report: the targets met or missed, each alert and conversation, who did what. */
export function DrillReportView({ report }: { report: DrillReport }) {
  return (
    <article className="drill-report" data-testid="drill-report">
      <h3>
        {report.scenarioName}: <Time ms={report.startedAt} style="full" /> ({report.ending}, {report.injected} posts injected)
      </h3>
      <DataTable
        rows={report.targets}
        rowKey={(t) => t.key}
        rowTestId={(t) => `drill-target-${t.key}`}
        columns={[
          { key: 'target', header: 'Target', cell: (t) => t.label },
          { key: 'goal', header: 'Goal', cell: (t) => t.target },
          { key: 'actual', header: 'Actual', cell: (t) => t.actual },
          {
            key: 'result',
            header: 'Result',
            cell: (t) => (
              <span className={`drills__target drills__target--${t.met === null ? 'na' : t.met ? 'met' : 'missed'}`}>
                {t.met === null ? 'not judged' : t.met ? 'met' : 'missed'}
              </span>
            ),
          },
        ]}
      />
      <h4>Alerts</h4>
      {report.alerts.length === 0 ? (
        <EmptyState>No alert fired.</EmptyState>
      ) : (
        <ul>
          {report.alerts.map((a) => (
            <li key={a.id}>
              {a.title} ({a.severity}): fired {after(a.firedAfterMs)}, acknowledged{' '}
              {a.acknowledgedAfterMs === null ? 'never' : `${after(a.acknowledgedAfterMs)} by ${a.acknowledgedBy ?? '?'}`}
            </li>
          ))}
        </ul>
      )}
      <h4>Conversations</h4>
      {report.conversations.length === 0 ? (
        <EmptyState>No conversation opened.</EmptyState>
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
        <EmptyState>Nobody acted on the drill.</EmptyState>
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
