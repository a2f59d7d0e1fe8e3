import { ConsoleFrame } from '../common/ConsoleFrame';
import { useSourceEditorStore, sourceEditorActions } from '../../stores/source-editor';
import { AlertsPanel } from './AlertsPanel';
import { OutboundPanel } from './OutboundPanel';
import { SourceEditor } from './SourceEditor';
import { SourcesTable } from './SourcesTable';
import { ViewLinks } from './ViewLinks';
import { useTimeContext } from '../../replay/time-context';
import { Button } from '../../ui';
import './sources.css';

/** The workstation control view: source health and controls, demo triggers, alert handling. */
export function SourcesView() {
  const target = useSourceEditorStore((s) => s.target);
  const notice = useSourceEditorStore((s) => s.notice);
  const replaying = useTimeContext((s) => s.mode === 'replay');
  if (replaying) return <ReplaySources />;
  return (
    <ConsoleFrame current="sources">
      <ViewLinks />
      <section className="console__section" aria-labelledby="sources-heading">
        <div className="sources-heading">
          <h2 id="sources-heading">Sources</h2>
          <Button variant="primary" data-testid="add-source" disabled={target?.mode === 'create'} onClick={() => sourceEditorActions.openCreate()}>
            Add source
          </Button>
        </div>
        {notice && (
          <div className="call-result sources-notice" role="status" data-testid="sources-notice">
            {notice}
          </div>
        )}
        <SourcesTable />
      </section>
      {/* Keyed so a different source (or a new one) always starts from a fresh form. */}
      {target && <SourceEditor key={target.mode === 'edit' ? target.id : 'create'} target={target} />}
      <section className="console__section" aria-label="Source health in words">
        <p className="source-sub sources-legend">
          A source is <strong>stale</strong> when nothing succeeded for 3 of its intervals (at least 30 s). <strong>Rate</strong> counts mentions stored per
          minute over the last 5 minutes; <strong>lag</strong> is how long ago its newest stored mention was published. A platform that answers “too many
          requests” is left alone for exactly as long as it asks (1 s to 1 h) and shows as <strong>rate-limited</strong> until then. Tokens and keys never leave
          the core: the form shows only whether one is stored.
        </p>
      </section>
      <OutboundPanel />
      <section className="console__section" aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Open alerts</h2>
        <AlertsPanel />
      </section>
    </ConsoleFrame>
  );
}

/**
 * In replay: each source as the war room saw it at the moment (the sources query asks
 * `review.sources` then), from its deliveries and its recorded failures, rate limits and pauses.
 * Adding, editing, pausing and the alert actions act on the live war room, so they are not here.
 */
function ReplaySources() {
  return (
    <ConsoleFrame current="sources">
      <section className="console__section" aria-labelledby="sources-heading" data-testid="sources-replay">
        <h2 id="sources-heading">Sources at the replayed moment</h2>
        <p className="source-sub">
          What each source had delivered by then and its recorded condition: failing (with its error and failures in a row), rate-limited until the time the
          platform asked for, paused. Poll times are not recorded, so the last success shown is the last delivery. Adding, editing and pausing are live-only.
        </p>
        <SourcesTable readOnly />
      </section>
    </ConsoleFrame>
  );
}
