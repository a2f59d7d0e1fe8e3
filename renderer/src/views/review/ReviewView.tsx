/**
 * The review console (`#/review`): pick a workspace (the live record, or a read-only copy of
 * another data folder or an incident bundle), pick a period or an incident and replay it here or
 * on a wall; the annotations of that period; the record (what is kept, how much room it takes,
 * for how long).
 */
import { mustUpload } from '../../lib/upload';
import { useState } from 'react';
import type { ReviewResults } from '@shared/contract/areas/review';
import type { Incident } from '@shared/domain/alert';
import { LIVE_WORKSPACE, type WorkspaceInfo } from '@shared/domain/review';
import { useClient } from '../../lib/client-context';
import { useAction } from '../../data/use-action';
import { Button, DataTable, ErrorNotice, formatDayTime as formatReplayShort, Time, toDateTimeInput } from '../../ui';
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
  const replay = useTimeContext();
  const list = useLive<WorkspaceInfo[]>({
    key: 'review.workspaces',
    load: async (client) => (await client.call('review.workspaces.list', {})).workspaces,
    deltas: [{ topic: 'review.workspaces.changed', apply: (_current, payload) => payload.workspaces }],
  });
  const workspaces = list.data;
  const [workspace, setWorkspace] = useState<string>(replay.mode === 'replay' ? replay.workspace : LIVE_WORKSPACE);
  const [period, setPeriod] = useState<Period | null>(replay.mode === 'replay' ? { from: replay.from, to: replay.to, label: 'the current replay' } : null);

  const chosen = workspaces?.find((w) => w.id === workspace) ?? null;
  return (
    <ConsoleFrame current="review">
      <section className="console__section review" data-testid="review-workspaces">
        <h2>Workspace</h2>
        <ErrorNotice error={list.error} />
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
  // The workspaces.changed push that follows removes the closed one from the list.
  const closing = useAction<unknown>();
  return (
    <>
      <DataTable
        className="review__table"
        rows={workspaces}
        rowKey={(w) => w.id}
        rowTestId={() => 'review-workspace-row'}
        rowData={(w) => ({ 'data-workspace-id': w.id })}
        columns={[
          {
            key: 'choose',
            header: '',
            cell: (w) => (
              <input
                type="radio"
                name="workspace"
                checked={w.id === chosen}
                onChange={() => onChoose(w.id)}
                aria-label={`Review ${w.name}`}
                data-testid="review-workspace-choose"
              />
            ),
          },
          {
            key: 'name',
            header: 'Name',
            cell: (w) => (
              <>
                {w.name}
                {w.readOnly && <span className="review__tag">read-only</span>}
              </>
            ),
          },
          { key: 'kind', header: 'Kind', cell: (w) => w.kind },
          { key: 'mentions', header: 'Mentions', numeric: true, cell: (w) => w.mentions.toLocaleString() },
          {
            key: 'recorded',
            header: 'Recorded',
            cell: (w) =>
              w.earliest !== null && w.latest !== null ? (
                <>
                  <Time ms={w.earliest} style="dayTime" /> – <Time ms={w.latest} style="dayTime" />
                </>
              ) : (
                'nothing yet'
              ),
          },
          {
            key: 'origin',
            header: 'Opened from',
            cell: (w) => (
              <span className="review__origin">
                {w.origin ?? '—'}
                {w.checksum && <span title="SHA-256 of the bundle's contents, verified when it was opened"> · checksum {w.checksum.slice(0, 12)}…</span>}
              </span>
            ),
          },
          {
            key: 'close',
            header: '',
            cell: (w) =>
              w.id !== LIVE_WORKSPACE && (
                <Button
                  data-testid="review-workspace-close"
                  busy={closing.pending}
                  onClick={() => {
                    if (w.id === chosen) onChoose(LIVE_WORKSPACE);
                    closing.run(() => client.call('review.workspaces.close', { id: w.id }));
                  }}
                >
                  Close
                </Button>
              ),
          },
        ]}
      />
      <ErrorNotice error={closing.error} />
    </>
  );
}

function OpenFolderForm({ onOpened }: { onOpened: (w: WorkspaceInfo) => void }) {
  const client = useClient();
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const opening = useAction<WorkspaceInfo>();
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
        opening.run(
          async () => (await client.call('review.workspaces.openFolder', { path: path.trim(), ...(name.trim() ? { name: name.trim() } : {}) })).workspace,
          (workspace) => {
            setPath('');
            setName('');
            onOpened(workspace);
          },
        );
      }}
    >
      <label>
        Open another Earshot data folder (read-only copy), by its path on this machine:{' '}
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          maxLength={4096}
          placeholder="/path/to/Earshot data folder"
          data-testid="review-open-path"
        />
      </label>
      <label>
        Name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} placeholder="optional" />
      </label>
      <Button type="submit" variant="primary" disabled={!path.trim()} busy={opening.pending} data-testid="review-open-folder">
        {opening.pending ? 'Opening…' : 'Open folder'}
      </Button>
      <ErrorNotice error={opening.error} testId="review-open-error" />
    </form>
  );
}

function PeriodsSection({
  workspace,
  info,
  period,
  onPeriod,
}: {
  workspace: string;
  info: WorkspaceInfo | null;
  period: Period | null;
  onPeriod: (p: Period) => void;
}) {
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
      <ErrorNotice error={error} />
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
            <Button onClick={() => onPeriod(incidentPeriod(incident))} data-testid="review-incident-pick">
              Pick
            </Button>{' '}
            <span className={`review__sev review__sev--${incident.severity}`}>{incident.severity}</span> {incident.title} ·{' '}
            {formatReplayShort(incident.openedAt)}
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

function CustomPeriod({ earliest, latest, onPeriod }: { earliest: number | null; latest: number | null; onPeriod: (p: Period) => void }) {
  const end = latest ?? Date.now();
  // Until the person types, the fields follow the record's latest six hours; what they type is
  // kept as the record grows (re-mounting on each new mention would wipe it mid-typing).
  const [typedFrom, setFrom] = useState<string | null>(null);
  const [typedTo, setTo] = useState<string | null>(null);
  const from = typedFrom ?? toDateTimeInput(Math.max(earliest ?? end - 6 * HOUR_MS, end - 6 * HOUR_MS));
  const to = typedTo ?? toDateTimeInput(end + 60_000);
  const f = Date.parse(from);
  const t = Date.parse(to);
  const problem =
    !Number.isFinite(f) || !Number.isFinite(t)
      ? 'Both times are needed.'
      : t <= f
        ? 'The end must be after the start.'
        : t - f > MAX_REPLAY_SPAN_MS
          ? 'A replay covers at most 31 days.'
          : null;
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
      <Button type="submit" variant="primary" disabled={problem !== null} data-testid="review-pick-period">
        Pick this period
      </Button>
      {problem && <span className="review__hint">{problem}</span>}
    </form>
  );
}
