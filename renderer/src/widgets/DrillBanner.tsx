import './DrillBanner.css';

export interface DrillBannerProps {
  scenarioName: string;
  /** Scenario time reached and its length, in ms. */
  offsetMs: number;
  durationMs: number;
  startedBy: string;
  injected: number;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Shown on every view and wall while a crisis drill runs: a hazard-striped band along the bottom
 * and a frame around the whole screen, so nobody across the room mistakes drill posts for a real crisis.
 */
export function DrillBanner({ scenarioName, offsetMs, durationMs, startedBy, injected }: DrillBannerProps) {
  return (
    <>
      <div className="drill-frame" aria-hidden="true" />
      <div className="drill-banner" role="status" data-testid="drill-banner">
        <span className="drill-banner__mark">DRILL</span>
        <span className="drill-banner__text">
          Not a real incident · <span data-testid="drill-banner-scenario">{scenarioName}</span>
        </span>
        <span className="drill-banner__meta">
          {clock(Math.min(offsetMs, durationMs))} / {clock(durationMs)} · {injected} drill posts · started by {startedBy}
        </span>
      </div>
    </>
  );
}
