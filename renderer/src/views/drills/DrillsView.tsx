import { useCallback, useState } from 'react';
import type { DrillRunRecord, DrillScenarioEntry } from '../../../../shared/contract/areas/drills';
import { useLive } from '../../data/use-live';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { loadOperatorName } from '../../lib/operator-name';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { OperatorNameField } from '../common/OperatorNameField';
import { DrillEditor, type EditorTarget } from './DrillEditor';
import { DrillReportView } from './DrillReportView';
import { RunPanel } from './RunPanel';
import { useDrillState } from './use-drill-state';
import '../sources/sources.css';
import './drills.css';

const SPEEDS = [1, 2, 5, 10] as const;

function minutes(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1)} min`;
}

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Crisis drills: the scenario library, the running drill, past runs with their reports. */
export function DrillsView() {
  const client = useClient();
  const run = useDrillState();
  const [operator, setOperator] = useState(loadOperatorName);
  // Read through the one query hook: it loads once the socket is open and again on every hello,
  // so a call made before the connection can never leave a stale "not connected" on screen.
  const [version, setVersion] = useState(0);
  // A drill starting or ending (here or in another window) changes the runs list.
  const runId = run?.id ?? null;
  const libraryQuery = useLive<DrillScenarioEntry[]>({ key: `drills.library:${version}`, load: async (c) => (await c.call('drills.library', {})).scenarios });
  const runsQuery = useLive<DrillRunRecord[]>({ key: `drills.runs:${version}:${runId}`, load: async (c) => (await c.call('drills.runs', {})).runs });
  const library = libraryQuery.data ?? [];
  const runs = runsQuery.data ?? [];
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? libraryQuery.error ?? runsQuery.error;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [speed, setSpeed] = useState<number>(1);
  const [editing, setEditing] = useState<EditorTarget | null>(null);
  const [openReport, setOpenReport] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const act = (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    work().then(
      () => {
        setBusy(false);
        refresh();
      },
      (e: unknown) => {
        setBusy(false);
        setError(errorMessage(e));
      },
    );
  };

  const importFile = (file: File) => {
    file.text().then(
      (json) =>
        client.call('drills.save', { json }).then((r) => {
          if (r.ok) {
            refresh();
            setError(null);
          } else {
            setEditing({ mode: 'json', json, errors: r.errors });
          }
        }),
      (e: unknown) => setError(errorMessage(e)),
    ).catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <ConsoleFrame current="drills">
      <section className="console__section drills" aria-labelledby="drills-heading">
        <div className="drills__heading">
          <h2 id="drills-heading">Crisis drills</h2>
          <OperatorNameField value={operator} onChange={setOperator} />
        </div>
        <p className="drills__intro">
          A drill injects a scripted crisis into the live war room, tagged as a drill: every wall and view shows a DRILL banner, drill posts never count in
          KPIs or reports, and stopping it removes them. The report times how the team answered.
        </p>
        {error && (
          <div className="call-error" role="alert" data-testid="drills-error">
            {error}
          </div>
        )}
        {run && <RunPanel run={run} busy={busy} onStop={() => act(() => client.call('drills.stop', { by: operator }))} />}
      </section>

      <section className="console__section" aria-labelledby="library-heading">
        <div className="drills__heading">
          <h2 id="library-heading">Scenario library</h2>
          <div className="drills__tools">
            <button type="button" className="btn" data-testid="drill-new" onClick={() => setEditing({ mode: 'new' })}>
              New scenario
            </button>
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
            library={library}
            onDone={(saved) => {
              setEditing(null);
              if (saved) refresh();
            }}
          />
        )}
        <div className="console__table-wrap">
          <table className="sources-table drills__table" data-testid="drill-library">
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">Length</th>
                <th scope="col" className="num">Posts</th>
                <th scope="col">Targets</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {library.map(({ scenario: s, builtIn, total }) => (
                <tr key={s.id} data-testid={`drill-row-${s.id}`}>
                  <td>
                    <strong>{s.name}</strong> {builtIn ? <span className="drills__badge">built-in</span> : <span className="drills__badge drills__badge--own">yours</span>}
                    <div className="drills__desc">{s.description}</div>
                  </td>
                  <td>{minutes(s.durationMinutes)}</td>
                  <td className="num">{total}</td>
                  <td className="drills__targets">
                    ack ≤ {minutes(s.targets.ackFirstAlertMinutes)} · reply ≤ {minutes(s.targets.firstResponseMinutes)} · ≥ {Math.round(s.targets.respondedShare * 100)}% answered
                  </td>
                  <td>
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
                          <button
                            type="button"
                            className="btn btn--danger"
                            data-testid="drill-start-confirm"
                            disabled={busy || run !== null}
                            onClick={() => {
                              setConfirming(null);
                              act(() => client.call('drills.start', { scenarioId: s.id, by: operator, speed }));
                            }}
                          >
                            Start drill now
                          </button>
                          <button type="button" className="btn" onClick={() => setConfirming(null)}>
                            Cancel
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="btn btn--primary" data-testid={`drill-start-${s.id}`} disabled={run !== null} onClick={() => setConfirming(s.id)}>
                          Start…
                        </button>
                      )}
                      <button type="button" className="btn" data-testid={`drill-duplicate-${s.id}`} onClick={() => act(() => client.call('drills.duplicate', { id: s.id }))}>
                        Duplicate
                      </button>
                      {!builtIn && (
                        <button type="button" className="btn" data-testid={`drill-edit-${s.id}`} onClick={() => setEditing({ mode: 'edit', scenario: s })}>
                          Edit
                        </button>
                      )}
                      <button type="button" className="btn" data-testid={`drill-export-${s.id}`} onClick={() => download(`${s.id}.drill.json`, JSON.stringify(s, null, 2))}>
                        Export
                      </button>
                      {!builtIn && (
                        <button
                          type="button"
                          className="btn btn--danger"
                          data-testid={`drill-delete-${s.id}`}
                          onClick={() => {
                            if (window.confirm(`Delete the scenario "${s.name}"?`)) act(() => client.call('drills.delete', { id: s.id }));
                          }}
                        >
                          Delete
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="console__section" aria-labelledby="runs-heading">
        <h2 id="runs-heading">Past drills</h2>
        {runs.length === 0 && <p className="console__empty">No drill has run yet.</p>}
        {runs.length > 0 && (
          <div className="console__table-wrap">
            <table className="sources-table" data-testid="drill-runs">
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Started</th>
                  <th scope="col">By</th>
                  <th scope="col">Ended</th>
                  <th scope="col">Targets</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id} data-testid={`drill-run-${r.id}`}>
                    <td>{r.scenarioName}</td>
                    <td>{new Date(r.startedAt).toLocaleString()}</td>
                    <td>{r.startedBy}</td>
                    <td>{r.status === 'running' ? 'running' : `${r.status}${r.stoppedBy ? ` by ${r.stoppedBy}` : ''}`}</td>
                    <td>
                      {r.report
                        ? r.report.targets.map((t) => (
                            <span key={t.key} className={`drills__target drills__target--${t.met === null ? 'na' : t.met ? 'met' : 'missed'}`}>
                              {t.met === null ? '–' : t.met ? '✓' : '✗'} {t.label}
                            </span>
                          ))
                        : null}
                    </td>
                    <td>
                      {r.report && (
                        <button type="button" className="btn" data-testid={`drill-report-${r.id}`} onClick={() => setOpenReport(openReport === r.id ? null : r.id)}>
                          {openReport === r.id ? 'Hide report' : 'Report'}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {openReport !== null && runs.find((r) => r.id === openReport)?.report && <DrillReportView report={runs.find((r) => r.id === openReport)!.report!} />}
      </section>
    </ConsoleFrame>
  );
}
