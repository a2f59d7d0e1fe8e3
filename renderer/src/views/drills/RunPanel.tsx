import { Button, Time } from '../../ui';
import type { DrillRunState } from '@shared/contract/areas/drills';

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The running drill: where it is in its script, what it has injected and raised so far, and Stop. */
export function RunPanel({ run, busy, onStop }: { run: DrillRunState; busy: boolean; onStop: () => void }) {
  const share = Math.min(1, run.offsetMs / run.durationMs);
  return (
    <div className="drill-run" data-testid="drill-running">
      <div className="drill-run__title">
        <strong>{run.scenarioName}</strong> is running · started by {run.startedBy} at <Time ms={run.startedAt} style="hms" />
        {run.speed !== 1 ? ` · ${run.speed}× speed` : ''}
      </div>
      <div className="drill-run__bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)}>
        <div className="drill-run__fill" style={{ width: `${share * 100}%` }} />
      </div>
      <dl className="drill-run__facts">
        <div>
          <dt>Script</dt>
          <dd>
            {clock(Math.min(run.offsetMs, run.durationMs))} / {clock(run.durationMs)}
          </dd>
        </div>
        <div>
          <dt>Waves now</dt>
          <dd>{run.activeWaves.length > 0 ? run.activeWaves.join(', ') : run.offsetMs >= run.durationMs ? 'done (grace period)' : 'none'}</dd>
        </div>
        <div>
          <dt>Posts injected</dt>
          <dd data-testid="drill-injected">
            {run.injected} of {run.total}
          </dd>
        </div>
        <div>
          <dt>Alerts so far</dt>
          <dd data-testid="drill-alerts">{run.alerts}</dd>
        </div>
        <div>
          <dt>Conversations</dt>
          <dd>{run.conversations}</dd>
        </div>
        <div>
          <dt>Ends by itself</dt>
          <dd>
            <Time ms={run.endsAt} style="hms" />
          </dd>
        </div>
      </dl>
      <Button variant="danger" data-testid="drill-stop" busy={busy} onClick={onStop}>
        Stop drill and remove its posts
      </Button>
    </div>
  );
}
