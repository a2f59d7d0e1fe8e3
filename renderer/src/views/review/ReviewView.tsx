/**
 * The review console (`#/review`): pick a workspace (the live record, or a read-only copy of
 * another data folder or an incident bundle), pick a period or an incident and replay it here or
 * on a wall; the annotations of that period; the record (what is kept, how much room it takes,
 * for how long).
 */
import { mustUpload } from '../../lib/upload';
import { useEffect, useState } from 'react';
import type { ReviewResults } from '../../../../shared/contract/areas/review';
import type { Incident } from '../../../../shared/domain/alert';
import { LIVE_WORKSPACE, type WorkspaceInfo } from '../../../../shared/domain/review';
import { useClient } from '../../lib/client-context';
import { errorMessage } from '../../lib/error-message';
import { formatReplayShort } from '../../replay/format';
import { MAX_REPLAY_SPAN_MS, replayHash, useTimeContext } from '../../replay/time-context';
import { ConsoleFrame } from '../common/ConsoleFrame';
import { useLive } from '../../data/use-live';
import { AnnotationsSection } from './AnnotationsSection';
import { RecordPanel } from './RecordPanel';
import { BundlePanel } from './bundles/BundlePanel';
import './review.css';

const HOUR_MS = 3_600_000;

export interface Period {
  from: number;
  to: number;
  label: string;
  /** Set when the period is an incident's (bundles then export that incident). */
  incidentId?: number | null;
  topicId?: number | null;
}

/** An incident's replay period: an hour before it opened to an hour after it ended. */
export function incidentPeriod(incident: Incident): Period {
  const from = incident.openedAt - HOUR_MS;
  const to = Math.min((incident.resolvedAt ?? incident.lastAt) + HOUR_MS, from + MAX_REPLAY_SPAN_MS);
  return { from, to, label: incident.title, incidentId: incident.id, topicId: incident.topicId };
}

export function ReviewView() {
  const client = useClient();
  const replay = useTimeContext();
  const [workspaces, setWorkspaces] = useState<WorkspaceInfo[] | null>(null);
  const [workspace, setWorkspace] = useState<string>(replay.mode === 'replay' ? replay.workspace : LIVE_WORKSPACE);
  const [error, setError] = useState<string | null>(null);
  const [period, setPeriod] = useState<Period | null>(replay.mode === 'replay' ? { from: replay.from, to: replay.to, label: 'the current replay' } : null);

  useEffect(() => {
    const load = () =>
      client.call('review.workspaces.list', {}).then(
        (r) => setWorkspaces(r.workspaces),
        (e: unknown) => setError(errorMessage(e)),
      );
    const disposers = [client.onHello(load), client.subscribe('review.workspaces.changed', (p) => setWorkspaces(p.workspaces))];
    return () => disposers.forEach((d) => d());
  }, [client]);

  const chosen = workspaces?.find((w) => w.id === workspace) ?? null;
  return (
    <ConsoleFrame current="review">
      <section className="console__section review" data-testid="review-workspaces">
        <h2>Workspace</h2>
        {error && (
          <p className="review__error" role="alert">
            {error}
          </p>
        )}
        <WorkspaceList workspaces={workspaces ?? []} chosen={workspace} onChoose={(id) => (setWorkspace(id), setPeriod(null))} />
        <OpenFolderForm onOpened={(w) => (setWorkspace(w.id), setPeriod(null))} />
      </section>
      <PeriodsSection key={workspace} workspace={workspace} info={chosen} period={period} onPeriod={setPeriod} />
      {period && <AnnotationsSection workspace={workspace} period={period} />}
      <RecordPanel />
      <BundlePanel workspace={workspace} selection={period} onImported={(w) => (setWorkspace(w.id), setPeriod(null))} />
    </ConsoleFrame>
  );
}

function WorkspaceList({ workspaces, chosen, onChoose }: { workspaces: WorkspaceInfo[]; chosen: string; onChoose: (id: string) => void }) {
  const client = useClient();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <table className="review__table">
        <thead>
          <tr>
            <th></th>
            <th>Name</th>
            <th>Kind</th>
            <th>Mentions</th>
            <th>Recorded</th>
            <th>Opened from</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {workspaces.map((w) => (
            <tr key={w.id} data-testid="review-workspace-row" data-workspace-id={w.id}>
              <td>
                <input type="radio" name="workspace" checked={w.id === chosen} onChange={() => onChoose(w.id)} aria-label={`Review ${w.name}`} data-testid="review-workspace-choose" />
              </td>
              <td>
                {w.name}
                {w.readOnly && <span className="review__tag">read-only</span>}
              </td>
              <td>{w.kind}</td>
              <td>{w.mentions.toLocaleString()}</td>
              <td>{w.earliest !== null && w.latest !== null ? `${formatReplayShort(w.earliest)} – ${formatReplayShort(w.latest)}` : 'nothing yet'}</td>
              <td className="review__origin">
                {w.origin ?? '—'}
                {w.checksum && <div title="SHA-256 of the bundle's contents, verified when it was opened">checksum {w.checksum.slice(0, 12)}…</div>}
              </td>
              <td>
                {w.id !== LIVE_WORKSPACE && (
                  <button
                    type="button"
                    data-testid="review-workspace-close"
                    onClick={() => {
                      if (w.id === chosen) onChoose(LIVE_WORKSPACE);
                      client.call('review.workspaces.close', { id: w.id }).catch((e: unknown) => setError(errorMessage(e)));
                    }}
                  >
                    close
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p className="review__error">{error}</p>}
    </>
  );
}

function OpenFolderForm({ onOpened }: { onOpened: (w: WorkspaceInfo) => void }) {
  const client = useClient();
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [state, setState] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  // A browser cannot name folders on the hub (only the hub's own window can): bundles travel instead.
  if (mustUpload()) {
    return (
      <p className="review__hint" data-testid="review-open-remote">
        Another data folder can be opened in the hub's own window. From here, export a bundle in that data folder and import the bundle below.
      </p>
    );
  }
  return (
    <form
      className="review__form"
      onSubmit={(e) => {
        e.preventDefault();
        setState({ pending: true, error: null });
        client.call('review.workspaces.openFolder', { path: path.trim(), ...(name.trim() ? { name: name.trim() } : {}) }).then(
          (r) => {
            setState({ pending: false, error: null });
            setPath('');
            setName('');
            onOpened(r.workspace);
          },
          (err: unknown) => setState({ pending: false, error: errorMessage(err) }),
        );
      }}
    >
      <label>
        Open another Earshot data folder (read-only copy), by its path on this machine:{' '}
        <input value={path} onChange={(e) => setPath(e.target.value)} maxLength={4096} placeholder="/path/to/Earshot data folder" data-testid="review-open-path" />
      </label>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="optional" />
      </label>
      <button type="submit" disabled={!path.trim() || state.pending} data-testid="review-open-folder">
        {state.pending ? 'Opening…' : 'Open folder'}
      </button>
      {state.error && (
        <p className="review__error" role="alert" data-testid="review-open-error">
          {state.error}
        </p>
      )}
    </form>
  );
}

function PeriodsSection({ workspace, info, period, onPeriod }: { workspace: string; info: WorkspaceInfo | null; period: Period | null; onPeriod: (p: Period) => void }) {
  // Loaded once connected (and again after a reconnect): a call made before the socket opened
  // would fail once and leave the list empty.
  const { data: periods, error } = useLive<ReviewResults['review.periods']>({
    key: `review.periods:${workspace}`,
    load: (client) => client.call('review.periods', { workspace, limit: 100 }),
  });
  const [display, setDisplay] = useState('main');

  const links = (p: Period) => {
    const ctx = { mode: 'replay' as const, workspace, from: p.from, to: p.to, at: p.from };
    return {
      here: replayHash('overview', ctx),
      wallHere: replayHash('wall', ctx, { display }),
      wall: `${window.location.href.split('#')[0] ?? ''}${replayHash('wall', ctx, { display })}`,
    };
  };
  const chosen = period ? links(period) : null;
  const inDesktopApp = window.earshotBridge !== undefined;
  return (
    <section className="console__section review" data-testid="review-periods">
      <h2>What to replay{info ? ` in ${info.name}` : ''}</h2>
      {error && <p className="review__error">{error}</p>}
      {periods && (
        <p>
          Recorded:{' '}
          {periods.earliest !== null && periods.latest !== null ? (
            <>
              {formatReplayShort(periods.earliest)} – {formatReplayShort(periods.latest)}
            </>
          ) : (
            'nothing yet'
          )}
        </p>
      )}
      <CustomPeriod earliest={periods?.earliest ?? null} latest={periods?.latest ?? null} onPeriod={onPeriod} />
      <h3>Incidents</h3>
      <ul className="review__incidents">
        {(periods?.incidents ?? []).map((incident) => (
          <li key={incident.id} data-testid="review-incident">
            <button type="button" onClick={() => onPeriod(incidentPeriod(incident))} data-testid="review-incident-pick">
              pick
            </button>{' '}
            <span className={`review__sev review__sev--${incident.severity}`}>{incident.severity}</span> {incident.title} · {formatReplayShort(incident.openedAt)}
            {incident.resolvedAt !== null ? ` – ${formatReplayShort(incident.resolvedAt)}` : ' (open)'}
          </li>
        ))}
        {periods && periods.incidents.length === 0 && <li>No incidents recorded.</li>}
      </ul>
      {period && chosen && (
        <div className="review__go" data-testid="review-chosen-period" data-from={period.from} data-to={period.to}>
          <p>
            Period: <strong>{period.label}</strong>, {formatReplayShort(period.from)} – {formatReplayShort(period.to)}
          </p>
          <a href={chosen.here} className="review__button" data-testid="review-replay-here">
            Replay in this window
          </a>
          <label>
            Wall display <input value={display} onChange={(e) => setDisplay(e.target.value)} maxLength={64} data-testid="review-display" />
          </label>
          <a href={chosen.wallHere} className="review__button" data-testid="review-replay-wall-here">
            Replay the wall in this window
          </a>
          {/* The desktop app opens no windows from links (hardening): there, a window becomes the replaying wall. */}
          {!inDesktopApp && (
            <a href={chosen.wall} target="_blank" rel="noopener noreferrer" className="review__button" data-testid="review-replay-wall">
              Open a wall in replay ↗
            </a>
          )}
          <code className="review__origin" data-testid="review-replay-link">
            {chosen.wall}
          </code>
        </div>
      )}
    </section>
  );
}

function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function CustomPeriod({ earliest, latest, onPeriod }: { earliest: number | null; latest: number | null; onPeriod: (p: Period) => void }) {
  const end = latest ?? Date.now();
  // Until the person types, the fields follow the record's latest six hours; what they type is
  // kept as the record grows (re-mounting on each new mention would wipe it mid-typing).
  const [typedFrom, setFrom] = useState<string | null>(null);
  const [typedTo, setTo] = useState<string | null>(null);
  const from = typedFrom ?? toLocalInput(Math.max(earliest ?? end - 6 * HOUR_MS, end - 6 * HOUR_MS));
  const to = typedTo ?? toLocalInput(end + 60_000);
  const f = Date.parse(from);
  const t = Date.parse(to);
  const problem = !Number.isFinite(f) || !Number.isFinite(t) ? 'Both times are needed.' : t <= f ? 'The end must be after the start.' : t - f > MAX_REPLAY_SPAN_MS ? 'A replay covers at most 31 days.' : null;
  return (
    <form
      className="review__form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!problem) onPeriod({ from: f, to: t, label: 'a chosen period' });
      }}
    >
      <label>
        From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="review-from" />
      </label>
      <label>
        to <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} data-testid="review-to" />
      </label>
      <button type="submit" disabled={problem !== null} data-testid="review-pick-period">
        Pick this period
      </button>
      {problem && <span className="review__hint">{problem}</span>}
    </form>
  );
}
