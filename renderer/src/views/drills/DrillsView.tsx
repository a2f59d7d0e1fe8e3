import { useState } from 'react';
import { useAction } from '../../data/use-action';
import { useQuery } from '../../data/use-query';
import { useClient } from '../../lib/client-context';
import { downloadText } from '../../lib/download';
import { Button, DataTable, ErrorNotice, Time } from '../../ui';
import { loadOperatorName } from '../../lib/operator-name';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { OperatorNameField } from '../common/OperatorNameField';
import { DrillEditor, type EditorTarget } from './DrillEditor';
import { DrillReportView } from './DrillReportView';
import { RunPanel } from './RunPanel';
import { useDrillState } from './use-drill-state';
import './drills.css';

const SPEEDS = [1, 2, 5, 10] as const;

function minutes(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1)} min`;
}

/** Crisis drills: the scenario library, the running drill, past runs with their reports. */
export function DrillsView() {
  const client = useClient();
  const run = useDrillState();
  const [operator, setOperator] = useState(loadOperatorName);
  // A drill starting or ending (here or in another window) pushes drills.state and changes the runs.
  const library = useQuery('drills.library', {});
  const runs = useQuery('drills.runs', {}, { refreshOn: ['drills.state'] });
  const [confirming, setConfirming] = useState<string | null>(null);
  const [speed, setSpeed] = useState<number>(1);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [openReport, setOpenReport] = useState<number | null>(null);
  const action = useAction<unknown>();
  const scenarios = library.data?.scenarios ?? [];
  const pastRuns = runs.data?.runs ?? [];
  const report = pastRuns.find((r) => r.id === openReport)?.report ?? null;

  const refresh = () => {
    library.reload();
    runs.reload();
  };
  const act = (work: () => Promise<unknown>) => action.run(work, refresh);

  const importFile = (file: File) =>
    action.run(async () => {
      const json = await file.text();
      const saved = await client.call('drills.save', { json });
      if (saved.ok) refresh();
      else setEditing({ mode: 'json', json, errors: saved.errors });
      return saved;
    });

  return (
    <ConsoleFrame current="drills">
      <section className="console__section drills" aria-labelledby="drills-heading">
        <div className="drills__heading">
          <h2 id="drills-heading">Crisis drills</h2>
          <OperatorNameField value={operator} onChange={setOperator} />
        </div>
        <p className="drills__intro">
          A drill injects a scripted crisis into the live war room, tagged as a drill: every wall and view shows a DRILL banner, drill posts never count in KPIs
          or reports, and stopping it removes them. The report times how the team answered.
        </p>
        <ErrorNotice error={action.error ?? library.error ?? runs.error} testId="drills-error" />
        {run && <RunPanel run={run} busy={action.pending} onStop={() => act(() => client.call('drills.stop', { by: operator }))} />}
      </section>

      <section className="console__section" aria-labelledby="library-heading">
        <div className="drills__heading">
          <h2 id="library-heading">Scenario library</h2>
          <div className="drills__tools">
            <Button data-testid="drill-new" onClick={() => setEditing({ mode: 'new' })}>
              New scenario
            </Button>
            <label className="btn drills__import">
              Import JSON…
              <input
                type="file"
                accept="application/json,.json"
                data-testid="drill-import"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  if (file) importFile(file);
                  e.currentTarget.value = '';
                }}
              />
            </label>
          </div>
        </div>
        {editing && (
          <DrillEditor
            target={editing}
            library={scenarios}
            onDone={(saved) => {
              setEditing(null);
              if (saved) library.reload();
            }}
          />
        )}
        <DataTable
          testId="drill-library"
          className="drills__table"
          rows={scenarios}
          rowKey={(e) => e.scenario.id}
          rowTestId={(e) => `drill-row-${e.scenario.id}`}
          columns={[
            {
              key: 'scenario',
              header: 'Scenario',
              cell: ({ scenario: s, builtIn }) => (
                <>
                  <strong>{s.name}</strong>{' '}
                  {builtIn ? <span className="drills__badge">built-in</span> : <span className="drills__badge drills__badge--own">yours</span>}
                  <div className="drills__desc">{s.description}</div>
                </>
              ),
            },
            { key: 'length', header: 'Length', cell: (e) => minutes(e.scenario.durationMinutes) },
            { key: 'posts', header: 'Posts', numeric: true, cell: (e) => e.total },
            {
              key: 'targets',
              header: 'Targets',
              cell: ({ scenario: s }) => (
                <span className="drills__targets">
                  ack ≤ {minutes(s.targets.ackFirstAlertMinutes)} · reply ≤ {minutes(s.targets.firstResponseMinutes)} · ≥{' '}
                  {Math.round(s.targets.respondedShare * 100)}% answered
                </span>
              ),
            },
            {
              key: 'actions',
              header: 'Actions',
              cell: ({ scenario: s, builtIn }) => (
                <div className="drills__actions">
                  {confirming === s.id ? (
                    <span className="drills__confirm" data-testid="drill-confirm">
                      <label>
                        Speed{' '}
                        <select value={speed} data-testid="drill-speed" onChange={(e) => setSpeed(Number(e.currentTarget.value))}>
                          {SPEEDS.map((x) => (
                            <option key={x} value={x}>
                              {x}×
                            </option>
                          ))}
                        </select>
                      </label>
                      <Button
                        variant="danger"
                        data-testid="drill-start-confirm"
                        disabled={action.pending || run !== null}
                        onClick={() => {
                          setConfirming(null);
                          act(() => client.call('drills.start', { scenarioId: s.id, by: operator, speed }));
                        }}
                      >
                        Start drill now
                      </Button>
                      <Button onClick={() => setConfirming(null)}>Cancel</Button>
                    </span>
                  ) : (
                    <Button variant="primary" data-testid={`drill-start-${s.id}`} disabled={run !== null} onClick={() => setConfirming(s.id)}>
                      Start…
                    </Button>
                  )}
                  <Button data-testid={`drill-duplicate-${s.id}`} onClick={() => act(() => client.call('drills.duplicate', { id: s.id }))}>
                    Duplicate
                  </Button>
                  {!builtIn && (
                    <Button data-testid={`drill-edit-${s.id}`} onClick={() => setEditing({ mode: 'edit', scenario: s })}>
                      Edit
                    </Button>
                  )}
                  <Button
                    data-testid={`drill-export-${s.id}`}
                    onClick={() => downloadText(`${s.id}.drill.json`, JSON.stringify(s, null, 2), 'application/json')}
                  >
                    Export
                  </Button>
                  {!builtIn && (
                    <Button
                      variant="danger"
                      data-testid={`drill-delete-${s.id}`}
                      onClick={() => {
                        if (window.confirm(`Delete the scenario "${s.name}"?`)) act(() => client.call('drills.delete', { id: s.id }));
                      }}
                    >
                      Delete
                    </Button>
                  )}
                </div>
              ),
            },
          ]}
        />
      </section>

      <section className="console__section" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Past drills</h2>
        <DataTable
          testId="drill-runs"
          rows={pastRuns}
          rowKey={(r) => r.id}
          rowTestId={(r) => `drill-run-${r.id}`}
          empty={runs.data ? 'No drill has run yet.' : undefined}
          columns={[
            { key: 'scenario', header: 'Scenario', cell: (r) => r.scenarioName },
            { key: 'started', header: 'Started', cell: (r) => <Time ms={r.startedAt} /> },
            { key: 'by', header: 'By', cell: (r) => r.startedBy },
            { key: 'ended', header: 'Ended', cell: (r) => (r.status === 'running' ? 'running' : `${r.status}${r.stoppedBy ? ` by ${r.stoppedBy}` : ''}`) },
            {
              key: 'targets',
              header: 'Targets',
              cell: (r) =>
                r.report?.targets.map((t) => (
                  <span key={t.key} className={`drills__target drills__target--${t.met === null ? 'na' : t.met ? 'met' : 'missed'}`}>
                    {t.met === null ? '–' : t.met ? '✓' : '✗'} {t.label}
                  </span>
                )) ?? null,
            },
            {
              key: 'report',
              header: '',
              cell: (r) =>
                r.report && (
                  <Button data-testid={`drill-report-${r.id}`} onClick={() => setOpenReport(openReport === r.id ? null : r.id)}>
                    {openReport === r.id ? 'Hide report' : 'Report'}
                  </Button>
                ),
            },
          ]}
        />
        {report && <DrillReportView report={report} />}
      </section>
    </ConsoleFrame>
  );
}
